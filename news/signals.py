"""Public pages show posts, quotes and categories: a change to any retires the cached pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from freedomstory.core.pagecache import invalidate_public_pages, retire_public_pages_at
from news.models import Category, Post, Quote


@receiver(post_save, sender=Post)
@receiver(post_delete, sender=Post)
@receiver(post_save, sender=Quote)
@receiver(post_delete, sender=Quote)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(m2m_changed, sender=Post.categories.through)
def retire_cached_pages(**kwargs):
    invalidate_public_pages()


@receiver(post_save, sender=Post)
def retire_cached_pages_when_a_scheduled_post_appears(instance, **kwargs):
    if instance.is_scheduled:
        retire_public_pages_at(instance.published_at)
