"""CSV cells a spreadsheet will not run as formulas (OWASP's CSV injection advice)."""

# A cell that begins with one of these is read as a formula by Excel, LibreOffice and
# Google Sheets ("=HYPERLINK(…)", "+1+cmd|…", "@SUM(…)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """Return a text cell that cannot start a formula: a leading apostrophe if it could."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
