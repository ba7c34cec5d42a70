"""Production settings as an operator gets them: PORTAL_ENV=production in a fresh interpreter.

settings.py is read once, at start-up, so each check runs in a subprocess with the production
environment: `manage.py check --deploy`, and real requests through the whole middleware stack
(on an in-memory database migrated there). The header tests follow the Mozilla HTTP
Observatory's scoring rules, one test per rule the A+ grade needs.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.csp import ADMIN_POLICY, PUBLIC_POLICY, directives

ROOT = Path(__file__).resolve().parents[2]
HOST = "example.invalid"
PASSWORD = "mat-khau-quan-tri-2026"
SIX_MONTHS = 15_552_000  # the Observatory's threshold for HSTS

# Runs inside the production interpreter; prints what each response carried, as JSON.
PROBE = f"""
import json

import django

django.setup()

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.news.factories import make_article, make_category

call_command("migrate", verbosity=0)
article = make_article(category=make_category())
User.objects.create_superuser("quantri", "quantri@{HOST}", "{PASSWORD}")


def seen(response):
    cookies = {{
        name: {{
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }}
        for name, morsel in response.cookies.items()
    }}
    return {{"status": response.status_code, "headers": dict(response.headers), "cookies": cookies}}


plain = Client(HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="http")
browser = Client(HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https")
responses = {{
    "http": seen(plain.get("/")),
    "http_healthz": seen(plain.get("/healthz")),
    "home": seen(browser.get("/")),
    "article": seen(browser.get(article.get_absolute_url())),
    "not_found": seen(browser.get("/khong-co-trang-nay/")),
    "login_page": seen(browser.get(reverse("admin:login"))),
    "login": seen(
        browser.post(
            reverse("admin:login"),
            {{"username": "quantri", "password": "{PASSWORD}", "next": reverse("admin:index")}},
        )
    ),
    "admin": seen(browser.get(reverse("admin:news_article_add"))),
}}
print(json.dumps(responses))
"""


def production(*args, **env):
    """Run python with the production environment; the portal's own env vars left at defaults."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "DEBUG", "DATABASE_URL", "CACHE_URL", "DJANGO_"))
    }
    environment.update(
        PORTAL_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        DATABASE_URL="sqlite:///:memory:",
        CACHE_URL="locmemcache://",
        # collectstatic has not run here; the manifest storage would refuse every page.
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_SETTINGS_MODULE="minhduc_portal.settings",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def responses():
    result = production("-c", PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def pages(responses):
    """The responses a browser renders over HTTPS."""
    return {
        name: responses[name] for name in ("home", "article", "not_found", "login_page", "admin")
    }


def test_check_deploy_reports_no_warning():
    result = production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env", "refused"),
    [
        ({"DEBUG": "true"}, "DEBUG=true"),
        ({"SECRET_KEY": "a" * 50}, "SECRET_KEY"),
        ({"SECRET_KEY": "abcd" * 20}, "SECRET_KEY"),  # 4 different characters
        ({"SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)}, "SECRET_KEY"),
        ({"SECRET_KEY": secrets.token_urlsafe(48)[:49]}, "SECRET_KEY"),
    ],
)
def test_production_refuses_debug_and_weak_keys_in_one_line(env, refused):
    result = production("manage.py", "check", **env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi cấu hình: ") and refused in lines[0]


def test_plain_http_is_redirected_to_https_on_the_same_host(responses):
    assert responses["http"]["status"] == 301
    assert responses["http"]["headers"]["Location"] == f"https://{HOST}/"


def test_the_health_check_answers_over_plain_http(responses):
    assert responses["http_healthz"]["status"] == 200


def test_the_pages_answer_over_https(responses):
    assert responses["home"]["status"] == responses["article"]["status"] == 200
    assert responses["not_found"]["status"] == 404
    assert responses["login"]["status"] == 302
    assert responses["admin"]["status"] == 200


def test_hsts_lasts_a_year_with_sub_domains_and_no_preload(pages):
    for name, response in pages.items():
        hsts = response["headers"]["Strict-Transport-Security"]
        assert hsts == "max-age=31536000; includeSubDomains", name
        assert int(hsts.split(";")[0].removeprefix("max-age=")) >= SIX_MONTHS


def test_public_pages_keep_the_strict_policy(pages):
    for name in ("home", "article", "not_found"):
        policy = pages[name]["headers"]["Content-Security-Policy"]
        assert directives(policy) == PUBLIC_POLICY, name


def test_the_admin_allows_inline_styles_but_never_inline_scripts(pages):
    for name in ("login_page", "admin"):
        policy = pages[name]["headers"]["Content-Security-Policy"]
        assert directives(policy) == ADMIN_POLICY, name


def test_the_policy_earns_the_observatory_csp_bonus(pages):
    """No 'unsafe-inline', 'unsafe-eval' or data: for scripts; objects none; base, forms ours."""
    for name, response in pages.items():
        policy = directives(response["headers"]["Content-Security-Policy"])
        assert policy["script-src"] == {"'self'"}, name
        assert policy["default-src"] == {"'self'"} and policy["object-src"] == {"'none'"}
        assert policy["base-uri"] == policy["form-action"] == {"'self'"}
        assert policy["frame-ancestors"] == {"'none'"}
        assert not {"'unsafe-eval'", "data:", "*", "https:", "http:"} & policy["style-src"]


def test_pages_cannot_be_framed_nor_sniffed(pages):
    for name, response in pages.items():
        headers = response["headers"]
        assert headers["X-Frame-Options"] == "DENY", name
        assert headers["X-Content-Type-Options"] == "nosniff", name


def test_referrer_and_opener_policies_are_private(pages):
    for name, response in pages.items():
        headers = response["headers"]
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", name


def test_every_response_refuses_devices_and_payments(responses):
    for name, response in responses.items():
        if name == "http":
            continue  # the redirect is answered before the policy's middleware runs
        features = dict(
            item.split("=") for item in response["headers"]["Permissions-Policy"].split(", ")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()", (name, feature)


def test_every_cookie_is_secure_http_only_and_same_site(responses):
    cookies = {}
    for response in responses.values():
        cookies.update(response["cookies"])
    assert {"md_visit", "md_seen", "csrftoken", "sessionid"} <= set(cookies)
    for name, flags in cookies.items():
        assert flags == {"secure": True, "httponly": True, "samesite": "Lax"}, name
