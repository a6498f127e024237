def home_context():
    """What the home page shows from news/ (filled in by the news issue)."""
    return {}
