def load(stdout):
    """Demo content for shop/ (filled in by the shop issue). Idempotent."""
