from django.contrib import admin

from shop.models import Cart, CartLine


class CartLineInline(admin.TabularInline):
    model = CartLine
    extra = 0
    fields = ["name", "variant", "quantity", "unit_price_seen", "added_at"]
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
