def home_context():
    """What the home page shows from shop/ (filled in by the shop issue)."""
    return {}
