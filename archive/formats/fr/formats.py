# “11 février 2025”; thousands with a narrow no-break space, as French typography wants.
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
