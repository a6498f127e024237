"""The enrolment page's QR code and the secret written out for typing."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_svg(text):
    """An inline <svg> element (no script, no style attribute), sized by the stylesheet."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return mark_safe(
        svg.replace("<svg ", '<svg class="staff-qr" role="img" aria-label="QR code" ', 1)
    )


def typed_secret(device):
    """The secret as an app asks for it when the code cannot be scanned, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
