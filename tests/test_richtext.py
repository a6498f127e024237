"""Rich text is sanitised by its field on every write path, for every model that has it."""

import re

import pytest
from django.utils import translation

from tests.richtext_cases import RICH_MODELS, WRITE_PATHS

pytestmark = pytest.mark.django_db

KEPT = "<p>Words around the attack stay.</p>"
# An image from our own media, written as store_body_image writes one.
OUR_IMAGE = (
    '<img src="/media/renditions/abc/room-960.jpg" '
    'srcset="/media/renditions/abc/room-480.jpg 480w, /media/renditions/abc/room-960.jpg 960w" '
    'sizes="(min-width: 50rem) 46rem, 100vw" width="960" height="640" alt="The new classroom" '
    'loading="lazy" decoding="async">'
)

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "event-handlers": '<p onclick="alert(1)">Tap</p><img src="x" onerror="alert(2)">',
    "javascript-link": '<p><a href="javascript:alert(1)">Open</a></p>',
    "data-link": '<p><a href="data:text/html;base64,PHNjcmlwdD4=">Open</a></p>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style-attribute": '<p style="position:fixed;inset:0">Cover</p>',
    "inline-svg": '<svg onload="alert(1)"><circle r="40"></circle></svg>',
    # An image loaded from anywhere but our media: a hot-link, a tracking pixel.
    "hot-linked-image": '<p><img src="https://evil.example/pixel.gif" alt=""></p>',
}

# Nothing of any attack may be left, whichever attack it was.
FORBIDDEN = (
    "<script",
    "onclick",
    "onerror",
    "onload",
    "javascript:",
    "data:",
    "<iframe",
    "evil.example",
    "style=",
    "<svg",
    "<img",
    "alert(",
)


def assert_harmless(html):
    for needle in FORBIDDEN:
        assert needle not in html.lower(), needle


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
@pytest.mark.parametrize("write", WRITE_PATHS.values(), ids=WRITE_PATHS.keys())
@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_every_write_path_stores_rich_text_without_the_attack(
    kind, write, attack, admin_client, tmp_path
):
    pk = write(kind, KEPT + attack, admin_client=admin_client, tmp_path=tmp_path)
    stored = kind.stored(pk)
    assert_harmless(stored)
    assert stored.startswith(KEPT)


def rich_text_on_the_page(client, kind, pk):
    response = client.get(kind.public_url(pk))
    assert response.status_code == 200
    html = response.content.decode()
    # Sanitised rich text holds no <div>, so the first </div> closes the container.
    found = re.search(rf'<div class="{kind.page_container}">(.*?)</div>', html, re.S)
    return html, found.group(1)


@pytest.mark.parametrize("path", ["loaddata", "update"])
@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_the_public_page_prints_the_rich_text_as_markup_and_none_of_the_attacks(
    kind, path, client, admin_client, tmp_path
):
    pk = WRITE_PATHS[path](
        kind, KEPT + "".join(ATTACKS.values()), admin_client=admin_client, tmp_path=tmp_path
    )
    page, rich_text = rich_text_on_the_page(client, kind, pk)
    assert KEPT in rich_text  # printed as HTML, not escaped, and without |safe
    assert_harmless(rich_text)
    for needle in ("onerror", "onclick", "onload", "javascript:", "alert("):
        assert needle not in page, needle


@pytest.mark.parametrize("write", WRITE_PATHS.values(), ids=WRITE_PATHS.keys())
@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_allowed_markup_is_stored_exactly_as_written(kind, write, admin_client, tmp_path):
    allowed = (
        "<h2>Why school matters</h2>"
        "<p>Children <strong>stay</strong> in <em>school</em>.</p>"
        "<ul><li>Books</li><li>Uniforms</li></ul>"
        "<ol><li>Enrol</li><li>Attend</li></ol>"
        "<blockquote><p>Every child counts.</p></blockquote>"
        '<p><a href="https://example.org/report" rel="noopener noreferrer">Read the report</a></p>'
        f"<figure>{OUR_IMAGE}<figcaption>The new classroom</figcaption></figure>"
    )
    pk = write(kind, allowed, admin_client=admin_client, tmp_path=tmp_path)
    assert kind.stored(pk) == allowed


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
@pytest.mark.parametrize("kind", RICH_MODELS.values(), ids=RICH_MODELS.keys())
def test_the_thai_column_is_sanitised_on_every_write_like_the_english(kind, attack):
    """modeltranslation's `body_th` is the same field class as `body`: same allow-list."""
    instance = kind.make()
    thai = f"{kind.field}_th"
    kind.model.objects.filter(pk=instance.pk).update(**{thai: KEPT + attack})
    with translation.override("th"):
        stored = kind.stored(instance.pk)
    assert_harmless(stored)
    assert stored.startswith(KEPT)
    setattr(instance, thai, KEPT + attack)
    instance.save()
    with translation.override("th"):
        assert_harmless(kind.stored(instance.pk))
