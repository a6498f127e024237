"""No English interface text on a Thai page: every /th/ page of the demo site, reached by following
its links from /th/, is searched for the English of every interface text in our catalogues.

Only what a reader sees is searched (text, the page's title, and what buttons, images and
fields say: aria-label, placeholder, alt, title, a button's value), and never content the page
marks as English (`lang="en"`: an item not yet translated, shown in English with a Thai note).
"""

import re
from collections import defaultdict, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.translation_support import committed_catalogues, load_thai_demo, read_po

pytestmark = pytest.mark.django_db

START = ["/th/", "/th/news/search/?q=school", "/th/news/search/?q=zzzz", "/th/nope/"]
MAX_PAGES = 200
# Addresses that only answer a POST (a link to one is a form's fallback), and machines' files.
SKIPPED = re.compile(r"^/th/(cart/(add|update|remove)|checkout/place|news/(feed|atom))/")
# Interface texts of any area that must never be left in English, beyond the catalogues' own.
ALWAYS = [
    "Return to Shop",
    "Your cart is empty",
    "items in cart",
    "Skip to main content",
    "Read more",
]
SEEN_ATTRIBUTES = ("aria-label", "placeholder", "alt", "title")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HIDDEN = {"script", "style", "template", "noscript", "svg"}
# Placeholders (%(name)s, {name}, %s) and tags split a text into the parts shown as they are.
SPLIT = re.compile(r"%\(\w+\)[sdif]|\{\w*\}|%[sdif]|<[^>]+>")


def english_interface_texts():
    """Each part of two words or more of every English text in the committed catalogues."""
    texts = set(ALWAYS)
    for po in committed_catalogues().values():
        for entry in read_po(po)[1]:
            for english in filter(None, (entry.msgid, entry.msgid_plural)):
                for part in SPLIT.split(english):
                    part = " ".join(part.split()).strip(" .,:;·–—()“”\"'")
                    if len(re.findall(r"[A-Za-z]+", part)) >= 2:
                        texts.add(part)
    return sorted(texts)


class ShownText(HTMLParser):
    """The text a reader is shown, outside elements marked lang="en"; and the page's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links = [], []
        self._skipping = []  # (tag, depth) of the element that started a skipped stretch
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "head":
            self._in_head = True
        if tag in VOID:
            if not self._skipping and not self._in_head:
                self._attributes(tag, attrs)
            return
        if self._skipping:
            skipped_tag, depth = self._skipping[-1]
            if tag == skipped_tag:
                self._skipping[-1] = (skipped_tag, depth + 1)
            return
        if tag in HIDDEN or (attrs.get("lang") or "").lower().startswith("en"):
            self._skipping.append((tag, 1))
            return
        if not self._in_head:
            self._attributes(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if self._skipping:
            skipped_tag, depth = self._skipping[-1]
            if tag == skipped_tag:
                self._skipping[-1] = (skipped_tag, depth - 1)
                if depth == 1:
                    self._skipping.pop()

    def handle_data(self, data):
        if self._skipping:
            return
        if self._in_head and self.lasttag != "title":
            return
        self.parts.append(data)

    def _attributes(self, tag, attrs):
        shown = [attrs.get(name) for name in SEEN_ATTRIBUTES]
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            shown.append(attrs.get("value"))
        self.parts.extend(text for text in shown if text)

    @property
    def text(self):
        return " ".join(" ".join(self.parts).split())


def thai_links(url, hrefs):
    for href in hrefs:
        address = urlsplit(urljoin(url, href))
        if address.scheme not in ("", "http", "https") or address.netloc not in ("", "testserver"):
            continue
        path = address.path + (f"?{address.query}" if address.query else "")
        if path.startswith("/th/") and not SKIPPED.match(path):
            yield path


def crawl(client):
    """{address: ShownText} for the Thai pages reached from START, at most MAX_PAGES."""
    pages, queue, queued = {}, deque(START), set(START)
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302):
            found = [response["Location"]]
        elif "text/html" in response.get("Content-Type", ""):
            shown = ShownText()
            shown.feed(response.content.decode())
            pages[url] = shown
            found = shown.links
        else:
            continue
        for link in thai_links(url, found):
            if link not in queued:
                queued.add(link)
                queue.append(link)
    return pages


@pytest.fixture
def demo_site(settings):
    load_thai_demo(settings)


def test_thai_pages_show_no_english_interface_text(client, demo_site):
    pages = crawl(client)
    assert len(pages) >= 10, sorted(pages)  # the crawl found the site, not one page
    english = english_interface_texts()
    found = defaultdict(list)
    for url, shown in pages.items():
        text = shown.text
        for phrase in english:
            if phrase in text:
                found[phrase].append(url)
    report = [
        f"{phrase!r} on {len(urls)} page(s): {', '.join(sorted(urls)[:5])}"
        for phrase, urls in sorted(found.items())
    ]
    assert not report, f"English on Thai pages ({len(pages)} crawled):\n" + "\n".join(report)


def test_the_search_skips_content_marked_english_and_reads_attributes():
    shown = ShownText()
    shown.feed(
        '<html><head><title>ข่าวสาร</title><link rel="alternate" title="Skip this"></head>'
        '<body><p>ข่าว <span lang="en">Read more <b>about</b> it</span> <img alt="Read more">'
        '<input type="submit" value="Send message"></p><script>var a = "Read more";</script>'
        "</body></html>"
    )
    assert shown.text == "ข่าวสาร ข่าว Read more Send message"


def test_the_english_texts_come_from_every_catalogue_split_at_placeholders():
    texts = english_interface_texts()
    assert "Search the news" in texts  # news/locale
    assert "Skip to main content" in texts  # freedomstory/locale
    assert "More in" in texts and "More in %(name)s" not in texts
    assert "Donate" not in texts  # one word: too common to search for
