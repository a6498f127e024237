from shop.models.cart import Cart, CartLine
from shop.models.catalogue import Product, ProductImage

__all__ = ["Cart", "CartLine", "Product", "ProductImage"]
