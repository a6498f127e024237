"""The news fields readers read, in every language of settings.LANGUAGES (django-modeltranslation:
one extra column per language, `title_th` beside `title_en`). `shown_translated_when` names the
fields a reader needs in their language before the item counts as translated
(freedomstory/core/languages.py); until then the page shows the English with a note."""

from modeltranslation.translator import TranslationOptions, register

from news.models import Category, Post, Quote


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")
    shown_translated_when = ("name",)


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "body", "excerpt", "seo_description", "image_alt")
    shown_translated_when = ("title", "body")


@register(Quote)
class QuoteTranslation(TranslationOptions):
    fields = ("text", "speaker_role")
    shown_translated_when = ("text",)
