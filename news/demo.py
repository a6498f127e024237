def load(stdout, author=None):
    """Demo content for news/ (filled in by the news issue). Idempotent."""
