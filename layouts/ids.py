"""Component ids, defined once and used by name in layouts and callbacks, never retyped as strings."""

from __future__ import annotations


class Ids:
    URL = "url"
    VIEW = "view-state"
    NOTICES = "notices"
    CRIME = "crime"
    INDICATOR = "indicator"
    COUNTRIES = "countries"
    ROUTE = "route"
    MEASURE = "measure"
    INCIDENTS = "incidents"
    SERIES = "series"
    TOP = "top"
    YEAR = "year"
    YEAR_LABEL = "year-label"
    PLAY = "play"
    SPEED = "speed"
    TICKER = "ticker"
    CLEAR = "clear-selection"
    SHARE_LINK = "share-link"


class Panel:
    """Per-panel ids: Panel.id("map", "graph") -> "map-graph"."""

    NAMES = ("map", "sankey", "series")

    @staticmethod
    def id(panel: str, part: str) -> str:
        return f"{panel}-{part}"
