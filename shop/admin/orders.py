import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone

from shop import order_states
from shop.models import Order, OrderLine
from shop.money import format_money


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ["product_name", "unit_price", "quantity", "line_total"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "merchandise line"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="total")
    def line_total(self, line):
        return format_money(line.line_total)


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "created_at",
        "name",
        "email",
        "total_display",
        "donation_display",
        "status",
        "payment_backend",
    ]
    list_filter = ["status", "created_at", "payment_backend"]
    search_fields = ["number", "name", "email"]
    date_hierarchy = "created_at"
    inlines = [OrderLineInline]
    actions = ["mark_paid", "mark_fulfilled", "cancel", "export_csv"]
    readonly_fields = [
        "number",
        "status",
        "payment_backend",
        "payment_reference",
        "name",
        "email",
        "address_line1",
        "address_line2",
        "city",
        "postcode",
        "country",
        "note",
        "merchandise_total",
        "donation_amount",
        "total",
        "currency",
        "created_at",
        "paid_at",
        "fulfilled_at",
        "cancelled_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "status",
                    "created_at",
                    "paid_at",
                    "fulfilled_at",
                    "cancelled_at",
                ]
            },
        ),
        ("Donor", {"fields": ["name", "email", "note"]}),
        (
            "Posting address",
            {"fields": ["address_line1", "address_line2", "city", "postcode", "country"]},
        ),
        (
            "Money",
            {
                "fields": [
                    "merchandise_total",
                    "donation_amount",
                    "total",
                    "currency",
                    "payment_backend",
                    "payment_reference",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False  # orders come from checkout only

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the record stays, and the stock comes back

    @admin.display(description="total", ordering="total")
    def total_display(self, order):
        return format_money(order.total)

    @admin.display(description="gift", ordering="donation_amount")  # staff read "gift" too
    def donation_display(self, order):
        return format_money(order.donation_amount) if order.donation_amount else "–"

    def _apply(self, request, queryset, transition, done):
        changed = sum(order_states.transition(order, transition) for order in queryset)
        skipped = queryset.count() - changed
        self.message_user(request, f"{changed} order(s) {done}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} order(s) left as they were: their status does not allow it.",
                messages.WARNING,
            )

    @admin.action(description="Mark paid", permissions=["change"])
    def mark_paid(self, request, queryset):
        self._apply(request, queryset, "mark_paid", "marked paid")

    @admin.action(description="Mark fulfilled (sent)", permissions=["change"])
    def mark_fulfilled(self, request, queryset):
        self._apply(request, queryset, "fulfil", "marked fulfilled")

    @admin.action(description="Cancel (gives the stock back)", permissions=["change"])
    def cancel(self, request, queryset):
        self._apply(request, queryset, "cancel", "cancelled and their stock given back")

    @admin.action(description="Export to CSV")
    def export_csv(self, request, queryset):
        columns = [
            "number",
            "created_at",
            "status",
            "name",
            "email",
            "merchandise_total",
            "donation_amount",
            "total",
            "currency",
            "payment_backend",
            "city",
            "country",
        ]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(columns)
        # One query for all rows, values only: no model instances, no query per order.
        for row in queryset.order_by("created_at").values_list(*columns):
            writer.writerow([_spreadsheet_safe(value) for value in row])
        return response


def _spreadsheet_safe(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
