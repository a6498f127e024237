"""{% picture %}: the one way a template shows an uploaded image (a core.images.Picture)."""

from django import template

register = template.Library()


@register.inclusion_tag("core/picture.html", name="picture")
def picture_tag(picture, *, alt, sizes="", eager=False):
    """Render `picture` as a responsive <picture>, or nothing when there is none.

    `alt` has no default so that every caller decides: words for an image that says something,
    "" for one that only decorates (a card's thumbnail next to its own title). `eager` is for the
    one image above the fold. The template renders only what is passed here, never the page's
    context.
    """
    return {"picture": picture, "alt": alt, "sizes": sizes, "eager": eager}
