"""The order page's buttons: the next steps an order's status allows, one click each.

Each button posts to its own admin address and goes through shop.order_states.transition, the
one place that changes an order's status; TRANSITIONS decides which buttons an order offers.
Cancelling gives the stock back and cannot be undone, so it asks first (a GET shows the
question, only the POST cancels); the list's "Cancel…" action asks first too. Every address
needs the order change permission, GET too.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from shop import order_states


@dataclass(frozen=True)
class Step:
    label: str  # the button
    done: str  # "Order FS-10001 <done>."
    asks_first: bool = False


# The steps staff may take by hand, in the order the buttons show; "expire" is the expiry job's.
STEPS = {
    "mark_paid": Step(_("Mark paid"), _("marked paid; the donor is told by e-mail")),
    "fulfil": Step(_("Mark fulfilled"), _("marked fulfilled; the donor is told by e-mail")),
    "cancel": Step(
        _("Cancel order…"),
        _("cancelled: its items are back on sale and the donor is told by e-mail"),
        asks_first=True,
    ),
}


def allows(order, name):
    sources, _target, _stamp = order_states.TRANSITIONS[name]
    return order.status in sources


def step_url(order, name):
    return reverse("admin:shop_order_step", args=[order.pk, name])


class OrderDeskMixin:
    """For OrderAdmin: the step addresses, and the buttons on the order page."""

    def get_urls(self):
        step_view = self.admin_site.admin_view(self.step_view)
        steps = path("<path:object_id>/step/<str:name>/", step_view, name="shop_order_step")
        # Before the admin's own: its "<path:object_id>/" catch-all would take these addresses.
        return [steps, *super().get_urls()]

    def order_steps(self, request, order):
        """The buttons `order` offers to `request.user` now: [(name, Step, url)]."""
        if not self.has_change_permission(request, order):
            return []
        return [
            (name, step, step_url(order, name))
            for name, step in STEPS.items()
            if allows(order, name)
        ]

    def step_view(self, request, object_id, name):
        if not self.has_change_permission(request):
            raise PermissionDenied
        order = self.get_object(request, unquote(object_id))
        if order is None or name not in STEPS:
            raise Http404
        if not self.has_change_permission(request, order):
            raise PermissionDenied
        step = STEPS[name]
        order_page = reverse("admin:shop_order_change", args=[order.pk])
        if not allows(order, name):
            self._refused(request, order, step)
            return HttpResponseRedirect(order_page)
        if request.method == "GET" and step.asks_first:
            return self._confirmation(request, order, name)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # The status may have changed since the page was shown (Stripe, a colleague):
        # transition() checks again, atomically, and the message says what really happened.
        if order_states.transition(order, name, by=request.user):
            self.message_user(
                request,
                _("Order %(number)s %(done)s.") % {"number": order.number, "done": step.done},
                messages.SUCCESS,
            )
        else:
            self._refused(request, order, step)
        return HttpResponseRedirect(order_page)

    def _refused(self, request, order, step):
        self.message_user(
            request,
            _(
                "Order %(number)s is %(status)s, so “%(step)s” does not apply to it. Nothing was "
                "changed."
            )
            % {
                "number": order.number,
                "status": order.get_status_display().lower(),
                "step": step.label,
            },
            messages.ERROR,
        )

    def _confirmation(self, request, order, name):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel order %(number)s?") % {"number": order.number},
            "opts": self.opts,
            "order": order,
            "action_url": step_url(order, name),
            "is_paid": order.status == order.Status.PAID,
        }
        return TemplateResponse(request, "admin/shop/order/cancel_confirmation.html", context)

    def cancel_question(self, request, orders):
        """The list's "Cancel…" action asks first too; None when no order chosen can be."""
        orders = list(orders)
        cancellable = [order for order in orders if allows(order, "cancel")]
        if not cancellable:
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext(
                "Cancel %(count)s order?", "Cancel %(count)s orders?", len(cancellable)
            )
            % {"count": len(cancellable)},
            "opts": self.opts,
            "cancellable": cancellable,
            "left_alone": [order for order in orders if order not in cancellable],
            "selected": [order.pk for order in orders],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/shop/order/cancel_selected.html", context)
