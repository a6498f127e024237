"""The catalogue in the admin: a product with its options, its variants (stock in one table) and
its photos. Option values are typed as one line ("S, M, L, XL"); shop/variants.py applies them.
"""

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from freedomstory.core.admin_languages import TranslatedAdmin, TranslatedTabularInline
from shop import variants
from shop.models import OptionValue, Product, ProductImage, ProductOption, Variant
from shop.models.catalogue import prefetch_offered


class ProductImageInline(TranslatedTabularInline):
    model = ProductImage
    extra = 1
    fields = ["image", "alt", "sort_order"]


class ProductOptionForm(forms.ModelForm):
    values = forms.CharField(
        label=_("choices"),
        help_text=_("Separated by commas, in the order donors see them: S, M, L, XL."),
        widget=forms.TextInput(attrs={"size": 24}),
    )

    values_th = forms.CharField(
        label=_("choices in Thai"),
        required=False,
        help_text=_(
            "The same choices in Thai, in the same order: เล็ก, กลาง, ใหญ่. Empty: Thai pages "
            "show the English ones."
        ),
        widget=forms.TextInput(attrs={"size": 24, "lang": "th"}),
    )

    class Meta:
        model = ProductOption
        fields = ["name", "position", "values", "values_th"]
        help_texts = {
            "position": _(
                "First or second in a variant's name (“M, Black”: Size first). Fixed once "
                "saved: to change it, delete the option and add it again."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            values = list(self.instance.values.all())
            self.initial["values"] = ", ".join(value.name_en for value in values)
            if all(value.name_th for value in values):
                self.initial["values_th"] = ", ".join(value.name_th for value in values)
            # Its variants hold its choices in this place: moving it would mix their meaning
            # (and swapping two options broke the one-option-per-place rule mid-save).
            self.fields["position"].disabled = True

    def clean_values(self):
        names = variants.parse_values(self.cleaned_data["values"])
        if not names:
            raise forms.ValidationError(_("Give at least one choice."))
        longest = OptionValue._meta.get_field("name").max_length
        too_long = [name for name in names if len(name) > longest]
        if too_long:
            raise forms.ValidationError(
                _("“%(name)s” is too long: a choice has at most %(longest)s characters.")
                % {"name": too_long[0], "longest": longest}
            )
        if self.instance.pk:
            in_use = variants.values_in_use(self.instance, names)
            if in_use:
                listed = ", ".join(f"“{value.name}”" for value in in_use)
                raise forms.ValidationError(
                    _(
                        "%(listed)s still names a variant below: delete that variant first, or "
                        "keep the choice and take the variant off sale."
                    )
                    % {"listed": listed}
                )
        return names

    def clean(self):
        cleaned = super().clean()
        names, thai = cleaned.get("values"), variants.parse_values(cleaned.get("values_th") or "")
        if names and thai and len(thai) != len(names):
            self.add_error(
                "values_th", _("Give one Thai choice for each choice above, in the same order.")
            )
        longest = OptionValue._meta.get_field("name").max_length
        if any(len(name) > longest for name in thai):
            self.add_error(
                "values_th",
                _("A choice has at most %(longest)s characters.") % {"longest": longest},
            )
        cleaned["values_th"] = thai
        return cleaned

    def save(self, commit=True):
        option = super().save(commit=commit)
        if commit:
            variants.set_values(option, self.cleaned_data["values"], self.cleaned_data["values_th"])
        return option


class ProductOptionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data.get("position")
            for form in self.forms
            if getattr(form, "cleaned_data", None) and form not in self.deleted_forms
        ]
        if kept == [2]:
            # Variants name their first choice first: a lone second option has no first.
            raise forms.ValidationError(_("A single option is the first: set its place to First."))


class ProductOptionInline(TranslatedTabularInline):
    model = ProductOption
    form = ProductOptionForm  # deleting an option that still names variants: the admin refuses
    formset = ProductOptionFormSet
    extra = 0
    max_num = ProductOption.MAX_PER_PRODUCT
    verbose_name = _("option")
    verbose_name_plural = _("Options (e.g. Size, Colour: at most two)")


class VariantForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page carries the stock it showed, so "changed" means changed by staff, not sold
        # by checkout since (VariantFormSet.save_existing writes only what staff changed).
        self.fields["stock"].show_hidden_initial = True


def _choices_named(data):
    return sum(data.get(field) is not None for field in ("value1", "value2"))


class VariantFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        combinations, skus, on_sale = set(), set(), []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form in self.deleted_forms:
                continue
            data = form.cleaned_data
            if not data:
                continue
            if data.get("is_active"):
                on_sale.append(_choices_named(data))
            key = (data.get("value1"), data.get("value2"))
            if key in combinations:
                raise forms.ValidationError(_("Two variants have the same choices."))
            combinations.add(key)
            sku = data.get("sku")
            if sku and sku in skus:
                raise forms.ValidationError(
                    _("Two variants have the SKU “%(sku)s”.") % {"sku": sku}
                )
            skus.add(sku)
        if len(set(on_sale)) > 1:
            # Donors choose a value of every option the others name; one naming fewer (the
            # plain variant beside sizes) would sell the product in no size at all.
            raise forms.ValidationError(
                _(
                    "The variants on sale must all name every option: take those with fewer "
                    "choices off sale."
                )
            )

    def save_existing(self, form, obj, commit=True):
        if not commit:
            return super().save_existing(form, obj, commit=False)
        # Only the cells staff changed: writing the row back whole would put items checkout
        # sold since the page was shown back on sale, to be sold twice.
        fields = [name for name in form.changed_data if name in VariantInline.fields]
        obj.save(update_fields=fields)
        return obj


class VariantInline(admin.TabularInline):
    model = Variant
    form = VariantForm
    formset = VariantFormSet
    fields = ["value1", "value2", "sku", "price", "stock", "is_active"]
    extra = 0
    verbose_name_plural = _("Variants: what donors buy, each with its own stock")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only this product's choices, each under its option's place.
        for field_name, position in (("value1", 1), ("value2", 2)):
            field = formset.form.base_fields[field_name]
            field.queryset = OptionValue.objects.filter(
                option__product=obj, option__position=position
            ).select_related("option")
            field.label_from_instance = lambda value: f"{value.option.name}: {value.name}"
            field.label = f"option {position}"
            # Read once for the whole table: left to itself, every row's list reads them again.
            field.choices = [("", field.empty_label)] + [
                (value.pk, field.label_from_instance(value)) for value in field.queryset
            ]
        return formset

    def get_queryset(self, request):
        # The product too: each row is titled with its variant's full name.
        return (
            super()
            .get_queryset(request)
            .select_related("product", "value1", "value2")
            .defer("product__description")
        )


class ProductForm(forms.ModelForm):
    stock = forms.IntegerField(
        required=False,
        min_value=0,
        # The variant's own bounds (the database's integer range): no larger number is stored.
        validators=Variant._meta.get_field("stock").validators,
        help_text=_(
            "How many are left to sell. Leave empty for no limit (e.g. a digital item). Once "
            "saved, stock is set per variant below."
        ),
    )
    create_combinations = forms.BooleanField(
        label=_("Add every combination as a variant"),
        required=False,
        help_text=_(
            "On saving: one variant for each combination of the options' choices that has none yet."
        ),
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "slug",
            "description",
            "price",
            "is_active",
            "is_physical",
            "is_featured",
            "sort_order",
        ]


@admin.register(Product)
class ProductAdmin(TranslatedAdmin):
    form = ProductForm
    list_display = [
        "name",
        "price",
        "stock_display",
        "low_stock_display",
        "is_active",
        "is_featured",
        "sort_order",
    ]
    list_editable = ["price", "is_active"]
    list_filter = ["is_active", "is_featured", "is_physical"]
    search_fields = ["name", "description", "variants__sku", "name_th"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["create_combinations"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(prefetch_offered())

    def get_fieldsets(self, request, obj=None):
        selling = ["price", "is_active", "is_physical"]
        if obj is None:
            selling.insert(1, "stock")  # a new product's one variant, before there is a table
        fieldsets = [
            (None, {"fields": self.replace_orig_field(["name", "slug", "description"])}),
            (_("Selling"), {"fields": selling}),
            (_("Showing"), {"fields": ["is_featured", "sort_order"]}),
        ]
        if obj is not None:
            fieldsets.append((_("Options"), {"fields": ["create_combinations"]}))
        return fieldsets

    def get_inlines(self, request, obj):
        # A new product gets its one variant when saved; options and variants come after.
        if obj is None:
            return [ProductImageInline]
        return [ProductOptionInline, VariantInline, ProductImageInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.variants.update(stock=form.cleaned_data.get("stock"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and form.cleaned_data.get("create_combinations"):
            self._report_combinations(request, [form.instance])

    @admin.display(description=_("stock"))
    def stock_display(self, product):
        offered = product.offered_variants
        if not offered:
            return "–"
        if any(variant.stock is None for variant in offered):
            return "no limit"
        return sum(variant.stock for variant in offered)

    @admin.display(description=_("low stock"))
    def low_stock_display(self, product):
        low = variants.low_stock(product)
        if not low:
            return "–"
        return ", ".join(
            f"{variant.name}: {variant.stock}" if variant.name else f"{variant.stock} left"
            for variant in low
        )

    @admin.action(description=_("Add every combination of their options"), permissions=["change"])
    def create_combinations(self, request, queryset):
        self._report_combinations(request, queryset)

    def _report_combinations(self, request, products):
        for product in products:
            added = variants.create_all_combinations(product)
            if not product.options.exists():
                self.message_user(
                    request,
                    _("“%(product)s” has no options to combine.") % {"product": product},
                    messages.WARNING,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "“%(product)s”: %(added)s variant(s) added; set their stock in its table "
                        "of variants."
                    )
                    % {"product": product, "added": added},
                    messages.SUCCESS,
                )
