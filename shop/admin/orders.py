"""The order desk: the staff's list of orders, each order's page, and what they print.

An order is a record of what was bought and paid: staff change it only through its steps (the
buttons, shop/admin/order_desk.py, or the bulk actions here), never by editing fields. The one
thing they write is the staff notes. The spreadsheet and the packing list come from
shop/order_reports.py.
"""

import csv

from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from freedomstory.core.dates import date_format
from shop import order_reports, order_states
from shop.admin.order_desk import OrderDeskMixin
from shop.models import Order
from shop.money import format_money
from shop.payments import get_backend

# Enough for two or three lines of a usual order; the whole list is in the cell's title.
ITEMS_SHOWN = 60


def payment_label(name):
    try:
        return get_backend(name).label
    except ValueError:  # a backend since removed: its orders stay readable
        return name


class PaymentFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment_backend"

    def lookups(self, request, model_admin):
        names = Order.objects.order_by().values_list("payment_backend", flat=True).distinct()
        return sorted((name, payment_label(name)) for name in names)

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(payment_backend=self.value())
        return queryset


@admin.register(Order)
class OrderAdmin(OrderDeskMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "placed",
        "donor",
        "items",
        "total_display",
        "donation_display",
        "status_display",
        "payment",
    ]
    list_filter = ["status", PaymentFilter, "created_at"]
    search_fields = ["number", "name", "email"]
    date_hierarchy = "created_at"
    actions = ["mark_paid", "mark_fulfilled", "cancel", "export_csv", "packing_list"]
    # Everything but the staff notes: an order is what the donor bought and paid, as it was.
    readonly_fields = [
        "number",
        "created_at",
        "paid_at",
        "fulfilled_at",
        "cancelled_at",
        "item_table",
        "name",
        "email",
        "note",
        "address_line1",
        "address_line2",
        "city",
        "postcode",
        "country",
        "items_total",
        "gift",
        "total_display",
        "payment",
        "payment_reference",
    ]
    # The status is not among them: the steps above the form show it, beside its buttons.
    fieldsets = [
        (None, {"fields": ["number", "created_at", "paid_at", "fulfilled_at", "cancelled_at"]}),
        ("Items", {"fields": ["item_table"]}),
        ("Donor", {"fields": ["name", "email", "note"]}),
        (
            "Posting address",
            {"fields": ["address_line1", "address_line2", "city", "postcode", "country"]},
        ),
        (
            "Money",
            {"fields": ["items_total", "gift", "total_display", "payment", "payment_reference"]},
        ),
        ("Staff notes", {"fields": ["staff_notes"]}),
    ]

    class Media:
        css = {"all": ["css/admin-orders.css"]}

    def get_queryset(self, request):
        # The list's items column and the order page's table read the lines: one query for all.
        return super().get_queryset(request).prefetch_related("lines")

    def has_add_permission(self, request):
        return False  # orders come from checkout only

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the record stays, and the stock comes back

    # --- The list ---------------------------------------------------------------------------

    @admin.display(description=_("placed"), ordering="created_at")
    def placed(self, order):
        site_time = timezone.localtime(order.created_at, timezone.get_default_timezone())
        return date_format(site_time, "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("donor"), ordering="name")
    def donor(self, order):
        return format_html('{}<br><small class="order-email">{}</small>', order.name, order.email)

    @admin.display(description=_("items"))
    def items(self, order):
        everything = ", ".join(str(line) for line in order.lines.all())
        if not everything:
            return "–"
        return format_html(
            '<span title="{}">{}</span>', everything, Truncator(everything).chars(ITEMS_SHOWN)
        )

    @admin.display(description=_("total"), ordering="total")
    def total_display(self, order):
        return format_money(order.total)

    @admin.display(description=_("gift"), ordering="donation_amount")  # staff read "gift" too
    def donation_display(self, order):
        return format_money(order.donation_amount) if order.donation_amount else "–"

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, order):
        return format_html(
            '<span class="order-status order-status--{}">{}</span>',
            order.status,
            order.get_status_display(),
        )

    @admin.display(description=_("payment"), ordering="payment_backend")
    def payment(self, order):
        return payment_label(order.payment_backend)

    # --- The order's page -------------------------------------------------------------------

    @admin.display(description=_("items total"))
    def items_total(self, order):
        return format_money(order.merchandise_total)

    @admin.display(description=_("gift"))
    def gift(self, order):
        return format_money(order.donation_amount)

    @admin.display(description=_("items"))
    def item_table(self, order):
        lines = order.lines.all()
        if not lines:
            return "None: a gift only."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    line.product_name,
                    line.variant_name or "–",
                    line.sku or "–",
                    line.quantity,
                    format_money(line.unit_price),
                    format_money(line.line_total),
                )
                for line in lines
            ),
        )
        return format_html(
            '<table class="order-items"><thead><tr><th scope="col">Product</th>'
            '<th scope="col">Variant</th><th scope="col">SKU</th><th scope="col">Quantity</th>'
            '<th scope="col">Price</th><th scope="col">Total</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            rows,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context |= {
                "order_steps": self.order_steps(request, obj),
                "order_history": obj.history.all(),
                # One button, named for what it does: the notes are all there is to save.
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # Only the notes: the order's status may have changed since this page was loaded (a
        # payment from Stripe), and a full save would write the old one back.
        obj.save(update_fields=["staff_notes"])

    def response_change(self, request, obj):
        self.message_user(
            request,
            _("Staff notes for order %(number)s saved.") % {"number": obj.number},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    # --- Bulk actions -----------------------------------------------------------------------

    def _apply(self, request, queryset, transition, done):
        changed = sum(
            order_states.transition(order, transition, by=request.user) for order in queryset
        )
        skipped = queryset.count() - changed
        self.message_user(
            request,
            _("%(count)s order(s) %(done)s.") % {"count": changed, "done": done},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                _("%(count)s order(s) left as they were: their status does not allow it.")
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Mark paid"), permissions=["change"])
    def mark_paid(self, request, queryset):
        self._apply(request, queryset, "mark_paid", _("marked paid"))

    @admin.action(description=_("Mark fulfilled (sent)"), permissions=["change"])
    def mark_fulfilled(self, request, queryset):
        self._apply(request, queryset, "fulfil", _("marked fulfilled"))

    @admin.action(description=_("Cancel… (gives the stock back)"), permissions=["change"])
    def cancel(self, request, queryset):
        # No way back, and every donor is e-mailed: the list asks first, as the order page does.
        if request.POST.get("confirmed") != "yes":
            question = self.cancel_question(request, queryset)
            if question is not None:
                return question
        self._apply(request, queryset, "cancel", _("cancelled and their stock given back"))

    @admin.action(description=_("Export to CSV (a row per item)"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.csv"'
        csv.writer(response).writerows(order_reports.spreadsheet_rows(queryset))
        return response

    @admin.action(description=_("Print packing list"), permissions=["view"])
    def packing_list(self, request, queryset):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Packing list"),
            "opts": self.opts,
            "packing": order_reports.packing_list(queryset),
            "printed_at": timezone.localtime(),
        }
        return TemplateResponse(request, "admin/shop/order/packing_list.html", context)
