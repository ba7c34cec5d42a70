from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


HEALTHY = "Cổng thông tin: hoạt động\nCơ sở dữ liệu: hoạt động\nBộ nhớ đệm: hoạt động\n"


def test_health_names_each_dependency_in_vietnamese(client):
    response = client.get(reverse("portal:healthz"))
    assert response.status_code == 200
    assert response.content.decode() == HEALTHY
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_health_is_503_and_names_the_database_when_it_is_down(client, caplog):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        response = client.get(reverse("portal:healthz"))
        client.get(reverse("portal:healthz"))
    assert response.status_code == 503
    assert response.content.decode() == (
        "Cổng thông tin: tạm ngừng phục vụ\n"
        "Cơ sở dữ liệu: không kết nối được\n"
        "Bộ nhớ đệm: hoạt động\n"
    )
    client.get(reverse("portal:healthz"))
    assert [r.getMessage() for r in caplog.records] == [
        "Mất kết nối cơ sở dữ liệu: OperationalError",
        "Đã kết nối lại cơ sở dữ liệu",
    ]
