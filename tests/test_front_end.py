"""The front end asks the server instead of repeating it: addresses come from {% url %}."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [
    ROOT / "templates",
    ROOT / "news" / "templates",
    ROOT / "shop" / "templates",
    ROOT / "freedomstory" / "pages" / "templates",
]
LITERAL_PATH = re.compile(r'\b(?:href|action|src)="/')


def test_no_template_hard_codes_a_path_of_the_site():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL_PATH.search(line)
    ]
    assert offenders == []


def test_the_cart_script_takes_every_address_from_the_page():
    script = (ROOT / "static" / "js" / "cart.js").read_text()
    assert re.findall(r"""["']/[\w/.-]*["']""", script) == []
    assert 'getAttribute("data-summary-url")' in script


def test_the_cart_script_never_words_a_count_itself():
    """The count's words ("1 item in cart") come from the server, in one language module."""
    script = (ROOT / "static" / "js" / "cart.js").read_text()
    assert "in cart" not in script


def test_no_template_comment_spans_lines():
    """Django's {# … #} ends at the line's end: one spanning lines is printed on the page."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in TEMPLATE_DIRS
        for path in [*folder.rglob("*.html"), *folder.rglob("*.txt")]
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert offenders == []
