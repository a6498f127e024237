"""The shared image pipeline: checks on upload, upright and EXIF-free originals, renditions."""

import io

import pytest
from django.contrib.staticfiles.storage import StaticFilesStorage
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from PIL import Image

from freedomstory.core.images import Picture, processed_original, validate_image, write_renditions
from tests.news.factories import make_post


def image_bytes(size=(1200, 800), fmt="JPEG", mode="RGB", exif=None):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, (180, 90, 40) if mode == "RGB" else 128).save(buffer, fmt, **options)
    return buffer.getvalue()


def process_upload(field_file, storage=default_storage):
    """(The processed original, its renditions record), as a saved upload and its task make."""
    original, image = processed_original(field_file)
    return original, write_renditions(image, original.name, storage)


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


# --- Picture data worked out on save -------------------------------------------------------


def storage_url_calls(monkeypatch):
    """Record every URL asked of a media storage (the default storage is a FileSystemStorage)."""
    calls = []
    original_url = FileSystemStorage.url

    def counting_url(storage, name):
        if not isinstance(storage, StaticFilesStorage):  # {% static %} is not a picture's cost
            calls.append(name)
        return original_url(storage, name)

    monkeypatch.setattr(FileSystemStorage, "url", counting_url)
    return calls


def without_picture_data(record):
    """A record as images saved before the picture data existed have it."""
    return {key: value for key, value in record.items() if key != "picture"}


def test_rendering_a_new_picture_asks_the_storage_for_no_url(monkeypatch):
    _original, record = process_upload(upload(image_bytes(size=(1200, 800))))
    calls = storage_url_calls(monkeypatch)

    html = render('{% picture p alt="" %}', p=Picture(record))

    assert calls == []
    assert "/media/renditions/" in html and "1200w" in html


@pytest.mark.django_db
def test_the_news_list_renders_its_cards_pictures_without_asking_the_storage(client, monkeypatch):
    # /news/ is where the srcsets cost most: every card on the page has a picture.
    for number in range(3):
        make_post(f"Story {number}", image=upload(image_bytes()), image_alt="A classroom")
    calls = storage_url_calls(monkeypatch)

    html = client.get("/news/").content.decode()

    assert html.count("<picture>") == 3
    assert calls == []


@pytest.mark.parametrize("eager", [True, False])
def test_a_record_saved_before_the_picture_data_renders_the_same_html(eager):
    _original, record = process_upload(upload(image_bytes(size=(1200, 800))))
    source = '{% picture p alt="Children reading" sizes="50vw" eager=e %}'

    stored = render(source, p=Picture(record), e=eager)
    computed = render(source, p=Picture(without_picture_data(record)), e=eager)

    assert stored == computed


def test_an_old_record_renders_exactly_as_before_the_picture_data():
    # The HTML the picture tag gave before the picture data was stored, byte for byte.
    expected = (
        "<picture>\n"
        '  <source type="image/avif" srcset="/media/renditions/x/photo-480.avif 480w, '
        '/media/renditions/x/photo-960.avif 960w" sizes="50vw">\n'
        '  <source type="image/webp" srcset="/media/renditions/x/photo-480.webp 480w, '
        '/media/renditions/x/photo-960.webp 960w" sizes="50vw">\n'
        '  <img src="/media/renditions/x/photo-960.jpg" srcset="/media/renditions/x/photo-480.jpg '
        '480w, /media/renditions/x/photo-960.jpg 960w" sizes="50vw" width="960" height="640" '
        'alt="Children reading" loading="lazy" decoding="async">\n'
        "</picture>\n"
    )
    html = render('{% picture p alt="Children reading" sizes="50vw" %}', p=a_picture())
    assert html == expected


# --- Bounded processing of large uploads ---------------------------------------------------


def two_halves_jpeg(size, exif):
    """A JPEG whose stored left half is red and right half blue, to see which way is up."""
    image = Image.new("RGB", size, (0, 0, 230))
    image.paste((230, 0, 0), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=85)
    return buffer.getvalue()


def is_red(pixel):
    return pixel[0] > 150 and pixel[2] < 100


def is_blue(pixel):
    return pixel[2] > 150 and pixel[0] < 100


def rendition_widths(record):
    return {width for entries in record["sources"].values() for _name, width in entries}


def test_a_large_sideways_jpeg_is_decoded_small_yet_comes_out_upright_and_without_exif(
    settings,
):
    # Small rendition widths stand in for the real ones, so the test stays quick: the photo is
    # "large" at eight times the largest rendition, as a 24-megapixel photo is to 1600.
    settings.IMAGE_RENDITION_WIDTHS = (120, 240, 400)
    data = two_halves_jpeg((3200, 2400), exif_with_gps_and_rotation())

    original, record = process_upload(upload(data))

    stored = Image.open(io.BytesIO(original.read()))
    # Decoded at a quarter (800×600 as stored), then turned: portrait, in the photo's 3:4.
    assert stored.size == (600, 800) == (record["width"], record["height"])
    # Orientation 6 turns the stored left edge to the top.
    assert is_red(stored.getpixel((300, 50))) and is_blue(stored.getpixel((300, 750)))
    assert dict(stored.getexif()) == {} and "exif" not in stored.info
    assert rendition_widths(record) == {120, 240, 400}
    for entries in record["sources"].values():
        for name, width in entries:
            with default_storage.open(name) as file:
                rendition = Image.open(file)
                assert rendition.width == width <= 400
                assert rendition.height == round(width * 4 / 3)
                assert not rendition.getexif().get_ifd(0x8825)


def test_a_sideways_photo_is_bounded_on_its_upright_width_not_its_stored_width(settings):
    # Stored 1600×750 and turned, it is 750 wide: reducing by its stored width (1600 / 400)
    # would leave it 188 wide, short of the largest rendition.
    settings.IMAGE_RENDITION_WIDTHS = (120, 240, 400)
    data = two_halves_jpeg((1600, 750), exif_with_gps_and_rotation())

    _original, record = process_upload(upload(data))

    assert (record["width"], record["height"]) == (750, 1600)
    assert rendition_widths(record) == {120, 240, 400}


def test_the_stored_original_is_at_most_twice_the_largest_rendition_wide(settings):
    settings.IMAGE_RENDITION_WIDTHS = (120, 240, 400)
    # PNG has no reduced-scale decoding: the cap alone bounds it.
    original, record = process_upload(upload(image_bytes(size=(2000, 500), fmt="PNG"), "a.png"))

    stored = Image.open(io.BytesIO(original.read()))
    assert stored.size == (800, 200) == (record["width"], record["height"])
