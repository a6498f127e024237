"""Old WordPress addresses answer 301 to the new ones, and nothing else changes."""

import pytest
from django.contrib.contenttypes.models import ContentType

from freedomstory.wordpress.models import ImportedItem
from tests.news.factories import make_category, make_post
from tests.pages.factories import make_page
from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db

SITE = "https://oldsite.example.org"


def remember(target, kind, key, old_path=""):
    return ImportedItem.objects.create(
        site=SITE,
        kind=kind,
        key=str(key),
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        old_path=old_path,
        source_hash="s",
    )


def test_a_posts_old_address_answers_301_to_its_new_one(client):
    post = make_post("New classrooms", slug="new-classrooms")
    remember(post, ImportedItem.Kind.POST, 12, "/2021/03/new-classrooms/")
    response = client.get("/2021/03/new-classrooms/")
    assert response.status_code == 301 and response["Location"] == "/news/new-classrooms/"
    without_slash = client.get("/2021/03/new-classrooms")
    assert without_slash.status_code in (301, 302)
    assert client.get("/2021/03/new-classrooms", follow=True).redirect_chain[-1] == (
        "/news/new-classrooms/",
        301,
    )
    assert client.get("/2021/03/New-Classrooms/")["Location"] == "/news/new-classrooms/"


def test_wordpress_plain_links_by_id_answer_301(client):
    post = make_post("Water", slug="water")
    page = make_page("Our team", slug="our-team")
    product = make_product("Tote", slug="tote")
    remember(post, ImportedItem.Kind.POST, 12)
    remember(page, ImportedItem.Kind.PAGE, 7)
    remember(product, ImportedItem.Kind.PRODUCT, 12)  # WordPress ids are one sequence; a
    # second site could still reuse one: the product form names its type.
    assert client.get("/?p=12")["Location"] == "/news/water/"
    assert client.get("/?page_id=7")["Location"] == "/our-team/"
    assert client.get("/?post_type=product&p=12")["Location"] == "/shop/tote/"


def test_the_new_address_follows_a_slug_changed_here_later(client):
    post = make_post("Water", slug="water")
    remember(post, ImportedItem.Kind.POST, 5, "/water-for-schools/")
    post.slug = "clean-water"
    post.save()
    assert client.get("/water-for-schools/")["Location"] == "/news/clean-water/"


def test_old_category_and_tag_archives_answer_301(client):
    category = make_category("Education", slug="education")
    remember(category, ImportedItem.Kind.CATEGORY, "post_tag:schools", "/tag/schools/")
    assert client.get("/tag/schools/")["Location"] == category.get_absolute_url()


def test_an_object_deleted_here_leaves_its_old_address_a_plain_404(client):
    post = make_post("Gone", slug="gone")
    remember(post, ImportedItem.Kind.POST, 9, "/2020/01/gone/")
    post.delete()
    assert client.get("/2020/01/gone/").status_code == 404
    home = client.get("/?p=9")  # the home page, as for any unknown id
    assert home.status_code == 200 and "<h1>The Freedom Story</h1>" in home.content.decode()


@pytest.mark.parametrize("path", ["/no-such-page/", "/2021/03/nothing/", "/" + "x" * 600 + "/"])
def test_an_address_nobody_had_is_still_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["?p=abc", "?p=", "?page_id=-1", "?p=99999999999999999999", "?p=²", "?p=" + "1" * 5000],
)
def test_odd_plain_links_show_the_home_page_never_an_error(client, query):
    home = client.get("/" + query)
    assert home.status_code == 200 and "<h1>The Freedom Story</h1>" in home.content.decode()


def test_a_page_that_exists_is_never_redirected(client, django_assert_max_num_queries):
    post = make_post("Water", slug="water")
    remember(make_post("Other", slug="other"), ImportedItem.Kind.POST, 3, post.get_absolute_url())
    client.get(post.get_absolute_url())
    with django_assert_max_num_queries(0):  # served from the shared cache, no lookup at all
        response = client.get(post.get_absolute_url())
    assert response.status_code == 200


def test_a_post_to_an_old_address_is_not_redirected(client):
    post = make_post("Water", slug="water")
    remember(post, ImportedItem.Kind.POST, 4, "/2019/water/")
    assert client.post("/2019/water/").status_code in (403, 404, 405)


def test_the_old_address_of_what_the_public_cannot_see_is_a_plain_404(client):
    """A 301 to a draft, a private post, an unpublished page or a product off sale told anyone
    its slug (often its title) from its WordPress id: /?p=1, /?p=2…"""
    draft = make_post("Board minutes, March", slug="board-minutes-march", status="draft")
    page = make_page("Staff handbook", slug="staff-handbook", published=False)
    product = make_product("Old tote", slug="old-tote", is_active=False)
    remember(draft, ImportedItem.Kind.POST, 21, "/2021/03/board-minutes-march/")
    remember(page, ImportedItem.Kind.PAGE, 22, "/staff-handbook-old/")
    remember(product, ImportedItem.Kind.PRODUCT, 23, "/product/old-tote/")
    for address in ("/2021/03/board-minutes-march/", "/?p=21", "/?page_id=22", "/?p=23"):
        assert "Location" not in client.get(address), address
    assert client.get("/staff-handbook-old/").status_code == 404
    draft.status = draft.Status.PUBLISHED
    draft.save()
    assert client.get("/?p=21")["Location"] == "/news/board-minutes-march/"
