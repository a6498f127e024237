"""Search: the stored vector on PostgreSQL, word matching on SQLite, and what both must find."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Post
from news.search import search_posts, words_to_match
from tests.news.factories import make_post

pytestmark = pytest.mark.django_db


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run in CI with DATABASE_URL)")


def found(query):
    return set(search_posts(Post.objects.published(), query).values_list("title", flat=True))


@pytest.mark.postgres
def test_postgresql_search_reads_the_stored_vector_and_never_the_body_text():
    """Computing to_tsvector of every body on every search took seconds at 10,000 posts."""
    needs_postgresql()
    make_post("Something")
    queryset = search_posts(Post.objects.published().for_listing(), "school")
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    sql = queries[-1]["sql"]
    assert '"news_post"."search_vector" @@' in sql
    assert "to_tsvector(" not in sql


@pytest.mark.postgres
def test_the_stored_vector_is_title_a_excerpt_b_body_c_in_english():
    """The migration's trigger spells out the ranking's expression; the two must not drift."""
    needs_postgresql()
    post = make_post("Teachers gather", excerpt="Villages learning.", body="<p>Bicycles.</p>")
    expected = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("excerpt", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    row = Post.objects.annotate(expected=expected).values("search_vector", "expected")
    stored = row.get(pk=post.pk)
    assert stored["search_vector"] == stored["expected"]
    assert "'teacher':1A" in stored["search_vector"] and "'bicycl':" in stored["search_vector"]


@pytest.mark.postgres
def test_postgresql_search_ranks_a_title_match_above_a_body_match():
    needs_postgresql()
    # The body match is the newer post: only the weights can put the title match first.
    make_post("Road news", body="<p>The village gets bicycles.</p>")
    make_post("Bicycles for the village")
    titles = list(
        search_posts(Post.objects.published(), "bicycles").values_list("title", flat=True)
    )
    assert titles == ["Bicycles for the village", "Road news"]


def test_a_post_edited_after_creation_is_found_by_its_new_words_and_not_its_old_ones():
    post = make_post("Harvest festival", body="<p>Mangoes everywhere.</p>")
    post.title = "Library opening"
    post.body = "<p>Shelves of novels.</p>"
    post.excerpt = ""
    post.save()
    assert found("library") == {"Library opening"}
    assert found("novels") == {"Library opening"}
    assert found("harvest") == set()
    assert found("mangoes") == set()


def test_a_post_changed_with_update_is_found_by_its_new_words_and_not_its_old_ones():
    """update() sends no signal: on PostgreSQL the database's trigger keeps the vector true."""
    post = make_post("Harvest festival", excerpt="Mangoes everywhere.")
    Post.objects.filter(pk=post.pk).update(title="Library opening", excerpt="Novels.")
    assert found("library novels") == {"Library opening"}
    assert found("harvest") == set() and found("mangoes") == set()


def test_bulk_created_posts_are_found_by_search():
    """bulk_create() skips save() and signals; the bench seeds its posts this way."""
    Post.objects.bulk_create(
        [
            Post(title="Scholarship day", slug="scholarship-day", status=Post.Status.PUBLISHED),
            Post(title="Other news", slug="other-news", status=Post.Status.PUBLISHED),
        ]
    )
    assert found("scholarship") == {"Scholarship day"}


def test_a_two_word_search_leaves_out_posts_with_only_one_of_the_words():
    """On PostgreSQL, ts_rank gives 1e-20 (not 0) to a post missing a word: `rank > 0`
    let every post in."""
    make_post("Village teachers", body="<p>Paragraph.</p>")
    make_post("Village fair", body="<p>Paragraph.</p>")
    make_post("Unrelated", body="<p>Paragraph.</p>")
    assert found("village teachers") == {"Village teachers"}


def test_a_word_inside_a_longer_query_word_is_not_matched_twice():
    assert words_to_match("school schools") == ["schools"]
    assert words_to_match("School school SCHOOL") == ["School"]
    assert words_to_match("village teacher") == ["village", "teacher"]
    # SQLite's LIKE folds ASCII letters only: "É" and "é" stay two different words.
    assert words_to_match("École école") == ["École", "école"]
    assert words_to_match(" ".join(f"w{n}" for n in range(20))) == [f"w{n}" for n in range(8)]


def test_word_matching_finds_the_same_posts_without_a_word_inside_another():
    if connection.vendor != "sqlite":
        pytest.skip("word matching is SQLite's; PostgreSQL stems both words to one")
    make_post("Schools reopen")
    make_post("School bus")
    assert found("school schools") == found("schools") == {"Schools reopen"}
