"""Paragraphs for classic-editor text, as WordPress shows it (its `wpautop` rule, our own code).

The classic editor stores text the way people type it: a blank line between paragraphs, a
single newline for a line break, and HTML only where they used it. WordPress adds the <p> and
<br> when a page is shown; we add them once, at import:

- text outside any block element is split into paragraphs at blank lines;
- a single newline inside text becomes <br>;
- block elements (headings, lists, quotes, figures, tables, divs, pre, hr, p…) are never put
  inside a <p>, and the text before and after one becomes paragraphs of its own;
- text directly inside a blockquote or a div gets paragraphs too; inside a list item, a heading
  or a table cell it only gets line breaks;
- nothing inside <pre>, <script>, <style>, <textarea>, <svg> or <math> is touched.
"""

import re

# Containers whose loose text becomes paragraphs, like the page itself ("").
PARAGRAPH_CONTAINERS = {
    "",
    "blockquote",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "details",
    "form",
    "fieldset",
}
BLOCK_TAGS = PARAGRAPH_CONTAINERS - {""} | {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "colgroup",
    "col",
    "pre",
    "hr",
    "address",
    "summary",
    "legend",
    "menu",
    "hgroup",
    "style",
    "math",
    "svg",
}
VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

# An element whose inside is left exactly as written, a tag, or text up to the next "<".
TOKEN = re.compile(
    r"(?P<raw><(?P<raw_name>pre|script|style|textarea|svg|math)\b.*?</(?P=raw_name)\s*>)"
    r"|(?P<tag></?[a-zA-Z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>)"
    r"|(?P<text>[^<]+|<)",
    re.DOTALL | re.IGNORECASE,
)
TAG_NAME = re.compile(r"</?([a-zA-Z][^\s/>]*)")
BLANK_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
BREAK_BEFORE = re.compile(r"<br\s*/?>[ \t]*$", re.IGNORECASE)


def autop(text):
    """`text` with <p> and <br> where WordPress would show them."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    out, run, stack = [], [], []

    def flush():
        if run:
            inline = "".join(run)
            run.clear()
            context = stack[-1] if stack else ""
            out.append(_paragraphs(inline) if context in PARAGRAPH_CONTAINERS else _breaks(inline))

    for match in TOKEN.finditer(text):
        token = match.group(0)
        name = _name(match)
        if name not in BLOCK_TAGS:
            run.append(token)
            continue
        flush()
        out.append(token)
        if match.group("raw") or name in VOID_TAGS or token.endswith("/>"):
            continue
        if token.startswith("</"):
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        else:
            if name in ("p", "li") and stack and stack[-1] == name:
                stack.pop()  # an unclosed <p> or <li> ends where the next one starts
            stack.append(name)
    flush()
    return "".join(out).strip()


def _name(match):
    if match.group("raw"):
        return match.group("raw_name").lower()
    if match.group("tag"):
        return TAG_NAME.match(match.group("tag")).group(1).lower()
    return None


def _paragraphs(inline):
    """Loose text and inline markup as <p> paragraphs, split at blank lines between elements."""
    paragraphs, current, depth = [], [], 0
    for match in TOKEN.finditer(inline):
        token = match.group(0)
        if match.group("tag"):
            name = _name(match)
            if name not in VOID_TAGS and not token.endswith("/>"):
                depth = max(0, depth + (-1 if token.startswith("</") else 1))
            current.append(token)
        elif match.group("text") and depth == 0:
            # A blank line inside <em>…</em> is a line break, not the end of a paragraph.
            pieces = BLANK_LINE.split(token)
            current.append(pieces[0])
            for piece in pieces[1:]:
                paragraphs.append("".join(current))
                current = [piece]
        else:
            current.append(token)
    paragraphs.append("".join(current))
    html = "\n".join(f"<p>{_breaks(p.strip())}</p>" for p in paragraphs if p.strip())
    # Newlines next to the blocks around stay, so the source keeps one block a line.
    leading = "\n" if inline.startswith("\n") and html else ""
    return leading + html + ("\n" if inline.endswith("\n") else "")


def _breaks(inline):
    """Newlines inside text as <br>; the whitespace around the text (next to blocks) kept as is."""
    stripped = inline.strip()
    if not stripped:
        return inline
    leading = inline[: len(inline) - len(inline.lstrip())]
    trailing = inline[len(inline.rstrip()) :]
    pieces = []
    for match in TOKEN.finditer(stripped):
        token = match.group(0)
        if match.group("text"):
            previous = pieces[-1] if pieces else ""
            lines = token.split("\n")
            token = lines[0]
            for line in lines[1:]:
                # A line that already ends in <br> gets no second one.
                token += "\n" if BREAK_BEFORE.search(previous + token) else "<br>\n"
                token += line
        pieces.append(token)
    return leading + "".join(pieces) + trailing
