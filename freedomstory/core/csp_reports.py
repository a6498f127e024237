"""Content-Security-Policy violation reports: what a browser refused to load or run, and where.

Browsers post them to the policy's `report-uri` (one `{"csp-report": {...}}`, with
`application/csp-report`) or, through the Reporting API, as a list of `{"type": "csp-violation",
"body": {...}}`. Both are read here and logged as warnings, so a page that lost a script or an
image since the last change, or something injected into it, shows up in the logs.

Anybody can post to the endpoint, so nothing about it is trusted: the body is read up to a
limit, each value is cut short and stripped of control characters (no forged log lines), and
one client's reports are logged only so often (the shared-cache counter, freedomstory/core/
ratelimit.py).
"""

import json
import logging

from django.conf import settings

from freedomstory.core import ratelimit

logger = logging.getLogger(__name__)

# The most violations of one report that are logged, and the longest value logged.
MAX_VIOLATIONS = 10
MAX_VALUE_LENGTH = 300

# Field names: report-uri's (kebab-case) first, the Reporting API's (camelCase) second.
FIELDS = {
    "directive": ("effective-directive", "violated-directive", "effectiveDirective"),
    "blocked": ("blocked-uri", "blockedURL"),
    "page": ("document-uri", "documentURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
}


class BadReport(ValueError):
    """The request is not a report this endpoint reads; the message says why, for the sender."""


class TooLarge(BadReport):
    pass


def read_body(request):
    """The request's body, read no further than CSP_REPORT_MAX_BYTES."""
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError as error:
        raise BadReport("The Content-Length is not a number.") from error
    if declared > limit:
        raise TooLarge(f"A report may be at most {limit} bytes.")
    body = request.read(limit + 1)
    if len(body) > limit:
        raise TooLarge(f"A report may be at most {limit} bytes.")
    return body


def violations(body):
    """The violations a report's body describes, as dicts of FIELDS' names; BadReport when the
    body is not JSON or not a CSP report."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadReport("The report is not valid JSON.") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        found = [data["csp-report"]]
    elif isinstance(data, list):
        found = [
            item["body"]
            for item in data
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    else:
        found = []
    if not found:
        raise BadReport("The body holds no Content-Security-Policy report.")
    return [_fields(violation) for violation in found[:MAX_VIOLATIONS]]


def _fields(violation):
    fields = {}
    for name, keys in FIELDS.items():
        value = next((violation[key] for key in keys if violation.get(key) not in (None, "")), "")
        fields[name] = _clean(value)
    return fields


def _clean(value):
    text = str(value) if isinstance(value, str | int | float) else ""
    text = "".join(character if character.isprintable() else "?" for character in text)
    return text[:MAX_VALUE_LENGTH]


def log(found, client):
    """Log each violation as a warning, unless `client` already sent its share this window."""
    if not ratelimit.within(
        "csp-report",
        client,
        settings.CSP_REPORT_LOG_LIMIT,
        settings.CSP_REPORT_LOG_WINDOW_SECONDS,
        amount=len(found),
    ):
        return False
    for violation in found:
        where = f" ({violation['source']} line {violation['line']})" if violation["source"] else ""
        logger.warning(
            "Content-Security-Policy violation: %s blocked %s on %s%s",
            violation["directive"] or "a directive",
            violation["blocked"] or "something",
            violation["page"] or "a page",
            where,
        )
    return True
