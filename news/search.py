"""Search over published posts: ranked full-text search on PostgreSQL, word matching elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

MAX_WORDS = 8


def search_posts(posts, query):
    """Filter and order `posts` (already the published ones) by relevance to `query`."""
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config="english")
        # The stored vector (title A, excerpt B, body C; see migration 0006) and its GIN index:
        # `@@` picks the matches from the index, and only those are ranked. `rank > 0` alone
        # would both miss the index and let in posts matching no word at all, since ts_rank
        # gives 1e-20, not 0, to a post that misses an AND or a phrase.
        return (
            posts.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-published_at")
        )
    for word in words_to_match(query):
        posts = posts.filter(
            Q(title__icontains=word) | Q(excerpt__icontains=word) | Q(body__icontains=word)
        )
    return posts


def words_to_match(query):
    """The query's words (the first MAX_WORDS), less those another word already requires.

    Each word must appear in the title, excerpt or body. A word inside a longer one ("school"
    in "schools") is found wherever the longer one is, so its LIKE over every body adds cost
    and changes nothing. SQLite's LIKE ignores case for ASCII letters only, hence ASCII
    lowering for the comparison and not str.lower().
    """
    words = list(dict.fromkeys(query.split()[:MAX_WORDS]))
    folded = [_ascii_lower(word) for word in words]
    return [
        word
        for index, word in enumerate(words)
        if not any(
            folded[index] in other and (folded[index] != other or other_index < index)
            for other_index, other in enumerate(folded)
            if other_index != index
        )
    ]


def _ascii_lower(text):
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {ord(upper): ord(upper.lower()) for upper in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
