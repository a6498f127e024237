"""How a post is put together: pull quotes in the body and their places, structured data."""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from freedomstory.core.richtext import plain_text, safe_rich_text, split_blocks
from freedomstory.core.siteurl import absolute


@dataclass
class BodySegment:
    html: str
    quotes: list = field(default_factory=list)


def body_with_pull_quotes(body, quotes):
    """The body block by block, each followed by the quotes placed after it ("after block N").

    Blocks are `split_blocks`'s, the same the admin offers as places; a position past the last
    block puts the quote at the end.
    """
    # Blocks of a sanitised body are marked safe, never pieces of anything else.
    body = safe_rich_text(body)
    segments = [BodySegment(mark_safe(block.html)) for block in split_blocks(body)]
    segments = segments or [BodySegment(body)]
    for quote in sorted(quotes, key=lambda q: (q.position, q.pk or 0)):
        index = min(max(quote.position, 1), len(segments)) - 1
        segments[index].quotes.append(quote)
    return segments


BLOCK_NAMES = {
    "h2": gettext_lazy("heading"),
    "h3": gettext_lazy("heading"),
    "h4": gettext_lazy("heading"),
    "ul": gettext_lazy("list"),
    "ol": gettext_lazy("list"),
    "blockquote": gettext_lazy("quotation"),
    "figure": gettext_lazy("figure"),
    "": gettext_lazy("text"),
}


def quote_places(body):
    """(position, label) for each block of `body`: the places a pull quote can follow.

    Paragraphs are numbered as a reader counts them and the other blocks are named, so editors
    pick "After ¶3: “When we first opened…”" instead of counting blocks by hand.
    """
    places, paragraphs = [], 0
    for position, block in enumerate(split_blocks(safe_rich_text(body)), start=1):
        words = Truncator(plain_text(block.html)).words(7, truncate="…")
        if not words and "<img" in block.html:
            # An image alone, in a paragraph or not: readers see a picture, not a paragraph.
            name = gettext("image")
        elif block.tag == "p":
            paragraphs += 1
            name = f"¶{paragraphs}"
        else:
            name = BLOCK_NAMES.get(block.tag) or gettext("block")
        if words:
            label = gettext("After %(place)s: “%(words)s”") % {"place": name, "words": words}
        else:
            label = gettext("After %(place)s") % {"place": name}
        places.append((position, label))
    return places


def article_json_ld(post):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "description": post.description,
        "datePublished": post.published_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "mainEntityOfPage": absolute(post.get_absolute_url()),
        "articleSection": [category.name for category in post.categories.all()],
    }
    if post.byline:
        data["author"] = {"@type": "Person", "name": post.byline}
    if post.picture:
        data["image"] = [absolute(post.picture.src)]
    return data
