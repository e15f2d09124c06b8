"""The reader's language, from the request: what a view without `lang` opens in.

Dash's callbacks run inside the browser's POST, which carries the browser's Accept-Language, so the page and
every callback of it agree on the language without the URL saying it. Outside a request (tests, the static
edition, decks read from disk) it is English.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from flask import has_request_context, request

from dashboard.i18n.locales import DEFAULT_LANG, find, negotiate


def reader_language() -> str:
    """Our best language for the current request's Accept-Language; English outside a request."""
    if not has_request_context():
        return DEFAULT_LANG
    return negotiate(request.headers.get("Accept-Language", "")[:500])


def page_language(search: str | None) -> str:
    """The language a page opens in: the `lang` its query names, where that is one of ours, else the reader's.
    (A bad `lang` is the view codec's to report; the page around the notice is in the reader's language.)"""
    named = (parse_qs((search or "").lstrip("?")[:4000]).get("lang") or [""])[-1]
    return find(named[:40]) or reader_language()
