"""What a person sees when sign-ins from their address are paused (django-axes)."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from freedomstory.core.clients import client_address


def is_locked_out(request, credentials):
    return AxesProxyHandler.is_locked(request, credentials)


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page in the admin's look, with status 429."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Signing in is paused"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address": client_address(request),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = TemplateResponse(request, "staff/locked_out.html", context, status=429)
    return response.render()
