from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from freedomstory.core.admin_languages import TranslatedAdmin
from freedomstory.pages.models import Page


@admin.register(Page)
class PageAdmin(TranslatedAdmin):
    list_display = ["title", "address", "published", "menu", "menu_order", "updated_at"]
    list_filter = ["published", "menu"]
    search_fields = ["title", "slug", "body", "title_th"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "body"]}),
        (
            _("Publishing"),
            {
                "fields": ["published", "menu", "menu_order", "menu_label"],
                "description": _("A page appears in a menu once it is shown on the site."),
            },
        ),
        (_("Search engines"), {"fields": ["seo_description"], "classes": ["collapse"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent":
            # Titles may repeat; the address says which page is meant.
            field.label_from_instance = lambda page: f"{page.title} (/{page.path}/)"
        return field

    @admin.display(description=pgettext_lazy("web address", "address"), ordering="path")
    def address(self, page):
        url = page.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def has_delete_permission(self, request, obj=None):
        # The Contact page and the privacy notice are linked to by address: edit, never delete.
        if obj is not None and obj.fixed_address:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # "Delete selected pages" with one of them: refused, naming the page and why (rather than
        # as a permission the account lacks, which is how has_delete_permission shows it).
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        fixed = [
            _("%(page)s (/%(path)s/: the site links to it)") % {"page": page, "path": page.path}
            for page in objs
            if page.fixed_address
        ]
        if fixed and super().has_delete_permission(request):
            perms_needed = perms_needed - {str(Page._meta.verbose_name)}
        return deleted, counts, perms_needed, [*protected, *fixed]
