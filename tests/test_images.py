"""The shared image pipeline: checks on upload, upright and EXIF-free originals, renditions."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from PIL import Image

from freedomstory.core.images import Picture, process_upload, validate_image


def image_bytes(size=(1200, 800), fmt="JPEG", mode="RGB", exif=None):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, (180, 90, 40) if mode == "RGB" else 128).save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; upright means rotating 90°
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (13.0, 45.0, 0.0)
    gps[3] = "E"
    gps[4] = (100.0, 30.0, 0.0)
    return exif


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="not an image we can read"):
        validate_image(upload(b"%PDF-1.4 this is not a picture", "report.jpg"))


def test_an_image_with_too_many_pixels_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 4_000_000
    data = image_bytes(size=(4000, 4000), fmt="PNG", mode="L")  # 16 MP, a few KB on disk
    with pytest.raises(ValidationError, match="too many pixels"):
        validate_image(upload(data, "bomb.png"))


def test_a_decompression_bomb_beyond_pillows_own_limit_is_refused(settings, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    settings.IMAGE_MAX_PIXELS = 10**12  # our bound out of the way: Pillow's guard must still hold
    data = image_bytes(size=(1500, 1500), fmt="PNG", mode="L")
    with pytest.raises(ValidationError, match="too many pixels"):
        validate_image(upload(data, "bomb.png"))


def test_an_image_over_the_byte_limit_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="the largest we accept is"):
        validate_image(upload(image_bytes()))


def test_upload_is_turned_upright_and_loses_all_exif_including_gps():
    data = image_bytes(size=(1200, 800), exif=exif_with_gps_and_rotation())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the fixture does carry GPS

    original, record = process_upload(upload(data), storage=default_storage)

    stored = Image.open(io.BytesIO(original.read()))
    assert stored.size == (800, 1200)
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert (record["width"], record["height"]) == (800, 1200)


def test_renditions_are_made_once_in_avif_webp_and_jpeg_at_widths_up_to_the_original():
    _original, record = process_upload(upload(image_bytes(size=(1200, 800))))

    assert set(record["sources"]) == {"image/avif", "image/webp", "image/jpeg"}
    for mime, entries in record["sources"].items():
        assert [width for _name, width in entries] == [480, 960, 1200]
        for name, width in entries:
            with default_storage.open(name) as stored:
                rendition = Image.open(stored)
                assert rendition.width == width
                assert rendition.get_format_mimetype() == mime
                assert not rendition.getexif().get_ifd(0x8825)


def test_the_picture_include_renders_sources_srcset_dimensions_and_lazy_loading():
    _original, record = process_upload(upload(image_bytes(size=(1200, 800))))
    html = render_to_string(
        "core/picture.html",
        {"picture": Picture(record), "alt": "Children reading", "sizes": "50vw"},
    )
    assert '<source type="image/avif"' in html
    assert '<source type="image/webp"' in html
    assert 'width="1200" height="800"' in html
    assert 'alt="Children reading"' in html
    assert 'loading="lazy"' in html
    assert "960w" in html and 'sizes="50vw"' in html
    eager = render_to_string("core/picture.html", {"picture": Picture(record), "eager": True})
    assert 'loading="lazy"' not in eager and 'fetchpriority="high"' in eager


def a_picture():
    """A Picture from a record alone: rendering it reads no file."""
    sources = {
        mime: [[f"renditions/x/photo-{width}.{ext}", width] for width in (480, 960)]
        for mime, ext in (("image/avif", "avif"), ("image/webp", "webp"), ("image/jpeg", "jpg"))
    }
    return Picture({"width": 960, "height": 640, "sources": sources})


def render(source, **context):
    return Template("{% load pictures %}" + source).render(Context(context))


@pytest.mark.parametrize("eager", [True, False])
def test_the_picture_tag_renders_exactly_what_the_picture_include_renders(eager):
    picture = a_picture()
    included = render_to_string(
        "core/picture.html",
        {"picture": picture, "alt": "Children reading", "sizes": "50vw", "eager": eager},
    )
    tagged = render(
        '{% picture p alt="Children reading" sizes="50vw" eager=e %}', p=picture, e=eager
    )
    assert tagged == included
    assert "<picture>" in tagged and 'alt="Children reading"' in tagged


def test_the_picture_tag_renders_nothing_without_a_picture_and_ignores_the_page_context():
    assert render('{% picture p alt="" %}', p=None).strip() == ""
    # An `eager` or `sizes` of the page around it must not leak into the image.
    html = render('{% picture p alt="" %}', p=a_picture(), eager=True, sizes="10vw")
    assert 'loading="lazy"' in html and 'sizes="100vw"' in html and 'sizes="10vw"' not in html


def test_the_picture_tag_requires_an_alt_so_every_image_is_described_or_marked_decorative():
    with pytest.raises(TemplateSyntaxError, match="alt"):
        render("{% picture p %}", p=a_picture())
