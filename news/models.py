import math

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from freedomstory.core.image_files import follow_image_files
from freedomstory.core.images import CheckedImageField, Picture
from freedomstory.core.languages import language_codes
from freedomstory.core.people import display_name
from freedomstory.core.richtext import RichTextField, plain_text, sanitize_html

WORDS_PER_MINUTE = 200
EXCERPT_WORDS = 40


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(
        max_length=300, blank=True, help_text=_("One or two sentences shown on the category page.")
    )

    class Meta:
        # The English column: the same order on every language's page (in_every_language).
        ordering = ["name_en"]
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", args=[self.slug])


class PostQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what the public sees: published, and its publish time reached."""
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What list pages need, in a fixed number of queries whatever the number of posts."""
        return (
            self.select_related("author")
            .prefetch_related("categories")
            .defer("body", "search_vector", "search_text")
        )


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_(
            "The end of the post's address, e.g. /news/new-classrooms-open/. "
            "Filled in from the title."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        limit_choices_to={"is_staff": True},
        help_text=_("Shown as the byline."),
    )
    excerpt = models.TextField(
        max_length=500,
        blank=True,
        help_text=_(
            "Plain text for lists, feeds and search results. Left empty, the first words "
            "of the body are used."
        ),
    )
    body = RichTextField(blank=True)
    image = CheckedImageField(
        upload_to="news/%Y/%m/",
        blank=True,
        help_text=_(
            "A photo or illustration at the top of the post (JPEG, PNG, WebP; up to 10 MB). "
            "Location data and other camera details are removed on upload."
        ),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    categories = models.ManyToManyField(Category, blank=True, related_name="posts")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Drafts are never shown to the public. A published post appears once its "
            "publish time is reached."
        ),
    )
    published_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_(
            "A time in the future schedules the post: it appears on the site at that time, "
            "with nothing else to do."
        ),
    )
    seo_description = models.CharField(
        _("search engine description"),
        max_length=160,
        blank=True,
        help_text=_(
            "Up to 160 characters for search engines and link previews. Left empty, the "
            "excerpt is used."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title (A), excerpt (B) and body (C) as PostgreSQL's English full text, for news/search.py,
    # read from the English columns (title_en…). A trigger (PostgreSQL only; migration 0006, its
    # columns since 0009) fills it on every INSERT and on every UPDATE that sets a title,
    # excerpt, body or the vector itself, so save(), update(), bulk_create(), bulk_update(),
    # loaddata and raw SQL all keep it true; whatever Python puts here is overwritten. The same
    # migration adds its GIN index. Always NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # Every language's title, excerpt and body (tags removed) in one text, for the substring
    # matching of Thai queries (Thai has no spaces between words, so full text cannot find a
    # word inside a sentence). Filled by the same trigger (PostgreSQL only, migration 0009),
    # with a GIN trigram index on UPPER(search_text) that serves `icontains`. Always empty on
    # SQLite, which matches the columns themselves (news/search.py).
    search_text = models.TextField(default="", editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # Exactly the public list's filter and ORDER BY, so a page is read from the index in
            # order (no sort of every published post) on SQLite and PostgreSQL.
            models.Index(fields=["status", "-published_at", "-id"], name="post_published_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for language in language_codes():  # each language's excerpt from its own body
            excerpt = getattr(self, f"excerpt_{language}")
            excerpt = plain_text(excerpt) if excerpt else ""
            body = getattr(self, f"body_{language}")
            if not excerpt and body:
                # The field sanitises the body later, as it is written: take the words from
                # what will be stored, not from a script or a style the sanitiser will drop.
                words = plain_text(sanitize_html(body), skip=("h2", "h3", "h4"))
                excerpt = Truncator(words).words(EXCERPT_WORDS, truncate="…")
            setattr(self, f"excerpt_{language}", excerpt)
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:post", args=[self.slug])

    def clean(self):
        super().clean()
        # The English description is the one every language falls back to (a column per
        # language, news/translation.py): that is the one an image cannot go without.
        if self.image and not (self.image_alt_en or "").strip():
            raise ValidationError(
                {"image_alt_en": _("Describe the image for people who cannot see it.")}
            )

    def _unique_slug(self):
        base = slugify(self.title)[:190] or "post"
        slug, number = base, 2
        while Post.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def reading_minutes(self):
        return max(1, math.ceil(len(plain_text(self.body).split()) / WORDS_PER_MINUTE))

    @property
    def description(self):
        return self.seo_description or Truncator(self.excerpt).chars(160)

    @property
    def byline(self):
        """The author's name as readers see it everywhere (pages, feeds, structured data)."""
        if not self.author:
            return ""
        return display_name(self.author)

    @property
    def picture(self):
        return Picture(self.image_renditions) if self.image_renditions else None


follow_image_files(Post, "image", "image_renditions")


class QuoteQuerySet(models.QuerySet):
    def published(self):
        """Public quotes: shown on the site, and standalone or attached to a published post."""
        return self.filter(is_public=True).filter(
            models.Q(post__isnull=True) | models.Q(post__in=Post.objects.published())
        )


class Quote(models.Model):
    text = models.TextField(max_length=800, help_text=_("The person's words, without quote marks."))
    speaker_name = models.CharField(_("speaker's name"), max_length=120)
    speaker_role = models.CharField(
        _("speaker's role"), max_length=120, blank=True, help_text=_("e.g. Director, Freedom Story")
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
        help_text=_("The post this quote appears in, as a pull quote. Optional."),
    )
    # Counts blocks as freedomstory.core.richtext.split_blocks defines them (paragraphs,
    # headings, lists...), so a quote can follow a list or a heading, not only a paragraph.
    position = models.PositiveSmallIntegerField(
        _("place after"),
        default=1,
        help_text=_(
            "The quote appears after this block of the post's text: paragraphs, headings "
            "and lists each count (1 = after the first). A number past the last block puts it at "
            "the end."
        ),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured quotes appear on the home page.")
    )
    is_public = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("A quote in a post is only shown once the post itself is published."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{Truncator(self.text).words(8)} – {self.speaker_name}"

    @property
    def attribution(self):
        return ", ".join(part for part in (self.speaker_name, self.speaker_role) if part)
