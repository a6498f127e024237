from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery

from news.models import Category, Post


class PostSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, post):
        return post.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        latest_update = (
            Post.objects.published()
            .filter(categories=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return (
            Category.objects.annotate(last_post_update=Subquery(latest_update))
            .filter(last_post_update__isnull=False)
            .order_by("name")
        )

    def lastmod(self, category):
        return category.last_post_update


sitemaps = {"posts": PostSitemap, "categories": CategorySitemap}
