"""The uploads folder made for the fixtures matches what the exports name."""

import pytest
from PIL import Image

from tests.wordpress.exports import BOTH, fixture_export
from tests.wordpress.uploads import FILES, GPS_POSITION, GPS_TAGGED, MISSING, make_uploads


@pytest.mark.parametrize("name", BOTH)
def test_every_attachment_has_its_file_except_the_one_meant_to_be_missing(tmp_path, name):
    make_uploads(tmp_path)
    attached = {
        item.meta["_wp_attached_file"]
        for item in fixture_export(name).items
        if item.post_type == "attachment"
    }
    assert attached == set(FILES) | {MISSING}
    assert {path for path in attached if (tmp_path / path).is_file()} == set(FILES)


def test_uploads_are_real_jpegs(tmp_path):
    for path in make_uploads(tmp_path):
        with Image.open(path) as image:
            image.load()
            assert (image.format, image.size) == ("JPEG", FILES[str(path.relative_to(tmp_path))][0])


def test_one_upload_carries_a_gps_position_for_the_import_to_strip(tmp_path):
    make_uploads(tmp_path)
    with Image.open(tmp_path / GPS_TAGGED) as image:
        gps = image.getexif().get_ifd(0x8825)
    assert (gps[1], gps[3]) == (GPS_POSITION[1], GPS_POSITION[3])
    assert tuple(float(value) for value in gps[2]) == GPS_POSITION[2]
