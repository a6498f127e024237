"""A Shop manager's first sign-in, in a real browser: the password, then setting up a phone from
the key the page shows (as an app does when the QR code cannot be scanned), then the admin; the
enrolment page passes axe."""

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def code_from_the_typed_key(key_text):
    secret = "".join(key_text.split())
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_shop_manager_sets_up_a_phone_at_the_first_sign_in(desktop_visitor):
    visitor = desktop_visitor
    # The group and its permissions are the migrations', made again here: the browser tests'
    # transactions flush the tables the migrations filled.
    managers, _created = Group.objects.get_or_create(name="Shop managers")
    managers.permissions.add(*Permission.objects.filter(content_type__app_label="shop"))
    manager = get_user_model().objects.create_user(
        "dao", "dao@example.org", STAFF_PASSWORD, is_staff=True
    )
    manager.groups.add(managers)

    visitor.go("/admin/login/?next=/admin/shop/")
    visitor.find("#id_username").send_keys("dao")
    visitor.find("#id_password").send_keys(STAFF_PASSWORD)
    visitor.find("[type=submit]").click()
    visitor.wait_for(lambda: visitor.path.startswith("/admin/two-step/"))
    assert visitor.text("h1") == "Set up two-step sign-in"
    assert visitor.find("svg.staff-qr").is_displayed()
    visitor.snap("enrolment")
    assert visitor.axe_violations("staff enrolment") == []

    visitor.go("/admin/shop/order/")  # no admin page before the phone is confirmed
    visitor.wait_for(lambda: visitor.path.startswith("/admin/two-step/"))

    code = code_from_the_typed_key(visitor.text(".staff-secret"))
    visitor.find("#id_token").send_keys(code)
    visitor.find(".staff-code-form [type=submit]").click()
    visitor.wait_for(lambda: visitor.path == "/admin/shop/order/")
    visitor.wait_for_text(".messagelist", "Your phone is set up.")
    assert TOTPDevice.objects.get(user=manager).confirmed
