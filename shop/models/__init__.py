from shop.models.cart import Cart, CartLine
from shop.models.catalogue import OptionValue, Product, ProductImage, ProductOption, Variant
from shop.models.giving import GiftImpact, MonthlyGift, MonthlyGiftPayment
from shop.models.orders import Order, OrderHistoryEntry, OrderLine, PaymentEvent

__all__ = [
    "Cart",
    "CartLine",
    "GiftImpact",
    "MonthlyGift",
    "MonthlyGiftPayment",
    "OptionValue",
    "Order",
    "OrderHistoryEntry",
    "OrderLine",
    "PaymentEvent",
    "Product",
    "ProductImage",
    "ProductOption",
    "Variant",
]
