# “11 فبراير 2025”, Western digits as INTERPOL's Arabic pages write them.
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
