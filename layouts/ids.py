"""Component ids, defined once and used by name in layouts and callbacks, never retyped as strings."""

from __future__ import annotations

from dashboard.panels.registry import PANELS
from dashboard.web.links import EXPORT_FILES


class Ids:
    URL = "url"
    VIEW = "view-state"
    #: The view the server last drew (the panels and year frames are computed from it); VIEW moves on from it
    #: by local year steps.
    DRAW = "draw-view"
    #: Every year of the drawn view, precomputed, so a year step needs no server (callbacks/panels.py).
    FRAMES = "year-frames"
    #: The drawn view's timeline key, written only when it changes: the frames are fetched once per timeline.
    TIMELINE = "timeline-key"
    #: What the browser could not resolve locally, handed to the server's sync: a URL, or a year step.
    URL_REQUEST = "url-request"
    YEAR_REQUEST = "year-request"
    NOTICES = "notices"
    CRIME = "crime"
    INDICATOR = "indicator"
    COUNTRIES = "countries"
    ROUTE = "route"
    MEASURE = "measure"
    INCIDENTS = "incidents"
    EVENTS = "events-switch"
    #: The view's events as ticks along the year slider (callbacks/timeline.py).
    YEAR_EVENTS = "year-events"
    COMPARE = "compare-year"
    #: The row of the map and Flows slots; "comparing" while the map compares two years (assets/app.css).
    PANEL_ROW = "panel-row"
    SERIES = "series"
    TOP = "top"
    YEAR = "year"
    YEAR_LABEL = "year-label"
    PLAY = "play"
    SPEED = "speed"
    TICKER = "ticker"
    CLEAR = "clear-selection"
    SHARE_LINK = "share-link"
    #: The map panel's links to the profiles of the countries selected (callbacks/country.py).
    PROFILES = "profile-offers"


class Panel:
    """Per-panel ids: Panel.id("map", "graph") -> "map-graph"."""

    NAMES = tuple(PANELS)

    @staticmethod
    def id(panel: str, part: str) -> str:
        return f"{panel}-{part}"


class Present:
    """Presenter mode and speaker view (layouts/present.py). MY_DECK is shared with the main view's deck menu."""

    URL = "present-url"
    DECK = "present-deck"
    POS = "present-pos"
    ACTION = "present-action"
    ACK = "present-ack"
    SYNC = "present-sync"
    MY_DECK = "my-deck"
    PANELS = "present-panels"
    TITLE = "present-title"
    TAKEAWAY = "present-takeaway"
    SOURCE = "present-source"
    YEAR = "present-year"
    COUNTER = "present-counter"
    EXIT = "present-exit"
    SPEAKER_URL = "speaker-url"
    SPEAKER_TITLE = "speaker-title"
    SPEAKER_TAKEAWAY = "speaker-takeaway"
    SPEAKER_YEAR = "speaker-year"
    SPEAKER_COUNTER = "speaker-counter"
    NOTES = "present-notes"
    NEXT_TITLE = "present-next-title"
    NEXT_TAKEAWAY = "present-next-takeaway"
    NEXT_GRAPH = "present-next-graph"
    WARNINGS = "present-warnings"
    SLOTS = 3

    @staticmethod
    def graph(slot: int) -> str:
        return f"present-graph-{slot}"

    @staticmethod
    def slot(slot: int) -> str:
        return f"present-slot-{slot}"


class Share:
    """Present, embed, export and deck tools on the main view (layouts/share.py)."""

    PRESENT = "share-present"
    REPORT_PACK = "share-report-pack"
    ADD = "share-add-to-deck"
    ADD_MODAL = "share-add-modal"
    ADD_TITLE = "share-add-title"
    ADD_TAKEAWAY = "share-add-takeaway"
    ADD_NOTES = "share-add-notes"
    ADD_PANELS = "share-add-panels"
    ADD_CONFIRM = "share-add-confirm"
    ADD_STATUS = "share-add-status"
    DECK_MENU = "share-deck-menu"
    DECK_PRESENT = "share-deck-present"
    DECK_DOWNLOAD = "share-deck-download"
    DECK_FILE = "share-deck-file"
    DECK_CLEAR = "share-deck-clear"
    EMBED_MODAL = "share-embed-modal"
    EMBED_CODE = "share-embed-code"
    EMBED_OPEN = "share-embed-open"
    EXPORTS = tuple(EXPORT_FILES)

    @staticmethod
    def export(panel: str, kind: str) -> str:
        return f"{panel}-export-{kind}"

    @staticmethod
    def embed(panel: str) -> str:
        return f"{panel}-embed"
