from django.db.models import Max, OuterRef, Subquery

from freedomstory.core.sitemaps import PublicSiteSitemap
from news.models import Category, Post

# URLs per sitemap file. Google allows 50,000, but a page of 2,000 renders in tens of
# milliseconds; past it /sitemap.xml becomes an index of pages (freedomstory/sitemaps.py).
PAGE_SIZE = 2000


class PostSitemap(PublicSiteSitemap):
    changefreq = "weekly"
    limit = PAGE_SIZE

    def items(self):
        # The id breaks ties of publish time: pages are cut with OFFSET, and only a total order
        # puts every post on exactly one page.
        posts = Post.objects.published().only("slug", "updated_at")
        return self.with_languages(posts).order_by("-published_at", "-id")

    def lastmod(self, post):
        return post.updated_at

    def get_latest_lastmod(self):
        # The index asks this of each section: one query, not every post loaded.
        return Post.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(PublicSiteSitemap):
    changefreq = "daily"
    limit = PAGE_SIZE

    def items(self):
        latest_update = (
            Post.objects.published()
            .filter(categories=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return (
            self.with_languages(Category.objects.all())
            .annotate(last_post_update=Subquery(latest_update))
            .filter(last_post_update__isnull=False)
            .order_by("name")
        )

    def lastmod(self, category):
        return category.last_post_update


sitemaps = {"posts": PostSitemap, "categories": CategorySitemap}
