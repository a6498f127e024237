"""What visitors see on news pages, and what those pages cost in queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.news.factories import make_category, make_post, make_quote, make_staff

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_posts(number, category, author):
    posts = [
        make_post(categories=[category, make_category()], author=author) for _ in range(number)
    ]
    for post in posts:
        make_quote(post=post, position=1, is_featured=True)
    return posts


# Each bound counts one query for the site pages in the header and footer menus
# (freedomstory/pages/context_processors.py), made by every page.
@pytest.mark.parametrize(
    "url, bound",
    [
        ("/", 5),
        ("/news/", 4),
        ("/news/category/education/", 5),
        # The post, its categories, quotes, neighbours, "More in …" with its categories, menus.
        ("POST", 8),
        ("/quotes/", 3),
        # Every post's body says "paragraph": a search that matches them all, paginated.
        ("/news/search/?q=paragraph", 4),
    ],
)
def test_news_pages_run_a_fixed_number_of_queries_with_3_and_30_posts(
    client, django_assert_max_num_queries, url, bound
):
    """Prevents an n+1 on lists: authors, categories and quotes come in fixed batches."""
    from django.core.cache import cache

    category, author = make_category("Education"), make_staff("writer")
    posts = add_posts(3, category, author)
    target = posts[1].get_absolute_url() if url == "POST" else url
    with django_assert_max_num_queries(bound):
        with_3 = count_queries(client, target)
    add_posts(27, category, author)
    cache.clear()  # measure rendering, not the page cache
    with django_assert_max_num_queries(bound):
        with_30 = count_queries(client, target)
    print(f"\n{url}: {with_3} queries with 3 posts, {with_30} with 30")
    assert with_3 == with_30, f"{url}: {with_3} queries with 3 posts, {with_30} with 30"


def test_a_cached_news_page_costs_no_queries(client, django_assert_num_queries):
    add_posts(3, make_category("Education"), make_staff("writer"))
    client.get("/news/")
    with django_assert_num_queries(0):
        assert client.get("/news/")["X-Page-Cache"] == "hit"


def test_news_list_paginates_ten_a_page_newest_first(client):
    posts = [make_post(f"Story {n:02d}") for n in range(12)]  # Story 00 is the newest
    first = client.get("/news/").content.decode()
    second = client.get("/news/?page=2").content.decode()
    assert first.index("Story 00") < first.index("Story 09")
    assert "Story 10" not in first and "Story 10" in second and "Story 11" in second
    assert len(posts) == 12


@pytest.mark.parametrize("page", ["abc", "99", "0", "-1", "1.5"])
def test_a_bad_page_number_is_a_404_not_a_500(client, page):
    make_post()
    assert client.get(f"/news/?page={page}").status_code == 404


def test_a_post_page_shows_title_date_author_reading_time_categories_and_neighbours(client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    category = make_category("Prevention")
    make_post("Older story", published_at=now - timedelta(days=3))
    post = make_post(
        "Middle story",
        categories=[category],
        author=make_staff("writer", first_name="Malee", last_name="Srisuk"),
        body="<p>" + "word " * 450 + "</p>",
        published_at=now - timedelta(days=2),
    )
    make_post("Newer story", published_at=now - timedelta(days=1))
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<h1>Middle story</h1>" in html
    assert "By Malee Srisuk" in html
    assert "3 min read" in html
    assert 'href="/news/category/prevention/"' in html
    assert "Previous post" in html and "Older story" in html
    assert "Next post" in html and "Newer story" in html


def test_pull_quotes_appear_after_their_block_with_attribution(client):
    """Paragraphs, headings and lists each count as a block; what is inside a list does not."""
    post = make_post(
        body="<p>One.</p><ul><li><p>Inside a list.</p></li></ul><p>Two.</p>"
        "<h2>A heading</h2><p>Three.</p>"
    )
    make_quote(
        post=post,
        position=3,
        text="After two",
        speaker_name="Veerawit Tianchainan",
        speaker_role="Thailand Executive Director",
    )
    make_quote(post=post, position=1, text="After one", speaker_name="Ploy", speaker_role="")
    make_quote(post=post, position=2, text="After the list", speaker_name="Nok")
    make_quote(post=post, position=4, text="After the heading", speaker_name="Nok")
    make_quote(post=post, position=40, text="At the end", speaker_name="Nok")
    html = client.get(post.get_absolute_url()).content.decode()
    body = html[html.index('class="post__body') : html.index("</article>")]
    order = [
        body.index(text)
        for text in (
            "One.",
            "After one",
            "Inside a list.",
            "After the list",
            "Two.",
            "After two",
            "A heading",
            "After the heading",
            "Three.",
            "At the end",
        )
    ]
    assert order == sorted(order)
    assert "</ul><figure" in body.replace("\n", "").replace(" ", "")
    assert "<figcaption>– Veerawit Tianchainan, Thailand Executive Director</figcaption>" in html
    assert "<figcaption>– Ploy</figcaption>" in html
    assert re.search(
        r'<figure class="pull-quote">\s*<blockquote><p>After two</p></blockquote>', html
    )


def test_home_page_shows_latest_posts_and_a_featured_quote(client):
    post = make_post("Fresh from the field")
    make_quote(
        post=post, is_featured=True, text="Featured words", speaker_name="Veerawit Tianchainan"
    )
    html = client.get("/").content.decode()
    assert "Fresh from the field" in html
    assert (
        "Featured words" in html and "– Veerawit Tianchainan, Thailand Executive Director" in html
    )


def test_post_pages_carry_seo_social_and_news_article_data(client, settings):
    settings.SITE_URL = "https://freedomstory.example"
    post = make_post("A story for search engines", seo_description="What search engines show.")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<title>A story for search engines · The Freedom Story</title>" in html
    assert '<meta name="description" content="What search engines show.">' in html
    canonical = f"https://freedomstory.example{post.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="A story for search engines">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card"' in html
    import json

    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle" and data["headline"] == "A story for search engines"
    assert data["mainEntityOfPage"] == canonical


def test_json_ld_cannot_break_out_of_its_script_tag(client):
    post = make_post("Closing </script><script>alert(1)</script> tags")
    html = client.get(post.get_absolute_url()).content.decode()
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in ld


@pytest.mark.parametrize("kind", ["list", "post", "category", "search", "quotes"])
def test_every_news_page_has_exactly_one_h1(client, kind):
    category = make_category("Education")
    post = make_post("Only heading", categories=[category])
    make_quote(post=post)
    url = {
        "list": "/news/",
        "post": post.get_absolute_url(),
        "category": "/news/category/education/",
        "search": "/news/search/?q=heading",
        "quotes": "/quotes/",
    }[kind]
    assert len(re.findall(r"<h1[\s>]", client.get(url).content.decode())) == 1


def test_search_finds_words_in_title_and_body_and_says_how_many(client):
    make_post("Scholarships announced", body="<p>Forty new places.</p>")
    make_post("Village meeting", body="<p>Leaders talk about scholarships.</p>")
    make_post("Unrelated", body="<p>Nothing here.</p>")
    html = client.get("/news/search/?q=scholarships").content.decode()
    assert "2 results for “scholarships”" in html
    assert "Scholarships announced" in html and "Village meeting" in html
    assert "Unrelated" not in html


@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 5000, "<script>alert(1)</script>", "%00", "' OR 1=1 --"]
)
def test_search_handles_empty_huge_and_hostile_queries_politely(client, query):
    make_post("Something")
    response = client.get("/news/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "Search the news" in html


def test_unknown_category_is_a_404(client):
    assert client.get("/news/category/nothing-here/").status_code == 404


def test_the_byline_is_the_same_on_cards_the_post_page_the_feed_and_structured_data(
    client, settings
):
    """A staff author without a full name is published under the site's name, never by the
    login name (half of what it takes to sign in)."""
    settings.SITE_NAME = "Freedom Story Team"
    named = make_post("Named", author=make_staff("malee", first_name="Malee", last_name="Srisuk"))
    login_only = make_post("Login only", author=make_staff("nok", first_name="", last_name=""))
    anonymous = make_post("Anonymous", author=None)
    assert (named.byline, login_only.byline, anonymous.byline) == (
        "Malee Srisuk",
        "Freedom Story Team",
        "",
    )

    listing = client.get("/news/").content.decode()
    assert re.search(r"</time> · Malee Srisuk\s*</p>", listing)
    assert re.search(r"</time> · Freedom Story Team\s*</p>", listing)
    page = client.get(login_only.get_absolute_url()).content.decode()
    assert "By Freedom Story Team" in page
    assert '"author": {"@type": "Person", "name": "Freedom Story Team"}' in page
    page = client.get(anonymous.get_absolute_url()).content.decode()
    assert "By " not in page and '"author"' not in page
    atom = client.get("/news/atom/").content.decode()
    assert "<author><name>Malee Srisuk</name></author>" in atom
    assert "<author><name>Freedom Story Team</name></author>" in atom
    assert atom.count("<author>") == 2
    rss = client.get("/news/feed/").content.decode()
    assert re.search(r"<dc:creator[^>]*>Freedom Story Team</dc:creator>", rss)
    for document in (listing, page, atom, rss):
        assert ">nok<" not in document and '"nok"' not in document and "By nok" not in document


def test_the_feed_gives_the_bodys_own_images_and_links_absolute_addresses(client, settings):
    settings.SITE_URL = "https://freedomstory.example.org"
    body = (
        '<p><a href="/about/">About us</a> and <a href="https://example.net/x">elsewhere</a></p>'
        '<figure><img src="/media/renditions/a/p-480.jpg" '
        'srcset="/media/renditions/a/p-480.jpg 480w, /media/renditions/a/p-960.jpg 960w" '
        'sizes="100vw" width="960" height="640" alt="A photo"></figure>'
    )
    make_post("With a photo", body=body)
    feed = client.get("/news/feed/").content.decode()
    site = "https://freedomstory.example.org"
    assert f"{site}/about/" in feed and "https://example.net/x" in feed
    assert f'src="{site}/media/renditions/a/p-480.jpg"' in feed
    assert f"{site}/media/renditions/a/p-960.jpg 960w" in feed
    assert '"/media/' not in feed and " /media/" not in feed and '"/about/' not in feed
