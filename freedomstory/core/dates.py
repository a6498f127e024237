"""The one way a date is written for people: the active language's format, and on Thai pages
the Buddhist-era year ("4 กุมภาพันธ์ 2564" for February 4, 2021).

Django's date formats know only the Gregorian year. Rather than a pattern per template, the
resolved format has each unescaped `Y` (and `y`) replaced by the Buddhist year, escaped so Django
prints it as it is. Templates get this through the `date` filter registered as a builtin
(settings.TEMPLATES), which replaces Django's own; Python code that writes a date for a page or
an e-mail calls `date_format` here. Machine dates (`c`, `r`, `U`: ISO 8601 in datetime attributes,
feeds) contain no `Y` and stay Gregorian, as every other reader of them expects.
"""

import re

from django.utils import formats, translation
from django.utils.dateformat import format as format_date_or_time

# The Buddhist era (พุทธศักราช) counts from 543 BCE: 2021 is 2564.
BUDDHIST_ERA_OFFSET = 543
LANGUAGES_WITH_BUDDHIST_YEARS = {"th"}
# django.utils.dateformat's own rule for a format character (its re_formatchars), for Y and y.
UNESCAPED_YEAR = re.compile(r"(?<!\\)[Yy]")


def date_format(value, format=None, use_l10n=None):
    """Like django.utils.formats.date_format, with the Buddhist year in Thai."""
    pattern = formats.get_format(format or "DATE_FORMAT", use_l10n=use_l10n)
    if translation.get_language() in LANGUAGES_WITH_BUDDHIST_YEARS:
        pattern = with_buddhist_year(pattern, value.year)
    return format_date_or_time(value, pattern)


def with_buddhist_year(pattern, gregorian_year):
    """`pattern` with each unescaped Y (four digits) and y (two) replaced by the Buddhist year,
    escaped; `\\Y` stays a letter. "Unescaped" as Django's dateformat reads it: not right after
    a backslash."""
    year = str(gregorian_year + BUDDHIST_ERA_OFFSET)
    written = {"Y": _escaped(year), "y": _escaped(year[-2:])}
    return UNESCAPED_YEAR.sub(lambda match: written[match[0]], pattern)


def _escaped(text):
    return "".join("\\" + character for character in text)
