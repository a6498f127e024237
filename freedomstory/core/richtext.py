"""Rich text shared by news and shop: one allow-list, one sanitiser, one editor configuration.

Sanitising belongs to the field (`RichTextField`), not to each model: whatever the path (admin,
shell, fixture, `update()`, bulk writes), stored rich text has been through `sanitize_html`, so
what is read back is marked safe and templates print it without `|safe`.
"""

from html.parser import HTMLParser

import nh3
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
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
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

# The django-prose-editor toolbar offers exactly what the sanitiser keeps.
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
        "Link": {"protocols": ["http", "https", "mailto"], "enableTarget": False},
        "History": True,
    }
}


def sanitize_html(html):
    """Keep paragraphs, h2–h4, lists, safe links, emphasis and quotes; drop everything else."""
    cleaned = _cleaner.clean(html or "").strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


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


def split_after_paragraphs(html):
    """Split sanitised HTML into chunks that each end after a top-level paragraph.

    Returns a list of HTML strings; joined, they are `html` again. A pull quote "after paragraph
    N" goes after chunk N. Paragraphs inside lists or blockquotes don't count.
    """
    splitter = _TopLevelParagraphEnds()
    splitter.feed(html)
    splitter.close()
    chunks, start = [], 0
    for end in splitter.ends:
        chunks.append(html[start:end])
        start = end
    if start < len(html) or not chunks:
        chunks.append(html[start:])
    return chunks


class _TopLevelParagraphEnds(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.ends = []
        self._line_starts = None

    def feed(self, data):
        self._line_starts = [0]
        for index, character in enumerate(data):
            if character == "\n":
                self._line_starts.append(index + 1)
        self._raw = data
        super().feed(data)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and tag == "p":
            line, column = self.getpos()
            offset = self._line_starts[line - 1] + column
            self.ends.append(self._raw.index(">", offset) + 1)
