"""What follows a post: ways to pass it on, and more to read.

A post page is rendered once and shared with every visitor, so nothing here depends on who is
reading: the links are built from the post's canonical address (SITE_URL), never the request.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.db.models import BooleanField, Exists, OuterRef, Value
from django.utils.translation import gettext, pgettext

from freedomstory.core.siteurl import absolute
from news.models import Post

MORE_POSTS = 3


@dataclass(frozen=True)
class ShareLink:
    network: str
    url: str
    new_tab: bool = True
    label: str = ""  # what the link says, where the network's name is a word to translate

    @property
    def name(self):
        return self.label or self.network


def share_links(post):
    """Plain links to each network's own share page: no script, tracker or image of theirs."""
    address = absolute(post.get_absolute_url())
    title = post.title

    def query(**params):
        # %20 rather than "+" for spaces: mail apps read mailto: addresses literally.
        return urlencode(params, quote_via=quote)

    return [
        ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=address)),
        ShareLink("X", "https://x.com/intent/tweet?" + query(text=title, url=address)),
        ShareLink(
            "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + query(url=address)
        ),
        ShareLink("WhatsApp", "https://wa.me/?" + query(text=f"{title} {address}")),
        ShareLink("LINE", "https://social-plugins.line.me/lineit/share?" + query(url=address)),
        ShareLink(
            "E-mail",
            "mailto:?"
            + query(
                subject=title, body=gettext("I thought you would like this:") + f"\r\n{address}"
            ),
            new_tab=False,
            label=pgettext("share by", "E-mail"),
        ),
    ]


@dataclass(frozen=True)
class MorePosts:
    category: object  # the post's first category, or None
    posts: list

    @property
    def all_in_category(self):
        return self.category is not None and all(p.in_category for p in self.posts)

    @property
    def any_in_category(self):
        return self.category is not None and any(p.in_category for p in self.posts)


def more_posts(post, count=MORE_POSTS):
    """Published posts to read next: the first category's newest, topped up with the latest.

    One query for the posts and one for their categories, whatever the numbers of posts and
    categories: posts of the category sort first, then everything by date.
    """
    categories = post.categories.all()  # prefetched by the post page
    category = categories[0] if categories else None
    others = Post.objects.published().for_listing().exclude(pk=post.pk)
    if category is None:
        posts = others.annotate(in_category=Value(False, output_field=BooleanField()))
    else:
        tagged = Post.categories.through.objects.filter(post=OuterRef("pk"), category=category)
        posts = others.annotate(in_category=Exists(tagged)).order_by(
            "-in_category", "-published_at", "-id"
        )
    return MorePosts(category, list(posts[:count]))
