"""Classic-editor text gets the paragraphs and line breaks WordPress adds when showing it."""

import pytest

from freedomstory.wordpress.bodies import PullQuote, convert


def html(content):
    return convert(content).html


def test_blank_lines_separate_paragraphs():
    assert html("First.\n\nSecond.\n\n\n\nThird.") == "<p>First.</p>\n<p>Second.</p>\n<p>Third.</p>"


def test_a_single_newline_inside_a_paragraph_is_a_line_break():
    assert html("Line one\nline two\nline three") == (
        "<p>Line one<br>\nline two<br>\nline three</p>"
    )


def test_windows_line_endings_count_as_newlines():
    assert html("One\r\ntwo\r\n\r\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"


def test_an_existing_br_gets_no_second_one():
    assert html("Line one<br />\nline two") == "<p>Line one<br />\nline two</p>"


@pytest.mark.parametrize(
    "element",
    [
        "<h2>Heading</h2>",
        "<h3>Sub</h3>",
        "<ul>\n<li>One</li>\n</ul>",
        "<ol><li>One</li></ol>",
        "<table><tr><td>Cell</td></tr></table>",
        "<figure><img src='a.jpg' alt=''></figure>",
        "<pre>code</pre>",
        "<hr />",
        "<p>Already a paragraph</p>",
    ],
)
def test_block_elements_are_never_wrapped_in_a_paragraph(element):
    assert html(f"Before.\n{element}\nAfter.") == f"<p>Before.</p>\n{element}\n<p>After.</p>"


def test_text_right_after_a_list_is_its_own_paragraph():
    content = "Bring:\n<ul>\n \t<li>a hat</li>\n \t<li>water</li>\n</ul>\nSee you there."
    assert html(content) == (
        "<p>Bring:</p>\n<ul>\n \t<li>a hat</li>\n \t<li>water</li>\n</ul>\n<p>See you there.</p>"
    )


def test_inline_markup_stays_inside_its_paragraph():
    inline = 'A <a href="https://example.org">link</a>, <em>emphasis</em>, <strong>more</strong>.'
    assert html(inline) == f"<p>{inline}</p>"


def test_a_line_break_inside_a_list_item_or_heading_is_a_br_without_paragraphs():
    assert html("<ul><li>One\nstill one</li></ul>") == "<ul><li>One<br>\nstill one</li></ul>"
    assert html("<h2>Two\nlines</h2>") == "<h2>Two<br>\nlines</h2>"


def test_text_in_a_blockquote_or_div_gets_paragraphs_and_the_div_goes():
    assert html("<blockquote>One.\n\nTwo.</blockquote>") == (
        "<blockquote><p>One.</p>\n<p>Two.</p></blockquote>"
    )
    assert html("<div class='note'>One.\n\nTwo.</div>") == "<p>One.</p>\n<p>Two.</p>"


def test_preformatted_text_is_left_exactly_as_written():
    assert html("Code:\n<pre>a = 1\n\nb = 2</pre>") == "<p>Code:</p>\n<pre>a = 1\n\nb = 2</pre>"


def test_a_blank_line_inside_emphasis_does_not_split_the_paragraph():
    assert html("<em>one\n\ntwo</em> end") == "<p><em>one<br>\n\ntwo</em> end</p>"


def test_empty_paragraphs_the_old_editor_left_are_dropped():
    assert html("One.\n\n&nbsp;\n\nTwo.") == "<p>One.</p>\n<p>Two.</p>"


def test_the_more_tag_and_other_comments_go():
    assert html("Teaser.\n\n<!--more-->\n\nRest.<!-- note to self -->") == (
        "<p>Teaser.</p>\n<p>Rest.</p>"
    )


def test_a_blockquote_with_a_cite_becomes_a_pull_quote():
    body = convert(
        "Before.\n<blockquote>“Keep them in school.”\n"
        "<cite>– Veerawit Tianchainan, Director</cite></blockquote>\nAfter."
    )
    assert body.parts == [
        "<p>Before.</p>",
        PullQuote("Keep them in school.", "Veerawit Tianchainan", "Director"),
        "<p>After.</p>",
    ]


def test_a_blockquote_without_a_cite_stays_in_the_text():
    body = convert("Before.\n<blockquote>Listen first.</blockquote>")
    assert body.parts == ["<p>Before.</p>\n<blockquote><p>Listen first.</p></blockquote>"]


def test_a_quote_over_two_paragraphs_loses_only_its_outer_marks():
    body = convert("<blockquote>“One.\n\n“Two.”<cite>Nok</cite></blockquote>")
    assert body.parts == [PullQuote("One. Two.", "Nok")]
