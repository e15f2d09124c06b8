"""The reader's language, from the request: what a view without `lang` opens in.

Dash's callbacks run inside the browser's POST, which carries the browser's Accept-Language, so the page and
every callback of it agree on the language without the URL saying it. Outside a request (tests, the static
edition, decks read from disk) it is English.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from flask import Flask, Response, has_request_context, request

from dashboard.i18n.locales import DEFAULT_LANG, find, negotiate

#: The language the reader last chose in the language menu (assets/lang.js sets it): it outranks the browser's.
CHOSEN_COOKIE = "see_lang"


def reader_language() -> str:
    """The reader's language: the one they chose in the language menu (a cookie), else our best language for the
    request's Accept-Language; English outside a request. So a reader whose browser prefers Greek but who chose
    English keeps English on links without `lang`."""
    if not has_request_context():
        return DEFAULT_LANG
    chosen = find(request.cookies.get(CHOSEN_COOKIE, "")[:40])
    return chosen or negotiate(request.headers.get("Accept-Language", "")[:500])


def page_language(search: str | None) -> str:
    """The language a page opens in: the `lang` its query names, where that is one of ours, else the reader's.
    (A bad `lang` is the view codec's to report; the page around the notice is in the reader's language.)"""
    named = (parse_qs((search or "").lstrip("?")[:4000]).get("lang") or [""])[-1]
    return find(named[:40]) or reader_language()


def vary_on_the_reader(server: Flask) -> None:
    """Pages and callback answers depend on the reader's language where the URL names none: say so to caches
    (Vary), so a proxy never hands one reader's Greek page to another's browser."""

    @server.after_request
    def vary(response: Response) -> Response:
        if response.mimetype == "text/html" or request.path.endswith("/_dash-update-component"):
            response.vary.add("Accept-Language")
            response.vary.add("Cookie")
        return response
