"""Site pages: About, Contact, the privacy notice, and (later) the pages imported from WordPress.

A page lives at /<slug>/, or under its parent at /<parent>/<child>/. Its full address is kept in
`path` (derived on save, never typed), so a visit is one indexed lookup and two pages can never
share an address, even if two editors save at the same moment (a unique column).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Concat
from django.db.models.lookups import StartsWith
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from freedomstory.core.languages import in_every_language
from freedomstory.core.richtext import RichTextField, plain_text
from freedomstory.pages.addresses import taken_by_the_site

PATH_MAX_LENGTH = 500


class PageQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what the public sees: a published page none of whose ancestors is
        unpublished (withdrawing /about/ withdraws /about/team/ too)."""
        unpublished_ancestor = Page.objects.filter(published=False).filter(
            StartsWith(OuterRef("path"), Concat(F("path"), Value("/")))
        )
        return self.filter(published=True).exclude(Exists(unpublished_ancestor))

    def in_menus(self):
        """Published pages placed in the header or the footer, in their menu order."""
        return (
            self.published()
            .exclude(menu=Page.Menu.NONE)
            .only("title", "path", "menu", "menu_label", "menu_order")
            .order_by("menu", "menu_order", in_every_language("title"))
        )


class Page(models.Model):
    class Menu(models.TextChoices):
        NONE = "", _("Not in a menu")
        HEADER = "header", _("Header")
        FOOTER = "footer", _("Footer")

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        help_text=_(
            "The end of the page's address: about gives /about/, and under a parent "
            "/about/team/. Filled in from the title. Letters, numbers, hyphens and underscores."
        ),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "Optional. The page this one belongs under, for addresses such as /about/team/. "
            "A page with pages under it cannot be deleted until they are moved or deleted."
        ),
    )
    # The full address without its slashes ("about/team"); made from the parent's and the slug
    # on every save, and kept in step for the pages beneath when a page moves.
    path = models.CharField(max_length=PATH_MAX_LENGTH, unique=True, editable=False)
    body = RichTextField(blank=True)
    published = models.BooleanField(
        _("shown on the site"),
        default=False,
        help_text=_(
            "Unpublished pages are not shown to the public (staff can preview them), and "
            "neither are the pages under them."
        ),
    )
    menu = models.CharField(
        max_length=10,
        choices=Menu.choices,
        default=Menu.NONE,
        blank=True,
        help_text=_("Where a link to this page appears on every page, once it is published."),
    )
    menu_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Links in a menu go from the lowest number to the highest.")
    )
    menu_label = models.CharField(
        max_length=40,
        blank=True,
        help_text=_(
            "A short name for the menu, e.g. About for “About the Freedom Story”. "
            "Left empty, the title is used."
        ),
    )
    seo_description = models.CharField(
        _("search engine description"),
        max_length=160,
        blank=True,
        help_text=_(
            "Up to 160 characters for search engines and link previews. Left empty, the "
            "first words of the page are used."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self.path_from_parent()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "path"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # The pages beneath take the new address too, each saved (so each retires the
                # cached pages and carries its own children along).
                for child in self.children.all():
                    child.save(update_fields=["path", "updated_at"])

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"path": self.path})

    # --- the address ---------------------------------------------------------------------------

    def path_from_parent(self):
        """The address this page takes with its current slug and parent."""
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    @property
    def fixed_address(self):
        """Pages the site links to by address (settings): they may not move or go away.

        `path` is the stored address until save() makes the new one (forms never set it)."""
        return bool(self.pk) and self.path in (
            settings.CONTACT_PAGE_SLUG,
            settings.PRIVACY_PAGE_SLUG,
        )

    @property
    def is_contact_page(self):
        return self.path == settings.CONTACT_PAGE_SLUG

    @property
    def is_privacy_notice(self):
        return self.path == settings.PRIVACY_PAGE_SLUG

    def clean(self):
        super().clean()
        if not self.slug:
            return  # the field's own "required" says it
        self._refuse_a_loop()
        path = self.path_from_parent()
        if self.fixed_address and path != self.path:
            raise ValidationError(
                _(
                    "This page's address, /%(path)s/, is fixed: the site links to it. "
                    "Keep its slug and leave it without a parent."
                )
                % {"path": self.path}
            )
        if self.fixed_address and not self.published and self._published_when_stored():
            raise ValidationError(
                {
                    "published": _(
                        "/%(path)s/ must stay on the site: the site links to it. "
                        "Edit its text instead."
                    )
                    % {"path": self.path}
                }
            )
        if len(path) > PATH_MAX_LENGTH:
            raise ValidationError({"slug": _("This address is too long: use a shorter slug.")})
        taken = taken_by_the_site(path)
        if taken:
            raise ValidationError(
                {
                    "slug": _(
                        "The site already uses the addresses that start with %(taken)s, so "
                        "this page cannot be at /%(path)s/. Choose another slug."
                    )
                    % {"taken": taken, "path": path}
                }
            )
        if Page.objects.filter(path=path).exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "slug": _(
                        "Another page already has the address /%(path)s/. Choose another slug."
                    )
                    % {"path": path}
                }
            )

    def _published_when_stored(self):
        # Only taking the page off is refused: a Contact page still being written may be saved.
        return Page.objects.filter(pk=self.pk, published=True).exists()

    def _refuse_a_loop(self):
        # Walk up from the chosen parent: meeting this page means it would sit under itself.
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A page cannot sit under itself or under a page beneath it.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    # --- what pages show -----------------------------------------------------------------------

    @property
    def menu_name(self):
        return self.menu_label or self.title

    @property
    def description(self):
        return self.seo_description or Truncator(plain_text(self.body)).chars(160)
