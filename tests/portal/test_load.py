"""scripts/load.py, short: `make load` and `make faults` in a few seconds, each on its own
throwaway PostgreSQL (and the suite's Redis when CACHE_URL names one). The full runs stay
outside the suite."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL step of scripts/test.sh",
)


def load(*args):
    result = subprocess.run(
        ["bash", "scripts/with-postgres.sh", sys.executable, "scripts/load.py", *args],
        cwd=ROOT,
        env={**os.environ, "WORKERS": "2"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout)
    return result


def counted(output):
    """(lost, extra) summed over every counter line of the report."""
    pairs = re.findall(r"→ mất (\d+), thừa (\d+)", output)
    assert pairs, output
    return sum(int(a) for a, _ in pairs), sum(int(b) for _, b in pairs)


def test_load_counts_every_visit_and_view():
    result = load("--seconds", "5", "--connections", "8")
    assert result.returncode == 0, result.stdout + result.stderr
    total = re.search(r"^tổng\s+(\d+)\s+(\d+)\s+0\s+0\s+0\s+0", result.stdout, re.M)
    assert total and int(total.group(1)) == int(total.group(2)) > 0  # every request a 200
    assert counted(result.stdout) == (0, 0)
    assert "KẾT QUẢ: đạt" in result.stdout


def test_faults_lose_no_count_outside_the_outage_and_recover():
    result = load("--faults", "--seconds", "8", "--connections", "8", "--outage", "2")
    output = result.stdout
    assert "dừng PostgreSQL" in output and "SIGKILL worker gunicorn" in output, result.stderr
    assert counted(output) == (0, 0)
    assert "Hồi phục hoàn toàn (mọi yêu cầu cuối đều 200): có" in output
    errors = re.search(r"Phản hồi 500: (\d+); 503: (\d+)", output)
    assert int(errors.group(1)) == 0, output  # the outage is a 503, never a 500
    assert result.returncode == 0
