"""gunicorn settings shared by `make run`, the benchmark and production (see README)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", 2 * (os.cpu_count() or 1) + 1))
# A search for 5,000 Vietnamese characters is a ~45 kB URL: let Django answer it with a
# Vietnamese message instead of gunicorn's English "414 Request-URI Too Long".
limit_request_line = 0
accesslog = os.environ.get("ACCESS_LOG", "-")
loglevel = "warning"
