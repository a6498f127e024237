"""Fixtures for the shop's tests."""

import pytest
from django.contrib.auth.models import Group

from tests.news.factories import make_staff


@pytest.fixture
def manager_client(client):
    manager = make_staff("manager")
    manager.groups.add(Group.objects.get(name="Shop managers"))
    client.force_login(manager)
    return client
