"""A WordPress post's content as our rich text: HTML parts, with pull quotes lifted out.

Block-editor content loses its block comments (`blocks`); classic content gets the paragraphs
WordPress would add when showing it (`autop`); shortcodes become plain HTML in both
(`shortcodes`). Then each top-level quote that names its speaker, a pull quote block or a
<blockquote> with a <cite>, becomes a `PullQuote` at its place, since our posts keep pull
quotes apart from the text. Nothing here sanitises: the rich-text field does it on save.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from freedomstory.core.richtext import split_blocks

from .autop import autop
from .blocks import blocks_to_html, has_blocks
from .shortcodes import expand_shortcodes, link_bare_urls

# Wrappers that only lay blocks out; dropped (their content kept) so the blocks are top-level.
LAYOUT_TAG = re.compile(r"</?(?:div|section|article|main|header|footer|aside)\b[^>]*>", re.I)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
EMPTY_PARAGRAPH = re.compile(r"<p\b[^>]*>(?:\s|&nbsp;|&#160;|<br\s*/?>)*</p>\n?", re.I)
# A block we made (a figure, a link paragraph) inside the paragraph that held its shortcode.
WRAPPED_BLOCK = re.compile(r"<p>\s*(<(figure|p)\b[^>]*>(?:(?!<\2\b).)*?</\2>)\s*</p>", re.I | re.S)
# Elements that load something from elsewhere into the page, and the address they load.
EMBEDDED = re.compile(
    r"<(iframe|video|audio|object|embed)\b[^>]*?\s(?:src|data)\s*=\s*[\"']?([^\"'\s>]+)", re.I
)
OPENING_MARKS = '“"‘«„'
CLOSING_MARKS = '”"»“'
# The closing mark each opening one pairs with, where a closing mark could also be an apostrophe.
MATES = {"‘": "’", "“": "”", '"': '"', "«": "»", "„": "“"}
DASHES = "-–—―‒ \u00a0"


@dataclass(frozen=True)
class PullQuote:
    text: str  # plain text, without the quote marks around it
    speaker: str
    role: str = ""


@dataclass
class Body:
    parts: list = field(default_factory=list)  # HTML str and PullQuote, in reading order
    warnings: list[str] = field(default_factory=list)

    @property
    def html(self):
        """The text without its pull quotes."""
        return "\n".join(part for part in self.parts if isinstance(part, str))


def convert(content):
    """The `Body` of a post or page whose WordPress content is `content`."""
    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    if has_blocks(content):
        html, warnings = blocks_to_html(content)
    else:
        html, warnings = expand_shortcodes(COMMENT.sub("", content))
        html = autop(link_bare_urls(html))
    html = _tidy(html)
    for tag, address in EMBEDDED.findall(html):
        # Pasted players (a YouTube <iframe>) go with the sanitiser: say which, so the
        # operator can link to them.
        text = f"{tag.lower()} {address} left out (the site embeds no frames or players)"
        if text not in warnings:
            warnings.append(text)
    return Body(parts=_parts(html), warnings=warnings)


def _tidy(html):
    html = COMMENT.sub("", html)
    html = LAYOUT_TAG.sub("", html)
    html = WRAPPED_BLOCK.sub(r"\1", html)
    html = EMPTY_PARAGRAPH.sub("", html)
    html = re.sub(r"[ \t]+\n", "\n", html)
    return re.sub(r"\n{3,}", "\n\n", html).strip()


def _parts(html):
    """The HTML split around its pull quotes, using the blocks posts count quotes' places by."""
    parts, pending = [], []
    for block in split_blocks(html):
        quote = _pull_quote(block) if block.tag in ("blockquote", "figure") else None
        if quote is None:
            pending.append(block.html)
            continue
        if "".join(pending).strip():
            parts.append("".join(pending).strip())
        pending = []
        if quote.text:
            parts.append(quote)
    if "".join(pending).strip():
        parts.append("".join(pending).strip())
    return parts


def _pull_quote(block):
    opening_tag = block.html.lstrip()[: block.html.lstrip().find(">") + 1]
    is_pullquote_block = block.tag == "figure" and "wp-block-pullquote" in opening_tag
    if block.tag == "figure" and not is_pullquote_block:
        return None
    reader = _QuoteReader()
    reader.feed(block.html)
    reader.close()
    cite = _tidy_text(reader.cite)
    if not cite and not is_pullquote_block:
        return None  # a quote naming no one stays in the text
    speaker, _, role = cite.lstrip(DASHES).partition(",")
    return PullQuote(_quote_text(reader.paragraphs), speaker.strip(), role.strip())


def _tidy_text(text):
    return " ".join(text.split())


def _quote_text(paragraphs):
    """The quote's paragraphs as one line, without the quote marks around them.

    A mark closes only what a mark opened: in the paragraph itself, or (for the last one) at the
    start of the quote, as a quote running over paragraphs is written. So the girls’ apostrophe
    and a “word” quoted at the end of a sentence stay.
    """
    paragraphs = [text for text in map(_tidy_text, paragraphs) if text]
    first_mark = paragraphs[0][0] if paragraphs and paragraphs[0][0] in OPENING_MARKS else ""
    kept = []
    for number, text in enumerate(paragraphs, start=1):
        opening = text[0] if text[0] in OPENING_MARKS else ""
        text = text[1:] if opening else text
        opened = opening or (first_mark if number == len(paragraphs) else "")
        if opened and text and (text[-1] in CLOSING_MARKS or text[-1] == "’" == MATES[opened]):
            text = text[:-1]
        kept.append(text.strip())
    return " ".join(text for text in kept if text)


class _QuoteReader(HTMLParser):
    """The words of a quote, paragraph by paragraph, and its <cite> apart."""

    BREAKS = {"p", "br", "li", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = [""]
        self.cite = ""
        self.in_cite = 0

    def handle_starttag(self, tag, attrs):
        if tag == "cite":
            self.in_cite += 1
        elif tag in self.BREAKS and not self.in_cite:
            self.paragraphs.append("")

    def handle_endtag(self, tag):
        if tag == "cite":
            self.in_cite = max(0, self.in_cite - 1)
        elif tag in self.BREAKS and not self.in_cite:
            self.paragraphs.append("")

    def handle_data(self, data):
        if self.in_cite:
            self.cite += data
        else:
            self.paragraphs[-1] += data


# Images: WordPress's files move to our media, so every <img> in a body is found and replaced.

IMG_TAG = re.compile(r"<img\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.IGNORECASE)
EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>", re.IGNORECASE)
LINK_TO_UPLOAD = re.compile(
    r"<a\b[^>]*\bhref\s*=\s*([\"'])[^\"']*/wp-content/uploads/[^\"']*\1[^>]*>"
    r"\s*(<img\b[^>]*>)\s*</a>",
    re.IGNORECASE,
)
# A figure with no content left but its caption (what caption is there without the image?).
EMPTY_FIGURE = re.compile(
    r"<figure\b[^>]*>\s*(?:<figcaption\b[^>]*>(?:(?!</?figure\b).)*?</figcaption>\s*)?</figure>",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class ImageRef:
    src: str  # as the browser reads it: entities such as &amp; decoded
    alt: str


def images(html):
    """Every <img> of `html`, in order."""
    return [_image_ref(match.group(0)) for match in IMG_TAG.finditer(html or "")]


def replace_images(html, replacements):
    """`html` with each <img> replaced by `replacements[src]`, or removed.

    An image whose src maps to None, or is not in `replacements` at all, is removed: a body
    never keeps a link to the old site's files. A link, figure (with its caption) or paragraph
    left empty by a removal goes too, and so does a link from an image to its file in the old
    uploads ("Link to: Media File"), which is not at that address here.
    """
    removed = False

    def replace(match):
        nonlocal removed
        new = replacements.get(_image_ref(match.group(0)).src)
        removed = removed or new is None
        return new or ""

    html = LINK_TO_UPLOAD.sub(r"\2", IMG_TAG.sub(replace, html or ""))
    if removed:
        previous = None
        while previous != html:  # a gallery's figures inside a figure empty out in turn
            previous = html
            for empty in (EMPTY_LINK, EMPTY_FIGURE, EMPTY_PARAGRAPH):
                html = empty.sub("", html)
    return html


def _image_ref(tag):
    reader = _AttributeReader()
    reader.feed(tag)
    reader.close()
    return ImageRef(reader.attributes.get("src") or "", reader.attributes.get("alt") or "")


class _AttributeReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = dict(attrs)

    handle_startendtag = handle_starttag
