#!/usr/bin/env python
"""Django's command-line utility, with a one-line message when the database is unreachable."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minhduc_portal.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"Không kết nối được cơ sở dữ liệu (kiểm tra DATABASE_URL): {first_line}")


if __name__ == "__main__":
    main()
