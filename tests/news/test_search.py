"""Search: the stored vector on PostgreSQL, word matching on SQLite, and what both must find."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from news.models import Post
from news.search import search_posts, searched_columns, words_to_match
from tests.news.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Posts made here are written in English unless a test says otherwise (a request to a
    /th/ address before would leave Thai active in this thread)."""
    with translation.override("en"):
        yield


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run in CI with DATABASE_URL)")


def found(query):
    posts = search_posts(Post.objects.published(), query)
    return set(posts.values_list("title_en", flat=True))


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
        SearchVector("title_en", weight="A", config="english")
        + SearchVector("excerpt_en", weight="B", config="english")
        + SearchVector("body_en", weight="C", config="english")
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


# --- Thai: no spaces between words, so substrings (a trigram index on PostgreSQL) -------------

THAI_SENTENCE = "<p>น้องมินได้กลับไปโรงเรียนแล้ว พร้อมทุนการศึกษาจากผู้บริจาค</p>"


def thai_post(title, title_th, body_th=THAI_SENTENCE, **fields):
    return make_post(title, title_th=title_th, body_th=body_th, **fields)


@pytest.mark.parametrize("language", ["en", "th"])
def test_a_thai_word_inside_a_thai_sentence_is_found(language):
    thai_post("Back to school", "กลับสู่โรงเรียน", body_th=THAI_SENTENCE)
    thai_post("Harvest", "ฤดูเก็บเกี่ยว", body_th="<p>ชาวบ้านช่วยกันเก็บข้าว</p>")
    with translation.override(language):
        assert found("ทุนการศึกษา") == {"Back to school"}
        assert found("เก็บข้าว") == {"Harvest"}


def test_a_mixed_thai_and_english_query_needs_every_word_in_either_language():
    thai_post("Scholarships for girls", "ทุนสำหรับเด็กผู้หญิง")
    thai_post("Village fair", "งานวัด", body_th="<p>ได้กลับไปโรงเรียนแล้ว</p>")
    assert found("โรงเรียน scholarships") == {"Scholarships for girls"}
    assert found("โรงเรียน SCHOLARSHIPS") == {"Scholarships for girls"}
    assert found("โรงเรียน") == {"Scholarships for girls", "Village fair"}
    assert found("โรงเรียน bicycles") == set()


def test_a_thai_page_finds_a_post_not_yet_translated_by_its_english_text():
    make_post("Bicycles for the village", body="<p>Every child rides to school.</p>")
    with translation.override("th"):
        assert found("bicycles") == {"Bicycles for the village"}


def test_a_thai_query_never_matches_the_markup_around_the_words():
    thai_post("Tagged", "มีแท็ก", body_th='<p><a href="/news/">ลิงก์</a> <strong>ข่าวสาร</strong></p>')
    assert found("ข่าวสาร") == {"Tagged"}
    assert found("ลิงก์ href") == (set() if connection.vendor == "postgresql" else {"Tagged"})


def test_the_thai_search_page_lists_the_post_and_gives_the_no_result_text_when_nothing_matches(
    client,
):
    post = thai_post("Back to school", "กลับสู่โรงเรียน")
    with translation.override("th"):
        thai_url = post.get_absolute_url()
    html = client.get("/th/news/search/", {"q": "โรงเรียน"}).content.decode()
    assert f'href="{thai_url}"' in html and "กลับสู่โรงเรียน" in html
    nothing = client.get("/news/search/", {"q": "ช้างเผือก"}).content.decode()
    assert "Nothing matched “ช้างเผือก”" in nothing
    assert f'href="{post.get_absolute_url()}"' not in nothing
    thai_nothing = client.get("/th/news/search/", {"q": "ช้างเผือก"}).content.decode()
    assert "“ช้างเผือก”" in thai_nothing and f'href="{thai_url}"' not in thai_nothing


@pytest.mark.postgres
def test_an_english_query_on_a_thai_page_is_still_ranked_full_text():
    needs_postgresql()
    make_post("Road news", body="<p>The village gets bicycles.</p>")
    make_post("Bicycles for the village")
    with translation.override("th"):
        posts = search_posts(Post.objects.published(), "bicycles")
        assert list(posts.values_list("title_en", flat=True)) == [
            "Bicycles for the village",
            "Road news",
        ]
        assert "@@" in str(posts.query)


@pytest.mark.postgres
def test_the_stored_search_text_is_every_searched_column_without_tags():
    """The migration's trigger spells out the columns; they must not drift from the model's."""
    needs_postgresql()
    post = thai_post("Teachers", "ครู", excerpt="Villages.", body="<p>Bicycles <b>now</b>.</p>")
    text = Post.objects.values_list("search_text", flat=True).get(pk=post.pk)
    for column in searched_columns():
        value = getattr(post, column) or ""
        for word in value.replace("<", " <").replace(">", "> ").split():
            assert word.startswith("<") or word in text, (column, word)
    assert "<" not in text and "โรงเรียน" in text


@pytest.mark.postgres
def test_a_thai_query_is_served_by_the_trigram_index():
    needs_postgresql()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'post_search_text_trgm_idx'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin (upper(search_text) gin_trgm_ops)" in definition
    thai_post("Back to school", "กลับสู่โรงเรียน")
    make_post("Harvest")
    posts = search_posts(Post.objects.all(), "โรงเรียน")
    # A few rows are read faster than any index: forbid that, to see the query can use it
    # (its expression is the index's). At 10,000 rows the planner picks it unasked (README).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = posts.explain()
    assert "post_search_text_trgm_idx" in plan
    assert list(posts.values_list("title_en", flat=True)) == ["Back to school"]
