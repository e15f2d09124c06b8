"""The flows in and out of a profile's country, each in the latest year its publisher gives for it:

- asylum: the origins of the applications lodged in the country, and where its own citizens applied (UNHCR's
  asylum applications, which cover all 11 as countries of asylum; the flows file holds every country of asylum
  for applicants from the 11);
- trafficking: the citizenships of the victims detected in the country, and where its citizens were detected
  among the 11 (UNODC GLOTIP);
- Frontex: the routes that run through the country (profile.places) with their detections and largest
  nationalities, and the detections of its own nationals on any route, in Frontex's latest complete year.

Rows are the prepared files' own; values withheld by the publisher ("<5") are listed as such, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.catalog import GROUP_NAMES
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.names import country_name
from dashboard.profile.places import routes_through
from dashboard.store import Store

#: (measure of data/flows.parquet, direction) in the order the page shows them.
FLOWS = (("asylum_applications", "in"), ("asylum_applications", "out"), ("thb_victims_by_citizenship", "in"),
         ("thb_victims_by_citizenship", "out"))
#: How many partners a flow table lists with their values; the rest are counted.
TOP = 10
#: How many nationalities a route lists.
TOP_NATIONALITIES = 3
#: Groups the publishers use in place of a country, said in the reader's language.
GROUPS = {"Nationals": N_("Nationals of {country}"), "Unknown": N_("Unknown"), "Unlabelled": N_("Unlabelled"),
          "Former Yugoslavia": N_("Former Yugoslavia"), **GROUP_NAMES}
COLUMNS = ["measure", "direction", "year", "origin", "destination", "value", "flag", "lower", "upper", "source"]


@dataclass(frozen=True)
class FlowTable:
    """One flow of a profile: its measure, direction ("in" or "out") and latest year (None: the file has none),
    the partners with a value, largest first (at most TOP), those withheld, and how many partners with a value
    were left out."""

    measure: str
    direction: str
    year: int | None
    shown: pd.DataFrame
    withheld: pd.DataFrame
    more: int

    @property
    def partner(self) -> str:
        """The column naming the other end: the origin of what comes in, the destination of what goes out."""
        return "origin" if self.direction == "in" else "destination"


def partner_name(store: Store, code: str, iso3: str, lang: str) -> str:
    """A flow's other end in `lang`: a country, or the publisher's group ('Nationals of Serbia', 'Stateless')."""
    if code in GROUPS:
        return translator(lang)(GROUPS[code], country=country_name(iso3, lang, store.name(iso3)))
    return country_name(code, lang, store.name(code))


def flow_table(store: Store, iso3: str, measure: str, direction: str) -> FlowTable:
    """The flow into (`in`) or out of (`out`) the country for one measure, in the latest year it has rows."""
    ends = {"destinations": [iso3]} if direction == "in" else {"origins": [iso3]}
    rows = store.flow_rows([measure], **ends)
    if direction == "out":  # its citizens detected at home are in the flow in (their citizenship), not out
        rows = rows[rows["destination"] != iso3]
    if rows.empty:
        return FlowTable(measure, direction, None, rows, rows, 0)
    year = int(rows["year"].max())
    rows = rows[rows["year"] == year].drop(columns=[c for c in rows.columns if c not in COLUMNS])
    rows = rows.assign(direction=direction)[COLUMNS]
    partner = "origin" if direction == "in" else "destination"
    valued = rows[rows["value"].notna()].sort_values(["value", partner], ascending=[False, True])
    withheld = rows[rows["value"].isna()].sort_values(partner)
    return FlowTable(measure, direction, year, valued.head(TOP).reset_index(drop=True),
                     withheld.reset_index(drop=True), max(0, len(valued) - TOP))


def flow_tables(store: Store, iso3: str) -> list[FlowTable]:
    """Every flow of the profile, in the order of FLOWS."""
    return [flow_table(store, iso3, measure, direction) for measure, direction in FLOWS]


def flows_frame(store: Store, iso3: str) -> pd.DataFrame:
    """The rows the flow tables show (listed and withheld), for the profile's JSON twin."""
    parts = [part for table in flow_tables(store, iso3) for part in (table.shown, table.withheld) if len(part)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)


def frontex_year(store: Store) -> int | None:
    """Frontex's latest complete year (its 2025 covers January–April only)."""
    complete = [y for y in store.route_years if not store.partial_months("frontex", y)]
    return max(complete) if complete else None


def route_rows(store: Store, iso3: str) -> pd.DataFrame:
    """Per route through the country (profile.places): Frontex's detections in its latest complete year, its
    largest nationalities (space-separated codes, largest first) and the detections of the country's own nationals
    on it; then any other route on which its nationals were detected that year. None where the file lists no
    detection: it lists only the counts Frontex published, so nothing is filled in."""
    year = frontex_year(store)
    columns = ["route", "year", "through", "detections", "top_nationalities", "nationals", "source"]
    if year is None:
        return pd.DataFrame(columns=columns)
    rows = store.route_rows(None, None, year, year)
    totals = rows.groupby("route")["detections"].sum()
    mine = rows[rows["nationality"] == iso3].groupby("route")["detections"].sum()
    through = routes_through(iso3)
    out = []
    for route in [*through, *(r for r in mine.index if r not in through)]:
        by_nationality = rows[rows["route"] == route].groupby("nationality")["detections"].sum()
        top = by_nationality.sort_values(ascending=False, kind="stable").head(TOP_NATIONALITIES)
        out.append({"route": route, "year": year, "through": route in through,
                    "detections": int(totals[route]) if route in totals else None,
                    "top_nationalities": " ".join(top.index),
                    "nationals": int(mine[route]) if route in mine else None, "source": "frontex"})
    return pd.DataFrame(out, columns=columns).astype({"detections": "Int64", "nationals": "Int64"})


def nationality_counts(store: Store, route: str, year: int, codes: list[str]) -> list[int]:
    """Frontex's detections of each nationality on one route in one year, in the order given."""
    rows = store.route_rows([route], codes, year, year)
    sums = rows.groupby("nationality")["detections"].sum()
    return [int(sums.get(c, 0)) for c in codes]
