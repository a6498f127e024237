"""Shortcodes become plain HTML in both kinds of content: no "[name …]" reaches a reader."""

import pytest

from freedomstory.wordpress.bodies import convert

IMG = '<img class="size-full wp-image-10" src="https://example.org/a.jpg" alt="Class" />'


def block_paragraph(html):
    return f"<!-- wp:paragraph -->\n<p>{html}</p>\n<!-- /wp:paragraph -->"


def test_a_caption_becomes_a_figure_with_its_caption():
    body = convert(
        f'Before.\n\n[caption id="attachment_10" align="aligncenter" width="640"]{IMG} '
        "Reading <em>hour</em>.[/caption]\n\nAfter."
    )
    assert body.html == (
        f"<p>Before.</p>\n<figure>{IMG}<figcaption>Reading <em>hour</em>.</figcaption></figure>\n"
        "<p>After.</p>"
    )


def test_a_caption_around_a_linked_image_keeps_the_link():
    linked = f'<a href="https://example.org/a-large.jpg">{IMG}</a>'
    assert convert(f"[caption width='300']{linked} Big[/caption]").html == (
        f"<figure>{linked}<figcaption>Big</figcaption></figure>"
    )


def test_an_old_caption_attribute_is_used_when_there_is_no_caption_text():
    assert convert(
        f'[caption id="" align="alignleft" caption="Old style"]{IMG}[/caption]'
    ).html == (f"<figure>{IMG}<figcaption>Old style</figcaption></figure>")


def test_a_caption_in_a_block_paragraph_is_not_left_inside_the_paragraph():
    body = convert(block_paragraph(f'[caption width="640"]{IMG} Hour[/caption]'))
    assert body.html == f"<figure>{IMG}<figcaption>Hour</figcaption></figure>"


@pytest.mark.parametrize("name", ["gallery", "audio", "video", "playlist"])
def test_media_shortcodes_are_removed_with_a_warning(name):
    body = convert(f'Photos below.\n\n[{name} ids="12,13" src="https://example.org/x"]\n\nThanks.')
    assert body.html == "<p>Photos below.</p>\n<p>Thanks.</p>"
    assert body.warnings == [f"{name} shortcode removed (its files are not placed in the text)"]


def test_a_gallery_in_a_block_post_is_removed_with_a_warning():
    body = convert('<!-- wp:shortcode -->\n[gallery ids="1,2"]\n<!-- /wp:shortcode -->')
    assert (body.html, len(body.warnings)) == ("", 1)
    assert body.warnings[0].startswith("gallery shortcode removed")


def test_an_embed_shortcode_becomes_a_link_paragraph():
    body = convert("Watch:\n[embed width='500']https://vimeo.com/123[/embed]\nThanks.")
    assert body.html == (
        '<p>Watch:</p>\n<p><a href="https://vimeo.com/123">https://vimeo.com/123</a></p>\n'
        "<p>Thanks.</p>"
    )


def test_a_url_alone_on_a_line_becomes_a_link_paragraph():
    body = convert("Our film:\nhttps://www.youtube.com/watch?v=abc&t=5\nEnjoy.")
    assert body.html == (
        "<p>Our film:</p>\n"
        '<p><a href="https://www.youtube.com/watch?v=abc&amp;t=5">'
        "https://www.youtube.com/watch?v=abc&amp;t=5</a></p>\n<p>Enjoy.</p>"
    )


def test_a_url_inside_a_sentence_stays_text():
    assert convert("See https://example.org for more.").html == (
        "<p>See https://example.org for more.</p>"
    )


def test_an_unknown_enclosing_shortcode_keeps_its_content():
    body = convert("[su_box title='Note'][su_row]Bring <em>water</em>.[/su_row][/su_box]")
    assert (body.html, body.warnings) == ("<p>Bring <em>water</em>.</p>", [])


def test_an_unknown_self_closing_shortcode_is_removed_and_named_in_a_warning():
    body = convert('Sign up: [contact-form-7 id="12" title="Contact"] [newsletter/]')
    assert body.html == "<p>Sign up:</p>"
    assert body.warnings == [
        "[contact-form-7] shortcode removed",
        "[newsletter] shortcode removed",
    ]


def test_an_escaped_shortcode_is_shown_as_literal_text():
    body = convert("Type [[gallery]] to add photos, or [[b]bold[/b]] for bold.")
    assert body.html == "<p>Type [gallery] to add photos, or [b]bold[/b] for bold.</p>"
    assert body.warnings == []


@pytest.mark.parametrize("text", ["[1]", "[ 2 ]", "[Photo: Nok]", "a ] b [ c"])
def test_brackets_that_are_not_shortcodes_stay(text):
    assert convert(text).html == f"<p>{text}</p>"


def test_no_shortcode_brackets_are_left_in_either_kind_of_content():
    shortcodes = (
        '[caption]x[/caption] [gallery] [embed]https://a.example[/embed] [x y="1"]z[/x] [w]'
    )
    for content in (shortcodes, block_paragraph(shortcodes)):
        html = convert(content).html
        assert "[" not in html and "]" not in html
