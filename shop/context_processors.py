from shop import wording
from shop.middleware import held_count, holds_a_cart


def cart(request):
    """The header's count, from the `cart_count` cookie the shop keeps up to date.

    Reading the cookie costs no query and never loads the cart; a forged count only changes the
    forger's own header. A view that knows better (the cart page) passes its own.
    """
    if request is None or not holds_a_cart(request):
        # Without a cart the page is everyone's (and may be stored in the shared page cache):
        # it must not carry a count some visitor's cookie claims.
        return {}
    return {"cart_count_text": wording.count_text(held_count(request))}
