from django.urls import path

from freedomstory.core.pagecache import public_page
from news import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", public_page(views.PostListView.as_view(), query=("page",)), name="post_list"),
    path(
        "news/search/",
        public_page(views.SearchView.as_view(), query=("q", "page")),
        name="search",
    ),
    path("news/feed/", public_page(feeds.LatestPostsFeed()), name="rss"),
    path("news/atom/", public_page(feeds.LatestPostsAtomFeed()), name="atom"),
    path(
        "news/category/<slug:slug>/",
        public_page(views.CategoryPostListView.as_view(), query=("page",)),
        name="category",
    ),
    path("news/<slug:slug>/", public_page(views.PostDetailView.as_view()), name="post"),
    path("quotes/", public_page(views.QuoteListView.as_view(), query=("page",)), name="quotes"),
]
