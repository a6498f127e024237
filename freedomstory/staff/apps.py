from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    """Staff sign-in: the admin's second step, enrolment, the lockout page, unlocking."""

    name = "freedomstory.staff"
    verbose_name = "Staff sign-in"
    default = True


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: it asks for the second step of those who must give it."""

    default = False
    default_site = "freedomstory.staff.site.StaffAdminSite"
