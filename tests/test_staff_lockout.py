"""Guessing a staff password: a few failed sign-ins pause signing in from that address
(django-axes), a superuser can lift the pause, and a forged proxy header changes nothing."""

import io
import re

import pytest
from django.core.management import call_command

from tests.news.factories import make_staff

PASSWORD = "a-long-test-password"  # make_staff's
HOME = "203.0.113.5"


def sign_in(client, username, password, **headers):
    headers.setdefault("REMOTE_ADDR", HOME)
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post("/admin/login/", data, **headers)


def fail(client, username, times, **headers):
    return [sign_in(client, username, "wrong-guess", **headers).status_code for _ in range(times)]


@pytest.fixture
def nok(db):
    return make_staff("nok")


def test_the_fifth_failure_pauses_signing_in_and_then_the_right_password_is_refused(client, nok):
    assert fail(client, "nok", 5) == [200, 200, 200, 200, 429]
    response = sign_in(client, "nok", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_with_many_usernames_add_up(client, nok):
    for name in ("admin", "root", "editor", "manager", "nok"):
        sign_in(client, name, "wrong-guess")
    assert sign_in(client, "nok", PASSWORD).status_code == 429


def test_a_lockout_at_one_address_leaves_the_same_person_free_elsewhere(client, nok):
    fail(client, "nok", 5)
    elsewhere = sign_in(client, "nok", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302 and elsewhere["Location"] == "/admin/"


def test_the_lockout_page_says_what_happened_for_how_long_and_who_can_unlock(client, nok):
    fail(client, "nok", 5)
    response = sign_in(client, "nok", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Signing in is paused</h1>" in html
    assert html.count("<h1>") == 1  # the admin's own title heading is not shown as well
    assert "There were 5 failed sign-ins from this connection" in html
    assert "for 30 minutes" in html
    assert "ask a superuser to run" in html
    assert f"python manage.py unlock_staff --address {HOME}" in html
    assert 'id="site-name"' in html  # the admin's look
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html


def test_unlock_by_username_lets_the_person_sign_in_again(client, nok):
    fail(client, "nok", 5)
    out = io.StringIO()
    call_command("unlock_staff", "--username", "nok", stdout=out)
    assert out.getvalue() == (
        'Unlocked username "nok": removed 1 record of failed sign-ins. Signing in is open again.\n'
    )
    response = sign_in(client, "nok", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_unlock_by_address_lets_the_person_sign_in_again(client, nok):
    fail(client, "nok", 3)
    fail(client, "admin", 2)
    out = io.StringIO()
    call_command("unlock_staff", "--address", HOME, stdout=out)
    assert "Unlocked 203.0.113.5: removed 2 records of failed sign-ins." in out.getvalue()
    assert sign_in(client, "nok", PASSWORD).status_code == 302


def test_unlock_says_when_there_was_nothing_to_unlock_and_needs_someone_to_unlock(db):
    out = io.StringIO()
    call_command("unlock_staff", "--username", "nok", "--address", HOME, stdout=out)
    assert out.getvalue() == (
        f'No failed sign-ins recorded for username "nok" at {HOME}: nothing was locked.\n'
    )
    with pytest.raises(Exception, match="Give --username, --address, or both."):
        call_command("unlock_staff")


def test_behind_the_proxy_the_last_forwarded_address_is_counted_and_a_forged_first_is_not(
    client, nok, settings
):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for forged in range(5):
        sign_in(client, "nok", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{forged}, {HOME}", **proxy)
    forged_again = sign_in(
        client, "nok", PASSWORD, HTTP_X_FORWARDED_FOR=f"10.9.9.9, {HOME}", **proxy
    )
    assert forged_again.status_code == 429
    # Another visitor behind the same proxy is not locked out with them.
    other = sign_in(client, "nok", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert other.status_code == 302


def test_guesses_from_many_ipv6_addresses_of_one_network_pause_that_network(client, nok):
    """An IPv6 connection has a whole /64 to choose addresses from: they count as one, and the
    lockout page names the network's first address, which unlock_staff takes."""
    for host in range(1, 6):
        sign_in(client, "nok", "wrong-guess", REMOTE_ADDR=f"2001:db8:5:1::{host:x}")
    locked = sign_in(client, "nok", PASSWORD, REMOTE_ADDR="2001:db8:5:1:abcd::9")
    assert locked.status_code == 429
    assert "unlock_staff --address 2001:db8:5:1::" in locked.content.decode()
    call_command("unlock_staff", "--address", "2001:db8:5:1::", stdout=io.StringIO())
    assert sign_in(client, "nok", PASSWORD, REMOTE_ADDR="2001:db8:5:1::7").status_code == 302
