from django.views.generic import DetailView, ListView

from freedomstory.core.languages import show_translation_of
from shop import purchase, variants
from shop.models import Product
from shop.models.catalogue import prefetch_offered


class ProductListView(ListView):
    template_name = "shop/product_list.html"
    paginate_by = 24

    def get_queryset(self):
        return Product.objects.for_listing()


class ProductDetailView(DetailView):
    template_name = "shop/product_detail.html"

    def get_queryset(self):
        return Product.objects.active().prefetch_related(
            "images", prefetch_offered(with_options=True)
        )

    def get_context_data(self, **kwargs):
        product = self.object
        picker = variants.picker(product)
        if picker is not None:
            choosable = [c.variant for group in picker.groups for c in group.choices]
            can_buy = picker.can_buy
            plain = None
        else:
            choosable = product.offered_variants
            plain = choosable[0] if choosable else None
            can_buy = plain is not None and purchase.check(plain, 1).quantity > 0
        most = max((purchase.most_allowed(variant) for variant in choosable), default=0)
        return super().get_context_data(
            picker=picker,
            can_buy=can_buy,
            most_allowed=most if can_buy else 0,
            plain_left=variants.few_left(plain) if plain is not None else None,
            **show_translation_of(self.request, product),
            **kwargs,
        )
