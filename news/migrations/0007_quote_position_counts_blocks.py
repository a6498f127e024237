"""A pull quote's position now counts blocks (paragraphs, headings, lists...), not paragraphs.

It used to mean "after the Nth top-level paragraph", so a quote could never follow a list or a
heading. Each stored number is moved to the block holding that paragraph, so every quote stays
exactly where readers saw it. The rule for a block is copied from
freedomstory/core/richtext.py's split_blocks on purpose: a migration imports no project code.
"""

from html.parser import HTMLParser

from django.db import migrations, models

VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}
BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure"}


class TopLevel(HTMLParser):
    """The tags of top-level elements, and "" for top-level text that is not blank.

    Entities stay as written, as split_blocks reads them: "&nbsp;" is text, not a blank."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.items = []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.items.append(tag)
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.items.append(tag)

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth == 0 and data.strip():
            self.items.append("")

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def block_tags(html):
    """Each block's tag in order; a run of loose text or inline markup is one block ("")."""
    parser = TopLevel()
    parser.feed(html or "")
    parser.close()
    blocks = []
    for item in parser.items:
        kind = item if item in BLOCK_TAGS else ""
        if kind or not blocks or blocks[-1] != "":
            blocks.append(kind)
    return blocks


def paragraph_to_block(paragraph, blocks):
    """Where "after paragraph N" was shown, as a block number (past the end stays at the end)."""
    paragraphs = [number for number, tag in enumerate(blocks, start=1) if tag == "p"]
    if not blocks:
        return paragraph
    if not paragraphs or paragraph > len(paragraphs):
        return max(paragraph, len(blocks))
    return paragraphs[max(paragraph, 1) - 1]


def block_to_paragraph(block, blocks):
    """Back again: the last paragraph at or before that block (the first if there is none)."""
    if not blocks or block > len(blocks):
        return block
    paragraphs = blocks[: max(block, 1)].count("p")
    if block == len(blocks) and blocks[-1] != "p":
        return paragraphs + 1  # the end, after what follows the last paragraph
    return max(1, paragraphs)


def move(apps, schema_editor, convert):
    Quote = apps.get_model("news", "Quote")
    quotes = Quote.objects.using(schema_editor.connection.alias)
    # Collected first, written after: SQLite does not isolate writes from a running iterator.
    changed = []
    rows = quotes.filter(post__isnull=False).values_list("pk", "position", "post__body")
    for pk, position, body in rows.iterator(chunk_size=500):
        moved = convert(position, block_tags(body))
        if moved != position:
            changed.append((pk, moved))
    for pk, moved in changed:
        quotes.filter(pk=pk).update(position=moved)


def paragraphs_to_blocks(apps, schema_editor):
    move(apps, schema_editor, paragraph_to_block)


def blocks_to_paragraphs(apps, schema_editor):
    move(apps, schema_editor, block_to_paragraph)


class Migration(migrations.Migration):
    dependencies = [("news", "0006_post_search_vector")]

    operations = [
        migrations.AlterField(
            model_name="quote",
            name="position",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="The quote appears after this block of the post's text: paragraphs, "
                "headings and lists each count (1 = after the first). A number past the last "
                "block puts it at the end.",
                verbose_name="place after",
            ),
        ),
        migrations.RunPython(paragraphs_to_blocks, blocks_to_paragraphs),
    ]
