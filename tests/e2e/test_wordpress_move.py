"""A site moved in from WordPress, in a real browser: the old addresses people bookmarked and
shared lead to the imported post, page and product, which look as they did, images and all."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from tests.wordpress.exports import BLOCK_EDITOR
from tests.wordpress.uploads import make_uploads

pytestmark = pytest.mark.django_db(transaction=True)

OLD_POST = "/2021/03/15/back-to-school-in-mae-chan/"
NEW_POST = "/news/back-to-school-in-mae-chan/"
IMAGE_LOADED = "return arguments[0].complete && arguments[0].naturalWidth > 0"


@pytest.fixture
def moved_in(tmp_path):
    """The block-editor export imported with its uploads folder, as a charity moving in would."""
    uploads = tmp_path / "uploads"
    make_uploads(uploads)
    call_command(
        "import_wordpress", str(BLOCK_EDITOR), "--uploads", str(uploads), stdout=StringIO()
    )


def wait_until_loaded(visitor, image):
    """Scroll `image` into view and wait until the browser has it from this site's media."""
    visitor.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", image)
    visitor.wait_for(
        lambda: visitor.driver.execute_script(IMAGE_LOADED, image),
        message=f"{image.get_attribute('currentSrc')} never loaded",
    )
    assert image.get_attribute("currentSrc").startswith(visitor.base_url + "/media/")


def test_a_posts_old_wordpress_address_leads_to_the_post_as_it_was_written(visitor, moved_in):
    visitor.go(OLD_POST)
    visitor.wait_for(lambda: visitor.path == NEW_POST)
    assert visitor.text("h1") == "Back to school in Mae Chan"
    body = visitor.find(".post__body")
    assert [h.text for h in body.find_elements("css selector", "h2")] == [
        "Why staying in school matters"
    ]
    assert [h.text for h in body.find_elements("css selector", "h3")] == [
        "What a scholarship covers"
    ]
    assert [item.text for item in body.find_elements("css selector", "ul > li")] == [
        "School fees and uniforms",
        "A bicycle or a monthly bus pass",
        "A mentor who visits the family every month",
    ]

    featured = visitor.find(".post__image img")
    assert featured.get_attribute("alt") == (
        "Six students sitting in a circle on a classroom floor, each with a book"
    )
    wait_until_loaded(visitor, featured)
    image = body.find_element("css selector", "img")
    assert image.get_attribute("alt") == "Students reading together at a long wooden table"
    wait_until_loaded(visitor, image)
    visitor.snap("body-image")

    quote = body.find_element("css selector", "figure.pull-quote")
    # The importer keeps the words without WordPress's typed quotation marks.
    assert quote.find_element("css selector", "blockquote").text == (
        "When one girl finishes school, her younger sisters expect to finish too."
    )
    assert quote.find_element("css selector", "figcaption").text == (
        "– Veerawit Tianchainan, Director"
    )
    visitor.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", quote)
    visitor.snap("pull-quote")
    visitor.driver.execute_script("window.scrollTo(0, 0)")
    moved_post = visitor.snap("moved-post")
    if visitor.size_name == "desktop":
        shutil.copy(moved_post, "/tmp/wp-moved-post.png")


def test_the_old_plain_link_page_and_product_addresses_land_on_their_new_pages(
    desktop_visitor, moved_in
):
    visitor = desktop_visitor
    visitor.go("/?p=101")
    visitor.wait_for(lambda: visitor.path == NEW_POST)
    assert visitor.text("h1") == "Back to school in Mae Chan"

    visitor.go("/about-us/our-team/")
    assert visitor.path == "/about-us/our-team/"  # pages keep their WordPress addresses
    assert visitor.text("h1") == "Our team"
    visitor.snap("our-team")

    visitor.go("/product/freedom-story-t-shirt/")
    visitor.wait_for(lambda: visitor.path == "/shop/freedom-story-t-shirt/")
    assert visitor.text("h1") == "Freedom Story T-shirt"
    # One group per colour, a choice per size in each, as for a T-shirt made here.
    assert visitor.text("[data-variant-picker] > legend") == "Size and colour"
    groups = visitor.find_all(".variant-picker__group > legend")
    assert [legend.text for legend in groups] == ["Natural", "Black"]
    labels = [
        " ".join(label.get_attribute("textContent").split())
        for label in visitor.find_all(".variant-choice__label")
    ]
    assert labels == ["S, Natural", "M, Natural", "L, Black", "XL, Black"]
    wait_until_loaded(visitor, visitor.find(".product__gallery img"))
    visitor.snap("t-shirt")


def test_axe_finds_no_serious_or_critical_violation_on_an_imported_post(visitor, moved_in):
    visitor.go(OLD_POST)
    visitor.wait_for(lambda: visitor.path == NEW_POST)
    assert visitor.axe_violations("imported post") == []
