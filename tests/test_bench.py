"""What `make bench` measures must exist: its addresses (English and their Thai twins) and the
verdict it gives a Thai page against its English twin."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.utils import translation

from tests.news.factories import make_category, make_post
from tests.shop.factories import make_options, make_product

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_bench_measures_a_post_in_both_languages_and_a_product_a_cart_can_take():
    with translation.override("en"):
        post = make_post("Bench", slug="bench", categories=[make_category("Updates")])
        shirt = make_product("Shirt", sort_order=0)
        make_options(shirt, ("Size", "S, M"))
        plain = make_product("Book", sort_order=1)
    info = load("site_tasks").info()
    assert info["post"] == "/news/bench/" and info["post_th"] == "/th/news/bench/"
    assert post.slug in info["post_th"]
    assert info["product_id"] == plain.pk  # POST /cart/add/ names a product without options


def test_a_thai_page_passes_at_90_percent_of_its_english_twin_and_misses_below():
    run = load("run")
    english = run.Row("anonymous /", rps=500.0, path="/")
    close = run.Row("anonymous / in Thai", rps=460.0, twin=english, twin_share=0.91)
    slow = run.Row("anonymous / in Thai", rps=400.0, twin=english, twin_share=0.85)
    run.judge([english, close, slow], hello_rps=1000.0)
    assert (close.verdict, slow.verdict) == ("PASS", "MISS")
    assert close.target == ">= 0.90x English twin"
    assert close.note.startswith("0.91x anonymous /")
