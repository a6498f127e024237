"""Both languages side by side in the admin: modeltranslation's admin classes (a `title_en` and
a `title_th` field for each translated `title`), shown one language at a time under tabs drawn by
our own script (static/js/admin-language-tabs.js).

Not modeltranslation's Tabbed* classes: they load jQuery UI from a third-party CDN, which the
Content-Security-Policy refuses and the site never does. Each language's field is made from the
model's own field (modeltranslation copies its widget), so a rich-text body gets the same editor
and the same sanitising (`RichTextField`) in every language.
"""

from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

LANGUAGE_TABS_MEDIA = {
    "js": ("js/admin-language-tabs.js",),
    "css": {"all": ("css/fonts.css", "css/admin-language-tabs.css")},
}


class TranslatedAdmin(TranslationAdmin):
    class Media:
        js = LANGUAGE_TABS_MEDIA["js"]
        css = LANGUAGE_TABS_MEDIA["css"]


class TranslatedStackedInline(TranslationStackedInline):
    class Media:
        js = LANGUAGE_TABS_MEDIA["js"]
        css = LANGUAGE_TABS_MEDIA["css"]


class TranslatedTabularInline(TranslationTabularInline):
    class Media:
        js = LANGUAGE_TABS_MEDIA["js"]
        css = LANGUAGE_TABS_MEDIA["css"]
