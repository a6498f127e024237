"""The shop fields donors read, in every language of settings.LANGUAGES (news/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from shop.models import GiftImpact, OptionValue, Product, ProductOption


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "description")
    shown_translated_when = ("name", "description")


@register(ProductOption)
class ProductOptionTranslation(TranslationOptions):
    fields = ("name",)
    shown_translated_when = ("name",)


@register(OptionValue)
class OptionValueTranslation(TranslationOptions):
    fields = ("name",)
    shown_translated_when = ("name",)


@register(GiftImpact)
class GiftImpactTranslation(TranslationOptions):
    fields = ("text",)
    shown_translated_when = ("text",)
