"""What the order desk prints for staff: a spreadsheet of order lines and a packing list.

Both read the chosen orders and all their lines in two queries, however many orders there are,
and neither changes anything. Times are the site's (settings.TIME_ZONE), where staff work.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from shop.models import Order

SPREADSHEET_COLUMNS = [
    "order",
    "placed",
    "paid",
    "status",
    "name",
    "email",
    "address",
    "address line 2",
    "city",
    "postcode",
    "country",
    "product",
    "variant",
    "SKU",
    "quantity",
    "unit price",
    "line total",
    "gift",
    "order total",
    "currency",
    "note",
]
# Sortable as text and read by every spreadsheet as a date and time; no seconds, no zone.
SPREADSHEET_TIME = "%Y-%m-%d %H:%M"
# A cell starting with one of these runs as a formula (tab and CR too, once a spreadsheet trims
# them); an apostrophe in front makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _with_lines(orders):
    # prefetch_related(None) first: the caller's queryset may prefetch lines its own way.
    return orders.prefetch_related(None).prefetch_related("lines").order_by("created_at", "pk")


def local_time(moment, pattern=SPREADSHEET_TIME):
    if moment is None:
        return ""
    return timezone.localtime(moment, timezone.get_default_timezone()).strftime(pattern)


def spreadsheet_rows(orders):
    """The header, then one row per order line (one for an order without lines, a gift only).

    The gift and the order's total are on the order's first row only, so that adding up a
    column gives the real amount.
    """
    yield SPREADSHEET_COLUMNS
    for order in _with_lines(orders):
        for position, line in enumerate(order.lines.all() or [None]):
            first = position == 0
            row = [
                order.number,
                local_time(order.created_at),
                local_time(order.paid_at),
                order.get_status_display(),
                order.name,
                order.email,
                order.address_line1,
                order.address_line2,
                order.city,
                order.postcode,
                order.country,
                *(_line_cells(line) if line else [""] * 6),
                order.donation_amount if first else "",
                order.total if first else "",
                order.currency,
                order.note,
            ]
            yield [spreadsheet_safe(cell) for cell in row]


def _line_cells(line):
    return [
        line.product_name,
        line.variant_name,
        line.sku,
        line.quantity,
        line.unit_price,
        line.line_total,
    ]


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


# --- The packing list ----------------------------------------------------------------------------


@dataclass
class ToPack:
    """One thing to take off the shelf: a product in one variant, and how many in all."""

    product: str
    variant: str
    quantity: int = 0
    skus: set = field(default_factory=set)


@dataclass
class PackingList:
    to_pack: list  # ToPack, by product then variant
    parcels: list  # Order (lines prefetched): one parcel each
    not_posted: list  # (Order, why): why is "cancelled", "gift_only" or "no_address"


def packing_list(orders):
    """What to pack for `orders`: everything to take off the shelf, then each order's parcel.

    A cancelled order, an order of a gift only and one without a posting address make no
    parcel: they are listed apart, with the reason, so nobody looks for them in the pile.
    """
    to_pack, parcels, not_posted = {}, [], []
    for order in _with_lines(orders):
        lines = order.lines.all()
        if order.status == Order.Status.CANCELLED:
            not_posted.append((order, "cancelled"))
        elif not lines:
            not_posted.append((order, "gift_only"))
        elif not order.needs_shipping:
            not_posted.append((order, "no_address"))
        else:
            parcels.append(order)
            for line in lines:
                item = to_pack.setdefault(
                    (line.product_name, line.variant_name),
                    ToPack(line.product_name, line.variant_name),
                )
                item.quantity += line.quantity
                if line.sku:
                    item.skus.add(line.sku)
    shelf_order = sorted(
        to_pack.values(), key=lambda i: (i.product.casefold(), i.variant.casefold())
    )
    return PackingList(shelf_order, parcels, not_posted)
