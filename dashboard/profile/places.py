"""Which of the 11 a profile compares a country with, and which Frontex routes it lies on: two small committed
tables, each with the basis it rests on stated, so a reader (and a reviewer) can check them.

- Neighbours: the participating countries a country shares a land border with, as the outlines in
  data/countries.geojson draw them (Natural Earth; tests/unit/test_profile_rows.py recomputes the table from
  them). Cyprus shares no land border with any of the 11: its charts compare it with the range of the 11 alone.
- Routes: Frontex publishes detections per route, not per country. The table lists, for each Frontex route, the
  participating countries it runs through as Frontex describes its migratory routes: the Eastern Mediterranean
  into Greece, Cyprus and Bulgaria from Türkiye; the Western Balkan through the five Western Balkan countries of
  the 11 to the EU's land borders with them in Croatia and Romania; the circular route between Albania and
  Greece; the Black Sea from Türkiye to Romania and Bulgaria; the Eastern Borders at Romania's borders with
  Ukraine and Moldova. Routes through none of the 11 (Central and Western Mediterranean, Western African) have
  no entry.
"""

from __future__ import annotations

from dashboard.catalog import PARTICIPATING
from dashboard.i18n.messages import N_

#: Land borders among the 11 (data/countries.geojson); symmetric, each list in PARTICIPATING order.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "ALB": ("GRC", "MKD", "MNE"),
    "BIH": ("HRV", "MNE", "SRB"),
    "BGR": ("GRC", "MKD", "ROU", "SRB", "TUR"),
    "HRV": ("BIH", "MNE", "SRB"),
    "CYP": (),
    "GRC": ("ALB", "BGR", "MKD", "TUR"),
    "MKD": ("ALB", "BGR", "GRC", "SRB"),
    "MNE": ("ALB", "BIH", "HRV", "SRB"),
    "ROU": ("BGR", "SRB"),
    "SRB": ("BIH", "BGR", "HRV", "MKD", "MNE", "ROU"),
    "TUR": ("BGR", "GRC"),
}

#: Frontex route -> the participating countries it runs through (Frontex's descriptions of its routes).
ROUTE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Eastern Mediterranean Route": ("BGR", "CYP", "GRC", "TUR"),
    "Western Balkan Route": ("ALB", "BIH", "HRV", "MKD", "MNE", "ROU", "SRB"),
    "Circular Route from Albania to Greece": ("ALB", "GRC"),
    "Black Sea Route": ("BGR", "ROU", "TUR"),
    "Eastern Borders Route": ("ROU",),
}

NEIGHBOURS_BASIS = N_("Neighbours are the participating countries that share a land border with it (Natural "
                      "Earth's outlines).")
NO_NEIGHBOURS = N_("It shares no land border with any of the 11, so its charts compare it with the range of the 11 "
                   "alone.")
ROUTES_BASIS = N_("Frontex counts detections per route, not per country. The routes listed are those Frontex "
                  "describes as running through the country (into Greece, Cyprus and Bulgaria from Türkiye; "
                  "through the Western Balkans to Croatia and Romania; between Albania and Greece; across the "
                  "Black Sea; at Romania's eastern borders).")


def neighbours(iso3: str) -> tuple[str, ...]:
    """The participating countries sharing a land border with `iso3` (none for Cyprus or a code not of the 11)."""
    return NEIGHBOURS.get(iso3, ())


def routes_through(iso3: str) -> tuple[str, ...]:
    """The Frontex routes that run through `iso3`, in the table's order."""
    return tuple(route for route, countries in ROUTE_COUNTRIES.items() if iso3 in countries)


def known_country(code: object) -> str | None:
    """The ISO-3 code of one of the 11 that `code` spells in any case ('srb' -> 'SRB'), else None."""
    if not isinstance(code, str) or len(code) != 3:
        return None
    upper = code.upper()
    return upper if upper in PARTICIPATING else None
