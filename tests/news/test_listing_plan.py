"""The public list reads its page from the index, in order, however many posts there are."""

import pytest
from django.db import connection

from news.models import Post
from tests.news.factories import make_post

pytestmark = pytest.mark.django_db


def test_a_news_list_page_on_sqlite_walks_the_index_without_sorting_every_post():
    """Without the id in the index SQLite sorted all published posts for every page
    ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"), a cost that grew with the posts."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL picks by its statistics (see the bench)")
    make_post("One")
    plan = Post.objects.published().for_listing()[890:900].explain()
    assert "USING INDEX post_published_idx" in plan
    assert "TEMP B-TREE" not in plan
