"""Images inside rich text: stored through the shared image code, and the only images a body
keeps are our own (every URL they load under MEDIA_URL)."""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from freedomstory.core.models import RichTextImage
from freedomstory.core.richtext import sanitize_html
from freedomstory.core.richtext_images import BODY_IMAGE_SIZES, store_body_image
from news.models import Post
from tests.news.factories import make_post
from tests.richtext_cases import POST, RICH_MODELS
from tests.test_images import exif_with_gps_and_rotation, image_bytes

pytestmark = pytest.mark.django_db

SRCSET = "/media/renditions/abc/pupils-480.jpg 480w, /media/renditions/abc/pupils-960.jpg 960w"
OURS = (
    f'<img src="/media/renditions/abc/pupils-960.jpg" srcset="{SRCSET}" '
    'sizes="(min-width: 50rem) 46rem, 100vw" width="960" height="640" alt="Pupils in class" '
    'loading="lazy" decoding="async">'
)
LAZY = 'loading="lazy" decoding="async"'


# --- The sanitiser keeps our own images and only those ----------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        OURS,
        f"<p>{OURS}</p>",
        f"<figure>{OURS}<figcaption>Pupils in class</figcaption></figure>",
        '<img src="/media/richtext/2026/01/pupils.jpg" alt="">',
    ],
    ids=["img", "in-a-paragraph", "in-a-figure", "src-only"],
)
def test_the_sanitiser_keeps_an_image_from_our_media(html):
    kept = sanitize_html(html)
    assert kept.count("<img ") == 1
    assert sanitize_html(kept) == kept


FOREIGN = {
    "another-site": '<img src="https://evil.example/x.png" alt="Tracker">',
    "protocol-relative": '<img src="//evil.example/media/x.png" alt="x">',
    "data": '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">',
    "javascript": '<img src="javascript:alert(1)" alt="x">',
    "relative-path": '<img src="wp-content/uploads/x.png" alt="x">',
    "outside-media": '<img src="/static/img/logo.png" alt="x">',
    "no-src": '<img alt="x" srcset="/media/a.jpg 1x">',
    "foreign-srcset": (
        '<img src="/media/a.jpg" srcset="/media/a.jpg 1x, https://evil.example/b.jpg 2x">'
    ),
    "odd-srcset": '<img src="/media/a.jpg" srcset="/media/a.jpg 1x https://evil.example/b.jpg">',
    "event-handler": '<img src="x" onerror="alert(1)">',
    # Under MEDIA_URL as written, elsewhere once the browser resolves the dot segments.
    "climbs-out-of-media": '<img src="/media/../cart/summary.json" alt="x">',
    "climbs-out-encoded": '<img src="/media/%2e%2E/cart/summary.json" alt="x">',
    "climbs-out-backslash": '<img src="/media/..\\cart/summary.json" alt="x">',
    "srcset-climbs-out": '<img src="/media/a.jpg" srcset="/media/./../admin/ 2x">',
}


@pytest.mark.parametrize("html", FOREIGN.values(), ids=FOREIGN.keys())
def test_the_sanitiser_removes_every_image_that_loads_anything_from_elsewhere(html):
    kept = sanitize_html(f"<p>Before</p>{html}<p>After</p>")
    assert kept == "<p>Before</p><p>After</p>"  # the whole tag, not an <img alt> left behind


def test_an_image_is_written_one_way_whatever_order_its_attributes_came_in():
    shuffled = (
        '<img decoding="sync" alt="Pupils in class" loading="eager" width="960" height="640" '
        f'sizes="(min-width: 50rem) 46rem, 100vw" srcset="{SRCSET}" '
        'src="/media/renditions/abc/pupils-960.jpg" title="t" style="x" class="wp-image-12">'
    )
    assert sanitize_html(shuffled) == OURS


def test_with_media_on_a_cdn_its_addresses_are_kept_and_no_others(settings):
    settings.MEDIA_URL = "https://cdn.example.org/media/"
    url = "https://cdn.example.org/media/a.jpg"
    cdn = f'<img src="{url}" srcset="{url} 480w" alt="">'
    assert sanitize_html(cdn) == f'<img src="{url}" srcset="{url} 480w" alt="" {LAZY}>'
    assert sanitize_html('<img src="/media/a.jpg" alt="">') == ""
    assert sanitize_html('<img src="https://cdn.example.org/other/a.jpg" alt="">') == ""
    assert sanitize_html('<img src="https://cdn.example.org.evil.example/media/a.jpg">') == ""


# --- Storing an image found in a body ---------------------------------------------------------


def photo_with_gps(name="classroom.jpg"):
    return ContentFile(image_bytes(size=(1200, 800), exif=exif_with_gps_and_rotation()), name=name)


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_in(html):
    parser = _Images()
    parser.feed(html)
    return parser.images


def storage_name(url):
    assert url.startswith("/media/"), url
    return url.removeprefix("/media/")


def test_a_body_image_is_stored_upright_without_exif_and_with_its_renditions():
    store_body_image(photo_with_gps(), alt="A classroom")
    stored = RichTextImage.objects.get()
    with Image.open(stored.image.open()) as original:
        assert dict(original.getexif()) == {}  # no GPS, no camera
        assert "exif" not in original.info
        assert original.size == (800, 1200)  # turned upright: the camera was held sideways
    assert stored.image.name.startswith("richtext/")
    assert stored.alt == "A classroom"
    for entries in stored.renditions["sources"].values():
        for name, _width in entries:
            assert default_storage.exists(name)
            with Image.open(default_storage.open(name)) as rendition:
                assert not rendition.getexif().get_ifd(0x8825)


def test_the_returned_img_loads_our_jpeg_renditions_and_survives_the_sanitiser_as_written():
    markup = store_body_image(photo_with_gps(), alt="A classroom")
    [image] = images_in(markup)
    stored = RichTextImage.objects.get()
    jpegs = stored.renditions["sources"]["image/jpeg"]
    assert storage_name(image["src"]) in [name for name, _ in jpegs]
    candidates = [candidate.split() for candidate in image["srcset"].split(", ")]
    assert [(storage_name(url), int(width[:-1])) for url, width in candidates] == [
        (name, width) for name, width in jpegs
    ]
    assert image["sizes"] == BODY_IMAGE_SIZES
    assert (image["width"], image["height"]) == ("800", "1200")
    assert (image["alt"], image["loading"], image["decoding"]) == ("A classroom", "lazy", "async")
    assert sanitize_html(markup) == markup


def test_the_description_is_escaped_in_the_markup():
    description = 'The children\'s "new" class & <b>their</b> teacher'
    markup = store_body_image(photo_with_gps(), alt=description)
    assert "<b>" not in markup
    assert images_in(markup)[0]["alt"] == description
    assert sanitize_html(markup) == markup


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_error_and_nothing_is_stored():
    with pytest.raises(ValidationError) as refused:
        store_body_image(ContentFile(b"%PDF-1.4 not a picture", name="report.jpg"), alt="")
    assert "not an image we can read" in str(refused.value)
    assert not RichTextImage.objects.exists()
    assert not default_storage.exists("renditions")


def test_an_image_over_the_byte_limit_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="the largest we accept"):
        store_body_image(photo_with_gps(), alt="")
    assert not RichTextImage.objects.exists()


def test_the_same_file_stored_twice_is_kept_once_and_each_img_has_its_own_description():
    first = store_body_image(photo_with_gps("a.jpg"), alt="First use")
    second = store_body_image(photo_with_gps("b.jpg"), alt="Second use")
    assert RichTextImage.objects.count() == 1
    assert images_in(first)[0]["src"] == images_in(second)[0]["src"]
    assert images_in(second)[0]["alt"] == "Second use"


def test_media_urls_the_sanitiser_would_drop_stop_the_import_instead_of_losing_images(settings):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"base_url": "https://elsewhere.example/files/"},
        }
    }
    with pytest.raises(ImproperlyConfigured, match="not under MEDIA_URL"):
        store_body_image(photo_with_gps(), alt="")


# --- Through the models and onto the pages ------------------------------------------------


def test_a_post_saved_with_our_image_and_a_hot_linked_one_keeps_only_ours():
    ours = store_body_image(photo_with_gps(), alt="A classroom")
    post = make_post(
        body=f'<p>Intro</p>{ours}<p><img src="https://evil.example/x.png" alt="Theirs"></p>'
    )
    stored = POST.stored(post.pk)
    assert stored == f"<p>Intro</p>{ours}<p></p>"
    assert Post.objects.get(pk=post.pk).body == stored


@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_the_public_page_prints_our_body_image_inside_the_prose(kind, client):
    ours = store_body_image(photo_with_gps(), alt="A classroom")
    body = f"<p>Intro</p><figure>{ours}<figcaption>Mae Sai</figcaption></figure>"
    instance = kind.make(**{kind.field: body})
    html = client.get(instance.get_absolute_url()).content.decode()
    printed = re.search(rf'<div class="{kind.page_container}">(.*?)</div>', html, re.S)[1]
    assert body in printed
