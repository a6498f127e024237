"""Staff place a pull quote by choosing the block it follows; the page puts it exactly there.

One rule says what a block is (freedomstory.core.richtext.split_blocks): each top-level
paragraph, heading, list, blockquote or figure. The admin's choices and the public page both
use it, and quotes stored when the number counted paragraphs were moved by migration 0007.
"""

import importlib
import re

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from freedomstory.core.richtext import split_blocks
from news.models import Quote
from news.structure import quote_places
from tests.news.factories import admin_post_data, make_post, make_quote

pytestmark = pytest.mark.django_db

BODY = (
    "<p>When we first opened the resource centre, twelve students came on the first day.</p>"
    "<h2>What is growing</h2>"
    "<p>Here are some of the ways we are growing:</p>"
    "<ul><li><p>A second centre</p></li><li><p>Forty scholarships</p></li></ul>"
    "<p>Monthly gifts make it possible.</p>"
)


def test_a_block_is_a_top_level_paragraph_heading_list_quote_or_figure():
    html = (
        "<p>One</p>\n<h3>Two</h3><ol><li><p>Inside</p></li></ol>"
        "<blockquote><p>Quoted</p><p>Still quoted</p></blockquote>"
        "Loose <em>text</em><br>and more<figure><figcaption>Fig</figcaption></figure>"
    )
    blocks = split_blocks(html)
    assert [block.tag for block in blocks] == ["p", "h3", "ol", "blockquote", "", "figure"]
    assert "".join(block.html for block in blocks) == html
    assert blocks[0].html == "<p>One</p>\n"  # whitespace belongs to the block before it
    assert split_blocks("") == []


def test_an_image_is_a_block_in_a_paragraph_a_figure_or_alone_and_is_offered_as_an_image():
    image = '<img src="/media/renditions/a/room-960.jpg" alt="A classroom">'
    html = (
        f"<p>One</p><p>{image}</p><figure>{image}<figcaption>The room</figcaption></figure>"
        f"{image}<p>Two</p>"
    )
    blocks = split_blocks(html)
    assert [block.tag for block in blocks] == ["p", "p", "figure", "", "p"]
    assert "".join(block.html for block in blocks) == html
    assert [label for _, label in quote_places(html)] == [
        "After ¶1: “One”",
        "After image",
        "After figure: “The room”",
        "After image",
        "After ¶2: “Two”",
    ]


def change_page(post):
    return reverse("admin:news_post_change", args=[post.pk])


def options(html, name="quotes-0-position"):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select named {name}"
    return re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', select[1])


def test_the_admin_offers_every_block_of_the_saved_text_as_a_place(admin_client):
    post = make_post(body=BODY)
    make_quote(post=post, position=4)
    html = admin_client.get(change_page(post)).content.decode()
    assert [(value, label) for value, _, label in options(html)] == [
        ("1", "After ¶1: “When we first opened the resource centre,…”"),
        ("2", "After heading: “What is growing”"),
        ("3", "After ¶2: “Here are some of the ways we…”"),
        ("4", "After list: “A second centre Forty scholarships”"),
        ("5", "After ¶3: “Monthly gifts make it possible.”"),
    ]
    assert [value for value, selected, _ in options(html) if selected] == ["4"]
    # "Add another pull quote" offers the same places.
    assert len(options(html, "quotes-__prefix__-position")) == 5


def inline(post, position, **fields):
    """The post's change form with one new pull quote, as the admin page posts it."""
    return admin_post_data(
        **{
            "title": post.title,
            "slug": post.slug,
            "body": post.body,
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-id": "",
            "quotes-0-post": str(post.pk),
            "quotes-0-speaker_name": "Veerawit Tianchainan",
            "quotes-0-speaker_role_en": "Thailand Executive Director",
            "quotes-0-text_en": "A list is where the quote belongs.",
            "quotes-0-position": str(position),
            "quotes-0-is_public": "on",
            **fields,
        },
    )


def test_a_quote_placed_after_the_list_in_the_admin_appears_right_after_it(admin_client, client):
    post = make_post(body=BODY)
    response = admin_client.post(change_page(post), inline(post, 4))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Quote.objects.get(post=post).position == 4
    html = client.get(post.get_absolute_url()).content.decode()
    body = html[html.index('class="post__body') : html.index("</article>")]
    assert body.index("Forty scholarships") < body.index("</ul>") < body.index("A list is where")
    assert body.index("A list is where") < body.index("Monthly gifts make it possible")


def test_a_place_that_is_not_among_the_blocks_is_refused(admin_client):
    post = make_post(body=BODY)
    response = admin_client.post(change_page(post), inline(post, 9))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_quote_stored_past_the_end_stays_at_the_end_when_the_post_is_saved(admin_client):
    post = make_post(body=BODY)
    quote = make_quote(post=post, position=40)
    html = admin_client.get(change_page(post)).content.decode()
    assert ("40", " selected", "At the end") in options(html)
    data = inline(
        post,
        40,
        **{
            "quotes-INITIAL_FORMS": "1",
            "quotes-0-id": str(quote.pk),
            "quotes-0-text_en": quote.text,
        },
    )
    assert admin_client.post(change_page(post), data).status_code == 302
    assert Quote.objects.get().position == 40


def test_a_new_post_places_quotes_by_number_and_says_how(admin_client):
    html = admin_client.get(reverse("admin:news_post_add")).content.decode()
    assert re.search(r'<input type="number" name="quotes-__prefix__-position" value="1"', html)
    assert "Save the post first to choose from its paragraphs, headings and lists" in html


def test_the_choices_are_those_of_the_saved_text_even_when_the_text_changes_too(admin_client):
    """The editor chose from the places shown; a shorter text in the same save cannot undo that."""
    post = make_post(body=BODY)
    data = inline(post, 5, body="<p>Only one paragraph now.</p>")
    assert admin_client.post(change_page(post), data).status_code == 302
    assert Quote.objects.get().position == 5


def test_the_quote_admin_offers_the_places_of_the_quotes_post(admin_client):
    quote = make_quote(post=make_post(body=BODY), position=2)
    html = admin_client.get(reverse("admin:news_quote_change", args=[quote.pk])).text
    assert ("2", " selected", "After heading: “What is growing”") in options(html, "position")


# --- Quotes stored when the number counted paragraphs -----------------------------------------

MIGRATION = "news.migrations.0007_quote_position_counts_blocks"


def run(function):
    state = MigrationLoader(connection).project_state(("news", MIGRATION.rsplit(".", 1)[1]))
    getattr(importlib.import_module(MIGRATION), function)(state.apps, connection.schema_editor())


def test_the_migration_keeps_every_stored_quote_where_readers_saw_it(client):
    # Blocks: ¶1, heading, ¶2, list, ¶3. Paragraphs 1, 2, 3 are blocks 1, 3, 5.
    post = make_post(body=BODY)
    quotes = {
        old: make_quote(post=post, position=old, text=f"Old place {old}") for old in (1, 2, 3, 9)
    }
    standalone = make_quote(position=2, text="In no post")
    run("paragraphs_to_blocks")
    moved = {old: Quote.objects.get(pk=quote.pk).position for old, quote in quotes.items()}
    assert moved == {1: 1, 2: 3, 3: 5, 9: 9}
    assert Quote.objects.get(pk=standalone.pk).position == 2

    html = client.get(post.get_absolute_url()).content.decode()
    html = html[html.index('class="post__body') :]
    # "After paragraph 2" was shown right after "Here are some of the ways", before the list.
    assert html.index("Here are some of the ways") < html.index("Old place 2")
    assert html.index("Old place 2") < html.index("A second centre")
    assert html.index("Monthly gifts make it possible.") < html.index("Old place 3")

    run("blocks_to_paragraphs")
    restored = {old: Quote.objects.get(pk=quote.pk).position for old, quote in quotes.items()}
    assert restored == {1: 1, 2: 2, 3: 3, 9: 9}


def test_the_migration_sends_quotes_of_a_text_without_paragraphs_to_the_end():
    post = make_post(body="<h2>Only a heading</h2><ul><li>and a list</li></ul>")
    quote = make_quote(post=post, position=1)
    run("paragraphs_to_blocks")
    assert Quote.objects.get(pk=quote.pk).position == 2


@pytest.mark.parametrize(
    "body",
    [
        "<p>One.</p>&nbsp;<h2>Two</h2>&amp; more<p>Three.</p>",
        "&nbsp;<p>One.</p><ul><li>a</li></ul> <p>Two.</p>&nbsp;",
        "<p>One.</p>\n<p>Two.</p>\n",
    ],
)
def test_the_migration_counts_blocks_as_split_blocks_does(body):
    """The migration keeps its own copy of the rule (it imports no project code): the copy must
    see the blocks the page will show, loose entities such as &nbsp; included."""
    migration = importlib.import_module(MIGRATION)
    assert migration.block_tags(body) == [block.tag for block in split_blocks(body)]
