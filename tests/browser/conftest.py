from __future__ import annotations

import os

# Playwright's sync API keeps an event loop on the main thread; the tests still touch the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
