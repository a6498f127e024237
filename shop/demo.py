"""Demo products for a local site: shirts, bags and a book, with drawn images. Idempotent."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from shop.models import Product, ProductImage

PRODUCTS = [
    (
        "freedom-story-t-shirt",
        "Freedom Story T-shirt",
        Decimal("20.00"),
        40,
        True,
        "<p>A soft cotton shirt with our sunrise logo on the front. Every shirt pays for a week "
        "of school transport for one student.</p><ul><li>100% cotton</li><li>Sizes S to XL "
        "(tell us yours in the order note)</li></ul>",
        ((31, 78, 95), (244, 184, 96)),
    ),
    (
        "keep-them-in-school-shirt",
        "“Keep them in school” shirt",
        Decimal("22.00"),
        3,
        True,
        "<p>Our message in bold letters across the chest. A conversation starter, and a gift to "
        "a scholarship fund.</p>",
        ((180, 83, 42), (255, 244, 225)),
    ),
    (
        "woven-tote-bag",
        "Woven tote bag",
        Decimal("18.00"),
        25,
        True,
        "<p>Hand-woven by a women's cooperative in a village we work with. Strong enough for "
        "books, groceries or both.</p>",
        ((120, 96, 60), (230, 210, 170)),
    ),
    (
        "school-backpack",
        "School backpack",
        Decimal("35.00"),
        0,
        False,
        "<p>The backpack our scholarship students carry. Sold out for now; more are coming.</p>",
        ((36, 60, 90), (120, 170, 210)),
    ),
    (
        "stories-of-freedom-book",
        "Stories of Freedom (book)",
        Decimal("15.00"),
        None,
        True,
        "<p>Twelve short stories from students, parents and teachers, in their own words. "
        "Printed locally on recycled paper.</p>",
        ((90, 40, 60), (240, 220, 200)),
    ),
]


def demo_image(colours, seed):
    background, accent = colours
    image = Image.new("RGB", (1200, 1200), background)
    draw = ImageDraw.Draw(image)
    offset = (sum(map(ord, seed)) % 7) * 20
    draw.rounded_rectangle([300, 260 + offset, 900, 940], radius=80, fill=accent)
    draw.ellipse([480, 120 + offset, 720, 360 + offset], outline=accent, width=30)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{seed}.jpg")


def load(stdout):
    created = 0
    for sort_order, (slug, name, price, stock, featured, description, colours) in enumerate(
        PRODUCTS
    ):
        product, was_created = Product.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "price": price,
                "stock": stock,
                "is_featured": featured,
                "description": description,
                "sort_order": sort_order,
            },
        )
        if was_created:
            created += 1
        if not product.images.exists():
            ProductImage.objects.create(
                product=product, image=demo_image(colours, slug), alt=f"Photo of the {name}"
            )
    stdout.write(f"Shop: {created} demo product(s) added, {Product.objects.count()} in all.")
