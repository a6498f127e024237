"""Sitemaps whose addresses come from SITE_URL, like every other shared page's, listing each
item in every language it is translated into, with `hreflang` alternates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper

from freedomstory.core.languages import language_codes, translated_in


class _ItemsPaginator(Paginator):
    """Pages of items (OFFSET and LIMIT on the query, as without languages), each page then
    spread into its (item, language) pairs: Django's own i18n sitemap loads every item of the
    section into a list to paginate the pairs."""

    def __init__(self, items, per_page, languages_for):
        super().__init__(items, per_page)
        self.languages_for = languages_for

    def _get_page(self, object_list, number, paginator):
        pairs = [(item, code) for item in object_list for code in self.languages_for(item)]
        return super()._get_page(pairs, number, paginator)


class PublicSiteSitemap(Sitemap):
    """A sitemap is cached and served to every crawler: its addresses must not take the
    scheme or host of whichever request rendered it.

    Each item is listed at its English address and at its address in each language it is
    translated into (`translated_in`, the rule of `is_translated`), with the alternates of
    those languages and x-default. A page holds at most `limit` items (so up to `limit` URLs
    per language)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    @property
    def paginator(self):
        return _ItemsPaginator(self.items(), self.limit, self.get_languages_for_item)

    @staticmethod
    def with_languages(queryset):
        """`queryset` with `in_<language>` for each other language: whether the row is
        translated into it, read in the same query."""
        other = [code for code in language_codes() if code != settings.LANGUAGE_CODE]
        return queryset.annotate(
            **{
                f"in_{code}": ExpressionWrapper(
                    translated_in(queryset.model, code), output_field=BooleanField()
                )
                for code in other
            }
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            # An item in one language has no alternate: no hreflang for it, as on its page.
            if len(self.get_languages_for_item(url["item"][0])) < 2:
                url["alternates"] = []
            # x-default is the English address as it is: Django makes it by deleting the first
            # "/en/" in it, which would cut a page's own segment (/about/en/ → /about/).
            english = [a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE]
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = english[0]["location"]
        return urls

    def get_languages_for_item(self, item):
        # Items that are not rows (a named page such as Donate) speak every language.
        return [
            code
            for code in language_codes()
            if code == settings.LANGUAGE_CODE or getattr(item, f"in_{code}", True)
        ]
