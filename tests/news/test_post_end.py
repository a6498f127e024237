"""The end of a post leads somewhere: share it, give, read more."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from news.post_end import more_posts
from tests.news.factories import make_category, make_draft, make_post, make_scheduled

pytestmark = pytest.mark.django_db

SITE = "https://freedomstory.example"


def part(html, css_class, end="</section>"):
    start = html.index(f'class="{css_class}"')
    return html[start : html.index(end, start)]


def share_links(html):
    """{network: (href, attributes)} of the share links, hrefs unescaped as a browser reads them."""
    links = {}
    for attributes, network in re.findall(r"<a ([^>]*)>([^<]+)<", part(html, "post-share")):
        href = unescape(re.search(r'href="([^"]*)"', attributes)[1])
        links[network] = (href, attributes)
    return links


def query(href):
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def test_share_links_carry_the_canonical_address_and_title_encoded_for_each_network(
    client, settings
):
    settings.SITE_URL = SITE
    post = make_post("Schools & villages: we’re growing?", slug="schools-and-villages")
    address = f"{SITE}/news/schools-and-villages/"
    links = share_links(client.get(post.get_absolute_url()).content.decode())
    assert list(links) == ["Facebook", "X", "LinkedIn", "WhatsApp", "LINE", "E-mail"]
    hrefs = {network: href for network, (href, _) in links.items()}
    assert hrefs["Facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query(hrefs["Facebook"]) == {"u": address}
    assert hrefs["X"].startswith("https://x.com/intent/tweet?")
    assert query(hrefs["X"]) == {"text": post.title, "url": address}
    assert hrefs["LinkedIn"].startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert query(hrefs["LinkedIn"]) == {"url": address}
    assert hrefs["WhatsApp"].startswith("https://wa.me/?")
    assert query(hrefs["WhatsApp"]) == {"text": f"{post.title} {address}"}
    assert hrefs["LINE"].startswith("https://social-plugins.line.me/lineit/share?")
    assert query(hrefs["LINE"]) == {"url": address}
    # Encoded, not pasted: the title's "&" and "?" cannot cut the query short.
    assert "%26" in hrefs["X"] and "%3F" in hrefs["X"] and "https%3A%2F%2F" in hrefs["LINE"]


def test_the_email_link_has_a_subject_and_a_body_with_the_address(client, settings):
    settings.SITE_URL = SITE
    post = make_post("Twelve students graduate", slug="graduates")
    href, attributes = share_links(client.get(post.get_absolute_url()).content.decode())["E-mail"]
    assert href.startswith("mailto:?")
    # Spaces as %20: mail apps take a mailto: address literally, and "+" would stay a "+".
    assert "subject=Twelve%20students%20graduate" in href and "+" not in href
    fields = query(href)
    assert fields["subject"] == "Twelve students graduate"
    assert fields["body"].endswith(f"\r\n{SITE}/news/graduates/")
    assert "target=" not in attributes


def test_share_links_open_a_new_tab_with_noopener_and_load_nothing_from_other_hosts(
    client, settings
):
    settings.SITE_URL = SITE
    post = make_post()
    html = client.get(post.get_absolute_url()).content.decode()
    for network, (_, attributes) in share_links(html).items():
        if network != "E-mail":
            assert 'target="_blank"' in attributes and "noopener" in attributes, network
    # Nothing is loaded from a network (script, image, style, frame): only our own files.
    loaded = []
    for tag in re.findall(r"<(?:img|script|link|source|iframe)\b[^>]*>", html):
        for value in re.findall(r'\s(?:src|srcset|href)="([^"]*)"', tag):
            loaded += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    assert loaded and all(url.startswith(("/", SITE)) for url in loaded), loaded
    assert "<iframe" not in html


def test_the_post_page_with_its_ending_is_still_one_shared_page(client):
    """Nothing per visitor at the end of a post: the second visitor gets the cached copy."""
    post = make_post(categories=[make_category("Education")])
    make_post(categories=post.categories.all())
    client.get(post.get_absolute_url())
    assert client.get(post.get_absolute_url())["X-Page-Cache"] == "hit"


def test_the_post_ends_with_a_giving_block_that_leads_to_the_donate_page(client):
    post, _ = make_post(), make_post()
    html = client.get(post.get_absolute_url()).content.decode()
    give = part(html, "post-give", end="</aside>")
    assert f'href="{reverse("shop:donate")}"' in give and reverse("shop:donate") == "/donate/"
    assert "Every story here begins with a gift" in give
    # In reading order: the text, then sharing, then giving, then more to read.
    assert (
        html.index('class="post__body')
        < html.index('class="post-share"')
        < html.index('class="post-give"')
        < html.index('class="section more-posts"')
    )


def titles_in(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_more_in_the_first_category_shows_its_three_newest_published_posts_but_this_one(client):
    now = timezone.now()
    education, updates = make_category("Education"), make_category("Updates")
    post = make_post("This post", categories=[updates, education], published_at=now)
    for day in range(1, 6):
        make_post(f"Education {day}", categories=[education], published_at=now - timedelta(day))
    make_post("Updates only", categories=[updates], published_at=now - timedelta(hours=1))
    make_draft("A draft", categories=[education])
    make_scheduled("Tomorrow's", categories=[education])
    html = client.get(post.get_absolute_url()).content.decode()
    more = part(html, "section more-posts")
    assert '<h2 id="more-posts-heading">More in Education</h2>' in more
    assert titles_in(more) == ["Education 1", "Education 2", "Education 3"]
    assert 'href="/news/category/education/"' in more


def test_a_small_category_is_topped_up_with_the_latest_news(client):
    now = timezone.now()
    education = make_category("Education")
    post = make_post("This post", categories=[education], published_at=now - timedelta(days=9))
    make_post("The other education post", categories=[education], published_at=now - timedelta(8))
    for day in range(1, 4):
        make_post(f"Latest {day}", published_at=now - timedelta(days=day))
    more = part(client.get(post.get_absolute_url()).content.decode(), "section more-posts")
    assert "More in Education and the latest news" in more
    assert titles_in(more) == ["The other education post", "Latest 1", "Latest 2"]


def test_a_post_without_a_category_offers_the_latest_news(client):
    now = timezone.now()
    post = make_post("Uncategorised", published_at=now - timedelta(days=9))
    for day in range(1, 5):
        make_post(f"Latest {day}", categories=[make_category()], published_at=now - timedelta(day))
    more = part(client.get(post.get_absolute_url()).content.decode(), "section more-posts")
    assert '<h2 id="more-posts-heading">Latest news</h2>' in more
    assert titles_in(more) == ["Latest 1", "Latest 2", "Latest 3"]


def test_the_only_post_has_no_more_section(client):
    post = make_post()
    assert 'class="section more-posts"' not in client.get(post.get_absolute_url()).text


def post_as_the_page_loads_it(post):
    return Post.objects.prefetch_related("categories").get(pk=post.pk)


@pytest.mark.parametrize("posts, categories", [(3, 1), (25, 6)])
def test_more_posts_takes_two_queries_whatever_the_numbers_of_posts_and_categories(
    django_assert_num_queries, posts, categories
):
    """Prevents an n+1: the posts in one query, all their categories in one more."""
    tags = [make_category() for _ in range(categories)]
    post = post_as_the_page_loads_it(make_post(categories=tags))
    for _ in range(posts):
        make_post(categories=tags)
    with django_assert_num_queries(2):
        more = more_posts(post)
        names = [[c.name for c in p.categories.all()] for p in more.posts]
    assert len(more.posts) == 3 and all(len(found) == categories for found in names)
