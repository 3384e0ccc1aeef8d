"""Dates and numbers as the archive writes them in each language (FORMAT_MODULE_PATH).

Only what differs from Django's own formats for the language: day before month in
English (“11 February 2025”), a comma for thousands in Arabic written with Western digits.
"""
