"""WSGI entry point for gunicorn (see Procfile): `dashboard.wsgi:server`."""

from __future__ import annotations

from dashboard.web.app import create_app

app = create_app()
server = app.server
