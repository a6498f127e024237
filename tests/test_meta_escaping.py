"""Text in meta tags and JSON-LD is escaped exactly once: a reader of the attribute (a search
engine, a link preview) gets back the words staff wrote, with "&" and "<" as written, never
"&amp;" (escaped twice) nor a tag (not escaped)."""

import json
from html.parser import HTMLParser

import pytest

from tests.news.factories import make_post
from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db

WRITTEN = 'Fish & chips, 1 < 2 and "more"'


class HeadReader(HTMLParser):
    """The attributes of each <meta> as a reader decodes them, and the JSON-LD's text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta, self.json_ld, self._in_json_ld = {}, [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("name") or attrs.get("property")] = attrs["content"]
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_json_ld = False


def test_a_products_meta_description_gives_back_its_words_once_escaped(client):
    # Stored as the sanitiser stores what staff typed: "&" and "<" as entities.
    product = make_product(
        "Fish & chips", description='<p>Fish &amp; chips, 1 &lt; 2 and "more"</p>'
    )
    html = client.get(product.get_absolute_url()).content.decode()
    head = HeadReader(html)
    assert head.meta["description"] == WRITTEN
    assert head.meta["og:title"] == "Fish & chips"
    assert "&amp;amp;" not in html


def test_a_product_without_a_description_is_described_by_its_name_once_escaped(client):
    product = make_product("Books & <bags>")
    head = HeadReader(client.get(product.get_absolute_url()).content.decode())
    assert head.meta["description"] == "Books & <bags>"


def test_a_posts_meta_og_tags_and_json_ld_give_back_its_words_once_escaped(client):
    post = make_post("Bread & <butter>", excerpt=WRITTEN)
    html = client.get(post.get_absolute_url()).content.decode()
    head = HeadReader(html)
    assert head.meta["description"] == head.meta["og:description"] == WRITTEN
    assert head.meta["og:title"] == "Bread & <butter>"
    [article] = head.json_ld
    assert (article["headline"], article["description"]) == ("Bread & <butter>", WRITTEN)
    assert "&amp;amp;" not in html and "<butter>" not in html
