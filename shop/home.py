from shop.models import Product

HOME_PRODUCT_COUNT = 3


def home_context():
    """Featured products for the home page."""
    return {
        "featured_products": list(
            Product.objects.for_listing().filter(is_featured=True)[:HOME_PRODUCT_COUNT]
        )
    }
