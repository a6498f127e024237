"""The page in the other language: the header's switcher and the `hreflang` alternates.

Both read only the address (and the item a page shows, `translation_of` in its context), so a
shared cached page carries them unchanged for every visitor.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

from freedomstory.core.languages import is_translated, languages_of, page_address

register = template.Library()


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    current = translation.get_language()
    others = []
    if request is not None:
        for code, name in settings.LANGUAGES:
            if code != current:
                others.append({"code": code, "name": name, "url": page_address(request, code)})
    return {"others": others}


@register.inclusion_tag("core/language_alternates.html", takes_context=True)
def language_alternates(context):
    """`<link rel="alternate" hreflang>` for each language the page can really be read in;
    none when that is only one (an item not yet translated)."""
    request = context.get("request")
    item = context.get("translation_of")
    if request is None:
        return {"alternates": []}
    codes = languages_of(item)
    if len(codes) < 2:
        return {"alternates": []}
    alternates = [
        {"hreflang": code, "href": settings.SITE_URL + page_address(request, code)}
        for code in codes
    ]
    default = settings.SITE_URL + page_address(request, settings.LANGUAGE_CODE)
    alternates.append({"hreflang": "x-default", "href": default})
    return {"alternates": alternates}


@register.simple_tag
def lang_of(item):
    """` lang="en"` on the element holding `item`'s text when the page shows it in English for
    want of a translation (screen readers switch voice; the crawl of Thai pages skips it)."""
    if is_translated(item):
        return ""
    return format_html(' lang="{}"', settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


@register.filter
def untranslated(item):
    """Whether the page shows `item` in English for want of a translation into its language."""
    return not is_translated(item)
