from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from freedomstory.core.charity import site_tagline
from freedomstory.core.languages import translated_in
from freedomstory.core.siteurl import absolute, absolute_in_html
from news.models import Post


class LatestPostsFeed(Feed):
    """The latest posts, in the address's language: /news/feed/ in English, /th/news/feed/ in
    Thai (its addresses under /th/, its `language` "th").

    A feed in another language than English lists only the posts translated into it: a feed
    has no place for a note saying "not yet translated", and its readers asked for that
    language (the English feed has every post)."""

    # Every address is absolute and from SITE_URL: feeds are shared pages, and Django would
    # otherwise complete them with the scheme and host of whichever request came first.
    def link(self):
        return absolute(reverse("news:post_list"))

    def feed_url(self):
        return absolute(reverse("news:rss"))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def title(self):
        return gettext("%(site_name)s: news") % {"site_name": settings.SITE_NAME}

    def description(self):
        return site_tagline()

    def items(self):
        posts = Post.objects.published()
        if get_language() != settings.LANGUAGE_CODE:
            posts = posts.filter(translated_in(Post, get_language()))
        return posts.select_related("author").prefetch_related("categories")[
            : settings.NEWS_FEED_SIZE
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The full post, already sanitised; its own images and links absolute for the reader.
        return absolute_in_html(item.body)

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

    def feed_url(self):
        return absolute(reverse("news:atom"))

    def subtitle(self):
        return self.description()
