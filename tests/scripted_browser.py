"""A scripted browser for tests that talk to real servers (gunicorn started by the test): one
visitor or staff member, its cookies, its CSRF token, forms read from the page and posted back
(multipart with files too), and the staff sign-in with the phone's code.

Used by tests/test_two_servers.py and tests/test_cluster.py.
"""

import html.parser
import secrets
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

REQUEST_SECONDS = 10


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NO_REDIRECTS = urllib.request.build_opener(_NoRedirects)

# A donor's checkout form, all but the e-mail address (each script gives its own).
DONOR = {
    "name": "Somchai Donor",
    "address_line1": "12 Moo 3",
    "city": "Chiang Rai",
    "postcode": "57000",
    "country": "Thailand",
    "consent": "on",
}


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def keep_cookies(cookies, headers):
    """Update `cookies` (a dict) from an answer's Set-Cookie headers; Max-Age=0 removes one."""
    for line in headers.get_all("Set-Cookie") or []:
        pair, *attributes = line.split(";")
        name, _, value = pair.strip().partition("=")
        if any(a.strip().lower() == "max-age=0" for a in attributes):
            cookies.pop(name, None)
        else:
            cookies[name] = value.strip('"')


class Answer:
    def __init__(self, status, headers, content, path):
        self.status, self.headers, self.content, self.path = status, headers, content, path

    @property
    def text(self):
        return self.content.decode(errors="replace")

    def __repr__(self):
        return f"<{self.status} {self.path}: {self.text[:300]!r}>"


class Browser:
    """One visitor or staff member behind a load balancer: every request carries the site's one
    Host (and, for a balancer that ends TLS, `X-Forwarded-Proto: https`), whichever server
    (`base`, as http://127.0.0.1:port) it goes to. Cookies are kept by name, as a browser keeps
    the site's (Secure ones too: the balancer spoke https to it); redirects are followed on the
    same server."""

    def __init__(self, host, https=False):
        self.host, self.https = host, https
        self.cookies = {}

    @property
    def origin(self):
        return f"{'https' if self.https else 'http'}://{self.host}"

    def get(self, base, path, follow=True):
        return self.request(base, path, follow=follow)

    def post(self, base, path, fields, files=(), follow=True):
        """A form posted as a browser posts it: with the CSRF token and the page's Origin."""
        fields = [*_pairs(fields), ("csrfmiddlewaretoken", self.csrf_token())]
        if files:
            data, content_type = multipart(fields, files)
        else:
            data = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, "Origin": self.origin, "Referer": self.origin}
        return self.request(base, path, data=data, headers=headers, follow=follow)

    def csrf_token(self):
        """The CSRF cookie's secret, or one of our own making (Django accepts any well-formed
        secret the cookie and the form agree on, as a browser's first POST would carry)."""
        return self.cookies.setdefault("csrftoken", secrets.token_hex(16))

    def request(self, base, path, data=None, headers=None, follow=True, timeout=REQUEST_SECONDS):
        for _ in range(10):
            answer = self._once(base, path, data, headers or {}, timeout)
            if not follow or answer.status not in (301, 302, 303):
                return answer
            path = urllib.parse.urlsplit(answer.headers["Location"])
            path = urllib.parse.urlunsplit(("", "", path.path, path.query, ""))
            data, headers = None, {}
        pytest.fail(f"more than 10 redirects from {base}{path}")

    def _once(self, base, path, data, headers, timeout):
        headers = {"Host": self.host, "Cookie": self.cookie_header(), **headers}
        if self.https:
            headers["X-Forwarded-Proto"] = "https"
        request = urllib.request.Request(base + path, data=data, headers=headers)
        try:
            with NO_REDIRECTS.open(request, timeout=timeout) as response:
                answer = Answer(response.status, response.headers, response.read(), path)
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, error.headers, error.read(), path)
        self.keep_cookies(answer.headers)
        return answer

    def cookie_header(self):
        return cookie_header(self.cookies)

    def keep_cookies(self, headers):
        keep_cookies(self.cookies, headers)


def _pairs(fields):
    return list(fields.items()) if isinstance(fields, dict) else list(fields)


def multipart(fields, files):
    """(body, content type) of a multipart/form-data POST: `fields` as (name, value) pairs,
    `files` as (name, filename, content type, bytes)."""
    boundary = f"----cluster{uuid.uuid4().hex}"
    parts = []
    for name, value in fields:
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, filename, content_type, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _FormReader(html.parser.HTMLParser):
    """The fields a browser would submit from the form with id `form_id` (or the first form),
    as they stand on the page: (name, value) pairs; files and buttons left out."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields, self.select, self.options, self.textarea = [], None, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attrs), []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside, self.done = False, True
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            (name, multiple), chosen = self.select, [v for v, s in self.options if s]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.fields.extend((name, value) for value in chosen)
            self.select = None


def form_fields(page, form_id=None):
    """The (name, value) pairs the form `form_id` of `page` (HTML) would submit unchanged."""
    reader = _FormReader(form_id)
    reader.feed(page)
    if not reader.done and not reader.fields:
        pytest.fail(f"no form {form_id or ''} on the page:\n{page[:2000]}")
    return reader.fields


def with_values(fields, **changes):
    """`fields` with the values of `changes` set (added when absent; None removes a field)."""
    kept = [(name, value) for name, value in fields if name not in changes]
    return kept + [(name, value) for name, value in changes.items() if value is not None]


def sign_in_staff(browser, base, username, password, phone_key):
    """Signs `browser` in to the admin on `base` as staff really sign in: the login form, then
    the second step with the code their phone (a TOTP key, hex) shows now."""
    from django_otp.oath import TOTP

    assert browser.get(base, "/admin/login/").status == 200
    answer = browser.post(
        base, "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    assert answer.status == 200 and "Enter the code from your phone" in answer.text, answer
    code = f"{TOTP(bytes.fromhex(phone_key)).token():06d}"
    answer = browser.post(base, "/admin/sign-in/code/", {"token": code, "next": "/admin/"})
    assert answer.status == 200 and "Log out" in answer.text, answer
