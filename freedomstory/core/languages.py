"""Which language a page speaks, and what exists in the other one.

The address alone decides the language: `/th/…` is Thai, every other address English (Django's
`i18n_patterns` without a prefix for the default language, freedomstory/urls.py). No cookie or
`Accept-Language` header ever changes it, so a page's path is enough to key the shared page cache
and no response needs `Vary: Accept-Language` (which would also keep it out of that cache).

Content is translated per field (django-modeltranslation, each app's translation.py). An item
counts as translated into a language when every field its registration names in
`shown_translated_when` has text in that language; until then its page in that language shows the
English with a note, and sends no `hreflang` for it.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator


class LanguageFromAddressMiddleware:
    """Activates the address's language for the request (Django's LocaleMiddleware would read
    a cookie or `Accept-Language` for addresses outside i18n_patterns, and add a Vary)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = address_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def address_language(path):
    """The language an address speaks: /th/… Thai, any other the default (English)."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def is_translated(item, language=None):
    """Whether `item` has its reader-facing text in `language` (the active one by default).

    Everything is "translated" into the default language: that is what the fallback shows.
    """
    language = language or translation.get_language()
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE or item is None:
        return True
    try:
        options = translator.get_options_for_model(type(item))
    except NotRegistered:
        return True
    needed = getattr(options, "shown_translated_when", ())
    return all(_has_text(getattr(item, f"{name}_{language}", None)) for name in needed)


def _has_text(value):
    return bool(value and str(value).strip())


def languages_of(item):
    """The languages `item` can be read in: the default one and each it is translated into."""
    return [code for code in language_codes() if is_translated(item, code)]


def address_in(path, language):
    """`path` (an address on this site) in `language`: `/news/x/` → `/th/news/x/` and back.

    The path is resolved in its own language (the URL patterns' prefix depends on the active
    one), then reversed in `language`; an address that does not resolve comes back unchanged.
    """
    own = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return translate_url(path, language)


def as_stored(model):
    """`model`'s rows with each column as named: modeltranslation's manager otherwise reads and
    writes `body` as the active language's `body_en`/`body_th`, which a job that must see every
    column (media links, orphans) cannot have."""
    queryset = model._base_manager.all()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset
