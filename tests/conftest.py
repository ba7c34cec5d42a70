import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium; outside CI they are skipped when it is missing."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI needs Chromium at {CHROMIUM} for the browser tests")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite database migrated once for the session's installs and servers to copy: a
    ``manage.py migrate`` of an empty database takes 11 s of CPU."""
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minhduc_portal.settings",
        "DATABASE_URL": f"sqlite:///{path}",
        "CACHE_URL": "locmemcache://",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as a script, which the portal's own CSP would block.
    return {**browser_context_args, "bypass_csp": True, "locale": "vi-VN"}


@pytest.fixture
def screenshot():
    """Save a full-page PNG under test-artifacts/ (git-ignored) for a person to look at."""

    def save(page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return save


@pytest.fixture
def axe():
    """Run axe-core (WCAG 2.2 A/AA rules) on a page and fail with the violations listed."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def check(page):
        results = runner.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
                }
            },
        )
        violations = results.response["violations"]
        assert not violations, results.generate_report()

    return check


@pytest.fixture
def demo(settings, tmp_path):
    """The seed's world as `manage.py load_demo` builds it (passwords kept in a temp folder)."""
    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def rendered_pages(settings):
    """Pages rendered on each request from their parts (fragments, page indexes, layout
    data), as after a save: whole kept pages (portal.kept_pages) off."""
    settings.KEPT_PAGES = False


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as after a deploy: no parts made ahead."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def returning(db):
    """A visitor already counted today: the page is all there is to answer."""
    from django.test import Client

    from portal.models import DailyVisits

    DailyVisits.record()
    visitor = Client()
    visitor.cookies["md_visit"] = "1"
    return visitor
