"""create_app(): the Dash app with its pages, callbacks, data API and server settings.

The prepared data is read once here (per worker, or once in gunicorn's master with preload) and every
callback and API route closes over that one Store. Nothing here imports the prepare step or geopandas.
"""

from __future__ import annotations

import orjson
from dash import Dash, dcc, html
from flask import Response, request
from flask_compress import Compress

from callbacks import country, embed, export, panels, present, router, share, timeline, url
from dashboard.config import REPO_ROOT, Config
from dashboard.export.files import _outlines as export_outlines
from dashboard.export.files import blueprint as export_blueprint
from dashboard.figures.choropleth import class_breaks
from dashboard.store import Store, load_store
from dashboard.view.state import Domain, domain_from_store
from dashboard.web import api, guard, plotly_words, security, static, testing_hooks
from dashboard.web.pages import page_paths
from dashboard.web.reader import page_language, vary_on_the_reader
from layouts.about import about_layout
from layouts.main import main_layout

TITLE = "SEE Route Monitor"


class SeeDash(Dash):
    """Dash, less the DataTable bundle that Dash names in every index page: no page of ours uses DataTable
    (tables are Bootstrap's), and it is 10 kB of every cold load. `interpolate_index` is Dash's own hook for
    reshaping the index page."""

    def interpolate_index(self, **kwargs: str) -> str:
        kwargs["scripts"] = "\n".join(line for line in kwargs["scripts"].split("\n")
                                      if "/dash/dash_table/" not in line)
        # The page's language from its first byte, for screen readers (assets/lang.js keeps it as pages change).
        lang = page_language(request.query_string.decode("utf-8", "replace"))
        return super().interpolate_index(**kwargs).replace('<html lang="en">', f'<html lang="{lang}">', 1)


def _geojson_route(app: Dash, store: Store) -> str:
    """Serve the outlines from data/ with a long cache life; the URL carries the data version.

    Compressed once, at brotli's best quality (62 kB instead of Flask-Compress's 99 kB for every first visit).
    """
    body = (store.data_dir / "countries.geojson").read_bytes()
    body_br = static.best_brotli(body)
    route = "/data/countries.geojson"

    @app.server.route(route)
    def geojson() -> Response:
        if static.accepts_brotli(request):
            resp = Response(body_br, mimetype="application/geo+json")
            resp.headers["Content-Encoding"] = "br"
        else:
            resp = Response(body, mimetype="application/geo+json")
        resp.headers.update({"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"})
        return resp

    return f"{app.config.requests_pathname_prefix.rstrip('/')}{route}?v={store.data_version[:12]}"


def create_app(config: Config | None = None, store: Store | None = None) -> Dash:
    """Build the app. Raises dashboard.store.DataError, with one clear sentence, if data/ is unusable.

    The warm-up comes last on purpose: it sends the first response, which is when the security headers read the
    CSP hashes of the inline scripts, so every callback and route must be in place before it.
    """
    config = config or Config()
    store = store or load_store(config.data_dir)
    domain = domain_from_store(store)
    app = _new_dash(config)
    compress = _compress(app)
    app.server.config["SEE_STORE"] = store
    geojson_url = _geojson_route(app, store)
    _data_routes(app, store, domain, config)
    slides = present.Slides(store, domain, geojson_url, config.base_path)
    profiles = _pages(app, store, domain, geojson_url, config, slides)
    panel_caches = _callbacks(app, store, domain, geojson_url, config, slides)
    security.install(app.server, config, app.csp_hashes)
    static.install(app.server, REPO_ROOT / "assets", config.base_path)
    plotly_words.install(app.server, config.base_path)
    vary_on_the_reader(app.server)
    guard.install(app)
    # Every cache a worker holds, for the leak tests (inert unless SEE_TEST_HOOKS=1; see testing_hooks).
    testing_hooks.install(app.server, config.base_path, {
        **{name: testing_hooks.lru_sizes(cached) for name, cached in panel_caches.items()},
        "class breaks": testing_hooks.lru_sizes(class_breaks),
        "export outlines": testing_hooks.lru_sizes(export_outlines), "compressed files": compress.cache.sizes,
        "country profiles": testing_hooks.lru_sizes(profiles),
        "store": testing_hooks.computed_properties(store)})
    _service_routes(app, store, config.base_path)
    _warm_up(app, config.base_path)
    if config.warm:  # gunicorn's master: compress the shipped files once, for every worker it forks
        static.prewarm(app.server, config.base_path)
    return app


def _new_dash(config: Config) -> SeeDash:
    """The bare Dash app: our assets, our slimmed plotly.js and Bootstrap served from here, and the page's
    language and description, so that every page built on it starts offline-ready and accessible."""
    app = SeeDash(
        __name__,
        title=TITLE,
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
        assets_folder=str(REPO_ROOT / "assets"),
        # Dash includes root assets before sub-folders, so Bootstrap is listed explicitly to load first and
        # let assets/*.css override it; it is still served locally from assets/00_vendor. assets/site/ is the
        # static edition's own front end (dashboard/site), never loaded by the dashboard's pages.
        assets_path_ignore=["^00_vendor$", "^site$"],
        external_stylesheets=[f"{config.base_path.rstrip('/')}/assets/00_vendor/bootstrap/bootstrap.min.css"],
        # plotly.js with only our trace types: dcc.Graph uses a window.Plotly it finds instead of fetching the
        # full 1.4 MB (brotli) bundle; see assets/00_vendor/plotly/README.md.
        # Then plotly.js's own words (the mode bar's) in our languages, registered before any graph draws.
        external_scripts=[f"{config.base_path.rstrip('/')}/assets/00_vendor/plotly/plotly-see.min.js",
                          plotly_words.script_url(config.base_path)],
        url_base_pathname=config.base_path,
        compress=False,  # Flask-Compress below covers every response, not just Dash's own
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Irregular migration, migrant smuggling and trafficking "
                                                      "on the Eastern Mediterranean and Western Balkan routes"}],
    )
    # Screen readers pick their voice and pronunciation from the page's language (WCAG 3.1.1).
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.enable_dev_tools(debug=config.debug, dev_tools_disable_version_check=True)
    return app


def _compress(app: Dash) -> Compress:
    """Brotli or gzip for every text response over 500 bytes (pages, callbacks, the API, CSV), not only Dash's own.

    Shipped files are compressed once per worker and kept (static.CompressedFiles); the Compress object is
    returned so the leak tests can watch the size of that cache.
    """
    app.server.config.update(COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_MIN_SIZE=500,
                             COMPRESS_CACHE_BACKEND=static.CompressedFiles,
                             COMPRESS_CACHE_KEY=static.compressed_file_key,
                             COMPRESS_MIMETYPES=["text/html", "text/css", "text/csv", "application/json",
                                                 "application/javascript", "text/javascript",
                                                 "application/geo+json"])
    return Compress(app.server)


def _data_routes(app: Dash, store: Store, domain: Domain, config: Config) -> None:
    """The routes that hand out data rather than pages: the data API (/api) and the report files (/export)."""
    prefix = config.base_path.rstrip("/")
    app.server.register_blueprint(api.blueprint(store, domain, config.base_path), url_prefix=f"{prefix}/api")
    app.server.register_blueprint(export_blueprint(store, domain, config), url_prefix=f"{prefix}/export")


def _pages(app: Dash, store: Store, domain: Domain, geojson_url: str, config: Config,
           slides: present.Slides) -> object:
    """The route table of pages (dashboard, about, presenter, embeds, country profiles), drawn by the router into
    one shell layout. Returns the cache of built country profiles, which the leak tests watch."""
    app.layout = html.Div([dcc.Location(id=router.PAGE_LOCATION), html.Div(id=router.PAGE_CONTENT)])
    profiles, profile_cache = country.country_pages(store, domain, store.data_date, config.base_path)
    pages = {
        "/": lambda search: main_layout(store.data_date, store.names, store.route_names, config.base_path,
                                        page_language(search), search),
        "/about": lambda search: about_layout(store.datapackage, store.data_date, config.base_path,
                                              page_language(search), search),
        **present.present_pages(slides, config.decks_dir),
        **embed.embed_pages(store, domain, geojson_url, config.base_path),
        **profiles,
    }
    router.register(app, pages, config.base_path)
    app.server.config["SEE_PAGES"] = page_paths(pages)  # every page path, for crawlers such as the URL fuzz
    return profile_cache


def _callbacks(app: Dash, store: Store, domain: Domain, geojson_url: str, config: Config,
               slides: present.Slides) -> dict[str, object]:
    """Every page's callbacks. Returns the panels' caches by name, which the leak tests watch."""
    url.register(app, domain, config.base_path)
    panel_caches = panels.register(app, store, domain, geojson_url, config.base_path, warm=config.warm)
    export.register(app, store, domain)
    timeline.register(app, store, domain)
    present.register(app, slides)
    share.register(app, domain, config.base_path)
    country.register(app, store, domain, config.base_path)
    return panel_caches


def _service_routes(app: Dash, store: Store, base_path: str) -> None:
    """/healthz (is this worker up, and which data does it serve) and short plain-text 404 and 500 answers in place
    of Flask's HTML pages."""

    @app.server.route(f"{base_path.rstrip('/')}/healthz")
    def healthz() -> Response:
        body = {"status": "ok", "data_loaded": True, "data_version": store.data_version, "data_date": store.data_date}
        return Response(orjson.dumps(body), mimetype="application/json")

    @app.server.errorhandler(404)
    def not_found(_err: Exception) -> tuple[str, int]:
        return "Not found", 404

    @app.server.errorhandler(500)
    def server_error(_err: Exception) -> tuple[str, int]:
        return "The server could not answer this request.", 500


def _warm_up(app: Dash, base_path: str) -> None:
    """Render the index once, in this process, before any worker forks.

    Dash registers the component bundles it may serve while rendering the index; a gunicorn worker that has
    not rendered it yet would answer 500 to a bundle request sent after another worker served the page.
    """
    response = app.server.test_client().get(base_path)
    if response.status_code != 200:
        raise RuntimeError(f"the app could not render its own index page (status {response.status_code})")

