"""The Thai font in a real browser: a Thai page draws its Thai in Sarabun from our own static
files (this machine has no Thai font of its own, so anything else would be boxes), the header
with its language switcher fits a phone and a desktop, and an English page fetches no Latin
Sarabun at all."""

import pytest
from django.utils import translation

from tests.news.factories import make_post

pytestmark = pytest.mark.django_db(transaction=True)

# The faces this page loaded (document.fonts is the page's own; the browser's resource
# entries may also list files an earlier page left in its memory cache).
LOADED_FACES = (
    "return [...document.fonts].filter(face => face.status === 'loaded')"
    ".map(face => `${face.family} ${face.weight} ${face.unicodeRange}`)"
)
THAI_RANGE = "U+E01-E5B"
FONTS_READY = (
    "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));"
)


@pytest.fixture
def thai_post():
    with translation.override("en"):
        post = make_post(
            "Back to school",
            slug="back-to-school",
            title_th="น้องมินได้กลับไปโรงเรียนแล้ว",
            body_th="<p>ด้วยความช่วยเหลือของผู้บริจาค น้องมินได้กลับไปเรียนหนังสืออีกครั้ง</p>",
        )
    return post


def test_a_thai_post_reads_in_our_thai_font_and_its_header_fits(visitor, thai_post):
    visitor.go("/th/news/back-to-school/")
    visitor.driver.execute_async_script(FONTS_READY)
    loaded = visitor.driver.execute_script(LOADED_FACES)
    thai_weights = {face.split()[1] for face in loaded if THAI_RANGE in face}
    assert thai_weights == {"400", "700"}, loaded  # the body and the heading
    assert visitor.driver.execute_script("return document.fonts.check('16px Sarabun', 'ก')")
    family = visitor.driver.execute_script(
        "return getComputedStyle(document.querySelector('h1')).fontFamily"
    )
    assert family.startswith('"Sarabun"') or family.startswith("Sarabun")
    overflow = visitor.driver.execute_script(
        "const header = document.querySelector('.site-header').getBoundingClientRect();"
        "const link = document.querySelector('.language-switcher a').getBoundingClientRect();"
        "return {page: document.documentElement.scrollWidth - window.innerWidth,"
        " right: link.right - window.innerWidth, inside: link.top >= header.top"
        " && link.bottom <= header.bottom}"
    )
    assert overflow["page"] <= 0 and overflow["right"] <= 0 and overflow["inside"], overflow
    assert visitor.find(".language-switcher a").text == "English"
    visitor.snap("thai-post")


def test_an_english_page_fetches_no_latin_sarabun(visitor, thai_post):
    # As a first visit: files an earlier (Thai) page left in the cache are "loaded" for free.
    visitor.driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    visitor.go("/news/back-to-school/")
    visitor.driver.execute_async_script(FONTS_READY)
    loaded = visitor.driver.execute_script(LOADED_FACES)
    # Thai letters only (the switcher's "ไทย", where the device has no Thai font of its own).
    assert [face for face in loaded if THAI_RANGE not in face] == []
    family = visitor.driver.execute_script("return getComputedStyle(document.body).fontFamily")
    assert "Sarabun" not in family
