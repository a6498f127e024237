from django.contrib import admin

from shop.models import Product, ProductImage


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
