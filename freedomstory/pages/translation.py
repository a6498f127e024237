"""Site pages' readable fields in every language of settings.LANGUAGES (news/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from freedomstory.pages.models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body", "menu_label", "seo_description")
    shown_translated_when = ("title", "body")
