"""Fixtures for the shop's tests."""

import pytest
from django.contrib.auth.models import Group

from tests.news.factories import make_staff
from tests.signing_in import sign_in_verified


@pytest.fixture
def manager_client(client):
    manager = make_staff("manager")
    manager.groups.add(Group.objects.get(name="Shop managers"))
    return sign_in_verified(client, manager)
