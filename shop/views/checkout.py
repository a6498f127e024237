import logging
from datetime import timedelta
from functools import partial

import stripe
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from freedomstory.core.clients import client_address
from shop import cart as cart_service
from shop import order_limits, wording
from shop.checkout import CheckoutProblem, Donor, place_order
from shop.forms.checkout import CheckoutForm
from shop.models import Order
from shop.payments import get_backend

logger = logging.getLogger(__name__)


@never_cache
def checkout(request):
    cart = request.cart
    if cart.is_new and request.checked_out_cart_id:  # (is_new loads the cart, and sets the id)
        # A second click, or the back button, soon after the order was placed. Later, the cookie
        # (copied, or left on a shared computer) opens nothing: only the order's address does.
        recent = timezone.now() - timedelta(minutes=settings.CHECKED_OUT_CART_MINUTES)
        existing = Order.objects.filter(
            cart_id=request.checked_out_cart_id, created_at__gte=recent
        ).first()
        if existing:
            return redirect(existing)
    reviewed = cart_service.review(cart)
    if reviewed.problems:  # something changed since the cart was last seen: show it there
        return _back_to_cart(request, cart)
    if reviewed.is_empty:
        messages.info(
            request, _("Your cart is empty: add a product or a gift before checking out.")
        )
        return redirect("shop:cart")
    # Any POST is bound, even an empty one, so it gets its errors rather than a blank form.
    form = CheckoutForm(
        request.POST if request.method == "POST" else None, needs_shipping=reviewed.needs_shipping
    )
    backend = get_backend()
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        donor = Donor(**form.donor_details())
        allowance = partial(order_limits.order_allowance, client_address(request), donor.email)
        try:
            order = place_order(cart, donor, backend.name, allowance=allowance)
        except CheckoutProblem as problem:
            return _back_to_cart(request, cart, problem.problems)
        except order_limits.TooMany as refusal:
            logger.warning("checkout refused: %s reached from one client", refusal)
            messages.error(request, wording.too_many_text(refusal))
            status = 429
        else:
            return _to_payment(request, order, backend)
    return render(
        request,
        "shop/checkout/checkout.html",
        {"form": form, "reviewed": reviewed, "payment_note": backend.checkout_note},
        status=status,
    )


def _to_payment(request, order, backend):
    try:
        destination = backend.start(order, request)
    except stripe.StripeError:
        logger.exception("could not start the payment of order %s", order.number)
        messages.error(
            request,
            _(
                "Your order is saved, but the payment page did not open. Please try the "
                "“Pay now” button below in a moment."
            ),
        )
        destination = order.get_absolute_url()
    return redirect(destination)


def _back_to_cart(request, cart, problems=()):
    """Put the cart right (outside any transaction, so the fix stays) and show what changed."""
    reviewed = cart_service.reconcile(cart)
    texts = [wording.fixed_text(problem) for problem in reviewed.problems]
    texts += [wording.problem_text(p) for p in problems if p not in reviewed.problems]
    for text in texts:
        messages.warning(request, text)
    return redirect("shop:cart")
