import logging

import stripe
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from shop import cart as cart_service
from shop.checkout import CheckoutProblem, Donor, place_order
from shop.forms.checkout import CheckoutForm
from shop.models import Order
from shop.payments import get_backend

logger = logging.getLogger(__name__)


@never_cache
def checkout(request):
    cart = cart_service.get_cart(request, include_submitted=True)
    if cart is not None and not cart.is_open:
        existing = Order.objects.filter(cart=cart).first()
        if existing:  # a second click, or the back button, after the order was placed
            return redirect(existing)
    reviewed = cart_service.review(cart)
    if reviewed.notices:  # something changed since the cart was last seen: show it there
        for notice in reviewed.notices:
            messages.warning(request, notice)
        return redirect("shop:cart")
    if cart is None or reviewed.is_empty:
        messages.info(request, "Your cart is empty: add a product or a gift before checking out.")
        return redirect("shop:cart")
    # Any POST is bound, even an empty one, so it gets its errors rather than a blank form.
    form = CheckoutForm(
        request.POST if request.method == "POST" else None, needs_shipping=reviewed.needs_shipping
    )
    if request.method == "POST" and form.is_valid():
        backend = get_backend()
        try:
            order = place_order(cart, Donor(**form.donor_details()), backend.name)
        except CheckoutProblem as problem:
            for text in problem.problems:
                messages.warning(request, text)
            return redirect("shop:cart")
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
        return cart_service.forget(redirect(destination))
    return render(
        request,
        "shop/checkout/checkout.html",
        {"form": form, "reviewed": reviewed},
        status=400 if form.is_bound else 200,
    )
