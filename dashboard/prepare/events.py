"""Context events: dated policy, border, origin and context events, each with the document that records it.

They explain turns in the series (the fall after March 2016) and are drawn as labelled markers on the time axes,
never as figures. Each row is checked as the other sources are, with a located error: an id decks can name
(unique, lowercase words joined by hyphens), a real ISO date, a known kind, countries that are known ISO-3 codes
and routes that are route names Frontex's own file uses. Lists are written in one spelling (codes separated by
single spaces, routes by ';'), so the same events give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from dashboard.prepare.base import SourceResult
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference
from dashboard.schema import EVENT_ID_PATTERN, EVENT_KINDS, EVENTS

EVENTS_FILE = Path("context/events.csv")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _fail_at(df: pd.DataFrame, bad: pd.Series, path: Path, column: str, message: str) -> None:
    if bad.any():
        raise PrepareError(path, message.format(value=df.loc[bad, column].iloc[0]),
                           row=int(df.loc[bad, ROW].iloc[0]), column=column)


def _check_list(df: pd.DataFrame, column: str, sep: str, known: Collection[str], path: Path, what: str) -> pd.Series:
    """Each item of a list cell must be known; returns the cells in one spelling (stripped, one separator)."""
    items = df[column].str.split(sep).map(lambda parts: [p.strip() for p in parts if p.strip()])
    for i, parts in items.items():
        unknown = [p for p in parts if p not in known]
        if unknown:
            raise PrepareError(path, f"unknown {what} {unknown[0]!r}", row=int(df.at[i, ROW]), column=column)
    return items.map((" " if sep.isspace() else sep).join)


def read_events(raw: Path, ref: Reference, routes: Collection[str]) -> SourceResult:
    """The events as listed; `routes` are the route names of Frontex's file, read earlier in the same run."""
    path = raw / EVENTS_FILE
    df = read_csv(path, dict.fromkeys(EVENTS.columns, "str"), nullable=("countries", "routes"))
    for column in EVENTS.columns:
        df[column] = df[column].fillna("").str.strip()
    _fail_at(df, ~df["id"].str.fullmatch(EVENT_ID_PATTERN), path, "id",
             "event id {value!r} is not lowercase words joined by hyphens (e.g. eu-turkiye-statement)")
    check_unique(df, ["id"], path)
    dates = pd.to_datetime(df["date"].where(df["date"].str.fullmatch(_DATE.pattern)), format="%Y-%m-%d",
                           errors="coerce")
    _fail_at(df, dates.isna(), path, "date", "{value!r} is not a date written YYYY-MM-DD")
    check_values(df, "kind", EVENT_KINDS, path, what="event kind")
    df["countries"] = _check_list(df, "countries", " ", ref.codes, path, "ISO-3 code")
    df["routes"] = _check_list(df, "routes", ";", set(routes), path, "Frontex route")
    result = SourceResult("context_events", rows_read=len(df))
    result.tables["events"] = df[list(EVENTS.columns)].reset_index(drop=True)
    return result
