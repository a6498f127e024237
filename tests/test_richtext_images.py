"""Images inside rich text: the only images a body keeps are our own (every URL they load under
MEDIA_URL)."""

import pytest

from freedomstory.core.richtext import sanitize_html

pytestmark = pytest.mark.django_db

SRCSET = "/media/renditions/abc/pupils-480.jpg 480w, /media/renditions/abc/pupils-960.jpg 960w"
OURS = (
    f'<img src="/media/renditions/abc/pupils-960.jpg" srcset="{SRCSET}" '
    'sizes="(min-width: 50rem) 42rem, 100vw" width="960" height="640" alt="Pupils in class" '
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
}


@pytest.mark.parametrize("html", FOREIGN.values(), ids=FOREIGN.keys())
def test_the_sanitiser_removes_every_image_that_loads_anything_from_elsewhere(html):
    kept = sanitize_html(f"<p>Before</p>{html}<p>After</p>")
    assert kept == "<p>Before</p><p>After</p>"  # the whole tag, not an <img alt> left behind


def test_an_image_is_written_one_way_whatever_order_its_attributes_came_in():
    shuffled = (
        '<img decoding="sync" alt="Pupils in class" loading="eager" width="960" height="640" '
        f'sizes="(min-width: 50rem) 42rem, 100vw" srcset="{SRCSET}" '
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
