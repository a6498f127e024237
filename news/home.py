from news.models import Post, Quote

HOME_POST_COUNT = 3


def home_context():
    """The latest published posts and one featured quote, for the home page."""
    return {
        "latest_posts": list(Post.objects.published().for_listing()[:HOME_POST_COUNT]),
        "featured_quote": Quote.objects.published()
        .filter(is_featured=True)
        .order_by("-id")
        .first(),
    }
