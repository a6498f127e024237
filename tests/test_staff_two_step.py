"""The second sign-in step: superusers and Shop managers give a code from a phone (TOTP), set
up once at an enrolment page; other staff may choose to; nobody required reaches an admin page
with a password alone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.news.factories import make_editor, make_staff
from tests.signing_in import code_for, give_phone

PASSWORD = "a-long-test-password"  # make_staff's
ENROL = "/admin/two-step/"
CODE = "/admin/sign-in/code/"


def sign_in(client, username, next_url="/admin/"):
    data = {"username": username, "password": PASSWORD, "next": next_url}
    return client.post("/admin/login/", data)


def make_superuser(username="root"):
    return get_user_model().objects.create_superuser(username, f"{username}@example.org", PASSWORD)


def make_manager(username="dao"):
    manager = make_staff(username)
    manager.groups.add(Group.objects.get(name="Shop managers"))
    return manager


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def wait_after_a_wrong_code(device):
    """django-otp makes a person wait a second after a wrong code (2 after two, 4...): pass it."""
    since = timezone.now() - timedelta(seconds=10)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=since)


@pytest.mark.django_db
def test_a_superuser_with_a_phone_is_asked_for_the_code_and_a_wrong_one_is_refused(client):
    phone = give_phone(make_superuser())
    response = sign_in(client, "root", next_url="/admin/news/post/")
    assert response.status_code == 302
    assert response["Location"] == f"{CODE}?next=%2Fadmin%2Fnews%2Fpost%2F"
    assert client.get("/admin/news/post/")["Location"].startswith(CODE)

    refused = client.post(CODE, {"token": wrong(code_for(phone)), "next": "/admin/news/post/"})
    assert refused.status_code == 400
    assert "That code did not match. Enter the newest code your app shows" in refused.text
    assert client.get("/admin/")["Location"].startswith(CODE)

    letters = client.post(CODE, {"token": "abc", "next": "/admin/"})
    assert "Enter the 6 digits your authenticator app shows." in letters.text

    too_soon = client.post(CODE, {"token": code_for(phone), "next": "/admin/"})
    assert too_soon.status_code == 400 and "Wait a few seconds" in too_soon.text
    wait_after_a_wrong_code(phone)
    accepted = client.post(CODE, {"token": code_for(phone), "next": "/admin/news/post/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/news/post/"
    assert client.get("/admin/news/post/").status_code == 200


@pytest.mark.django_db
def test_the_code_step_never_sends_a_person_to_another_site(client):
    phone = give_phone(make_superuser())
    sign_in(client, "root")
    response = client.post(CODE, {"token": code_for(phone), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize("make_required", [make_superuser, make_manager])
def test_a_required_person_without_a_phone_is_enrolled_before_any_admin_page(client, make_required):
    person = make_required()
    response = sign_in(client, person.username)
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2F"
    for page in ("/admin/", "/admin/shop/order/", "/admin/auth/user/", "/admin/password_change/"):
        assert client.get(page)["Location"].startswith(ENROL), page
    assert client.get(CODE)["Location"].startswith("/admin/")  # no phone yet: nothing to enter

    page = client.get(f"{ENROL}?next=/admin/shop/order/")
    html = page.text
    assert page.status_code == 200 and "<h1>Set up two-step sign-in</h1>" in html
    assert "Your account needs this" in html
    assert '<svg class="staff-qr"' in html and "otpauth" not in html
    draft = TOTPDevice.objects.get(user=person)
    assert draft.confirmed is False
    assert re.search(r'<code class="staff-secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html

    refused = client.post(ENROL, {"token": wrong(code_for(draft)), "next": "/admin/shop/order/"})
    assert refused.status_code == 400 and "That code did not match." in refused.text
    assert client.get("/admin/")["Location"].startswith(ENROL)

    wait_after_a_wrong_code(draft)
    confirmed = client.post(ENROL, {"token": code_for(draft), "next": "/admin/shop/order/"})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/admin/shop/order/"
    assert TOTPDevice.objects.get(user=person).confirmed is True
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_enrolment_page_keeps_its_secret_across_reloads(client):
    make_superuser()
    sign_in(client, "root")
    first = re.search(r'staff-secret">([^<]+)<', client.get(ENROL).text).group(1)
    assert re.search(r'staff-secret">([^<]+)<', client.get(ENROL).text).group(1) == first
    assert TOTPDevice.objects.count() == 1


@pytest.mark.django_db
def test_staff_who_are_not_required_enter_with_a_password_only(client):
    make_staff("malee")
    response = sign_in(client, "malee")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_who_are_not_required_may_enrol_from_the_user_tools_and_then_give_codes(client):
    make_staff("malee")
    sign_in(client, "malee")
    assert f'<a href="{ENROL}">Two-step sign-in</a>' in client.get("/admin/").text
    offer = client.get(ENROL)
    assert offer.status_code == 200 and "Your account needs this" not in offer.text
    phone = TOTPDevice.objects.get(user__username="malee")
    client.post(ENROL, {"token": code_for(phone), "next": "/admin/"})
    assert TOTPDevice.objects.get(user__username="malee").confirmed

    client.post("/admin/logout/")
    assert sign_in(client, "malee")["Location"].startswith(CODE)


@pytest.mark.django_db
def test_the_setting_requires_the_code_of_every_staff_member(client, settings):
    settings.OTP_REQUIRED_FOR_ALL_STAFF = True
    make_staff("malee")
    assert sign_in(client, "malee")["Location"].startswith(ENROL)
    assert client.get("/admin/")["Location"].startswith(ENROL)


@pytest.mark.django_db
def test_signing_out_works_before_the_second_step(client):
    make_superuser()
    sign_in(client, "root")
    response = client.post("/admin/logout/")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_codes_count_as_failed_sign_ins_and_pause_signing_in(client):
    phone = give_phone(make_superuser())
    sign_in(client, "root")
    statuses = [client.post(CODE, {"token": wrong(code_for(phone))}).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    assert client.post(CODE, {"token": code_for(phone)}).status_code == 429


@pytest.mark.django_db
def test_a_superuser_removes_a_lost_phone_in_the_admin(admin_client):
    lost = give_phone(make_manager())
    changelist = admin_client.get("/admin/otp_totp/totpdevice/")
    assert changelist.status_code == 200 and "dao" in changelist.text
    delete = f"/admin/otp_totp/totpdevice/{lost.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()


@pytest.mark.django_db
def test_a_second_phone_is_not_set_up_over_the_first(client, admin_client):
    response = admin_client.get(ENROL, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Your phone is already set up for two-step sign-in." in response.text
    assert TOTPDevice.objects.filter(user__username="admin").count() == 1

    give_phone(make_superuser())
    sign_in(client, "root")  # the password only
    assert client.get(ENROL)["Location"].startswith(CODE)


@pytest.mark.django_db
def test_an_admin_page_asks_once_whether_its_editor_needs_a_code(
    client, django_assert_max_num_queries
):
    """The admin's wrapper, the view and the page's context each ask; the groups and the phones
    were read three times a page (17 queries for the post list, now 13)."""
    client.force_login(make_editor())
    client.get("/admin/news/post/")  # content types, read once per process
    with django_assert_max_num_queries(13):
        assert client.get("/admin/news/post/").status_code == 200
