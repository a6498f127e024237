from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from freedomstory.core.admin_languages import TranslatedAdmin, TranslatedStackedInline
from freedomstory.core.pagecache import invalidate_public_pages
from news.models import Category, Post, Quote
from news.structure import quote_places


class QuoteForm(forms.ModelForm):
    """A pull quote, placed by choosing the block of the post it follows.

    `places` are (position, label) pairs from the post's saved text, set per post by the admin;
    without them (a new post, an empty text) the position stays a number.
    """

    places = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.places:
            self.fields["position"].help_text = _(
                "Save the post first to choose from its paragraphs, headings and lists. Until "
                "then: 1 = after the first block of the text (a paragraph, heading or list), and "
                "a number past the last block puts the quote at the end."
            )
            return
        choices = list(self.places)
        stored = self.instance.position if self.instance.pk else None
        # A place that no longer exists (the text got shorter) stays choosable, or saving the
        # post would fail on a quote nobody touched.
        if stored is not None and stored not in dict(choices):
            choices.append((stored, _("At the end") if stored > len(choices) else choices[0][1]))
        self.fields["position"] = forms.TypedChoiceField(
            label=_("Place after"),
            choices=choices,
            coerce=int,
            initial=self.fields["position"].initial,
            help_text=_(
                "The quote appears after this part of the post's text, as last saved. "
                "Changed the text? Save, then place the quote."
            ),
        )


def saved_places(post):
    # From the database, not `post`: on a POST the admin has already copied the new text onto
    # it, and the choices must be the ones the editor was shown.
    if post is None or post.pk is None:
        return ()
    body = Post.objects.filter(pk=post.pk).values_list("body", flat=True).first()
    return quote_places(body)


class QuoteInline(TranslatedStackedInline):
    model = Quote
    form = QuoteForm
    extra = 0
    fields = [("speaker_name", "speaker_role"), "text", "position", ("is_featured", "is_public")]
    formfield_overrides = {
        models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 3})}
    }
    verbose_name = _("pull quote")
    verbose_name_plural = _("pull quotes in this post")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.places = saved_places(obj)  # the class is made afresh for each request
        return formset


@admin.register(Post)
class PostAdmin(TranslatedAdmin):
    list_display = ["title", "status", "published_at", "on_the_site", "author", "category_list"]
    list_filter = ["status", "categories", "author"]
    search_fields = ["title", "excerpt", "body", "title_th"]  # the English (the admin's) and Thai
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["categories"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [QuoteInline]
    actions = ["publish_now", "return_to_draft"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "author", "categories"]}),
        (
            _("Lists, feeds and search engines"),
            {"fields": ["excerpt", "seo_description"], "classes": ["collapse"]},
        ),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author").prefetch_related("categories")

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(boolean=True, description=_("on the site"))
    def on_the_site(self, post):
        return post.is_public

    @admin.display(description=_("categories"))
    def category_list(self, post):
        return ", ".join(category.name for category in post.categories.all())

    @admin.action(description=_("Publish now"))
    def publish_now(self, request, queryset):
        now = timezone.now()
        # Posts already on the site keep their date; drafts and scheduled ones appear now.
        already_public = queryset.published()
        count = queryset.exclude(pk__in=already_public).update(
            status=Post.Status.PUBLISHED, published_at=now, updated_at=now
        )
        invalidate_public_pages()
        self.message_user(
            request,
            ngettext("%(count)d post published now.", "%(count)d posts published now.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Return to draft"))
    def return_to_draft(self, request, queryset):
        count = queryset.exclude(status=Post.Status.DRAFT).update(
            status=Post.Status.DRAFT, updated_at=timezone.now()
        )
        invalidate_public_pages()
        self.message_user(
            request,
            ngettext(
                "%(count)d post returned to draft: no longer on the site.",
                "%(count)d posts returned to draft: no longer on the site.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Quote)
class QuoteAdmin(TranslatedAdmin):
    list_display = [
        "short_text",
        "speaker_name",
        "speaker_role",
        "post",
        "is_featured",
        "is_public",
    ]
    list_filter = ["is_featured", "is_public"]
    list_editable = ["is_featured", "is_public"]
    search_fields = ["text", "speaker_name", "speaker_role", "text_th"]
    raw_id_fields = ["post"]
    list_select_related = ["post"]
    form = QuoteForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.places = saved_places(obj.post) if obj and obj.post_id else ()
        return form

    @admin.display(description=_("quote"))
    def short_text(self, quote):
        return format_html("“{}”", quote.text[:90] + ("…" if len(quote.text) > 90 else ""))


@admin.register(Category)
class CategoryAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "name_th"]
