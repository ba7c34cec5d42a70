from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_answers(client):
    response = client.get(reverse("portal:healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_health_is_503_when_database_is_down(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        response = client.get(reverse("portal:healthz"))
    assert response.status_code == 503
