"""A real PostgreSQL stopped under a running gunicorn, then started again."""

import os
import subprocess
import sys
import time

import pytest

from tests.portal.servers import ROOT, Postgres, Visitor, gunicorn

pytestmark = pytest.mark.servers

DOWN = "Cổng thông tin tạm ngừng phục vụ"
PAGES = ["/", "/chi-so/", "/cuoc-hop/", "/tim-kiem/?q=xa", "/quan-tri/", "/quan-tri/login/"]


def test_pages_answer_503_while_the_database_is_down_and_recover_after(tmp_path):
    with Postgres() as postgres:
        env = {
            "DATABASE_URL": postgres.url,
            # The default kind of cache, shared by the workers of one host.
            "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PAGE_CACHE_SECONDS": "60",
            "DJANGO_SETTINGS_MODULE": "minhduc_portal.settings",
        }
        command = [sys.executable, "manage.py", "migrate", "-v0"]
        subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=True)
        log = tmp_path / "gunicorn.log"
        with gunicorn(env, log) as server:
            reader, official = Visitor(), Visitor()
            reader.request(server + "/tin-tuc/")
            assert reader.request(server + "/tin-tuc/")[1]["X-Page-Cache"] == "hit"
            assert official.request(server + "/quan-tri/login/")[0] == 200

            postgres.stop()
            for _ in range(3):
                for path in PAGES:
                    status, headers, html = Visitor().request(server + path)
                    assert (status, headers["Retry-After"]) == (503, "30"), path
                    assert DOWN in html and "thử lại sau ít phút" in html
                status, headers, html = official.request(
                    server + "/quan-tri/login/", {"username": "a", "password": "b"}
                )
                assert status == 503 and DOWN in html
                # Cached pages are still served, to returning and to new visitors.
                status, headers, html = reader.request(server + "/tin-tuc/")
                assert (status, headers["X-Page-Cache"]) == (200, "hit")
                assert Visitor().request(server + "/tin-tuc/")[0] == 200
                status, _headers, text = Visitor().request(server + "/healthz")
                assert status == 503
                assert "Cơ sở dữ liệu: không kết nối được\nBộ nhớ đệm: hoạt động\n" in text

            postgres.start()
            # No restart: the next requests reconnect (a search, never a kept page, reads the
            # database whatever the cache holds).
            assert Visitor().request(server + "/tim-kiem/?q=hop")[0] == 200
            for path in PAGES:
                expected = 302 if path == "/quan-tri/" else 200  # to the login page
                assert Visitor().request(server + path)[0] == expected, path
            status, _headers, text = Visitor().request(server + "/healthz")
            assert status == 200 and "Cơ sở dữ liệu: hoạt động" in text

    # Two workers, one line each way: they agree through the cache.
    # A worker writes its line once it has answered: give the log a moment to catch up.
    for _ in range(50):
        lines = log.read_text().splitlines()
        warnings = [line for line in lines if "kết nối" in line]
        if len(warnings) >= 2:
            break
        time.sleep(0.1)
    print("\n".join(warnings))
    assert len(warnings) == 2, lines
    assert warnings[0].startswith("Mất kết nối cơ sở dữ liệu: ")
    assert warnings[1] == "Đã kết nối lại cơ sở dữ liệu"
    assert not [line for line in lines if "Traceback" in line or "Internal Server Error" in line]
