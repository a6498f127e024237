from django.conf import settings

from shop import wording
from shop.middleware import held_count


def cart(request):
    """The header's count, from the `cart_count` cookie the shop keeps up to date.

    Reading the cookie costs no query and never loads the cart; a forged count only changes the
    forger's own header. A view that knows better (the cart page) passes its own.
    """
    if request is None or not hasattr(request, "COOKIES"):
        return {}
    if settings.CART_COOKIE_NAME not in request.COOKIES:
        # Without a cart the page is everyone's (and may be stored in the shared page cache):
        # it must not carry a count some visitor's cookie claims.
        return {}
    return {"cart_count_text": wording.count_text(held_count(request))}
