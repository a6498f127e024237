"""The fixture exports, read once per test run (reading is what test_wxr checks)."""

from functools import cache
from pathlib import Path

from freedomstory.wordpress.wxr import read_export

FIXTURES = Path(__file__).parent / "fixtures"
BLOCK_EDITOR = FIXTURES / "block-editor.xml"
CLASSIC_EDITOR = FIXTURES / "classic-editor.xml"
BOTH = [BLOCK_EDITOR.name, CLASSIC_EDITOR.name]


@cache
def fixture_export(name):
    return read_export(FIXTURES / name)


def fixture_items(name):
    """{WordPress id: Item} of a fixture export."""
    return {item.wp_id: item for item in fixture_export(name).items}
