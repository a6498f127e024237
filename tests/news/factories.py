"""Small factories for news tests."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Category, Post, Quote
from tests.admin_translated import in_both_languages

_numbers = itertools.count(1)


def make_staff(username=None, **fields):
    username = username or f"staff{next(_numbers)}"
    defaults = {"is_staff": True, "first_name": "Nok", "last_name": "Editor"}
    return get_user_model().objects.create_user(
        username=username, password="a-long-test-password", **(defaults | fields)
    )


def make_editor(username=None, **fields):
    """Staff in the Editors group: news and site pages (made by news and pages migrations)."""
    from django.contrib.auth.models import Group

    editor = make_staff(username, **fields)
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def make_category(name=None, **fields):
    name = name or f"Category {next(_numbers)}"
    slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
    return Category.objects.create(name=name, slug=slug, **fields)


def make_post(title=None, *, categories=(), **fields):
    number = next(_numbers)
    defaults = {
        "title": title or f"Post number {number}",
        "body": "<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>",
        "status": Post.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=number),
    }
    post = Post.objects.create(**(defaults | fields))
    if categories:
        post.categories.set(categories)
    return post


def make_draft(title=None, **fields):
    return make_post(title, status=Post.Status.DRAFT, **fields)


def make_scheduled(title=None, **fields):
    return make_post(title, **({"published_at": timezone.now() + timedelta(days=1)} | fields))


def make_quote(**fields):
    defaults = {
        "text": "Every child in school is a child much harder to traffic.",
        "speaker_name": "Veerawit Tianchainan",
        "speaker_role": "Thailand Executive Director",
    }
    return Quote.objects.create(**(defaults | fields))


def jpeg_upload(size=(1200, 800), exif=None, name="photo.jpg"):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 120, 60)).save(buffer, "JPEG", **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def admin_post_data(**overrides):
    """What the post admin's add form posts for a published post, with `overrides`."""
    data = {
        "title": "From the admin",
        "slug": "from-the-admin",
        "body": "<p>Body</p>",
        "image_alt": "",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "excerpt": "",
        "seo_description": "",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "quotes-MIN_NUM_FORMS": "0",
        "quotes-MAX_NUM_FORMS": "1000",
    }
    return in_both_languages(Post, data | overrides)
