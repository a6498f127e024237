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
        "We’re Expanding on Multiple Levels",
        slug="were-expanding-on-multiple-levels",
        body="<p>This year our scholarship programme reaches more villages.</p>"
        "<p>Here are some of the ways we’re expanding:</p><ul><li>More partner schools</li>"
        "<li>Closer work with village leaders</li></ul>"
        "<h2>What These Collaborations Helps Us Achieve</h2><p>More eyes on every child.</p>"
        "<h2>Growing Recognition</h2><p>The governor of Chiang Rai recognised our work.</p>",
        categories=[education],
        author=author,
        published_at=now - timedelta(days=2),
        image=jpeg_upload((1200, 800)),
        image_alt="Students reading in the new resource centre",
    )
    make_quote(
        post=newer,
        position=3,  # after the list
        text="When a child stays in school, a trafficker loses the easiest way in.",
        speaker_name="Veerawit Tianchainan",
        speaker_role="Thailand Executive Director",
        is_featured=True,
    )
    # Three more in Education, for the post's "More in Education".
    for title, days in (
        ("An English club for teenagers", 12),
        ("Online safety lessons", 20),
        ("A visit from our partner schools", 30),
    ):
        make_post(
            title,
            body="<p>Every Saturday the centre is full.</p>",
            categories=[education],
            author=author,
            published_at=now - timedelta(days=days),
        )
    make_post("A draft nobody sees", status=Post.Status.DRAFT)
    shirt = make_product(
        "Freedom Story T-shirt", slug="t-shirt", price=Decimal("20.00"), stock=40, is_featured=True
    )
    ProductImage.objects.create(product=shirt, image=jpeg_upload((600, 600)), alt="A teal T-shirt")
    book = make_product("Stories of Freedom", slug="book", price=Decimal("15.00"), is_featured=True)
    privacy_notice()  # made by migration, but gone once an earlier browser test flushed the tables
    return {"older": older, "newer": newer, "shirt": shirt, "book": book, "author": author}
