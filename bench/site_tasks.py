"""What bench/run.py does inside the site it measures: same settings, same database, same cache.

python bench/site_tasks.py info           the addresses to measure, as JSON
python bench/site_tasks.py seed TOTAL     published posts up to TOTAL, with bulk_create
python bench/site_tasks.py invalidate     retire every cached public page
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this worktree's code, whichever checkout installed the venv
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freedomstory.settings")

VOCABULARY = (
    "families village teacher scholarship community safety trafficking prevention children "
    "learning bicycle library parents volunteers district mentor homework uniform future"
)
WORDS = VOCABULARY.split()


def info():
    from django.db.models import Count, Q
    from django.utils import translation

    from news.models import Category, Post
    from shop.models import Product

    post = Post.objects.published().order_by("-published_at").first()
    category = (
        Category.objects.annotate(
            shown=Count("posts", filter=Q(posts__in=Post.objects.published()))
        )
        .order_by("-shown", "name")
        .first()
    )
    product = (
        # One without options (POST /cart/add/ names it alone), whose one variant is in stock.
        Product.objects.active()
        .filter(options__isnull=True)
        .filter(Q(variants__stock__isnull=True) | Q(variants__stock__gt=0))
        .order_by("sort_order", "id")
        .first()
    )
    with translation.override("th"):
        post_th = post.get_absolute_url()
    with translation.override("en"):
        return {
            "post": post.get_absolute_url(),
            "post_th": post_th,
            "category": category.get_absolute_url(),
            "product": product.get_absolute_url(),
            "product_id": product.pk,
            "published": Post.objects.published().count(),
        }


def body_of(number):
    """Six paragraphs of about sixty words, a third of the posts mentioning school."""
    paragraphs = []
    for paragraph in range(6):
        words = [WORDS[(number * 7 + paragraph * 3 + i) % len(WORDS)] for i in range(60)]
        if number % 3 == 0 and paragraph == 2:
            words[10] = "school"
        paragraphs.append(f"<p>{' '.join(words).capitalize()}.</p>")
    return "".join(paragraphs)


def seed(total):
    """Published posts up to `total`, older than the demo's, without images (fast, no save())."""
    from django.db import transaction
    from django.utils import timezone

    from news.models import Post

    have = Post.objects.published().count()
    start = Post.objects.filter(slug__startswith="bench-post-").count()
    now = timezone.now() - timedelta(days=400)
    with transaction.atomic():
        for first in range(start, start + max(0, total - have), 500):
            last = min(first + 500, start + total - have)
            Post.objects.bulk_create(
                Post(
                    title=f"Bench post {number}",
                    slug=f"bench-post-{number}",
                    excerpt=" ".join(WORDS[number % 7 : number % 7 + 12]),
                    body=body_of(number),
                    status=Post.Status.PUBLISHED,
                    published_at=now - timedelta(hours=number),
                )
                for number in range(first, last)
            )
    return {"published": Post.objects.published().count()}


def invalidate():
    from freedomstory.core.pagecache import invalidate_public_pages

    invalidate_public_pages()
    return {"invalidated": True}


def main(argv):
    import django

    django.setup()
    command = argv[1] if len(argv) > 1 else ""
    if command == "info":
        result = info()
    elif command == "seed":
        result = seed(int(argv[2]))
    elif command == "invalidate":
        result = invalidate()
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
