"""Helpers for the shop's Thai tests: Thai addresses."""

from freedomstory.core.languages import address_in


def thai(path):
    """`path` on the Thai site: /cart/ → /th/cart/."""
    return address_in(path, "th")
