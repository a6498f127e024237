"""WordPress shortcodes turned into plain HTML, so no "[name …]" reaches a reader.

WordPress runs shortcodes when a page is shown, through code (core's and plugins') that we do
not have. What a shortcode held is kept; what it only generated from elsewhere is not:

- [caption …]<img …> Caption text[/caption]: a <figure> with a <figcaption>;
- [embed]URL[/embed], and a URL alone on a line (WordPress embeds those too): a paragraph
  linking to it;
- [gallery], [audio], [video], [playlist]: removed, with a warning (their files are not placed);
- any other [name …]…[/name]: its content kept; any other lone [name …]: removed, with a
  warning naming it, so "[sic]" taken for a shortcode shows up in the import's report;
- [[name]] is WordPress's escape for the literal text "[name]", and stays that text.
"""

import html
import re

# Shortcodes whose output was media we do not carry over.
MEDIA_SHORTCODES = {"gallery", "audio", "video", "playlist"}

# [[name …]] and [[name …]…[/name]]: the text inside the outer brackets is shown as written.
ESCAPED = re.compile(
    r"\[(\[(?P<name>[a-zA-Z][\w-]*)[^\[\]]*\](?:[^\[]*?\[/(?P=name)\])?)\]"
    r"|\[(\[[a-zA-Z][\w-]*[^\[\]]*\])\]",
    re.DOTALL,
)
CAPTION = re.compile(
    r"\[(?P<name>caption|wp_caption)(?P<attrs>\s[^\]]*)?\](?P<content>.*?)\[/(?P=name)\]",
    re.DOTALL | re.IGNORECASE,
)
EMBED = re.compile(r"\[embed(?:\s[^\]]*)?\]\s*(?P<url>\S+?)\s*\[/embed\]", re.IGNORECASE)
# Opening, self-closing or closing tag of any shortcode: "[name", then attributes, then "]".
ANY_TAG = re.compile(r"\[(?P<closing>/)?(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)/?\]")
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"\[\]]+)[ \t]*$", re.MULTILINE)
ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"']+))")
LEADING_MEDIA = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL | re.IGNORECASE
)
# U+E000 and U+E001 (private use) hold escaped shortcodes while the real ones are expanded.
HOLD_START, HOLD_END = "\ue000", "\ue001"


def expand_shortcodes(text):
    """(html, warnings): `text` with every shortcode replaced as the module docstring says."""
    warnings = []
    held = []

    def hold(match):
        held.append(match.group(1) or match.group(3))
        return f"{HOLD_START}{len(held) - 1}{HOLD_END}"

    text = ESCAPED.sub(hold, text or "")
    text = CAPTION.sub(_caption, text)
    text = EMBED.sub(lambda match: "\n\n" + link_paragraph(match.group("url")) + "\n\n", text)
    text = ANY_TAG.sub(lambda match: _other(match, warnings), text)
    text = re.sub(f"{HOLD_START}(\\d+){HOLD_END}", lambda match: held[int(match.group(1))], text)
    return text, warnings


def link_bare_urls(text):
    """A URL alone on its line (outside any tag) as a paragraph linking to it."""
    return BARE_URL_LINE.sub(lambda match: "\n" + link_paragraph(match.group(1)) + "\n", text)


def link_paragraph(url):
    url = html.unescape(url.strip())
    return f'<p><a href="{html.escape(url)}">{html.escape(url, quote=False)}</a></p>'


def attributes(attrs):
    """{name: value} of a shortcode's attributes (names lower case)."""
    return {
        match.group(1).lower(): next(v for v in match.groups()[1:] if v is not None)
        for match in ATTRIBUTE.finditer(attrs or "")
    }


def _caption(match):
    content = match.group("content")
    media = LEADING_MEDIA.match(content)
    if not media:
        return content  # a caption around no image: its words stay as text
    caption_text = media.group(2).strip() or attributes(match.group("attrs")).get("caption", "")
    figcaption = f"<figcaption>{caption_text}</figcaption>" if caption_text else ""
    return f"\n\n<figure>{media.group(1).strip()}{figcaption}</figure>\n\n"


def _other(match, warnings):
    name = match.group("name").lower()
    if match.group("closing"):
        return ""  # the end of a shortcode whose content stays
    if name in MEDIA_SHORTCODES:
        _warn(warnings, f"{name} shortcode removed (its files are not placed in the text)")
    elif not _has_closing(match):
        _warn(warnings, f"[{match.group('name')}] shortcode removed")
    return ""


def _has_closing(match):
    closing = f"[/{match.group('name')}]".lower()
    return closing in match.string[match.end() :].lower()


def _warn(warnings, text):
    if text not in warnings:
        warnings.append(text)
