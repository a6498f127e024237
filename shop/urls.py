from django.urls import path

from freedomstory.core.pagecache import public_page
from shop.views import cart, catalogue, checkout, giving, orders

app_name = "shop"

urlpatterns = [
    path(
        "shop/",
        public_page(catalogue.ProductListView.as_view(), query=("page",)),
        name="product_list",
    ),
    path("shop/<slug:slug>/", public_page(catalogue.ProductDetailView.as_view()), name="product"),
    path("cart/", cart.cart_page, name="cart"),
    path("cart/add/", cart.add_to_cart, name="cart_add"),
    path("cart/update/", cart.update_cart, name="cart_update"),
    path("cart/remove/", cart.remove_from_cart, name="cart_remove"),
    path("cart/donation/", cart.change_donation, name="cart_donation"),
    path("cart/summary.json", cart.cart_summary, name="cart_summary"),
    path("donate/", public_page(giving.DonatePage.as_view()), name="donate"),
    path("donate/confirm/", giving.confirm, name="donate_confirm"),
    path("donate/monthly/", giving.start_monthly, name="donate_monthly"),
    path("donate/monthly/<str:token>/", giving.monthly_gift, name="monthly_gift"),
    path(
        "donate/monthly/<str:token>/manage/",
        giving.manage_monthly_gift,
        name="monthly_gift_manage",
    ),
    path("checkout/", checkout.checkout, name="checkout"),
    path("orders/<str:token>/", orders.order_detail, name="order"),
    path("orders/<str:token>/pay/", orders.pay_order, name="order_pay"),
]
