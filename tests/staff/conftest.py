import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

_numbers = itertools.count(1)
PASSWORD = "mat-khau-rat-dai-2026"


def make_official(role, username=None):
    """A staff user whose only rights come from one role's group."""
    user = get_user_model().objects.create_user(
        username or f"canbo{next(_numbers)}", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def official(db):
    return make_official


@pytest.fixture
def client_as(db):
    """A logged-in client for a new official in `role`; the user is `client.user`."""

    def login(role):
        client = Client()
        client.user = make_official(role)
        client.force_login(client.user)
        return client

    return login
