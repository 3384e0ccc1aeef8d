"""HTML written in Python, for the rows a page repeats (the home page's timeline, an
edition page's sourced items, the search's results): values escaped as the template
engine escapes them, for less.

Django's conditional_escape() and format_html() first check every value for lazy text,
and that check costs more than the escaping itself; a row of a dozen values pays it a
dozen times. Rows are plain format strings filled with escaped() values instead.
"""

from html import escape


def escaped(value) -> str:
    """Return a value as HTML: escaped unless it is already HTML (conditional_escape(),
    without its lazy text check: lazy text is turned into the active language's)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))
