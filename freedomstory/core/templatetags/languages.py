"""The page in the other language: the header's switcher and the `hreflang` alternates.

Both read only the address (and the item a page shows, `translation_of` in its context), so a
shared cached page carries them unchanged for every visitor.
"""

from django import template
from django.conf import settings
from django.utils import translation

from freedomstory.core.languages import address_in, is_translated, language_codes

register = template.Library()


def _address(request, language):
    query = getattr(request, "canonical_query", "")
    return address_in(request.path, language) + (f"?{query}" if query else "")


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    current = translation.get_language()
    others = []
    if request is not None:
        for code, name in settings.LANGUAGES:
            if code != current:
                others.append({"code": code, "name": name, "url": _address(request, code)})
    return {"others": others}


@register.inclusion_tag("core/language_alternates.html", takes_context=True)
def language_alternates(context):
    """`<link rel="alternate" hreflang>` for each language the page can really be read in;
    none when that is only one (an item not yet translated)."""
    request = context.get("request")
    item = context.get("translation_of")
    if request is None:
        return {"alternates": []}
    codes = [code for code in language_codes() if is_translated(item, code)]
    if len(codes) < 2:
        return {"alternates": []}
    alternates = [
        {"hreflang": code, "href": settings.SITE_URL + _address(request, code)} for code in codes
    ]
    default = settings.SITE_URL + _address(request, settings.LANGUAGE_CODE)
    alternates.append({"hreflang": "x-default", "href": default})
    return {"alternates": alternates}
