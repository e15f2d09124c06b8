"""Fixtures for the hardening tests.

The browser harness (a real gunicorn on 127.0.0.1, Debian's headless Chromium, a recording ``page``) is the one in
tests/browser/conftest.py, re-exported here so these tests drive the same server the browser tests do.
"""

from __future__ import annotations

from tests.browser.conftest import browser, live_server, page, recorder  # noqa: F401 - fixtures, by name
