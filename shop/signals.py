"""The shop's list and the home page show products (with their options and variants: choices,
prices, what is sold out), the Donate page what each gift pays for: a change retires the cached
pages. Stock taken or given back with update() sends no signal: checkout and order_states
retire the pages themselves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from freedomstory.core.pagecache import invalidate_public_pages
from shop.models import GiftImpact, OptionValue, Product, ProductImage, ProductOption, Variant


@receiver(post_save, sender=Product)
@receiver(post_delete, sender=Product)
@receiver(post_save, sender=ProductImage)
@receiver(post_delete, sender=ProductImage)
@receiver(post_save, sender=ProductOption)
@receiver(post_delete, sender=ProductOption)
@receiver(post_save, sender=OptionValue)
@receiver(post_delete, sender=OptionValue)
@receiver(post_save, sender=Variant)
@receiver(post_delete, sender=Variant)
@receiver(post_save, sender=GiftImpact)
@receiver(post_delete, sender=GiftImpact)
def retire_cached_pages(**kwargs):
    invalidate_public_pages()
