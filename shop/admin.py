from django.contrib import admin

from shop.models import Cart, CartLine, Product, ProductImage


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 1
    fields = ["image", "alt", "sort_order"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "price", "stock", "is_active", "is_featured", "sort_order"]
    list_editable = ["price", "stock", "is_active"]
    list_filter = ["is_active", "is_featured", "is_physical"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProductImageInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        ("Selling", {"fields": ["price", "stock", "is_active", "is_physical"]}),
        ("Showing", {"fields": ["is_featured", "sort_order"]}),
    ]


class CartLineInline(admin.TabularInline):
    model = CartLine
    extra = 0
    fields = ["product_name", "product", "quantity", "unit_price_seen", "added_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Cart)
class CartAdmin(admin.ModelAdmin):
    """Carts are the visitors' own: staff may look, for support, but not change them."""

    list_display = ["id", "status", "donation_amount", "created_at", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["id", "status", "donation_amount", "created_at", "updated_at"]
    inlines = [CartLineInline]
    date_hierarchy = "updated_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


from shop import admin_orders  # noqa: E402,F401  (the order admin lives in its own module)
