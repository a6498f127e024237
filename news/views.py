import json

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView

from freedomstory.core.languages import show_translation_of
from freedomstory.core.pagecache import canonical_words
from freedomstory.core.preview import may_preview
from news.models import Category, Post, Quote
from news.post_end import more_posts, share_links
from news.search import search_posts
from news.structure import article_json_ld, body_with_pull_quotes

_JSON_IN_SCRIPT = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class PublishedPostsMixin:
    paginate_by = settings.NEWS_PAGE_SIZE

    def get_queryset(self):
        return Post.objects.published().for_listing()


class PostListView(PublishedPostsMixin, ListView):
    template_name = "news/post_list.html"


class CategoryPostListView(PublishedPostsMixin, ListView):
    template_name = "news/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(categories=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, **show_translation_of(self.request, self.category), **kwargs
        )


class SearchView(PublishedPostsMixin, ListView):
    template_name = "news/search.html"

    def get_queryset(self):
        self.query = canonical_words(self.request.GET.get("q"))
        if not self.query:
            return Post.objects.none()
        return search_posts(super().get_queryset(), self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


class PostDetailView(DetailView):
    template_name = "news/post_detail.html"

    def get_queryset(self):
        posts = Post.objects.select_related("author").prefetch_related("categories")
        return posts if may_preview(self.request, "news.change_post") else posts.published()

    def get_context_data(self, **kwargs):
        post = self.object
        quotes = post.quotes.all() if not post.is_public else post.quotes.filter(is_public=True)
        public = Post.objects.published().only("title", "slug", "published_at")
        return super().get_context_data(
            body_segments=body_with_pull_quotes(post.body, quotes),
            previous_post=public.filter(published_at__lt=post.published_at).first(),
            next_post=public.filter(published_at__gt=post.published_at)
            .order_by("published_at")
            .first(),
            json_ld=mark_safe(json.dumps(article_json_ld(post)).translate(_JSON_IN_SCRIPT)),
            share_links=share_links(post),
            more=more_posts(post),
            **show_translation_of(self.request, post),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_public:
            add_never_cache_headers(response)  # a staff preview must never be stored anywhere
        return response


class QuoteListView(ListView):
    template_name = "news/quote_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Quote.objects.published().select_related("post").order_by("-is_featured", "-id")
