"""The 24-megapixel upload, measured in a process of its own (bench/run.py starts two).

    python bench/upload.py make PATH [--sideways]   write a 6000×4000 photo-like JPEG to PATH
    python bench/upload.py measure PATH             process it as the admin does; JSON out

`measure` runs what a post's image upload runs: in the request, the field's validator and the
upright, EXIF-free original stored (freedomstory/core/image_files.py, on save); then what the
renditions task does (the stored original read back, its renditions written). It reports both
times (the files are deleted after) and the process's peak resident memory (ru_maxrss), the
Python and Django it imported included. Making the photo happens in another process, so its
memory is not counted.
"""

import io
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freedomstory.settings")

SIZE = (6000, 4000)


def make(path, sideways):
    from PIL import Image

    width, height = SIZE
    # Smooth gradients under fine grain: it compresses like a photo (about 8 MB at quality 88),
    # where a flat colour would decode unrealistically fast and pure noise would be too large.
    red = Image.linear_gradient("L").resize(SIZE)
    green = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(SIZE)
    blue = Image.radial_gradient("L").resize(SIZE)
    grain = Image.effect_noise(SIZE, 60)
    photo = Image.blend(
        Image.merge("RGB", (red, green, blue)), Image.merge("RGB", (grain, grain, grain)), 0.2
    )
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)})
    if sideways:
        exif[0x0112] = 6  # a portrait photo, stored as the sensor saw it
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=88, exif=exif)
    Path(path).write_bytes(buffer.getvalue())
    return {"bytes": len(buffer.getvalue()), "size": [width, height]}


def measure(path):
    import django

    django.setup()
    from django.core.files.storage import default_storage as storage
    from django.core.files.uploadedfile import UploadedFile

    from freedomstory.core.images import (
        delete_image_files,
        processed_original,
        stored_image,
        validate_image,
        write_renditions,
    )

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    with open(path, "rb") as file:
        upload = UploadedFile(file, "photo.jpg", "image/jpeg", os.path.getsize(path))
        validate_image(upload)
        original, _image = processed_original(upload)
        name = storage.save(f"bench/{original.name}", original)
    in_request = time.perf_counter() - started
    record = write_renditions(stored_image(name, storage), name, storage)
    seconds = time.perf_counter() - started
    delete_image_files(name, record, storage)
    return {
        "seconds": seconds,
        "request_seconds": in_request,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline,
        "width": record["width"],
        "height": record["height"],
    }


def main(argv):
    if len(argv) >= 3 and argv[1] == "make":
        result = make(argv[2], sideways="--sideways" in argv[3:])
    elif len(argv) == 3 and argv[1] == "measure":
        result = measure(argv[2])
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
