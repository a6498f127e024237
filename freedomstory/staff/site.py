"""The admin site, with a second sign-in step (a code from a phone) for those who must give it.

Step one is Django's own login form, guarded by django-axes. A person who must give a code (see
freedomstory/core/staff.py) and has not is sent from every admin page to the code step, or to
enrolment when they have no phone set up yet; only signing out is left open to them.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from freedomstory.core.staff import has_passed_two_factor
from freedomstory.staff import views


def second_step_url(user, next_url):
    """Where a person signed in with a password goes next: the code, or setting up a phone."""
    name = "admin:staff_code" if user_has_device(user, confirmed=True) else "admin:staff_enrol"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and has_passed_two_factor(request.user)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)
        if view == self.logout:
            # Signing out must work before the second step, or a person could not leave.
            guarded = never_cache(view)

        @wraps(view)
        def inner(request, *args, **kwargs):
            if view != self.logout and awaits_second_step(request.user):
                return HttpResponseRedirect(second_step_url(request.user, request.get_full_path()))
            return guarded(request, *args, **kwargs)

        return inner

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        if awaits_second_step(request.user):
            return HttpResponseRedirect(second_step_url(request.user, reverse("admin:index")))
        response = super().login(request, extra_context)
        if request.method == "POST" and awaits_second_step(request.user):
            # The password was right: straight to the code, keeping where they were going.
            return HttpResponseRedirect(second_step_url(request.user, response.url))
        return response

    def get_urls(self):
        signed_in = self._signed_in_staff
        return [
            path("sign-in/code/", signed_in(views.enter_code), name="staff_code"),
            path("two-step/", signed_in(views.enrol), name="staff_enrol"),
            *super().get_urls(),
        ]

    def _signed_in_staff(self, view):
        """For the second step's pages: signed in with a password, verified or not yet."""

        @wraps(view)
        def inner(request, *args, **kwargs):
            if not (request.user.is_active and request.user.is_staff):
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            return view(request, self, *args, **kwargs)

        return never_cache(inner)


def awaits_second_step(user):
    return user.is_active and user.is_staff and not has_passed_two_factor(user)
