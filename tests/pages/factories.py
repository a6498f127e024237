"""Small factories for site page tests."""

import itertools

from freedomstory.pages.models import Page
from tests.admin_translated import in_both_languages

_numbers = itertools.count(1)


def make_page(title=None, **fields):
    """A published page, saved through save() (so its address is made as in the admin)."""
    number = next(_numbers)
    title = title or f"Page number {number}"
    defaults = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "body": "<p>What this page says.</p>",
        "published": True,
    }
    return Page.objects.create(**(defaults | fields))


def privacy_notice():
    """The privacy notice as migration 0002 makes it; made again where a test flushed it (the
    browser tests' transactions truncate every table)."""
    page = Page.objects.filter(path="privacy").first()
    return page or make_page(
        "Privacy notice", slug="privacy", menu=Page.Menu.FOOTER, menu_label="Privacy"
    )


def admin_page_data(**overrides):
    """What the page admin's add form posts for a published top page, with `overrides`."""
    data = {
        "title": "From the admin",
        "slug": "from-the-admin",
        "parent": "",
        "body": "<p>Body</p>",
        "published": "on",
        "menu": "",
        "menu_order": "0",
        "menu_label": "",
        "seo_description": "",
    }
    return in_both_languages(Page, data | overrides)
