"""Start-up behaviour, checked in a fresh interpreter as an operator would meet it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7#Qm2vL!pR9^tZc4&Wn8*Ys1@Hd6%Kb3$Fg5(Jh0)Ue-Oa+Ti=Ml" * 2


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="minhduc_portal.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", PORTAL_ENV="production", SECRET_KEY="", ALLOWED_HOSTS="x.vn")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Lỗi cấu hình: PORTAL_ENV=production cần SECRET_KEY thật (ít nhất 50 ký tự ngẫu nhiên, "
        "không lặp lại, không bắt đầu bằng django-insecure-)."
    ]


def test_production_refuses_to_start_without_hosts():
    result = manage("check", PORTAL_ENV="production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="")
    assert result.returncode == 1
    assert "ALLOWED_HOSTS" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_database_gives_one_line():
    result = manage("migrate", DATABASE_URL="postgres://u:p@127.0.0.1:9/portal")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Không kết nối được cơ sở dữ liệu")


def test_unknown_database_scheme_gives_one_line():
    result = manage("check", DATABASE_URL="mysqlx://nothing")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Lỗi cấu hình: DATABASE_URL phải bắt đầu bằng sqlite:/// hoặc postgres://."
    ]
