"""The decks of decks/ in the static edition: each slide's precomputed figures, title, takeaway and source line,
one script per deck and language, stepped by the page's keys as the presenter steps them (←/→, PageUp/PageDown).
"""

from __future__ import annotations

from pathlib import Path

from dashboard.panels.registry import build_panel, panel_publishers, slot_panels
from dashboard.present.decks import load_deck
from dashboard.present.navigation import Position, counter, slide_view, source_line
from dashboard.store import Store
from dashboard.view.state import Domain


def deck_data(store: Store, domain: Domain, decks_dir: Path, name: str, lang: str, geojson: str) -> dict:
    """A deck in `lang`: its title and, per slide, the panels the presenter projects, drawn by the server's code."""
    deck = load_deck(decks_dir, name, domain)
    slides = []
    for i, slide in enumerate(deck.slides):
        pos = Position(slide=i, year=None)
        state = slide_view(deck, pos, lang)
        panels = slot_panels(state, slide.panels)
        publishers = sorted({r for p in panels for r in panel_publishers(store, state, p)})
        slides.append({"title": slide.title_in(lang), "takeaway": slide.takeaway_in(lang),
                       "counter": counter(deck, pos, lang), "source": source_line(publishers, lang),
                       "figures": [build_panel(store, state, p, geojson).to_plotly_json() for p in panels]})
    return {"name": name, "lang": lang, "title": deck.title_in(lang), "slides": slides}

