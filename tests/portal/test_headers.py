"""Security headers on every response, through the test client (local settings)."""

import pytest
from django.urls import reverse

from tests.csp import ADMIN_POLICY, PUBLIC_POLICY, directives

pytestmark = pytest.mark.django_db


def test_public_pages_allow_nothing_inline(client):
    for url in (reverse("portal:home"), reverse("news:list"), "/khong-co-trang-nay/"):
        assert directives(client.get(url)["Content-Security-Policy"]) == PUBLIC_POLICY, url


def test_the_admin_allows_inline_styles_only(admin_client):
    for url in (reverse("admin:index"), reverse("admin:news_article_add")):
        assert directives(admin_client.get(url)["Content-Security-Policy"]) == ADMIN_POLICY, url


def test_the_admin_login_page_has_the_admin_policy(client):
    assert directives(client.get(reverse("admin:login"))["Content-Security-Policy"]) == ADMIN_POLICY


@pytest.mark.urls("tests.portal.urls_probe")
def test_a_view_that_sets_its_own_policy_keeps_it(client):
    assert client.get("/kiem-thu/hop-cat/")["Content-Security-Policy"] == "sandbox"


def test_every_response_carries_a_permissions_policy(client):
    answers = {"/": 200, "/khong-co-trang-nay/": 404, reverse("admin:login"): 200}
    answers["/static/css/home.css"] = 200
    for url, status in answers.items():
        response = client.get(url)
        assert response.status_code == status, url
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy, (url, feature)
