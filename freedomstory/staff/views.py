"""The second sign-in step: the code from a phone, setting up a phone, and the lockout page."""

from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from freedomstory.core.staff import is_verified, must_use_two_factor
from freedomstory.staff.forms import CodeForm
from freedomstory.staff.lockout import is_locked_out, locked_out
from freedomstory.staff.qr import qr_svg, typed_secret

WRONG_CODE = _(
    "That code did not match. Enter the newest code your app shows; if it still fails, check "
    "that your phone's clock is set automatically."
)
WAIT = _("Too many wrong codes in a row. Wait a few seconds, then enter the newest code.")


def enter_code(request, site):
    user = request.user
    if is_verified(user) or not user_has_device(user):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        credentials = {"username": user.get_username()}
        if is_locked_out(request, credentials):
            return locked_out(request, None, credentials)
        refusal = _refusal(devices_for_user(user))
        device = match_token(user, form.cleaned_data["token"]) if form.is_valid() else None
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        if form.is_valid():
            form.add_error("token", refusal)
            # A wrong code counts as a failed sign-in: guessing codes is locked like passwords.
            user_login_failed.send(__name__, credentials=credentials, request=request)
        status = 400
    return _page(request, site, "staff/enter_code.html", {"form": form}, status)


def enrol(request, site):
    user = request.user
    if user_has_device(user):
        if is_verified(user):
            messages.info(request, _("Your phone is already set up for two-step sign-in."))
            return redirect("admin:index")
        return redirect(f"{reverse('admin:staff_code')}?{request.GET.urlencode()}")
    # The device counts only once a first code from it is confirmed; until then it is a draft,
    # kept so that reloading the page shows the same QR code.
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Phone"}
    )
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        refusal = _refusal([device])
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request, _("Your phone is set up. Each sign-in now asks for a code from it.")
            )
            return redirect(_next(request))
        if form.is_valid():
            form.add_error("token", refusal)
        status = 400
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "secret": typed_secret(device),
        "required": must_use_two_factor(user),
    }
    return _page(request, site, "staff/enrol.html", context, status)


def _refusal(devices):
    """Why a code would be refused, asked before trying it: django-otp refuses every code for a
    few seconds after a wrong one (longer after each), and the person should know to wait."""
    waiting = any(not device.verify_is_allowed()[0] for device in devices)
    return WAIT if waiting else WRONG_CODE


def _page(request, site, template, context, status):
    context = {**site.each_context(request), "next": _next(request), **context}
    return TemplateResponse(request, template, context, status=status)


def _next(request):
    """Where to go after the step: the admin page asked for, never another site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, {request.get_host()}, request.is_secure()
    ):
        return wanted
    return reverse("admin:index")
