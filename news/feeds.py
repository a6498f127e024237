from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from news.models import Post


class LatestPostsFeed(Feed):
    link = reverse_lazy("news:post_list")

    def title(self):
        return f"{settings.SITE_NAME}: news"

    def description(self):
        return settings.SITE_TAGLINE

    def items(self):
        return (
            Post.objects.published()
            .select_related("author")
            .prefetch_related("categories")[: settings.NEWS_FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body  # the full post, already sanitised

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
