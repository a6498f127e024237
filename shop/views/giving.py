"""Giving: the Donate page, the confirmation step, and monthly gifts.

A one-time gift is the cart's gift: the confirmation posts to the cart's own gift endpoint
(shop.views.cart.change_donation), so there is one code path for it. A monthly gift goes to
Stripe (subscription mode), or, with the offline backend, to standing-order instructions.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

import stripe
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import TemplateView

from freedomstory.core.clients import client_address
from shop import monthly, order_limits, wording
from shop.forms.cart import DonationForm, first_error
from shop.forms.giving import MONTHLY, ONCE, GiftChoiceForm
from shop.models import GiftImpact, MonthlyGift
from shop.money import plain_amount, quantize
from shop.payments import get_backend, offline, stripe_monthly
from shop.views.orders import keep_token_private

logger = logging.getLogger(__name__)


def monthly_by_card():
    return settings.PAYMENT_BACKEND == "stripe"


@dataclass(frozen=True)
class Preset:
    amount: Decimal
    value: str  # as the form sends it: "25"
    text: str  # what it pays for, written by staff; may be empty


def presets():
    """The suggested amounts (settings), with what each pays for (one query)."""
    lines = {impact.amount: impact.text for impact in GiftImpact.objects.all()}
    return [
        Preset(quantize(amount), plain_amount(amount), lines.get(quantize(amount), ""))
        for amount in settings.DONATION_PRESETS
    ]


def _page_context(form):
    return {
        "form": form,
        "presets": presets(),
        "monthly_by_card": monthly_by_card(),
        "payment_backend": settings.PAYMENT_BACKEND,
        "min_gift": settings.DONATION_MIN,
        "max_gift": settings.DONATION_MAX,
        "contact_email": settings.CONTACT_EMAIL,
    }


class DonatePage(TemplateView):
    """The same page for everyone (served from the page cache): its form asks, by GET, for the
    confirmation step, which is personal."""

    template_name = "shop/giving/donate.html"

    def get_context_data(self, **kwargs):
        # The middle amount is chosen to start with: the most given on most charities' pages.
        amounts = settings.DONATION_PRESETS
        middle = plain_amount(amounts[len(amounts) // 2]) if amounts else ""
        form = GiftChoiceForm(initial={"amount": middle, "frequency": ONCE})
        return super().get_context_data(**_page_context(form), **kwargs)


@never_cache
@require_safe
def confirm(request):
    """ "Confirm your gift of $25": the step between choosing and giving, which also lets the
    page before it stay a GET form on a shared page, and works without JavaScript."""
    if not request.GET:
        return redirect("shop:donate")
    form = GiftChoiceForm(request.GET)
    if not form.is_valid():
        return render(request, "shop/giving/donate.html", _page_context(form), status=400)
    amount = form.cleaned_data["gift"]
    if form.is_monthly and not monthly_by_card():
        return render(
            request,
            "shop/giving/standing_order.html",
            {
                "amount": amount,
                "amount_value": plain_amount(amount),
                "bank": offline.bank_details(settings.BANK_STANDING_ORDER_REFERENCE, amount),
                "contact_email": settings.CONTACT_EMAIL,
            },
        )
    return render(
        request, "shop/giving/confirm.html", _confirm_context(request, amount, form.is_monthly)
    )


def _confirm_context(request, amount, is_monthly=True):
    return {
        "amount": amount,
        "monthly": is_monthly,
        "attempt": monthly.new_attempt() if is_monthly else "",
        "replaces": None if is_monthly else request.cart.donation_amount,
        "pay_sentence": get_backend().checkout_note,
    }


def _confirm_url(amount, frequency):
    query = urlencode({"amount": plain_amount(amount), "frequency": frequency})
    return f"{reverse('shop:donate_confirm')}?{query}"


@never_cache
@require_POST
def start_monthly(request):
    form = DonationForm(request.POST)  # the cart's gift field: the same bounds, the same words
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("shop:donate")
    amount = form.cleaned_data["amount"]
    if not monthly_by_card():
        return redirect(_confirm_url(amount, MONTHLY))
    try:
        with order_limits.monthly_allowance(client_address(request)):
            gift = monthly.begin(amount, request.POST.get("attempt", ""))
    except monthly.GiftRefused as refused:
        messages.error(request, wording.problem_text(refused.problem))
        return redirect("shop:donate")
    except order_limits.TooMany as refusal:
        logger.warning("monthly gift refused: %s reached from one client", refusal)
        messages.error(request, wording.too_many_text(refusal, keeps=_("Your choice is below.")))
        context = _confirm_context(request, amount)
        return render(request, "shop/giving/confirm.html", context, status=429)
    if gift.status != MonthlyGift.Status.PENDING:
        return redirect(gift)  # already set up: a second click after Stripe's page
    try:
        return redirect(stripe_monthly.payment_page(gift, request))
    except stripe.StripeError:
        logger.exception("could not open the payment page of monthly gift %s", gift.pk)
        messages.error(
            request,
            _("The secure payment page did not open. Nothing was charged: please try again."),
        )
        return redirect(_confirm_url(amount, MONTHLY))


@never_cache
@require_safe
def monthly_gift(request, token):
    gift = get_object_or_404(MonthlyGift, token=token)
    return keep_token_private(
        render(
            request,
            "shop/giving/monthly_gift.html",
            {
                "gift": gift,
                "returned_from_payment": request.GET.get("started") == "1",
                "left_payment_page": request.GET.get("cancelled") == "1",
                "payments": gift.payments.all()[:12],
                "contact_email": settings.CONTACT_EMAIL,
            },
        )
    )


@never_cache
@require_POST
def manage_monthly_gift(request, token):
    gift = get_object_or_404(MonthlyGift, token=token)
    if not gift.stripe_customer_id or not monthly_by_card():
        messages.error(
            request,
            _(
                "We cannot open the page to manage this gift yet. Please try again in a minute, "
                "or write to %(email)s."
            )
            % {"email": settings.CONTACT_EMAIL},
        )
        return redirect(gift)
    try:
        return redirect(stripe_monthly.portal_page(gift, request))
    except stripe.StripeError:
        logger.exception("could not open the customer portal for monthly gift %s", gift.pk)
        messages.error(request, _("The page to manage your gift did not open. Please try again."))
        return redirect(gift)
