"""Who reads what the public cannot: previews of draft posts need news' change permission, of
unpublished pages the pages' one. A Shop manager or a staff member with no group gets the 404
the public gets."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.news.factories import make_draft, make_editor, make_scheduled, make_staff
from tests.pages.factories import make_page
from tests.signing_in import sign_in_verified


def shop_manager():
    manager = make_staff("dao")
    manager.groups.add(Group.objects.get(name="Shop managers"))
    return manager


def editor(client):
    client.force_login(make_editor("malee"))


def superuser(client):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw-long-12")
    sign_in_verified(client, root)


def manager(client):
    sign_in_verified(client, shop_manager())


def staff_without_a_group(client):
    client.force_login(make_staff("nobody"))


@pytest.fixture
def unpublished(db):
    return {
        "draft post": make_draft("A draft about the new hostel").get_absolute_url(),
        "scheduled post": make_scheduled("Next week's news").get_absolute_url(),
        "page": "/" + make_page("Plans", slug="plans", published=False).path + "/",
    }


@pytest.mark.parametrize("sign_in", [editor, superuser])
@pytest.mark.parametrize("kind", ["draft post", "scheduled post", "page"])
def test_those_who_may_change_the_content_preview_it(client, unpublished, sign_in, kind):
    sign_in(client)
    response = client.get(unpublished[kind])
    assert response.status_code == 200 and "Preview:" in response.text


@pytest.mark.parametrize("sign_in", [manager, staff_without_a_group])
@pytest.mark.parametrize("kind", ["draft post", "scheduled post", "page"])
def test_other_staff_get_a_404_for_what_the_public_cannot_see(client, unpublished, sign_in, kind):
    sign_in(client)
    response = client.get(unpublished[kind])
    assert response.status_code == 404
    assert "new hostel" not in response.text and "Plans" not in response.text


def test_each_kind_needs_its_own_permission(client, unpublished):
    news_only = make_staff("writer")
    news_only.user_permissions.add(Permission.objects.get(codename="change_post"))
    client.force_login(news_only)
    assert client.get(unpublished["draft post"]).status_code == 200
    assert client.get(unpublished["page"]).status_code == 404


def test_a_superuser_who_has_not_given_the_code_reads_no_drafts(client, unpublished):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw-long-12")
    client.force_login(root)  # a password only: the second step not taken
    assert client.get(unpublished["draft post"]).status_code == 404
    assert client.get(unpublished["page"]).status_code == 404
