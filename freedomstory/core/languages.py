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
from django.db.models import Q
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
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's language comes back afterwards, so what runs next
        # on it (a test, a task run in this thread) never writes `title` into `title_th`.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def address_language(path):
    """The language an address speaks: /th/… Thai, any other the default (English).

    Only a prefix the URL patterns answer counts: Django also reads /TH/ as Thai (and gives back
    "TH"), but no page lives there, and its 404 should not say `Content-Language: TH`."""
    language = translation.get_language_from_path(path)
    return language if language in language_codes() else settings.LANGUAGE_CODE


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def active_language():
    """The language of the request being answered, as one of settings.LANGUAGES: what an order
    or a monthly gift remembers, so later e-mails speak it too."""
    language = translation.get_language()
    return language if language in language_codes() else settings.LANGUAGE_CODE


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
    needed = [f"{name}_{language}" for name in getattr(options, "shown_translated_when", ())]
    # A list page defers what it does not show (a post's body): judged by the rest, its title,
    # rather than a query per item.
    deferred = item.get_deferred_fields()
    return all(_has_text(getattr(item, name, None)) for name in needed if name not in deferred)


def translated_in(model, language):
    """A filter for the rows of `model` translated into `language`, by the rule of
    `is_translated`: for sitemaps and feeds, which must not read every body to know."""
    options = translator.get_options_for_model(model)
    condition = Q()
    for name in getattr(options, "shown_translated_when", ()):
        field = f"{name}_{language}"
        condition &= Q(**{f"{field}__isnull": False}) & ~Q(**{field: ""})
    return condition


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


def page_address(request, language):
    """The address of the page `request` asked for, in `language`, with its canonical query."""
    query = getattr(request, "canonical_query", "")
    return address_in(request.path, language) + (f"?{query}" if query else "")


def show_translation_of(request, item):
    """What a page showing `item` (a post, product, site page, category) adds to its context:
    the item, which the `hreflang` alternates read, and, when `item` is not translated into the
    page's language, the English page as the canonical address (the context processor's
    `canonical_url` reads `request.canonical_language`): this page shows that page's text."""
    if not is_translated(item):
        request.canonical_language = settings.LANGUAGE_CODE
    return {"translation_of": item}


def fill_missing_translations(item, language, **texts):
    """Give `item` each of `texts` (field name → text) in `language` where that field is still
    empty, and save just those; how many fields it filled. For demo content: loading it again
    changes nothing, and what staff wrote in the admin stays."""
    missing = [name for name in texts if not _has_text(getattr(item, f"{name}_{language}"))]
    for name in missing:
        setattr(item, f"{name}_{language}", texts[name])
    if missing:
        item.save(update_fields=[f"{name}_{language}" for name in missing])
    return len(missing)


def in_every_language(name):
    """The column of translated field `name` that orders a list the same on every language's
    page: the default language's, which every row has. Ordering by `name` would read the
    active language's column, empty for items not yet translated, which then sort first on
    SQLite and last on PostgreSQL (and staff's order among equals changes by translation)."""
    return f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"


def as_stored(model):
    """`model`'s rows with each column as named: modeltranslation's manager otherwise reads and
    writes `body` as the active language's `body_en`/`body_th`, which a job that must see every
    column (media links, orphans) cannot have."""
    queryset = model._base_manager.all()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset
