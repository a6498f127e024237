"""The cart's pages and endpoints: forms in, shop.cart changes, words from shop.wording out.

Every change answers in two ways: JSON for the mini-cart script, or a redirect with a message
without JavaScript. Which cart is the visitor's, and its cookies, is shop/middleware.py's job.
"""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from shop import cart as cart_service
from shop import wording
from shop.forms.cart import (
    AddToCartForm,
    DonationForm,
    RemoveFromCartForm,
    UpdateCartForm,
    first_error,
)
from shop.money import format_money


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "shop:cart"


def _checkout_url(reviewed):
    return None if reviewed.is_empty else reverse("shop:checkout")


def summary(request, reviewed):
    """The cart as the mini-cart sees it (JSON-ready), with its panel rendered by the server.

    Only reads: what changed (a product withdrawn, a new price) is said here and put right when
    the donor opens the cart page or checks out. The lines are the cart as it can be bought.
    """
    lines = [
        {
            "product": item.product.pk,
            "variant": item.variant.pk,
            "name": item.name,
            "url": item.product.get_absolute_url(),
            "image": item.product.picture.src if item.product.picture else None,
            "quantity": item.quantity,
            "unit_price": format_money(item.unit_price),
            "line_total": format_money(item.total),
        }
        for item in reviewed.lines
    ]
    notices = [wording.problem_text(problem) for problem in reviewed.problems]
    checkout_url = _checkout_url(reviewed)
    return {
        "count": reviewed.count,
        "count_text": wording.count_text(reviewed.count),
        "is_empty": reviewed.is_empty,
        "lines": lines,
        "donation": format_money(reviewed.donation) if reviewed.donation else None,
        # The merchandise before the gift: the figure the gift is added to, to make "total".
        "subtotal": format_money(reviewed.merchandise_total),
        "total": format_money(reviewed.total),
        "notices": notices,
        "checkout_url": checkout_url,
        "panel_html": render_to_string(
            "shop/includes/mini_cart_panel.html",
            {"reviewed": reviewed, "notices": notices, "checkout_url": checkout_url},
            request=request,
        ),
    }


def _answer(request, result):
    """One response for every cart change: JSON for the script, a redirect and a message without."""
    text = wording.result_text(result)
    if _wants_json(request):
        data = summary(request, cart_service.review(request.cart))
        return JsonResponse(
            {"ok": result.ok, "message": text, "cart": data}, status=200 if result.ok else 400
        )
    messages.add_message(request, wording.result_level(result), text)
    return redirect(_back(request))


def _refuse(request, form):
    text = first_error(form)
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": text}, status=400)
    messages.error(request, text)
    return redirect(_back(request))


def _cart_change(form_class, change):
    """A POST endpoint that validates `form_class` and hands its data to a shop.cart function."""

    @never_cache
    @require_POST
    def endpoint(request):
        form = form_class(request.POST)
        if not form.is_valid():
            return _refuse(request, form)
        return _answer(request, change(request.cart, **form.cleaned_data))

    return endpoint


add_to_cart = _cart_change(AddToCartForm, cart_service.add)
update_cart = _cart_change(UpdateCartForm, cart_service.update)
remove_from_cart = _cart_change(RemoveFromCartForm, cart_service.remove)


@never_cache
@require_POST
def change_donation(request):
    if request.POST.get("remove"):
        return _answer(request, cart_service.remove_donation(request.cart))
    form = DonationForm(request.POST)
    if not form.is_valid():
        return _refuse(request, form)
    return _answer(request, cart_service.set_donation(request.cart, form.cleaned_data["amount"]))


@never_cache
@require_safe
def cart_page(request):
    # The cart page shows the cart as it can be bought, so it applies what changed (and says so).
    reviewed = cart_service.reconcile(request.cart)
    # ?gift= is what the home page sent before the code said "donation": old links still work.
    suggested = request.GET.get("donation") or request.GET.get("gift", "")
    donation_form = DonationForm(
        initial={"amount": reviewed.donation or (suggested if suggested.isdigit() else "")}
    )
    return render(
        request,
        "shop/cart.html",
        {
            "reviewed": reviewed,
            "notices": [wording.fixed_text(problem) for problem in reviewed.problems],
            "donation_form": donation_form,
            "cart_max_quantity": min(settings.CART_MAX_QUANTITY, settings.ORDER_MAX_PER_PRODUCT),
            "checkout_url": _checkout_url(reviewed),
        },
    )


@never_cache
@require_safe
def cart_summary(request):
    data = summary(request, cart_service.review(request.cart))
    data["csrf_token"] = get_token(request)  # for forms on shared, cached pages
    return JsonResponse(data)
