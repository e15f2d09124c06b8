"""Country profiles: the page functions for /country and /country/<ISO3> (the router draws them), and the map
panel's offer of the profiles of the countries a view has selected. Thin: the profile is dashboard.profile's.

A profile is a pure function of the country and the language, so each built page is kept per worker (LRU, by
entries): an official's colleagues opening the same profile, or a reload, cost a lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from dash import Dash, Input, Output, State

from dashboard.catalog import PARTICIPATING
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.profile.flow_words import Link
from dashboard.profile.page import build_profile, profile_offers
from dashboard.profile.places import known_country
from dashboard.profile.text import name_of
from dashboard.store import Store
from dashboard.view.params import show
from dashboard.view.state import Domain, state_from_store_data
from dashboard.web.pages import PathPage
from dashboard.web.reader import page_language
from dashboard.web.urls import country_url
from layouts import country
from layouts.ids import Ids

#: Profiles kept per worker: 11 countries × the languages in use. A page is ~19 small charts and their tables,
#: 0.2-0.4 MB as components, so the cache holds at most ~10 MB.
PAGES_CACHE = 24


def country_pages(store: Store, domain: Domain, data_date: str, base_path: str
                  ) -> tuple[dict[str, Callable[[str], object] | PathPage], object]:
    """Path -> page for /country (the index) and /country/<ISO3> (a profile; a code in any case), and the cache of
    built profiles (for the leak tests to watch)."""

    def links(lang: str) -> list[Link]:
        return [Link(name_of(store, c, lang), country_url(c, base_path, lang)) for c in PARTICIPATING]

    @lru_cache(maxsize=PAGES_CACHE)
    def profile_page(iso3: str, lang: str) -> object:
        """The page reads only `lang`: its language menu's links carry nothing else, and the cache key no query."""
        profile = build_profile(store, domain, iso3, lang, base_path)
        return country.profile_layout(profile, data_date, base_path)

    def index(search: str) -> object:
        lang = page_language(search)
        return country.index_layout(links(lang), data_date, base_path, lang, search)

    def profile(search: str, code: str) -> object:
        lang = page_language(search)
        iso3 = known_country(code)
        if iso3 is None:
            return country.unknown_layout(show(code), links(lang), data_date, base_path, lang, search)
        return profile_page(iso3, lang)

    pages = {"/country": index,
             "/country/<iso3>": PathPage(profile, lambda code: known_country(code) is not None, ("SRB", "grc"))}
    return pages, profile_page


def register(app: Dash, store: Store, domain: Domain, base_path: str) -> None:
    """The map panel's links: "Serbia's profile" for each of the 11 the view has selected (a click on the map
    selects a country). The countries come from the dropdown the view writes, so a year step costs nothing."""

    @app.callback(Output(Ids.PROFILES, "children"), Input(Ids.COUNTRIES, "value"), State(Ids.VIEW, "data"),
                  prevent_initial_call=True)
    def offer_profiles(countries, view):  # noqa: ANN001, ANN202 - whatever the browser sent
        state = state_from_store_data(view, domain)
        return country.profile_offers(profile_offers(store, countries, state.lang if state else DEFAULT_LANG,
                                                     base_path))
