"""plotly.js's own words (the mode bar's button titles) in every language of ours, as one script.

plotly.js draws its mode bar itself, in English unless a locale is registered under the name a graph's config
gives (`config.locale`). This script registers each of our languages with the words from our catalogues, so the
mode bar speaks the page's language like everything else. It is served from this origin (no CDN), cached with
the data version in its URL like the outlines, and loaded right after plotly.js, before any graph is drawn.
"""

from __future__ import annotations

import hashlib
import json

from flask import Flask, Response

from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import N_, translator

#: The mode bar's button titles that our figures show (plotly.js's own English strings are the keys).
MODEBAR = (N_("Download plot as a PNG"), N_("Pan"), N_("Reset"), N_("Reset axes"), N_("Reset view"),
           N_("Zoom"), N_("Zoom in"), N_("Zoom out"), N_("Autoscale"))
ROUTE = "/i18n/plotly-locales.js"


def locales_script() -> str:
    """`Plotly.register` of a locale per language of ours, its dictionary plotly's English -> our words."""
    modules = [{"moduleType": "locale", "name": code,
                "dictionary": {text: translator(code)(text) for text in MODEBAR}}
               for code in LANGUAGES if code != DEFAULT_LANG]
    return f"window.Plotly && window.Plotly.register({json.dumps(modules, ensure_ascii=False)});\n"


def script_url(base_path: str) -> str:
    """Where the page loads the script from: its content's hash in the URL, so changed words are fetched anew."""
    digest = hashlib.sha256(locales_script().encode("utf-8")).hexdigest()[:12]
    return f"{base_path.rstrip('/')}{ROUTE}?v={digest}"


def install(server: Flask, base_path: str) -> None:
    """Serve the script, for as long as a year (its URL changes with its words)."""
    body = locales_script().encode("utf-8")

    @server.route(f"{base_path.rstrip('/')}{ROUTE}")
    def plotly_locales() -> Response:
        resp = Response(body, mimetype="text/javascript")
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return resp
