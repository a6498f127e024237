"""The shop fields donors read, in every language of settings.LANGUAGES (news/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from shop.models import GiftImpact, OptionValue, Product, ProductImage, ProductOption


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "description")
    shown_translated_when = ("name", "description")


@register(ProductImage)
class ProductImageTranslation(TranslationOptions):
    # What a screen reader says of the photo: in the page's language like the rest of it.
    fields = ("alt",)
    shown_translated_when = ("alt",)


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
