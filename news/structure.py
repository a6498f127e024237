"""How a post's parts are put together for display: pull quotes in the body, structured data."""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from freedomstory.core.richtext import safe_rich_text, split_after_paragraphs
from freedomstory.core.siteurl import absolute


@dataclass
class BodySegment:
    html: str
    quotes: list = field(default_factory=list)


def body_with_pull_quotes(body, quotes):
    """The body in chunks, each followed by the quotes placed after it ("after paragraph N")."""
    # Chunks of a sanitised body are marked safe, never chunks of anything else.
    body = safe_rich_text(body)
    segments = [BodySegment(mark_safe(chunk)) for chunk in split_after_paragraphs(body)]
    for quote in sorted(quotes, key=lambda q: (q.position, q.pk or 0)):
        index = min(max(quote.position, 1), len(segments)) - 1
        segments[index].quotes.append(quote)
    return segments


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
