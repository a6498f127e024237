"""Demo products for a local site: shirts in sizes (one in two colours), a bag, a backpack and a
book, with drawn images. Idempotent."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from shop import variants
from shop.models import Product, ProductImage, ProductOption, Variant

PRODUCTS = [
    (
        "freedom-story-t-shirt",
        "Freedom Story T-shirt",
        Decimal("20.00"),
        None,  # per variant: OPTIONS below
        True,
        "<p>A soft cotton shirt with our sunrise logo on the front. Every shirt pays for a week "
        "of school transport for one student.</p><ul><li>100% cotton</li><li>Sizes S to XL, "
        "in natural or black</li></ul>",
        ((31, 78, 95), (244, 184, 96)),
    ),
    (
        "keep-them-in-school-shirt",
        "“Keep them in school” shirt",
        Decimal("22.00"),
        None,  # per variant: OPTIONS below
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


# Options of the shirts: (option, values) in order, the stock of each combination (one missing
# from the table is sold out) and the combinations with a price of their own.
SIZES = ("Size", "S, M, L, XL")
OPTIONS = {
    "freedom-story-t-shirt": (
        [SIZES, ("Colour", "Natural, Black")],
        {
            "S, Natural": 6,
            "M, Natural": 10,
            "L, Natural": 8,
            "XL, Natural": 4,
            "S, Black": 5,
            "M, Black": 12,
            "L, Black": 9,
            "XL, Black": 3,
        },
        {"XL, Natural": Decimal("22.00"), "XL, Black": Decimal("22.00")},
    ),
    "keep-them-in-school-shirt": ([SIZES], {"S": 3, "M": 6, "L": 4}, {}),
}


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
                "is_featured": featured,
                "description": description,
                "sort_order": sort_order,
            },
        )
        if was_created:
            created += 1
            if slug in OPTIONS:
                give_options(product, *OPTIONS[slug])
            else:
                product.variants.update(stock=stock)
        if not product.images.exists():
            ProductImage.objects.create(
                product=product, image=demo_image(colours, slug), alt=f"Photo of the {name}"
            )
    stdout.write(f"Shop: {created} demo product(s) added, {Product.objects.count()} in all.")


def give_options(product, options, stock, prices):
    for position, (name, values) in enumerate(options, start=1):
        option = ProductOption.objects.create(product=product, name=name, position=position)
        variants.set_values(option, variants.parse_values(values))
    variants.create_all_combinations(product)
    made = Variant.objects.filter(product=product, value1__isnull=False).select_related(
        "value1", "value2"
    )
    for variant in made:
        variant.stock = stock.get(variant.name, 0)
        variant.price = prices.get(variant.name)
        variant.save(update_fields=["stock", "price"])
