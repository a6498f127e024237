import pytest

from tests.wordpress.uploads import make_uploads


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads/ as the fixture exports name it (tests/wordpress/uploads.py)."""
    root = tmp_path / "uploads"
    make_uploads(root)
    return root
