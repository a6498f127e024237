"""A post's WordPress content as our rich text: block comments gone, pull quotes lifted out."""

import pytest

from freedomstory.core.richtext import split_blocks
from freedomstory.wordpress.bodies import Body, PullQuote, convert
from tests.wordpress.exports import BOTH, fixture_items

DIRECTOR_QUOTE = PullQuote(
    "When one girl finishes school, her younger sisters expect to finish too.",
    "Veerawit Tianchainan",
    "Director",
)


def block(name, html, attrs=""):
    return f"<!-- wp:{name}{' ' + attrs if attrs else ''} -->\n{html}\n<!-- /wp:{name} -->\n\n"


def tags(html):
    return [found.tag for found in split_blocks(html)]


@pytest.mark.parametrize("name", BOTH)
def test_the_fixture_post_keeps_its_structure_with_the_pull_quote_in_its_place(name):
    body = convert(fixture_items(name)[101].content)
    before, quote, after = body.parts
    assert tags(before) == ["p", "h2", "p", "figure", "h3", "ul"]
    assert quote == DIRECTOR_QUOTE
    assert tags(after) == ["p"]
    assert body.warnings == []
    for kept in (
        "<strong>forty-two</strong>",
        "<em>the hardest their families have known</em>",
        '<a href="https://oldsite.example.org/about-us/">prevention work</a>',
        "Why staying in school matters</h2>",
        "What a scholarship covers</h3>",
        "<li>A mentor who visits the family every month</li>",
        'src="https://oldsite.example.org/wp-content/uploads/2021/03/classroom.jpg"',
        "Reading hour at the resource centre.</figcaption></figure>",
    ):
        assert kept in body.html


@pytest.mark.parametrize("name", BOTH)
def test_every_fixture_body_converts_without_block_comments_or_shortcodes(name):
    for item in fixture_items(name).values():
        html = convert(item.content).html
        assert "<!--" not in html and "[gallery" not in html and "[caption" not in html


def test_block_comments_of_every_shape_are_removed():
    content = (
        block("paragraph", "<p>One.</p>")
        + '<!-- wp:latest-posts {"postsToShow":3} /-->\n'
        + block("separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>')
        + block(
            "spacer", '<div style="height:40px" aria-hidden="true" class="wp-block-spacer"></div>'
        )
        + block("more", "<!--more-->")
        + block("paragraph", "<p>Two.</p>", '{"className":"lead"}')
    )
    assert convert(content).html == (
        '<p>One.</p>\n\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n\n<p>Two.</p>'
    )


def test_headings_lists_links_emphasis_and_images_are_kept_as_written():
    content = (
        block("heading", '<h2 class="wp-block-heading">Camp</h2>')
        + block("heading", "<h3>Day one</h3>", '{"level":3}')
        + block(
            "list",
            "<ol><!-- wp:list-item -->\n<li><em>Wake</em> at six</li>\n<!-- /wp:list-item --></ol>",
            '{"ordered":true}',
        )
        + block(
            "paragraph",
            '<p>See <a href="https://example.org/camp">the <strong>plan</strong></a>.</p>',
        )
        + block(
            "image",
            '<figure class="wp-block-image"><img src="https://example.org/a.jpg" alt="Tents"/>'
            "<figcaption>Our tents</figcaption></figure>",
            '{"id":5}',
        )
    )
    html = convert(content).html
    assert tags(html) == ["h2", "h3", "ol", "p", "figure"]
    assert "<h3>Day one</h3>" in html
    assert "<li><em>Wake</em> at six</li>" in html
    assert '<a href="https://example.org/camp">the <strong>plan</strong></a>' in html
    assert (
        '<img src="https://example.org/a.jpg" alt="Tents"/><figcaption>Our tents</figcaption>'
        in html
    )


def test_a_pull_quote_sits_between_the_html_before_and_after_it():
    body = convert(
        block("paragraph", "<p>Before.</p>")
        + block(
            "pullquote",
            '<figure class="wp-block-pullquote"><blockquote><p>“We stay.”</p>'
            "<cite>— Kanya Boonmee</cite></blockquote></figure>",
        )
        + block("paragraph", "<p>After.</p>")
    )
    assert body.parts == ["<p>Before.</p>", PullQuote("We stay.", "Kanya Boonmee"), "<p>After.</p>"]
    assert body.html == "<p>Before.</p>\n<p>After.</p>"


def test_a_quote_block_with_a_cite_becomes_a_pull_quote():
    body = convert(
        block(
            "quote",
            '<blockquote class="wp-block-quote">'
            + block("paragraph", '<p>"First line,</p>')
            + block("paragraph", '<p>second line."</p>')
            + "<cite>- Mali Saelee, Scholarship student, class of 2020</cite></blockquote>",
        )
    )
    assert body.parts == [
        PullQuote("First line, second line.", "Mali Saelee", "Scholarship student, class of 2020")
    ]


def test_a_quote_block_without_a_cite_stays_a_blockquote():
    body = convert(
        block(
            "quote",
            '<blockquote class="wp-block-quote">'
            + block("paragraph", "<p>Listen first.</p>")
            + "</blockquote>",
        )
    )
    (html,) = body.parts
    assert tags(html) == ["blockquote"]
    assert "<p>Listen first.</p>" in html


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("“Curly double.”", "Curly double."),
        ('"Straight double."', "Straight double."),
        ("‘Curly single.’", "Curly single."),
        ("« Guillemets »", "Guillemets"),
        ("No marks at all", "No marks at all"),
        ("The girls’", "The girls’"),  # an apostrophe, not a closing mark
        ("  “Spaced\n   out.”  ", "Spaced out."),
        ("Ben &amp; Jerry’s &#8220;idea&#8221;", "Ben & Jerry’s “idea”"),
    ],
)
def test_the_quote_marks_around_a_pull_quote_are_removed(written, text):
    body = convert(
        block(
            "pullquote",
            f'<figure class="wp-block-pullquote"><blockquote><p>{written}</p>'
            "<cite>Somchai</cite></blockquote></figure>",
        )
    )
    assert body.parts == [PullQuote(text, "Somchai")]


@pytest.mark.parametrize(
    ("cite", "speaker", "role"),
    [
        ("– Veerawit Tianchainan", "Veerawit Tianchainan", ""),
        ("—Veerawit Tianchainan, Director", "Veerawit Tianchainan", "Director"),
        (
            "- <strong>Veerawit</strong>, Director, The Freedom Story",
            "Veerawit",
            "Director, The Freedom Story",
        ),
        ("Veerawit Tianchainan ,  Director ", "Veerawit Tianchainan", "Director"),
    ],
)
def test_the_speaker_and_role_come_from_the_cite(cite, speaker, role):
    body = convert(
        block(
            "pullquote",
            f'<figure class="wp-block-pullquote"><blockquote><p>Words.</p><cite>{cite}</cite>'
            "</blockquote></figure>",
        )
    )
    assert body.parts == [PullQuote("Words.", speaker, role)]


def test_a_pull_quote_block_without_a_cite_is_still_a_pull_quote():
    body = convert(
        block(
            "pullquote",
            '<figure class="wp-block-pullquote"><blockquote><p>Unsigned.</p></blockquote></figure>',
        )
    )
    assert body.parts == [PullQuote("Unsigned.", "")]


def test_a_quote_inside_columns_is_lifted_and_the_layout_divs_go():
    body = convert(
        block(
            "columns",
            '<div class="wp-block-columns">'
            + block(
                "column",
                '<div class="wp-block-column">' + block("paragraph", "<p>Left.</p>") + "</div>",
            )
            + block(
                "column",
                '<div class="wp-block-column">'
                + block(
                    "quote",
                    '<blockquote class="wp-block-quote"><p>Right.</p><cite>Nok</cite></blockquote>',
                )
                + "</div>",
            )
            + "</div>",
        )
    )
    assert body.parts == ["<p>Left.</p>", PullQuote("Right.", "Nok")]


def test_an_embed_becomes_a_link_to_its_address():
    content = block(
        "embed",
        '<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\n'
        "https://www.youtube.com/watch?v=abc&amp;t=5\n</div></figure>",
        '{"url":"https://www.youtube.com/watch?v=abc\\u0026t=5","type":"video"}',
    )
    link = "https://www.youtube.com/watch?v=abc&amp;t=5"
    assert convert(content).html == f'<p><a href="{link}">{link}</a></p>'


def test_an_old_style_embed_without_a_url_setting_links_to_the_address_it_wraps():
    content = block(
        "core-embed/vimeo",
        '<figure class="wp-block-embed-vimeo"><div class="wp-block-embed__wrapper">\n'
        "https://vimeo.com/12345\n</div></figure>",
    )
    assert (
        convert(content).html
        == '<p><a href="https://vimeo.com/12345">https://vimeo.com/12345</a></p>'
    )


def test_a_button_becomes_a_paragraph_holding_its_link():
    content = block(
        "buttons",
        '<div class="wp-block-buttons">'
        + block(
            "button",
            '<div class="wp-block-button"><a class="wp-block-button__link" '
            'href="https://example.org/give">Give monthly</a></div>',
        )
        + "</div>",
    )
    assert convert(content).html == (
        '<p><a class="wp-block-button__link" href="https://example.org/give">Give monthly</a></p>'
    )


def test_blocks_built_when_the_page_is_shown_are_left_out_with_a_warning():
    body = convert(
        block("paragraph", "<p>Read more:</p>")
        + '<!-- wp:latest-posts {"postsToShow":3} /-->\n<!-- wp:block {"ref":88} /-->'
    )
    assert body.html == "<p>Read more:</p>"
    assert body.warnings == [
        "wp:latest-posts block left out (WordPress builds it when the page is shown)",
        "reusable block 88 left out (its content is stored apart from the post)",
    ]


def test_text_outside_any_block_gets_paragraphs():
    body = convert("Old text\nwith a break.\n\nSecond.\n\n" + block("paragraph", "<p>New.</p>"))
    assert body.html == "<p>Old text<br>\nwith a break.</p>\n<p>Second.</p>\n\n<p>New.</p>"


def test_a_block_left_open_keeps_its_content():
    body = convert('<!-- wp:group -->\n<div class="wp-block-group"><p>Inside.</p></div>')
    assert body.html == "<p>Inside.</p>"


@pytest.mark.parametrize("name", BOTH)
def test_hostile_markup_still_converts_and_is_left_for_the_sanitiser(name):
    body = convert(fixture_items(name)[106].content)
    assert isinstance(body, Body)
    assert body.warnings == [
        "iframe https://attacker.example/frame left out (the site embeds no frames or players)"
    ]
    assert "The games ran until dark." in body.html
    # Sanitising is the rich-text field's job; conversion neither hides nor breaks this markup.
    for hostile in ("<script>", "onerror=", "javascript:", "<iframe", "<style>"):
        assert hostile in body.html
    assert split_blocks(body.html)


def test_a_pasted_player_is_named_in_the_warnings_so_it_can_be_linked_again():
    body = convert(
        '<p>Watch:</p>\n<iframe width="560" src="https://www.youtube.com/embed/abc123"></iframe>\n'
        "<video src='/wp-content/uploads/2021/03/camp.mp4' controls></video>"
    )
    assert body.warnings == [
        "iframe https://www.youtube.com/embed/abc123 left out (the site embeds no frames or "
        "players)",
        "video /wp-content/uploads/2021/03/camp.mp4 left out (the site embeds no frames or "
        "players)",
    ]


def test_empty_content_is_an_empty_body():
    assert convert("") == Body(parts=[], warnings=[])
    assert convert(None).html == ""
