"""Site pages: what staff store, where pages answer, what they may not take, who sees them."""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from freedomstory.pages.models import Page
from tests.news.factories import make_editor
from tests.pages.factories import admin_page_data, make_page

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def refusal(page):
    """The messages full_clean() gives for `page`, by field."""
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return raised.value.message_dict


# --- what staff store ------------------------------------------------------------------------


def test_a_page_body_is_sanitised_on_save():
    page = make_page(
        "About",
        body='<p onclick="x()">Hello</p><script>alert(1)</script><img src=x onerror=alert(2)>'
        '<p><a href="javascript:alert(3)">click</a> <a href="https://example.org">ok</a></p>',
    )
    page.refresh_from_db()
    for needle in ("<script", "onerror", "onclick", "javascript:", "<img", "alert("):
        assert needle not in page.body, needle
    assert "<p>Hello</p>" in page.body and 'href="https://example.org"' in page.body


def test_the_admin_adds_a_page_with_the_rich_text_editor(admin_client):
    form = admin_client.get(reverse("admin:pages_page_add")).content.decode()
    assert "prose-editor" in form  # the same django-prose-editor widget as posts
    response = admin_client.post(
        reverse("admin:pages_page_add"), admin_page_data(body="<p>Hi</p><script>x()</script>")
    )
    assert response.status_code == 302
    assert Page.objects.get(path="from-the-admin").body == "<p>Hi</p>"


def test_the_admin_names_each_possible_parent_by_its_address(admin_client):
    make_page("Team", slug="team", parent=make_page("About", slug="about"))
    form = admin_client.get(reverse("admin:pages_page_add")).content.decode()
    assert ">About (/about/)</option>" in form and ">Team (/about/team/)</option>" in form


# --- addresses the site already uses ---------------------------------------------------------

RESERVED = [
    "news",
    "quotes",
    "shop",
    "cart",
    "donate",
    "checkout",
    "orders",
    "admin",
    "healthz",
    "static",
    "media",
]


@pytest.mark.parametrize("slug", RESERVED)
def test_a_page_may_not_take_an_address_of_the_site(slug):
    messages = refusal(Page(title="Mine", slug=slug, published=True))
    assert messages["slug"] == [
        f"The site already uses the addresses that start with /{slug}/, so this page cannot be "
        f"at /{slug}/. Choose another slug."
    ]


@pytest.mark.parametrize("slug", ["sitemap.xml", "robots.txt", "sitemap-posts.xml"])
def test_a_slug_can_never_be_a_file_address_of_the_site(slug):
    assert "slug" in refusal(Page(title="Mine", slug=slug))


@pytest.mark.urls("tests.pages.urls_with_later_routes")
@pytest.mark.parametrize("slug", ["events", "year-2027"])
def test_routes_added_later_are_protected_without_a_list_to_update(slug):
    """The reserved addresses come from the URL resolver: "events/" by its first segment,
    "year-<yyyy>/" (a pattern) by asking the resolver who answers."""
    assert "slug" in refusal(Page(title="Mine", slug=slug))
    Page(title="Mine", slug="year-twenty").full_clean()  # not the pattern: free


def test_the_admin_says_why_an_address_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:pages_page_add"), admin_page_data(title="Shop", slug="shop")
    )
    assert response.status_code == 200
    assert "The site already uses the addresses that start with /shop/" in (
        response.content.decode()
    )
    assert not Page.objects.filter(slug="shop").exists()


def test_two_pages_may_not_share_an_address():
    about = make_page("About", slug="about")
    make_page("Team", slug="team", parent=about)
    messages = refusal(Page(title="Our team", slug="team", parent=about))
    assert messages["slug"] == [
        "Another page already has the address /about/team/. Choose another slug."
    ]
    assert "slug" in refusal(Page(title="About again", slug="about"))
    Page(title="Team at the top", slug="team").full_clean()  # /team/ is free


def test_the_same_slug_may_sit_under_different_parents():
    make_page("Team", slug="team", parent=make_page("About", slug="about"))
    Page(title="Team", slug="team", parent=make_page("Shop work", slug="shop-work")).full_clean()


def test_a_page_cannot_sit_under_itself_or_a_page_beneath_it():
    about = make_page("About", slug="about")
    team = make_page("Team", slug="team", parent=about)
    volunteers = make_page("Volunteers", slug="volunteers", parent=team)
    for new_parent in (about, team, volunteers):
        about.parent = new_parent
        assert refusal(about)["parent"] == [
            "A page cannot sit under itself or under a page beneath it."
        ]


@pytest.mark.parametrize("slug", ["contact", "privacy"])
def test_the_contact_page_and_the_privacy_notice_keep_their_address(slug, admin_client):
    page = Page.objects.filter(path=slug).first() or make_page(slug.title(), slug=slug)
    page.slug = f"{slug}-us"
    assert "is fixed: the site links to it" in str(refusal(page))
    page.refresh_from_db()
    page.parent = make_page("About", slug="about")
    assert "is fixed: the site links to it" in str(refusal(page))
    delete = reverse("admin:pages_page_delete", args=[page.pk])
    change = admin_client.get(reverse("admin:pages_page_change", args=[page.pk]))
    assert change.status_code == 200 and delete not in change.content.decode()
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = admin_client.post(
        reverse("admin:pages_page_changelist"),
        {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"},
    )
    assert "the site links to it" in bulk.content.decode()
    assert Page.objects.filter(path=slug).exists()


def test_a_page_with_pages_beneath_it_cannot_be_deleted():
    about = make_page("About", slug="about")
    make_page("Team", slug="team", parent=about)
    with pytest.raises(ProtectedError):
        about.delete()


# --- where pages answer ------------------------------------------------------------------------


def test_a_child_page_answers_under_its_parent_and_only_there(client):
    about = make_page("About", slug="about")
    make_page("Our team", slug="team", parent=about, body="<p>Coordinators and mentors.</p>")
    response = client.get("/about/team/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Our team</h1>" in html and "Coordinators and mentors." in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a href="/about/">About</a>' in html
    assert client.get("/team/").status_code == 404
    assert client.get("/about/team/extra/").status_code == 404


def test_a_page_lists_the_published_pages_beneath_it(client):
    about = make_page("About", slug="about")
    make_page("Our team", slug="team", parent=about)
    make_page("Not yet", slug="not-yet", parent=about, published=False)
    html = client.get("/about/").content.decode()
    assert '<a href="/about/team/">Our team</a>' in html
    assert "Not yet" not in html


def test_moving_a_page_moves_the_pages_beneath_it(client):
    about = make_page("About", slug="about")
    team = make_page("Team", slug="team", parent=about)
    make_page("Volunteers", slug="volunteers", parent=team)
    about.slug = "who-we-are"
    about.save()
    assert set(Page.objects.values_list("path", flat=True)) >= {
        "who-we-are",
        "who-we-are/team",
        "who-we-are/team/volunteers",
    }
    assert client.get("/who-we-are/team/volunteers/").status_code == 200
    assert client.get("/about/team/volunteers/").status_code == 404


def test_an_address_without_its_slash_is_sent_to_the_page(client):
    make_page("About", slug="about")
    response = client.get("/about")
    assert response.status_code == 301 and response["Location"] == "/about/"


def test_unpublished_pages_and_the_pages_beneath_them_are_not_found(client):
    about = make_page("About", slug="about", published=False)
    team = make_page("Team", slug="team", parent=about)
    make_page("Volunteers", slug="volunteers", parent=team)
    for url in ("/about/", "/about/team/", "/about/team/volunteers/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "We couldn" in response.content.decode()  # the site's own 404 page


def test_an_unpublished_page_hides_its_own_descendants_and_no_others(client):
    """Ancestors are found by address prefix: "our_work" must not match "our-work" (an
    underscore is a wildcard in SQL LIKE), nor "about" match "about-us"."""
    make_page("Hidden work", slug="our_work", published=False)
    make_page("Hidden about", slug="about", published=False)
    make_page("Child", slug="child", parent=make_page("Our work", slug="our-work"))
    make_page("About us", slug="about-us")
    assert set(Page.objects.published().values_list("path", flat=True)) >= {
        "our-work",
        "our-work/child",
        "about-us",
    }
    assert client.get("/our-work/child/").status_code == 200


def test_staff_preview_an_unpublished_page_which_is_never_stored(client):
    make_page("Draft about", slug="about", published=False)
    client.force_login(make_editor())
    response = client.get("/about/")
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>Draft about</h1>" in html
    assert "Preview: the public cannot see this page" in html
    assert "no-store" in response["Cache-Control"]


def test_other_addresses_keep_working_with_the_catch_all_last(client):
    make_page("About", slug="about")
    assert client.get("/news/").status_code == 200
    assert client.get("/shop/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/no/such/page/").status_code == 404
    assert reverse("privacy") == "/privacy/"


# --- the sitemap and the page cache ------------------------------------------------------------


def test_the_sitemap_lists_published_pages_only(client, settings):
    settings.SITE_URL = "https://freedomstory.example"
    about = make_page("About", slug="about")
    make_page("Team", slug="team", parent=about)
    hidden = make_page("Hidden", slug="hidden", published=False)
    make_page("Beneath hidden", slug="beneath", parent=hidden)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {node.findtext("s:loc", namespaces=NS) for node in root.findall("s:url", NS)}
    assert {
        "https://freedomstory.example/about/",
        "https://freedomstory.example/about/team/",
    } <= urls
    assert not {url for url in urls if "hidden" in url or "beneath" in url}


def test_saving_a_page_retires_the_cached_pages(client):
    page = make_page("About", slug="about", body="<p>Old words.</p>")
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    page.body = "<p>New words.</p>"
    page.save()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss" and "New words." in response.content.decode()
    page.delete()
    assert client.get("/about/").status_code == 404


def test_a_page_view_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """The page, the pages beneath it, the ancestors for the breadcrumbs (child pages only) and
    the menus: however many pages there are, in the menus or beneath."""
    about = make_page("About", slug="about", menu=Page.Menu.HEADER)
    make_page("Team", slug="team", parent=about)
    with django_assert_max_num_queries(3):
        client.get("/about/")
    with django_assert_max_num_queries(4):
        client.get("/about/team/")
    for number in range(20):
        make_page(f"Child {number}", parent=about, menu=Page.Menu.FOOTER)
    with django_assert_max_num_queries(3):
        html = client.get("/about/").content.decode()
    assert html.count('href="/about/child-') == 40  # beneath, and in the footer


@pytest.mark.parametrize("slug", ["contact", "privacy"])
def test_the_contact_page_and_the_privacy_notice_stay_on_the_site(slug, client):
    """Checkout's consent links to the privacy notice and the site to the Contact page: taking
    either off the site would leave those links on a "not found" page."""
    page = Page.objects.filter(path=slug).first() or make_page(slug.title(), slug=slug)
    page.published = False
    assert refusal(page)["published"] == [
        f"/{slug}/ must stay on the site: the site links to it. Edit its text instead."
    ]


def test_a_contact_page_still_being_written_may_be_saved_unpublished():
    page = make_page("Contact us", slug="contact", published=False)
    page.body = "<p>Nearly ready.</p>"
    page.full_clean()


@pytest.mark.urls("tests.pages.urls_with_later_routes")
def test_a_page_hidden_by_a_route_added_after_it_is_named_when_the_site_is_deployed():
    """A page saved before a route took its address is served by that route from then on; the
    database checks (run by `migrate` and `check --database default`) say which and why."""
    from django.core import checks

    make_page("Events", slug="events")  # stored while /events/ was free
    make_page("About", slug="about")
    found = checks.run_checks(databases=["default"], tags=[checks.Tags.database])
    hidden = [message for message in found if message.id == "pages.W001"]
    assert [message.obj for message in hidden] == ["/events/"]
    assert "The site page “Events” at /events/ is hidden" in hidden[0].msg
    assert checks.run_checks(tags=[checks.Tags.database]) == []  # no database asked: no query


def test_the_pages_beneath_are_listed_under_a_heading_that_reads_well(client):
    """The demo's About page has the menu label "About": "More about About" read badly."""
    about = make_page("About The Freedom Story", slug="about", menu_label="About")
    make_page("Our team", slug="team", parent=about)
    html = client.get("/about/").content.decode()
    assert '<h2 id="in-this-section">In this section</h2>' in html
    assert "More about About" not in html
