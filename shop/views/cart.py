from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from shop import cart as cart_service
from shop.forms.cart import (
    AddToCartForm,
    DonationForm,
    RemoveFromCartForm,
    UpdateCartForm,
    first_error,
)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "shop:cart"


def _answer(request, outcome):
    """One response for every cart change: JSON for the script, a redirect and a message without."""
    if _wants_json(request):
        summary = cart_service.summary(cart_service.get_cart(request))
        response = JsonResponse(
            {"ok": outcome.ok, "message": outcome.message, "cart": summary},
            status=200 if outcome.ok else 400,
        )
        return cart_service.remember(request, response, count=summary["count"])
    messages.add_message(request, outcome.level, outcome.message)
    return cart_service.remember(request, redirect(_back(request)))


def _refuse(request, form):
    outcome = cart_service.Outcome(messages.ERROR, first_error(form))
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": outcome.message}, status=400)
    messages.error(request, outcome.message)
    return redirect(_back(request))


def _cart_change(form_class, change):
    """A POST endpoint that validates `form_class` and hands its data to a cart.py function."""

    @never_cache
    @require_POST
    def endpoint(request):
        form = form_class(request.POST)
        if not form.is_valid():
            return _refuse(request, form)
        return _answer(request, change(request, **form.cleaned_data))

    return endpoint


add_to_cart = _cart_change(AddToCartForm, cart_service.add)
update_cart = _cart_change(UpdateCartForm, cart_service.update)
remove_from_cart = _cart_change(RemoveFromCartForm, cart_service.remove)


@never_cache
@require_POST
def give(request):
    if request.POST.get("remove"):
        return _answer(request, cart_service.remove_donation(request))
    form = DonationForm(request.POST)
    if not form.is_valid():
        return _refuse(request, form)
    return _answer(request, cart_service.set_donation(request, form.cleaned_data["amount"]))


@never_cache
@require_safe
def cart_page(request):
    cart = cart_service.get_cart(request)
    reviewed = cart_service.review(cart)
    suggested_gift = request.GET.get("gift", "")
    donation_form = DonationForm(
        initial={
            "amount": reviewed.donation or (suggested_gift if suggested_gift.isdigit() else "")
        }
    )
    response = render(
        request,
        "shop/cart.html",
        {
            "cart": cart,
            "reviewed": reviewed,
            "donation_form": donation_form,
            "cart_max_quantity": settings.CART_MAX_QUANTITY,
            "checkout_url": None if reviewed.is_empty else reverse("shop:checkout"),
        },
    )
    return cart_service.remember(request, response, count=reviewed.count) if cart else response


@never_cache
@require_safe
def cart_summary(request):
    cart = cart_service.get_cart(request)
    data = cart_service.summary(cart)
    data["csrf_token"] = get_token(request)  # for forms on shared, cached pages
    response = JsonResponse(data)
    return cart_service.remember(request, response, count=data["count"]) if cart else response
