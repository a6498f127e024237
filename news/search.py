"""Search over published posts: ranked full-text search on PostgreSQL, word matching elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_posts(posts, query):
    """Filter and order `posts` (already the published ones) by relevance to `query`."""
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("excerpt", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return (
            posts.annotate(rank=SearchRank(vector, search_query))
            .filter(rank__gt=0)
            .order_by("-rank", "-published_at")
        )
    for word in query.split()[:MAX_WORDS]:
        posts = posts.filter(
            Q(title__icontains=word) | Q(excerpt__icontains=word) | Q(body__icontains=word)
        )
    return posts
