"""/csp-report/: browsers' violation reports are logged as warnings; anything else is refused
with a 4xx, never a 500, and one client cannot fill the logs."""

import json
import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/csp-report/"
REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "https://freedomstory.example/news/open-late/",
        "violated-directive": "style-src-attr",
        "effective-directive": "style-src-attr",
        "blocked-uri": "inline",
        "source-file": "https://freedomstory.example/static/js/cart.js",
        "line-number": 12,
    }
}
REPORTING_API_BODY = [
    {
        "type": "csp-violation",
        "url": "https://freedomstory.example/shop/",
        "body": {
            "documentURL": "https://freedomstory.example/shop/",
            "effectiveDirective": "img-src",
            "blockedURL": "https://tracker.example/pixel.gif",
        },
    },
    {"type": "deprecation", "body": {"id": "something-else"}},
]


def post(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type, **extra)


def warnings_logged(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "freedomstory.core.csp_reports" and record.levelno == logging.WARNING
    ]


def test_a_report_uri_report_is_logged_with_directive_blocked_address_and_page(client, caplog):
    response = post(client, REPORT_URI_BODY)
    assert response.status_code == 204
    assert warnings_logged(caplog) == [
        "Content-Security-Policy violation: style-src-attr blocked inline on "
        "https://freedomstory.example/news/open-late/ "
        "(https://freedomstory.example/static/js/cart.js line 12)"
    ]


def test_a_reporting_api_report_is_logged_and_other_report_types_ignored(client, caplog):
    response = post(client, REPORTING_API_BODY, content_type="application/reports+json")
    assert response.status_code == 204
    assert warnings_logged(caplog) == [
        "Content-Security-Policy violation: img-src blocked https://tracker.example/pixel.gif "
        "on https://freedomstory.example/shop/"
    ]


def test_browsers_need_no_csrf_token_to_report():
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, REPORT_URI_BODY).status_code == 204


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b'{"something": "else"}', "no Content-Security-Policy report"),
        (b'[{"type": "deprecation", "body": {}}]', "no Content-Security-Policy report"),
        (b'"a string"', "no Content-Security-Policy report"),
        (b'{"csp-report": "not an object"}', "no Content-Security-Policy report"),
    ],
)
def test_a_body_that_is_not_a_report_gets_400_with_the_reason(client, caplog, body, reason):
    response = post(client, body)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert warnings_logged(caplog) == []


def test_a_body_over_the_limit_gets_413_and_is_not_read(client, settings, caplog):
    settings.CSP_REPORT_MAX_BYTES = 1000
    padded = {"csp-report": {**REPORT_URI_BODY["csp-report"], "padding": "x" * 2000}}
    response = post(client, padded)
    assert response.status_code == 413
    assert "at most 1000 bytes" in response.content.decode()
    assert warnings_logged(caplog) == []


def test_only_post_is_answered(client):
    assert client.get(URL).status_code == 405
    assert client.put(URL, data="{}").status_code == 405


def test_the_answer_is_never_cached(client):
    assert "no-cache" in post(client, REPORT_URI_BODY)["Cache-Control"]


def test_values_are_cut_short_and_cannot_forge_log_lines(client, caplog):
    forged = {
        "csp-report": {
            "effective-directive": "script-src\nERROR forged line",
            "blocked-uri": "https://evil.example/" + "a" * 5000,
            "document-uri": {"not": "text"},
        }
    }
    assert post(client, forged).status_code == 204
    [message] = warnings_logged(caplog)
    assert "\n" not in message
    assert "script-src?ERROR forged line" in message
    assert len(message) < 800
    assert "{'not'" not in message


def test_one_client_gets_only_so_many_violations_logged(client, settings, caplog):
    settings.CSP_REPORT_LOG_LIMIT = 3
    for _ in range(10):
        assert post(client, REPORT_URI_BODY).status_code == 204
    assert len(warnings_logged(caplog)) == 3
    other = post(client, REPORT_URI_BODY, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 204
    assert len(warnings_logged(caplog)) == 4  # another address is counted apart
