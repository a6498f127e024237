import logging

import stripe
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from shop import wording
from shop.models import Order
from shop.payments import get_backend
from shop.payments import stripe as stripe_payments

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def order_detail(request, token):
    order = get_object_or_404(Order.objects.prefetch_related("lines"), token=token)
    backend = get_backend(order.payment_backend)
    response = render(
        request,
        "shop/orders/order_detail.html",
        {
            "order": order,
            "instructions": backend.instructions(order),
            "bank": backend.bank_details(order),
            "can_pay_online": backend.name == "stripe"
            and order.status == Order.Status.PENDING_PAYMENT,
            "returned_from_payment": request.GET.get("paid") == "1",
            "left_payment_page": request.GET.get("cancelled") == "1",
        },
    )
    return keep_token_private(response)


def keep_token_private(response):
    """For a page whose address holds a secret token (an order's, a monthly gift's): the
    address is never passed on to another site, nor indexed."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_POST
def pay_order(request, token):
    order = get_object_or_404(Order, token=token)
    backend = get_backend(order.payment_backend)
    try:
        return redirect(backend.start(order, request))
    except stripe_payments.PaymentWindowClosed:
        order.refresh_from_db()
        expired = order.history.filter(step="expire").exists()
        messages.error(request, wording.not_payable_text(order, expired))
        return redirect(order)
    except stripe.StripeError:
        logger.exception("could not start the payment of order %s", order.number)
        messages.error(request, _("The payment page did not open. Please try again in a moment."))
        return redirect(order)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = stripe_payments.verify(request.body, request.headers.get("Stripe-Signature", ""))
        outcome = stripe_payments.handle_event(event)
    except stripe_payments.WebhookRejected as error:
        logger.warning("stripe webhook rejected: %s", error)
        return HttpResponseBadRequest("invalid signature")
    except stripe_payments.MalformedEvent as error:
        logger.error("stripe webhook: a signed event we cannot read: %s", error)
        return HttpResponseBadRequest("malformed event")
    return HttpResponse(outcome, content_type="text/plain")
