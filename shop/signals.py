"""The shop's list and the home page show products, the Donate page what each gift pays for: a
change retires the cached pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from freedomstory.core.pagecache import invalidate_public_pages
from shop.models import GiftImpact, Product, ProductImage


@receiver(post_save, sender=Product)
@receiver(post_delete, sender=Product)
@receiver(post_save, sender=ProductImage)
@receiver(post_delete, sender=ProductImage)
@receiver(post_save, sender=GiftImpact)
@receiver(post_delete, sender=GiftImpact)
def retire_cached_pages(**kwargs):
    invalidate_public_pages()
