from freedomstory.core import pagecache
from shop import wording
from shop.middleware import header_count

# The header's count differs per visitor, so shared pages carry a slot for it (shop/apps.py
# registers it) that each response fills from the visitor's own `cart_count` cookie.
COUNT_SLOT = "cart_count_text"


def header_count_text(request):
    """Reading the cookie costs no query and never loads the cart; a forged count only changes
    the forger's own header. Missing or malformed, it reads 0. A request that counted the cart
    itself (the cart page, checkout) shows that count."""
    return wording.count_text(header_count(request))


def cart(request):
    """The header's count, as a slot that shared pages fill per visitor."""
    if request is None:
        return {}
    return {"cart_count_text": pagecache.slot(request, COUNT_SLOT)}
