"""Every public page shows the header and footer menus, and a page may be linked from anywhere:
saving or deleting a site page retires every cached page."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from freedomstory.core.pagecache import invalidate_public_pages
from freedomstory.pages.models import Page


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def retire_cached_pages(**kwargs):
    invalidate_public_pages()
