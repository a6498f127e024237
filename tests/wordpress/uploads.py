"""The uploads folder the fixture exports refer to: small real JPEGs at WordPress's paths.

One file the exports name is deliberately absent (MISSING), as happens when an old site's
uploads were pruned; one carries a GPS position in its EXIF (GPS_TAGGED), which an import must
strip like any upload.
"""

from pathlib import Path

from PIL import Image, ImageDraw

# Path under uploads/ -> (size, colour): what each attachment item's _wp_attached_file names.
FILES = {
    "2021/03/classroom.jpg": ((640, 480), (196, 146, 82)),
    "2021/03/reading-circle.jpg": ((480, 320), (72, 118, 160)),
    "2022/05/tote-natural.jpg": ((400, 400), (232, 222, 200)),
    "2022/05/tote-black.jpg": ((400, 400), (34, 34, 38)),
    "2022/05/tshirt.jpg": ((400, 500), (20, 20, 24)),
}
MISSING = "2008/06/canola2.jpg"
GPS_TAGGED = "2021/03/classroom.jpg"
# Mae Chan, Chiang Rai, as a phone would record it: degrees, minutes, seconds.
GPS_POSITION = {1: "N", 2: (20.0, 8.0, 42.0), 3: "E", 4: (99.0, 51.0, 18.0)}


def make_uploads(root):
    """Write every file in FILES under `root` (created if need be); return their paths."""
    root = Path(root)
    written = []
    for relative, (size, colour) in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", size, colour)
        # A lighter band, so a rendition that came out blank or cropped wrongly shows.
        ImageDraw.Draw(image).rectangle(
            (0, size[1] // 3, size[0], size[1] // 2), fill=tuple(min(255, c + 60) for c in colour)
        )
        options = {"exif": _gps_exif()} if relative == GPS_TAGGED else {}
        image.save(path, "JPEG", quality=80, **options)
        written.append(path)
    return written


def _gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)  # the GPS IFD
    gps.update(GPS_POSITION)
    return exif
