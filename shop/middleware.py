"""Which cart is the visitor's: the one place that reads and writes the cart cookies.

The browser holds only the cart's id, in a signed httponly cookie, and a small readable
`cart_count` cookie for the header. `request.cart` is lazy: a request that never asks for it
costs no query and sets no cookie, so shared pages stay shared. A visitor without a valid cookie
gets a new, unsaved cart; shop/cart.py stores it on the first add. After the view, this
middleware writes what changed: the id when the visitor's cart is not the one the browser named
(a new cart), the count when it differs from what the browser holds, and, once the cart became
an order (or the cookie named no cart), it deletes the id and sets the count to 0.
Views never touch these cookies.
"""

import re
import uuid

from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

from shop import cart as cart_service
from shop.models import Cart

COOKIE_SALT = "shop.cart"
COOKIE_MAX_AGE = 60 * 60 * 24 * 30


def held_cart_id(request):
    """The cart id the visitor's browser holds, if its signature is good (else None)."""
    value = request.get_signed_cookie(settings.CART_COOKIE_NAME, default=None, salt=COOKIE_SALT)
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def holds_a_cart(request):
    """Whether the browser sent a cart cookie at all (valid or not): no query."""
    return settings.CART_COOKIE_NAME in getattr(request, "COOKIES", {})


SMALL_NUMBER = re.compile(r"[0-9]{1,4}")


def held_count(request):
    """The count the browser shows; 0 when the cookie is missing or not a small number."""
    value = request.COOKIES.get(settings.CART_COUNT_COOKIE_NAME, "")
    # Not str.isdigit(): it accepts "²", which int() refuses.
    return int(value) if SMALL_NUMBER.fullmatch(value) else 0


def _load(request):
    cart_id = held_cart_id(request)
    cart = Cart.objects.filter(pk=cart_id).first() if cart_id else None
    if cart is not None and not cart.is_open:
        # The cart became an order. Checkout asks for it: a second click on "Place order"
        # (sent before the first answer cleared the cookie) must land on that order.
        request.checked_out_cart_id = cart.pk
        cart = None
    return cart or Cart()


def _loaded_cart(request):
    """The visitor's cart if this request has looked at it, else None (and no query)."""
    cart = getattr(request, "cart", None)
    if isinstance(cart, SimpleLazyObject):
        return None if cart._wrapped is empty else cart._wrapped
    return cart


def header_count(request):
    """The count the header shows: what this request counted (a cart page that just put the
    cart right knows better than the cookie), else the `cart_count` cookie."""
    cart = _loaded_cart(request)
    if cart is not None and cart.counted is not None and cart.is_open:
        return cart.counted
    return held_count(request)


class CartMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.checked_out_cart_id = None  # set when the cookie names a cart already ordered
        request.cart = SimpleLazyObject(lambda: _load(request))
        response = self.get_response(request)
        cart = _loaded_cart(request)
        # A failed request (a bug, the database away: 5xx) rolled back what it wrote, so the
        # browser keeps the cookies it has, as Django's sessions do.
        if cart is not None and response.status_code < 500:  # None: the view never looked
            self._write_cookies(request, response, cart)
        return response

    def _write_cookies(self, request, response, cart):
        held_id = held_cart_id(request)
        if cart.is_new or not cart.is_open:
            # No cart (a forged or stale cookie, an order placed), or one ordered just now.
            if holds_a_cart(request):
                response.delete_cookie(settings.CART_COOKIE_NAME, samesite="Lax")
                self._set_count(response, 0)
            elif held_count(request) != 0:
                self._set_count(response, 0)
            return
        if held_id != cart.pk:
            response.set_signed_cookie(
                settings.CART_COOKIE_NAME,
                str(cart.pk),
                salt=COOKIE_SALT,
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.HTTPS,
            )
        count = cart_service.count(cart)
        if held_id != cart.pk or count != held_count(request):
            self._set_count(response, count)

    def _set_count(self, response, count):
        response.set_cookie(
            settings.CART_COUNT_COOKIE_NAME,
            str(count),
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.HTTPS,
        )
