from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from freedomstory.core.admin_languages import TranslatedAdmin
from shop.models import GiftImpact, MonthlyGift, MonthlyGiftPayment
from shop.money import format_money, quantize


class GiftImpactForm(forms.ModelForm):
    class Meta:
        model = GiftImpact
        fields = ["amount", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the amounts the Donate page suggests: a line for another amount would show nowhere.
        offered = [quantize(amount) for amount in settings.DONATION_PRESETS]
        self.fields["amount"] = forms.TypedChoiceField(
            label=_("Amount"),
            choices=[(str(amount), format_money(amount)) for amount in offered],
            coerce=quantize,
            help_text=_("The suggested amounts are set in DONATION_PRESETS."),
        )


@admin.register(GiftImpact)
class GiftImpactAdmin(TranslatedAdmin):
    """What each suggested amount pays for, as the Donate page says it."""

    form = GiftImpactForm
    list_display = ["amount_display", "text"]
    list_display_links = ["amount_display"]

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, impact):
        return format_money(impact.amount)


class MonthlyGiftPaymentInline(admin.TabularInline):
    model = MonthlyGiftPayment
    extra = 0
    fields = ["paid_at", "amount", "invoice_id"]
    readonly_fields = fields
    can_delete = False
    verbose_name = _("payment received")
    verbose_name_plural = _("payments received")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MonthlyGift)
class MonthlyGiftAdmin(admin.ModelAdmin):
    """Monthly donors, to look at: Stripe's events keep them up to date, and donors change or
    cancel their gift themselves through Stripe's customer portal."""

    list_display = [
        "email",
        "name",
        "amount_display",
        "status",
        "started_at",
        "last_paid_at",
        "cancelled_at",
    ]
    list_filter = ["status", "started_at"]
    search_fields = ["email", "name", "stripe_subscription_id", "stripe_customer_id"]
    date_hierarchy = "created_at"
    inlines = [MonthlyGiftPaymentInline]
    fields = [
        "status",
        "amount",
        "currency",
        "name",
        "email",
        "created_at",
        "started_at",
        "last_paid_at",
        "cancelled_at",
        "stripe_subscription_id",
        "stripe_customer_id",
        "checkout_session_id",
    ]
    readonly_fields = fields

    @admin.display(description=_("a month"), ordering="amount")
    def amount_display(self, gift):
        return format_money(gift.amount)

    def has_add_permission(self, request):
        return False  # monthly gifts begin on the Donate page only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what was given stays
