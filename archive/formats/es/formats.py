# “11 de febrero de 2025”.
DATE_FORMAT = r"j \d\e F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
