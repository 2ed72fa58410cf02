"""Settings for the test suite: the real settings with a throwaway key and a file test database.

The test database is a file (not SQLite's in-memory default) so that the ASGI server the browser
tests start in a subprocess sees the same data as the test.
"""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-" + "x" * 40)
os.environ.pop("REDIS_URL", None)

from designer.settings import *  # noqa: E402,F403
from designer.settings import BASE_DIR, DATABASES  # noqa: E402

TEST_OUTPUT = BASE_DIR / "test-output"
TEST_OUTPUT.mkdir(exist_ok=True)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per test process: parallel runs (several checkouts, xdist) never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_OUTPUT / f"test-db-{os.getpid()}.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
