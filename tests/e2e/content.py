"""A small, real-looking site for the browser tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from news.models import Post
from shop.models import ProductImage
from tests.news.factories import jpeg_upload, make_category, make_post, make_quote, make_staff
from tests.pages.factories import privacy_notice
from tests.shop.factories import make_product


def build_site():
    now = timezone.now()
    author = make_staff("malee", first_name="Malee", last_name="Srisuk")
    education = make_category("Education", slug="education")
    community = make_category("Community", slug="community")
    older = make_post(
        "A library that stays open late",
        body="<p>Our centre now stays open until eight.</p><h2>Why evenings</h2>"
        "<p>Teenagers who work after school can come.</p>",
        categories=[community],
        author=author,
        published_at=now - timedelta(days=9),
    )
    newer = make_post(
        "We're expanding on multiple levels",
        body="<p>This year our scholarship programme grew by a third.</p>"
        "<h2>What is growing</h2><ul><li>A second resource centre</li>"
        "<li>Forty new scholarships</li></ul><p>Monthly gifts make this possible.</p>",
        categories=[education],
        author=author,
        published_at=now - timedelta(days=2),
        image=jpeg_upload((1200, 800)),
        image_alt="Students reading in the new resource centre",
    )
    make_quote(
        post=newer,
        position=1,
        text="When a child stays in school, a trafficker loses the easiest way in.",
        speaker_name="Veerawit Tianchainan",
        speaker_role="Director",
        is_featured=True,
    )
    make_post("A draft nobody sees", status=Post.Status.DRAFT)
    shirt = make_product(
        "Freedom Story T-shirt", slug="t-shirt", price=Decimal("20.00"), stock=40, is_featured=True
    )
    ProductImage.objects.create(product=shirt, image=jpeg_upload((600, 600)), alt="A teal T-shirt")
    book = make_product("Stories of Freedom", slug="book", price=Decimal("15.00"), is_featured=True)
    privacy_notice()  # made by migration, but gone once an earlier browser test flushed the tables
    return {"older": older, "newer": newer, "shirt": shirt, "book": book, "author": author}
