from django.views.generic import DetailView, ListView

from shop import purchase
from shop.models import Product


class ProductListView(ListView):
    template_name = "shop/product_list.html"
    paginate_by = 24

    def get_queryset(self):
        return Product.objects.for_listing()


class ProductDetailView(DetailView):
    template_name = "shop/product_detail.html"

    def get_queryset(self):
        return Product.objects.active().prefetch_related("images")

    def get_context_data(self, **kwargs):
        verdict = purchase.check(self.object, 1)
        return super().get_context_data(
            can_buy=verdict.quantity > 0,
            most_allowed=purchase.most_allowed(self.object) if verdict.quantity else 0,
            **kwargs,
        )
