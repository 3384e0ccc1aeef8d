# “11 February 2025”, as the reports write dates.
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
