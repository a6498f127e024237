"""How dates and numbers read in Thai on this site: "4 กุมภาพันธ์ 2564", as Thai readers write them.

The year here is written with `Y`, as in any format; freedomstory/core/dates.py turns it into
the Buddhist-era year (Gregorian + 543) when a Thai page prints a date, since Django's formats
know only the Gregorian year. What is not set here falls back to Django's Thai formats.
"""

DATE_FORMAT = "j F Y"
# "4 กุมภาพันธ์ 2564 เวลา 10:00 น.": a 24-hour clock with น. (นาฬิกา), as Thai notices give times.
DATETIME_FORMAT = "j F Y เวลา H:i น."
TIME_FORMAT = "H:i น."
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
# Where room is short: "4 ก.พ. 2564, 10:00".
SHORT_DATETIME_FORMAT = "j M Y, H:i"

# Thai readers group and separate digits as English does: 1,250.50.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
