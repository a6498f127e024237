"""Search over published posts, in every language a post is written in.

English queries on PostgreSQL: ranked full-text search over the stored English vector (every
post has English text: it is the default language, and what an untranslated Thai page shows).
Thai queries (any Thai letter): Thai is written without spaces between words, so full text takes
a sentence for one word; each word of the query must instead appear somewhere in the post's
text in any language, newest first. On PostgreSQL that is `search_text` (every language's title,
excerpt and body in one column, kept by a trigger) through its trigram index (migration 0009);
elsewhere (SQLite) every query is matched so, over the columns themselves.
"""

import re
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from modeltranslation.utils import build_localized_fieldname

MAX_WORDS = 8
THAI_LETTER = re.compile("[\u0e00-\u0e7f]")
SEARCHED_FIELDS = ("title", "excerpt", "body")


def search_posts(posts, query):
    """Filter and order `posts` (already the published ones) by relevance to `query`."""
    if connection.vendor != "postgresql":
        return _matching_every_word(posts, query, searched_columns())
    if THAI_LETTER.search(query):
        return _matching_every_word(posts, query, ["search_text"]).order_by("-published_at", "-id")
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


def searched_columns():
    """Each searched field in each language (title_en, title_th…): a Thai page finds Thai
    text, and the English of posts not yet translated."""
    return [
        build_localized_fieldname(name, code)
        for code, _name in settings.LANGUAGES
        for name in SEARCHED_FIELDS
    ]


def _matching_every_word(posts, query, columns):
    for word in words_to_match(query):
        posts = posts.filter(
            reduce(or_, (Q(**{f"{column}__icontains": word}) for column in columns))
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
