"""Django's database sessions, refusing cookies that cannot be a session key.

A session cookie holding a NUL or other stray bytes reached the database query, which
PostgreSQL refuses (a 500 for a crafted cookie, found by the fuzz test); Django's own keys
are 32 lower-case letters and digits.
"""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(key) and SESSION_KEY.fullmatch(key) is not None
