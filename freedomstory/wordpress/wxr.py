"""Reading a WordPress export (WXR: RSS 2.0 with WordPress's own elements), one item at a time.

The file comes from outside and may be large, so it is parsed with defusedxml (no entities, no
document type, nothing fetched) and streamed: each <item> becomes an `Item` when its end tag
is read and is then dropped from the tree. Whatever is wrong with the file becomes a
`WXRError` whose text is one line for the person running the import.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import iterparse

# WordPress has written 1.0, 1.1 and 1.2; a later 1.x keeps the same elements.
WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.\d+/excerpt/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class WXRError(Exception):
    """str(error) is one clear line for the operator."""


@dataclass(frozen=True)
class Author:
    login: str
    email: str
    display_name: str


@dataclass(frozen=True)
class Term:
    taxonomy: str  # "category", "post_tag", "product_cat", "product_type", "pa_size", "nav_menu"…
    slug: str
    name: str
    parent_slug: str = ""


@dataclass
class Item:
    wp_id: int
    post_type: str
    title: str
    slug: str
    link: str
    status: str
    published_gmt: datetime | None  # aware UTC; None when WordPress wrote 0000-00-00 (drafts)
    published_local: datetime | None  # the site's local time as WordPress wrote it, naive
    author_login: str
    content: str
    excerpt: str
    parent_id: int
    menu_order: int
    password: str
    attachment_url: str
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comment_count: int = 0


@dataclass
class Export:
    version: str
    site_url: str
    blog_url: str
    authors: dict[str, Author] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def read_export(source):
    """The export at `source` (a path or a binary file object); WXRError says what is wrong."""
    name = _display_name(source)
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise WXRError(f"There is no file at {path}.")
        if path.is_dir():
            raise WXRError(f"{path} is a folder, not a WordPress export file.")
        if path.stat().st_size == 0:
            raise WXRError(f"{name} is empty: export the site from WordPress again.")
        source = str(path)
    reader = _ExportReader(name)
    try:
        return reader.read(source)
    except DTDForbidden as error:
        if (error.name or "").lower() == "html":
            raise WXRError(f"{name} is an HTML page, not a WordPress export.") from None
        raise WXRError(
            f"{name} has a document type declaration (<!DOCTYPE {error.name}>), which a WordPress "
            "export never has and which can declare XML entities; refusing to read it."
        ) from None
    except DefusedXmlException:
        raise WXRError(
            f"{name} uses XML entities or external references, which a WordPress export never "
            "does; refusing to read it."
        ) from None
    except ParseError as error:
        raise WXRError(_parse_error_line(name, error, reader.depth_reached)) from None
    except (OSError, UnicodeError, LookupError) as error:
        raise WXRError(f"{name} could not be read: {error}.") from None


def _display_name(source):
    if isinstance(source, str | Path):
        return Path(source).name or str(source)
    return Path(str(getattr(source, "name", "") or "the export")).name


# What expat says when the input ends before the document does.
ENDED_EARLY = {"no element found", "unclosed token", "unclosed CDATA section"}


def _parse_error_line(name, error, depth_reached):
    line, column = getattr(error, "position", (1, 0))
    column += 1  # expat counts columns from 0; editors count from 1
    # Expat's message ends with its own "line X, column Y"; we say where in our words.
    reason = str(error).split(":")[0].strip()
    if reason == "no element found" and not depth_reached:
        return f"{name} is empty: export the site from WordPress again."
    if reason in ENDED_EARLY:
        return (
            f"{name} stops in the middle (line {line}, column {column}): the file looks "
            "truncated; export the site from WordPress again."
        )
    return f"{name} is not valid XML (line {line}, column {column}): {reason}."


def _split(tag):
    """(namespace, local name) of an ElementTree tag."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _int(value):
    try:
        return int(value.strip())
    except (ValueError, AttributeError):
        return 0


def _datetime(value):
    """A naive datetime from "YYYY-MM-DD HH:MM:SS", or None (WordPress writes zeros for 'none')."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


class _Fields:
    """An element's children by (kind, local name); kinds: "wp", "content", "excerpt", "dc", ""."""

    def __init__(self, element):
        self.first = {}
        self.all = {}
        for child in element:
            key = (_kind(child.tag), _split(child.tag)[1])
            self.first.setdefault(key, child)
            self.all.setdefault(key, []).append(child)

    def text(self, kind, local):
        return _text(self.first.get((kind, local)))

    def each(self, kind, local):
        return self.all.get((kind, local), [])


def _kind(tag):
    namespace, _local = _split(tag)
    if WP_NAMESPACE.match(namespace):
        return "wp"
    if EXCERPT_NAMESPACE.match(namespace):
        return "excerpt"
    if namespace == CONTENT_NAMESPACE:
        return "content"
    if namespace == DC_NAMESPACE:
        return "dc"
    return namespace and "other"


class _ExportReader:
    def __init__(self, name):
        self.name = name
        self.export = Export(version="", site_url="", blog_url="")
        self.channel_link = ""
        self.saw_channel = False
        self.depth_reached = 0

    def read(self, source):
        depth, channel = 0, None
        # WordPress never writes a DOCTYPE, and a DOCTYPE is where entity bombs and external
        # files are declared: refusing any is simpler than judging each one.
        events = iterparse(source, events=("start", "end"), forbid_dtd=True)
        for event, element in events:
            if event == "start":
                depth += 1
                self.depth_reached = max(self.depth_reached, depth)
                if depth == 1 and element.tag != "rss":
                    raise self._not_wxr(
                        f"its root element is <{_split(element.tag)[1]}>, not <rss>"
                    )
                if depth == 2 and element.tag == "channel":
                    channel, self.saw_channel = element, True
                continue
            depth -= 1
            if depth == 2 and channel is not None and element in channel:
                self._channel_child(element)
                # Handled: let it go, so a long export never sits in memory whole.
                channel.remove(element)
        return self._finished()

    def _not_wxr(self, reason):
        return WXRError(f"{self.name} is not a WordPress export: {reason}.")

    def _finished(self):
        if not self.saw_channel:
            raise self._not_wxr("the XML has no <channel>")
        if not self.export.version:
            raise self._not_wxr("the RSS has no <wp:wxr_version> (is it a plain news feed?)")
        self.export.site_url = self.export.site_url or self.channel_link
        self.export.blog_url = self.export.blog_url or self.channel_link
        return self.export

    def _channel_child(self, element):
        kind, local = _kind(element.tag), _split(element.tag)[1]
        if kind == "" and local == "item":
            self.export.items.append(_item(element))
        elif kind == "" and local == "link":
            self.channel_link = _text(element)
        elif kind != "wp":
            return
        elif local == "wxr_version":
            self.export.version = _text(element)
        elif local == "base_site_url":
            self.export.site_url = _text(element)
        elif local == "base_blog_url":
            self.export.blog_url = _text(element)
        elif local == "author":
            author = _author(element)
            if author.login:
                self.export.authors[author.login] = author
        elif local in ("category", "tag", "term"):
            term = _channel_term(local, _Fields(element))
            if term.slug:
                self.export.terms.append(term)


def _author(element):
    fields = _Fields(element)
    return Author(
        login=fields.text("wp", "author_login"),
        email=fields.text("wp", "author_email"),
        display_name=fields.text("wp", "author_display_name"),
    )


def _channel_term(local, fields):
    if local == "category":
        return Term(
            taxonomy="category",
            slug=fields.text("wp", "category_nicename"),
            name=fields.text("wp", "cat_name"),
            parent_slug=fields.text("wp", "category_parent"),
        )
    if local == "tag":
        return Term("post_tag", fields.text("wp", "tag_slug"), fields.text("wp", "tag_name"))
    return Term(
        taxonomy=fields.text("wp", "term_taxonomy"),
        slug=fields.text("wp", "term_slug"),
        name=fields.text("wp", "term_name"),
        parent_slug=fields.text("wp", "term_parent"),
    )


def _item(element):
    fields = _Fields(element)
    published_gmt = _datetime(fields.text("wp", "post_date_gmt"))
    return Item(
        wp_id=_int(fields.text("wp", "post_id")),
        post_type=fields.text("wp", "post_type"),
        title=fields.text("", "title"),
        slug=fields.text("wp", "post_name"),
        link=fields.text("", "link"),
        status=fields.text("wp", "status"),
        published_gmt=published_gmt.replace(tzinfo=UTC) if published_gmt else None,
        published_local=_datetime(fields.text("wp", "post_date")),
        author_login=fields.text("dc", "creator"),
        content=fields.text("content", "encoded"),
        excerpt=fields.text("excerpt", "encoded"),
        parent_id=_int(fields.text("wp", "post_parent")),
        menu_order=_int(fields.text("wp", "menu_order")),
        password=fields.text("wp", "post_password"),
        attachment_url=fields.text("wp", "attachment_url"),
        terms=[term for term in map(_item_term, fields.each("", "category")) if term],
        meta=_meta(fields.each("wp", "postmeta")),
        comment_count=len(fields.each("wp", "comment")),
    )


def _item_term(element):
    """The item's <category domain="…" nicename="…">Name</category>; None for plain RSS ones."""
    taxonomy, slug = element.get("domain", "").strip(), element.get("nicename", "").strip()
    if not taxonomy or not slug:
        return None
    # WXR 1.0 wrote tags as domain="tag"; the taxonomy has always been post_tag.
    return Term("post_tag" if taxonomy == "tag" else taxonomy, slug, _text(element))


def _meta(elements):
    meta = {}
    for element in elements:
        fields = _Fields(element)
        key = fields.text("wp", "meta_key")
        if key:
            meta[key] = fields.text("wp", "meta_value")
    return meta
