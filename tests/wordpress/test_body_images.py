"""Every image in a body is found, then replaced by our copy or removed: never hot-linked."""

from freedomstory.wordpress.bodies import ImageRef, convert, images, replace_images
from tests.wordpress.exports import BOTH, fixture_items

CLASSROOM = "https://oldsite.example.org/wp-content/uploads/2021/03/classroom.jpg"
NEW = '<img src="/media/posts/classroom.jpg" alt="Students reading">'


def test_images_are_listed_in_order_with_their_alt_text():
    html = (
        '<p><img src="https://example.org/a.jpg" alt="First"></p>'
        "<figure><IMG SRC='https://example.org/b.jpg?x=1&amp;y=2'/></figure>"
        '<p><img alt="Third" src="c.jpg" /></p>'
    )
    assert images(html) == [
        ImageRef("https://example.org/a.jpg", "First"),
        ImageRef("https://example.org/b.jpg?x=1&y=2", ""),
        ImageRef("c.jpg", "Third"),
    ]


def test_the_fixture_posts_show_the_classroom_image():
    for name in BOTH:
        html = convert(fixture_items(name)[101].content).html
        assert images(html) == [
            ImageRef(CLASSROOM, "Students reading together at a long wooden table")
        ]


def test_an_image_is_replaced_by_the_markup_given_for_its_src():
    html = f'<figure><img src="{CLASSROOM}" alt="x"><figcaption>Hour</figcaption></figure>'
    assert replace_images(html, {CLASSROOM: NEW}) == (
        f"<figure>{NEW}<figcaption>Hour</figcaption></figure>"
    )


def test_a_src_is_matched_as_the_browser_reads_it():
    html = '<p>See <img src="https://example.org/a.jpg?w=1&amp;h=2"> here.</p>'
    assert replace_images(html, {"https://example.org/a.jpg?w=1&h=2": NEW}) == (
        f"<p>See {NEW} here.</p>"
    )


def test_a_removed_image_takes_its_empty_figure_and_caption_with_it():
    html = (
        "<p>Before.</p>\n"
        f'<figure class="wp-block-image"><img src="{CLASSROOM}"><figcaption>Hour</figcaption>'
        "</figure>\n<p>After.</p>"
    )
    assert replace_images(html, {CLASSROOM: None}) == "<p>Before.</p>\n\n<p>After.</p>"


def test_a_removed_image_takes_its_empty_paragraph_and_link_with_it():
    html = f'<p><a href="{CLASSROOM}"><img src="{CLASSROOM}"></a></p><p>Text.</p>'
    assert replace_images(html, {CLASSROOM: None}) == "<p>Text.</p>"


def test_a_paragraph_with_words_left_stays_when_its_image_goes():
    html = f'<p>Look: <img src="{CLASSROOM}"> nice.</p>'
    assert replace_images(html, {}) == "<p>Look:  nice.</p>"


def test_an_image_not_in_the_replacements_is_removed():
    html = '<figure><img src="https://elsewhere.example/hotlink.jpg"></figure><p>Text.</p>'
    assert replace_images(html, {CLASSROOM: NEW}) == "<p>Text.</p>"


def test_a_gallery_emptied_of_every_image_goes_entirely():
    html = (
        '<figure class="wp-block-gallery"><figure><img src="a.jpg"></figure>'
        '<figure><img src="b.jpg"><figcaption>B</figcaption></figure></figure><p>End.</p>'
    )
    assert replace_images(html, {"a.jpg": None}) == "<p>End.</p>"


def test_figures_and_paragraphs_that_keep_an_image_are_untouched():
    html = '<figure><img src="a.jpg"><figcaption>A</figcaption></figure><p><img src="b.jpg"></p>'
    assert replace_images(html, {"a.jpg": NEW, "b.jpg": NEW}) == (
        f"<figure>{NEW}<figcaption>A</figcaption></figure><p>{NEW}</p>"
    )


def test_html_without_images_comes_back_unchanged():
    html = "<p></p><figure><blockquote>Q</blockquote></figure>"
    assert replace_images(html, {}) == html
    assert images(html) == []


def test_an_image_linked_to_its_file_in_the_old_uploads_loses_that_link():
    """ "Link to: Media File" sent readers to the old site's copy (GPS and all), or to a 404
    once the old site is gone; other links around an image stay."""
    original = "https://oldsite.example.org/wp-content/uploads/2021/03/classroom.jpg"
    sized = "https://oldsite.example.org/wp-content/uploads/2021/03/classroom-300x200.jpg"
    html = (
        f'<p><a href="{original}"><img src="{sized}" alt="x"></a></p>'
        f'<p><a href="/donate/"><img src="{CLASSROOM}" alt="x"></a></p>'
    )
    assert replace_images(html, {sized: NEW, CLASSROOM: NEW}) == (
        f'<p>{NEW}</p><p><a href="/donate/">{NEW}</a></p>'
    )
