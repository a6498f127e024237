"""Block-editor text ("<!-- wp:paragraph -->…<!-- /wp:paragraph -->") as plain HTML.

The block editor saves each block's HTML between two comments that name the block (a block
with nothing to save is one comment ending in "/-->"). The HTML is what WordPress shows for
most blocks, so we keep it and drop the comments. A few blocks need more:

- embeds save only their URL inside wrapper divs: a paragraph linking to the URL instead;
- a button is a bare link in divs: it becomes a paragraph of its own;
- blocks WordPress fills in when the page is shown (latest posts, a reusable block…) have no
  HTML to keep: left out, with a warning so the operator knows;
- text outside any block (from before the block editor) gets paragraphs as classic text does;
- shortcodes in any block's HTML are expanded (`shortcodes`), never in the comments' settings.

Pull quotes are the caller's business (`bodies.convert`): they are whole <figure> and
<blockquote> elements in the HTML this returns.
"""

import html
import json
import re
from dataclasses import dataclass, field

from .autop import autop
from .shortcodes import expand_shortcodes, link_bare_urls, link_paragraph

# The block comment: optional "/" (a closer), the name (core blocks have no "core/" prefix), an
# optional JSON object of attributes, and "/" before "-->" for a block with no content.
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?:(?P<attrs>\{.*?\})\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
EMBED_BLOCKS = re.compile(r"^(?:core/)?(?:embed|core-embed/[a-z0-9-]+)$")
URL_IN_WRAPPER = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class _Block:
    name: str
    attrs: dict
    void: bool = False
    children: list = field(default_factory=list)  # str (HTML) and _Block


def has_blocks(content):
    return "<!-- wp:" in (content or "")


def blocks_to_html(content):
    """(html, warnings): the block-editor `content` with its block comments gone."""
    warnings = []
    top = _parse(content or "")
    pieces = []
    for child in top.children:
        if isinstance(child, _Block):
            pieces.append(_render(child, warnings))
        elif child.strip():
            pieces.append("\n" + autop(link_bare_urls(_expanded(child, warnings))) + "\n")
        else:
            pieces.append(child)
    return "".join(pieces), warnings


def _expanded(text, warnings):
    text, found = expand_shortcodes(text)
    warnings.extend(warning for warning in found if warning not in warnings)
    return text


def _parse(content):
    """The blocks as a tree; an opener never closed counts as a block with no content."""
    stack = [_Block("", {})]
    position = 0
    for match in BLOCK_COMMENT.finditer(content):
        if match.start() > position:
            stack[-1].children.append(content[position : match.start()])
        position = match.end()
        name = match.group("name").removeprefix("core/")
        if match.group("closer"):
            names = [block.name for block in stack[1:]]
            if name in names:
                # Close it, and any block opened inside it and left open.
                while stack[-1].name != name:
                    _unclosed(stack)
                stack.pop()
            continue
        block = _Block(name, _attributes(match.group("attrs")), void=bool(match.group("void")))
        stack[-1].children.append(block)
        if not match.group("void"):
            stack.append(block)
    stack[-1].children.append(content[position:])
    while len(stack) > 1:
        _unclosed(stack)
    return stack[0]


def _unclosed(stack):
    """Close an opener without its closer: its content moves up, as if it had been void."""
    block = stack.pop()
    parent = stack[-1]
    index = parent.children.index(block)
    parent.children[index + 1 : index + 1] = block.children
    block.children = []


def _attributes(text):
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _inner(block, warnings):
    return "".join(
        _render(child, warnings) if isinstance(child, _Block) else _expanded(child, warnings)
        for child in block.children
    )


def _render(block, warnings):
    if EMBED_BLOCKS.match(block.name):
        return _embed(block, warnings)
    if block.name == "button":
        return f"<p>{_inner(block, warnings).strip()}</p>"
    if block.void:
        _left_out(block, warnings)
        return ""
    return _inner(block, warnings)


def _embed(block, warnings):
    url = block.attrs.get("url") if isinstance(block.attrs.get("url"), str) else ""
    if not url:
        found = URL_IN_WRAPPER.search(html.unescape(_inner(block, warnings)))
        url = found.group(0) if found else ""
    return "\n" + link_paragraph(url) + "\n" if url else ""


def _left_out(block, warnings):
    # A block saved as one comment has its content elsewhere (a reusable block) or made on
    # the fly (latest posts, an archive list): nothing of it reaches the import.
    if block.name == "block":
        reference = block.attrs.get("ref", "?")
        text = f"reusable block {reference} left out (its content is stored apart from the post)"
    else:
        text = f"wp:{block.name} block left out (WordPress builds it when the page is shown)"
    if text not in warnings:
        warnings.append(text)
