import logging

import stripe
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from shop import cart as cart_service
from shop import wording
from shop.checkout import CheckoutProblem, Donor, place_order
from shop.forms.checkout import CheckoutForm
from shop.models import Order
from shop.payments import get_backend

logger = logging.getLogger(__name__)


@never_cache
def checkout(request):
    cart = request.cart
    if cart.is_new and request.checked_out_cart_id:  # (is_new loads the cart, and sets the id)
        # A second click, or the back button, after the order was placed.
        existing = Order.objects.filter(cart_id=request.checked_out_cart_id).first()
        if existing:
            return redirect(existing)
    reviewed = cart_service.review(cart)
    if reviewed.problems:  # something changed since the cart was last seen: show it there
        return _back_to_cart(request, cart)
    if reviewed.is_empty:
        messages.info(request, "Your cart is empty: add a product or a gift before checking out.")
        return redirect("shop:cart")
    # Any POST is bound, even an empty one, so it gets its errors rather than a blank form.
    form = CheckoutForm(
        request.POST if request.method == "POST" else None, needs_shipping=reviewed.needs_shipping
    )
    backend = get_backend()
    if request.method == "POST" and form.is_valid():
        try:
            order = place_order(cart, Donor(**form.donor_details()), backend.name)
        except CheckoutProblem as problem:
            return _back_to_cart(request, cart, problem.problems)
        try:
            destination = backend.start(order, request)
        except stripe.StripeError:
            logger.exception("could not start the payment of order %s", order.number)
            messages.error(
                request,
                "Your order is saved, but the payment page did not open. Please try the "
                "“Pay now” button below in a moment.",
            )
            destination = order.get_absolute_url()
        return redirect(destination)
    return render(
        request,
        "shop/checkout/checkout.html",
        {"form": form, "reviewed": reviewed, "payment_note": backend.checkout_note},
        status=400 if form.is_bound else 200,
    )


def _back_to_cart(request, cart, problems=()):
    """Put the cart right (outside any transaction, so the fix stays) and show what changed."""
    reviewed = cart_service.reconcile(cart)
    texts = [wording.fixed_text(problem) for problem in reviewed.problems]
    texts += [wording.problem_text(p) for p in problems if p not in reviewed.problems]
    for text in texts:
        messages.warning(request, text)
    return redirect("shop:cart")
