"""Browser fixtures: Debian's Chromium through Selenium, against pytest-django's live server.

One browser per test session (JavaScript on) and one with JavaScript off, reused by every test
with cookies cleared, so the whole browser suite stays quick. Without a browser the tests are
skipped, loudly; with REQUIRE_BROWSER set (CI) they fail instead.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = Path(__file__).parent / "artifacts" / "screenshots"
AXE_SOURCE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_SUMMARY = Path(__file__).parent / "artifacts" / "axe-summary.json"
SIZES = {"phone": (375, 812), "desktop": (1280, 800)}
STAFF_PASSWORD = "a-long-password-2026"  # every staff account the browser tests make


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _unavailable(reason):
    if os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"):
        pytest.fail(f"browser tests are required here but cannot run: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def _start_chromium(javascript=True):
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        _unavailable(f"{CHROMIUM} or {CHROMEDRIVER} is missing (make test installs them as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="freedomstory-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    # The console's messages, for tests that read what the browser refused (CSP violations).
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    # Both paths given: Selenium Manager never looks for (or downloads) a driver of its own.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    return driver, profile


@pytest.fixture(scope="session")
def _chromium():
    driver, profile = _start_chromium()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def _chromium_without_js():
    driver, profile = _start_chromium(javascript=False)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _unless_swapped(condition):
    """The condition, or False when the page replaced its document while it was being read:
    Chromium then says "Node with given id does not belong to the document" rather than
    raising a stale element (seen once in a dozen runs of a form posted to itself)."""
    from selenium.common.exceptions import WebDriverException

    try:
        return condition()
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return False
        raise


class Visitor:
    """A person at the browser: goes to pages, looks, and keeps screenshots of each step."""

    def __init__(self, driver, base_url, size_name, journey):
        self.driver = driver
        self.base_url = base_url
        self.size_name = size_name
        self.journey = journey
        self.step = 0

    def go(self, path):
        self.driver.get(self.base_url + path)

    @property
    def path(self):
        return self.driver.current_url.removeprefix(self.base_url)

    def find(self, css):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def link(self, text):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.PARTIAL_LINK_TEXT, text)

    def text(self, css="body"):
        return self.find(css).text

    def wait_for(self, condition, timeout=5, message=""):
        from selenium.common.exceptions import (
            NoSuchElementException,
            StaleElementReferenceException,
        )
        from selenium.webdriver.support.ui import WebDriverWait

        # A page that is still loading may swap elements under us: look again.
        ignored = (NoSuchElementException, StaleElementReferenceException)
        wait = WebDriverWait(self.driver, timeout, ignored_exceptions=ignored)
        return wait.until(lambda driver: _unless_swapped(condition), message)

    def wait_for_text(self, css, text, timeout=5):
        return self.wait_for(
            lambda: text in self.text(css), timeout, f"{text!r} never appeared in {css}"
        )

    def sign_in(self, username, password=STAFF_PASSWORD):
        """Sign in to the admin as staff do, through its login form, and where the second step
        is asked of them (superusers, Shop managers) with the code their phone shows."""
        from django.contrib.auth import get_user_model

        from freedomstory.core.staff import must_use_two_factor
        from tests.signing_in import code_for, give_phone

        user = get_user_model().objects.get(username=username)
        phone = give_phone(user) if must_use_two_factor(user) else None
        self.go("/admin/login/")
        self.find("#id_username").send_keys(username)
        self.find("#id_password").send_keys(password)
        self.find("[type=submit]").click()
        if phone is not None:
            self.wait_for(lambda: self.path.startswith("/admin/sign-in/code/"))
            self.find("#id_token").send_keys(code_for(phone))
            self.find(".staff-code-form [type=submit]").click()
        self.wait_for(lambda: self.path == "/admin/")

    def click(self, element):
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def link_first_paragraph(self, editor, href):
        """In the rich-text editor: select the first paragraph's words, as a mouse drag would,
        and make them a link to `href` through the toolbar's dialog."""
        self.driver.execute_script(
            "const words = arguments[0].querySelector('p').firstChild;"
            "const range = document.createRange(); range.selectNodeContents(words);"
            "const selection = window.getSelection(); selection.removeAllRanges();"
            "selection.addRange(range);",
            editor,
        )
        self.find("button[data-name=link]").click()
        self.find("dialog[open] input[name=href]").send_keys(href)
        self.find("dialog[open] button[type=submit]").click()

    def pages_scrolling_sideways(self, paths, width=360):
        """Of `paths`, those wider than a `width`-pixel phone: "path: page width > window"."""
        self.driver.set_window_size(width, 740)
        window = self.driver.execute_script("return document.documentElement.clientWidth")
        wider = []
        for path in paths:
            self.go(path)
            page = self.driver.execute_script("return document.documentElement.scrollWidth")
            if page > window:
                wider.append(f"{path}: {page} > {window}")
        return wider

    def snap(self, name):
        self.step += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{self.journey}-{self.size_name}-{self.step:02d}-{name}.png"
        self.driver.save_screenshot(str(target))
        return target

    def axe_violations(self, page_name):
        """Run axe-core on the current page; record counts by impact; return serious ones."""
        if not AXE_SOURCE.exists():
            _unavailable(f"{AXE_SOURCE} is missing (make test runs npm ci)")
        self.driver.execute_script(AXE_SOURCE.read_text())
        violations = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
            ".catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error),"
            " nodes: []}]));"
        )
        counts = {}
        for violation in violations:
            counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
        summary = json.loads(AXE_SUMMARY.read_text()) if AXE_SUMMARY.exists() else {}
        summary[f"{page_name} ({self.size_name})"] = {
            "counts": counts,
            "violations": [f"{v['impact']}: {v['id']} ({v['help']})" for v in violations],
        }
        AXE_SUMMARY.parent.mkdir(parents=True, exist_ok=True)
        AXE_SUMMARY.write_text(json.dumps(summary, indent=2, sort_keys=True))
        return [v for v in violations if v["impact"] in ("serious", "critical")]


def _visitor(driver, live_server, request, size_name):
    driver.delete_all_cookies()
    width, height = SIZES[size_name]
    driver.set_window_size(width, height)
    journey = request.node.originalname.removeprefix("test_")[:40]
    return Visitor(driver, live_server.url, size_name, journey)


@pytest.fixture(params=list(SIZES))
def visitor(request, _chromium, live_server):
    return _visitor(_chromium, live_server, request, request.param)


@pytest.fixture(params=list(SIZES))
def visitor_without_js(request, _chromium_without_js, live_server):
    return _visitor(_chromium_without_js, live_server, request, request.param)


@pytest.fixture
def desktop_visitor(request, _chromium, live_server):
    return _visitor(_chromium, live_server, request, "desktop")
