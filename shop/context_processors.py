from django.conf import settings
from django.utils.functional import SimpleLazyObject

from shop import cart as cart_service


def cart(request):
    """The header's cart count, rendered by the server only for visitors who have a cart.

    Lazy, and only when the cart cookie is there: a visitor without a cart costs no query, and
    their page stays the same as everyone else's (the JavaScript reads the count cookie).
    """
    if request is None or not hasattr(request, "get_signed_cookie"):
        return {}
    if settings.CART_COOKIE_NAME not in request.COOKIES:
        return {}
    return {
        "cart_count_text": SimpleLazyObject(
            lambda: cart_service.count_text(cart_service.item_count(cart_service.get_cart(request)))
        )
    }
