"""Which page a path shows. The pages themselves are declared in layouts/; the route table's rules (exact paths,
and paths ending in a parameter such as /country/<iso3>) are dashboard/web/pages.py's.

Each page function gets the query string too, so pages drawn from the URL alone (embed, presenter) arrive
with their figures already in place instead of waiting for a second round trip. The server answers the page
shell of a parameter its page does not know (/country/XYZ) with 404 (dashboard.web.pages.status): the router then
draws the page that says so.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, html
from flask import Response, request

from dashboard.i18n.messages import translator
from dashboard.web.pages import Pages, normalised, resolve, status
from dashboard.web.reader import page_language
from dashboard.web.urls import path_url

PAGE_LOCATION = "page-location"
PAGE_CONTENT = "page-content"


def register(app: Dash, pages: Pages, base_path: str) -> None:
    @app.callback(Output(PAGE_CONTENT, "children"), Input(PAGE_LOCATION, "pathname"),
                  State(PAGE_LOCATION, "search"))
    def route(pathname, search):  # noqa: ANN001, ANN202
        search = search if isinstance(search, str) else ""
        page, _known = resolve(pages, normalised(pathname, base_path))
        if page is not None:
            return page(search)
        lang = page_language(search)
        t = translator(lang)
        home = html.A(t("Go to the dashboard"), href=path_url("", base_path))
        return html.Main([html.H1(t("Page not found"), className="h3"),
                          html.P([t("There is no page at this address. "), home, "."])],
                         className="container py-5", **{"data-lang": lang})

    shell = app.config.routes_pathname_prefix + "<path:path>"  # Dash's catch-all: the page shell of any path

    @app.server.after_request
    def not_found_status(response: Response) -> Response:
        if request.endpoint == shell and response.status_code == 200:
            response.status_code = status(pages, normalised(request.path, base_path))
        return response
