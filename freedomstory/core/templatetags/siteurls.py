from django import template

from freedomstory.core.siteurl import absolute as absolute_address

register = template.Library()


@register.filter
def absolute(path):
    """ "/media/x.jpg" → "https://example.org/media/x.jpg", from SITE_URL (never the request)."""
    return absolute_address(path)
