"""The `date` filter every template uses, in place of Django's (a builtin: settings.TEMPLATES),
so that a Thai page's dates carry the Buddhist year without a template changing
(freedomstory/core/dates.py)."""

from django import template
from django.utils.dateformat import format as format_date_or_time

from freedomstory.core.dates import date_format

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `date` filter, through the site's one date_format."""
    if value in (None, ""):
        return ""
    try:
        return date_format(value, arg)
    except AttributeError:
        try:
            return format_date_or_time(value, arg)
        except AttributeError:
            return ""
