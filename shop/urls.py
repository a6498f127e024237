from django.urls import path

from freedomstory.pagecache import public_page
from shop import checkout_views, views

app_name = "shop"

urlpatterns = [
    path("shop/", public_page(views.ProductListView.as_view()), name="product_list"),
    path("shop/<slug:slug>/", views.ProductDetailView.as_view(), name="product"),
    path("cart/", views.cart_page, name="cart"),
    path("cart/add/", views.add_to_cart, name="cart_add"),
    path("cart/update/", views.update_cart, name="cart_update"),
    path("cart/remove/", views.remove_from_cart, name="cart_remove"),
    path("cart/donation/", views.give, name="cart_donation"),
    path("cart/summary.json", views.cart_summary, name="cart_summary"),
    path("checkout/", checkout_views.checkout, name="checkout"),
    path("orders/<str:token>/", checkout_views.order_detail, name="order"),
    path("orders/<str:token>/pay/", checkout_views.pay_order, name="order_pay"),
    path("shop/stripe/webhook/", checkout_views.stripe_webhook, name="stripe_webhook"),
]
