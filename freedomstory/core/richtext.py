"""Rich text shared by news and shop: one allow-list, one sanitiser, one editor configuration.

Sanitising belongs to the field (`RichTextField`), not to each model: whatever the path (admin,
shell, fixture, `update()`, bulk writes), stored rich text has been through `sanitize_html`, so
what is read back is marked safe and templates print it without `|safe`.

Images are kept only when every URL they load is one of our media files (`is_media_url`): a
body never hot-links, tracks or embeds data. They are put there by `richtext_images`.
"""

import html as html_entities
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3
from django.conf import settings
from django.db.models.expressions import Col
from django.utils.safestring import SafeData, SafeString
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "blockquote",
    "figure",
    "figcaption",
    "img",  # our own images only: see _without_foreign_images
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    # Tags whose content is code or chrome, never reader text: dropped with what they hold.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)

# The django-prose-editor toolbar offers exactly what the sanitiser keeps. Image adds no button
# (staff do not insert images; imports do, through richtext_images): without it the editor
# dropped every image in a body at the first edit. It keeps src, alt, width and height, not
# srcset and sizes, so an edited body's images load the single ~960px rendition.
EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Image": True,
        "Link": {"protocols": ["http", "https", "mailto"], "enableTarget": False},
        "History": True,
    }
}


def sanitize_html(html):
    """Keep paragraphs, h2–h4, lists, safe links, emphasis, quotes, figures and our own images;
    drop everything else."""
    cleaned = _cleaner.clean(html or "").strip()
    if "<img" in cleaned:
        cleaned = _without_foreign_images(cleaned).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


# nh3's output is well formed: "<" in text is always "&lt;", and every attribute is written
# name="value" with any '"' inside escaped. So an image tag runs from "<img" to the first ">"
# outside quotes, and a regular expression reads it exactly.
_IMG_TAG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_ATTRIBUTE = re.compile(r'([^\s="]+)="([^"]*)"')
# A srcset candidate: one URL, then at most a width ("480w") or a density ("2x").
_SRCSET_CANDIDATE = re.compile(r"(\S+)(?:\s+\d+(?:\.\d+)?[wx])?")
# One order for an image's attributes, whatever the source's, so sanitising is idempotent.
_IMG_ATTRIBUTE_ORDER = ("src", "srcset", "sizes", "width", "height", "alt")


def _without_foreign_images(html):
    """Remove every <img> that would load anything but our own media files; write ours as one
    canonical tag that loads lazily.

    The whole tag goes, not only its src: an <img> left with an alt and no src shows as a broken
    image. Runs on nh3's output, so javascript: and data: sources are already gone. loading and
    decoding are set here rather than kept from the source: nh3 can set them too, but in an
    order that changes from one process to the next, and stored text must not.
    """

    def keep_ours(match):
        written = dict(_ATTRIBUTE.findall(match[0]))  # values as nh3 escaped them
        if not _is_our_image({name: html_entities.unescape(v) for name, v in written.items()}):
            return ""
        attributes = [
            f'{name}="{written[name]}"' for name in _IMG_ATTRIBUTE_ORDER if name in written
        ]
        return f'<img {" ".join(attributes)} loading="lazy" decoding="async">'

    return _IMG_TAG.sub(keep_ours, html)


def _is_our_image(attributes):
    if not is_media_url(attributes.get("src", "")):
        return False
    srcset = attributes.get("srcset")
    if srcset is None:
        return True
    return all(
        (found := _SRCSET_CANDIDATE.fullmatch(candidate.strip())) and is_media_url(found[1])
        for candidate in srcset.split(",")
    )


def is_media_url(url):
    """Whether `url` is one of our media files: it starts with MEDIA_URL, read on every call,
    and stays there once a browser resolves it.

    MEDIA_URL is a path ("/media/") or, with media on a CDN, an absolute address ending in "/";
    anything else (another site, a path outside media, a relative path) is not ours. No
    MEDIA_URL at all means no image is ours. Bodies hold the URLs of their day: moving media
    to a new MEDIA_URL needs their image URLs rewritten in the same step (`manage.py
    media_relink`), or reading them (which sanitises too) drops those images.
    """
    prefix = settings.MEDIA_URL
    if not prefix or not url.startswith(prefix):
        return False
    # "/media/../cart/" is written under MEDIA_URL and loads /cart/: browsers resolve dot
    # segments (%2e ones too) and read "\" as "/". No stored file's name has either.
    path = re.split(r"[?#]", url[len(prefix) :], maxsplit=1)[0]
    return "\\" not in path and all(
        unquote(segment) not in (".", "..") for segment in path.split("/")
    )


def safe_rich_text(html):
    """`html` ready to print: trusted as it is if already marked safe, sanitised otherwise."""
    return html if isinstance(html, SafeData) else SafeString(sanitize_html(html))


class RichTextField(ProseEditorField):
    """A text column of HTML that is sanitised on every write and marked safe when read.

    The admin keeps the editor, whose toolbar matches the allow-list. Migrations see a plain
    TextField, so they never import this module.
    """

    def __init__(self, *args, **kwargs):
        for option in ("config", "extensions", "preset", "sanitize"):
            if option in kwargs:
                raise TypeError(f"RichTextField has one editor and one allow-list; drop {option}=")
        super().__init__(*args, config=EDITOR_CONFIG, sanitize=sanitize_html, **kwargs)

    def _sanitised(self, value):
        if value is None and self.null:
            return None
        return SafeString(sanitize_html(self.to_python(value)))

    def pre_save(self, model_instance, add):
        # Set on the instance too, so a page rendered right after save() shows the stored text.
        value = self._sanitised(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        # update(), bulk_update() and raw saves (loaddata) skip pre_save but all come through
        # here. Not get_prep_value: lookups use it, and a search must match what was typed.
        # SQL expressions (F(), Concat(), Value() without this field) are beyond a field's reach.
        if not hasattr(value, "as_sql"):
            value = self._sanitised(value)
        return super().get_db_prep_save(value, connection)

    def from_db_value(self, value, expression, connection):
        # Sanitised on the way out too: writes that never reach a field (update() with an
        # expression, raw SQL, a restored dump) must not become a script on a page. nh3 takes
        # about 0.1 ms for a long post, and rendered pages are cached. An expression over the
        # column (Replace, Concat...) stays a plain str and is escaped.
        if value is None or not isinstance(expression, Col):
            return value
        return SafeString(sanitize_html(value))

    def value_from_object(self, obj):
        # Forms put this in a <textarea>: a SafeString would go in unescaped and "&lt;" typed as
        # text would come back as a tag. A plain str copy is escaped like any form value.
        value = super().value_from_object(obj)
        return str.__str__(value) if isinstance(value, str) else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        for option in ("config", "extensions", "preset", "sanitize"):
            kwargs.pop(option, None)
        return name, "django.db.models.TextField", args, kwargs


def plain_text(html, skip=()):
    """The words of a piece of rich text, with block boundaries kept as spaces.

    `skip` names tags whose words are left out (an excerpt reads better without headings).
    """
    parser = _TextCollector(skip)
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


class _TextCollector(HTMLParser):
    BLOCKS = {"p", "br", "h2", "h3", "h4", "li", "blockquote", "figcaption", "ul", "ol"}

    def __init__(self, skip=()):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = set(skip)
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.skipping += 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.skip:
            self.skipping = max(0, self.skipping - 1)
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}
BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure"}


@dataclass(frozen=True)
class Block:
    """One top-level block of rich text: its tag ("" for loose text) and its HTML."""

    tag: str
    html: str


def split_blocks(html):
    """The one rule for what a "block" of rich text is, for anything placed between blocks.

    Each top-level paragraph, heading, list, blockquote or figure is a block; a run of loose text
    or inline markup between them is one block too (tag ""). Whitespace between blocks belongs
    to the block before it, so the blocks' HTML joined is `html` again. What is inside a block
    (a list's items, a blockquote's paragraphs) never counts.
    """
    finder = _TopLevelElements()
    finder.feed(html or "")
    finder.close()
    blocks, position, leading = [], 0, ""

    def add(tag, piece):
        nonlocal leading
        if not piece.strip():
            if blocks:
                blocks[-1] = Block(blocks[-1].tag, blocks[-1].html + piece)
            else:
                leading += piece
        elif tag not in BLOCK_TAGS and blocks and blocks[-1].tag == "":
            blocks[-1] = Block("", blocks[-1].html + piece)
        else:
            blocks.append(Block(tag if tag in BLOCK_TAGS else "", leading + piece))
            leading = ""

    for start, end, tag in finder.elements:
        if start > position:
            add("", html[position:start])
        add(tag, html[start:end])
        position = end
    if position < len(html or ""):
        add("", html[position:])
    if leading and blocks:
        blocks[0] = Block(blocks[0].tag, leading + blocks[0].html)
    return blocks


class _TopLevelElements(HTMLParser):
    """(start, end, tag) of every top-level element, as offsets into the text fed."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.elements = []
        self._start = None

    def feed(self, data):
        self._line_starts = [0]
        for index, character in enumerate(data):
            if character == "\n":
                self._line_starts.append(index + 1)
        self._raw = data
        super().feed(data)

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _tag_end(self):
        return self._raw.index(">", self._offset()) + 1

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            if tag in VOID_TAGS:
                self.elements.append((self._offset(), self._tag_end(), tag))
                return
            self._start = (self._offset(), tag)
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.elements.append((self._offset(), self._tag_end(), tag))

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and self._start:
            start, start_tag = self._start
            self.elements.append((start, self._tag_end(), start_tag))
            self._start = None
