"""The prepared datasets, loaded once per worker, and the queries every view shares.

Figures, downloads and the HTTP API all read through these functions, so a number on screen, in a CSV and in
the API is the same number with the same source id and flag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from babel.dates import get_month_names

from dashboard.catalog import GROUP_NAMES, PARTICIPATING, PUBLISHED_INDICATORS, PUBLISHED_RATES
from dashboard.derived import add_token, composed_rows, none_recorded_rows, normalised, published_rates
from dashboard.i18n.locales import DEFAULT_LANG, language
from dashboard.schema import GEOMETRY_FILE, PACKAGE_FILE, TABLES

#: The files the app needs and the columns each must carry: every column of the prepared table, as the one
#: contract with the prepare step (dashboard/schema.py) declares it.
REQUIRED: dict[str, tuple[str, ...]] = {
    **{t.path: t.columns for t in TABLES.values()},
    GEOMETRY_FILE: (),
    PACKAGE_FILE: (),
}


#: Columns the queries compute with (the contract's integer and number fields): text there would only fail
#: later, inside a request, so it fails at start-up.
NUMERIC: dict[str, tuple[str, ...]] = {t.path: t.numeric for t in TABLES.values()}


class DataError(RuntimeError):
    """The prepared data is missing or does not match the contract; the app refuses to start on it."""


def _read(path: Path) -> pd.DataFrame | dict:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    return json.loads(path.read_text(encoding="utf-8"))


def _load_checked(data_dir: Path) -> dict[str, pd.DataFrame | dict]:
    if not data_dir.is_dir():
        raise DataError(f"data folder {data_dir} does not exist; run `python -m dashboard.prepare` first")
    loaded: dict[str, pd.DataFrame | dict] = {}
    for name, columns in REQUIRED.items():
        path = data_dir / name
        if not path.is_file():
            raise DataError(f"{path} is missing; run `python -m dashboard.prepare`")
        try:
            table = _read(path)
        except Exception as exc:  # any parse failure becomes one clear start-up message
            raise DataError(f"{path} cannot be read: {exc}") from exc
        if isinstance(table, pd.DataFrame):
            missing = [c for c in columns if c not in table.columns]
            if missing:
                raise DataError(f"{path} lacks the column(s) {', '.join(missing)}")
            text = [c for c in NUMERIC.get(name, ()) if not pd.api.types.is_numeric_dtype(table[c])]
            if text:
                raise DataError(f"{path}: column(s) {', '.join(text)} must be numeric")
        elif not isinstance(table, dict):
            raise DataError(f"{path} must hold a JSON object")
        loaded[name] = table
    return loaded


@dataclass(eq=False)
class Store:
    """In-memory prepared data. Build it with `load_store`; it is read-only afterwards.

    Its cached properties are its only cache, bounded by their number: each is computed once per worker.
    """

    data_dir: Path
    countries: pd.DataFrame
    indicators: pd.DataFrame
    routes: pd.DataFrame
    flows: pd.DataFrame
    incidents: pd.DataFrame
    #: Context events (events.csv), oldest first, with `when` their date parsed and `countries` and `routes`
    #: as tuples (empty: region-wide, no route).
    events: pd.DataFrame
    datapackage: dict

    # ---- reference lookups -------------------------------------------------------------------------------
    @cached_property
    def names(self) -> dict[str, str]:
        """ISO-3 code -> display name, for every country the data mentions."""
        return dict(zip(self.countries["iso3"], self.countries["name"], strict=True))

    def name(self, code: str) -> str:
        """A display name for an ISO-3 code, a publisher's pseudo-code (OOO) or a named group ('Nationals')."""
        return self.names.get(code) or GROUP_NAMES.get(code, code)

    @cached_property
    def sources(self) -> dict[str, dict]:
        """Source id -> its datapackage entry (publisher, title, licence, dates, URL)."""
        return {s["id"]: s for s in self.datapackage.get("sources", []) if "id" in s}

    @cached_property
    def data_version(self) -> str:
        return str(self.datapackage.get("version", "unknown"))

    @cached_property
    def data_date(self) -> str:
        """The newest release date among the sources: what the header calls "newest source release"."""
        dates = [str(s.get("release") or "") for s in self.sources.values()]
        dates = [d for d in dates if d[:4].isdigit()]
        return max(d[:10] for d in dates) if dates else ""

    @cached_property
    def _partial(self) -> dict[str, dict[int, int]]:
        return partial_years(self.datapackage)

    def partial_months(self, source_id: str, year: int, lang: str = DEFAULT_LANG) -> str:
        """'January–April' when the source's data ends inside `year` (its coverage_end, e.g. "2025-04"), else "";
        in `lang`'s month names (CLDR's stand-alone wide names, through Babel)."""
        last = self._partial.get(source_id, {}).get(int(year))
        return months_text(last, lang) if last else ""

    @cached_property
    def route_names(self) -> list[str]:
        return sorted(self.routes["route"].unique().tolist())

    @cached_property
    def known_iso3(self) -> frozenset[str]:
        return frozenset(self.countries["iso3"])

    def years_for(self, indicator: str) -> list[int]:
        """Years in which any participating country has a row for the indicator."""
        return self._years_by_indicator.get(indicator, [])

    @cached_property
    def _years_by_indicator(self) -> dict[str, list[int]]:
        part = self.indicators[self.indicators["iso3"].isin(PARTICIPATING)]
        return {k: sorted(int(y) for y in g.unique()) for k, g in part.groupby("indicator")["year"]}

    @cached_property
    def route_years(self) -> list[int]:
        return sorted({int(m[:4]) for m in self.routes["month"].unique()})

    # ---- queries -------------------------------------------------------------------------------------------
    def indicator_rows(
        self,
        indicators: list[str] | None = None,
        countries: list[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> pd.DataFrame:
        """Rows of country_indicators.parquet under the given filters, in file order."""
        return _select(self.indicators, {"indicator": indicators, "iso3": countries}, year_from, year_to)

    @cached_property
    def _population(self) -> pd.Series:
        pop = self.indicators[self.indicators["indicator"] == "population"]
        return pop.set_index(["iso3", "year"])["value"]

    @cached_property
    def population_end(self) -> int:
        """The last year with a population figure (UN WPP 2024 ends in 2023): no rate exists after it."""
        years = self._population.index.get_level_values("year")
        return int(years.max()) if len(years) else 0

    def population(self, iso3: str, year: int) -> float | None:
        value = self._population.get((iso3, year))
        return None if value is None or pd.isna(value) else float(value)

    def with_measure(self, rows: pd.DataFrame, measure: str) -> pd.DataFrame:
        """Rows as published ("absolute") or per 100,000 population.

        Where the publisher gives its own rate (catalog.PUBLISHED_RATES) that rate is shown. Otherwise the rate
        needs the same country's population in the same year (never carried over from another year); the rate
        keeps the count's flag, names the population source, and after the last population year carries the
        flag no_population, so the reader is told why it is missing.
        """
        if measure != "per100k" or rows.empty:
            return rows
        rated = rows["indicator"].isin(list(PUBLISHED_RATES)).to_numpy()
        out = rows.copy()
        pop = self._population.reindex(pd.MultiIndex.from_arrays([out["iso3"], out["year"]])).to_numpy()
        out["population"] = pop
        for column in ("value", "lower", "upper"):
            out[column] = out[column] / out["population"] * 100_000
        out["source"] = out["source"].astype(str) + "+un_wpp"
        beyond = (out["population"].isna() & (out["year"] > self.population_end)).to_numpy()
        out.loc[beyond, "flag"] = add_token(out.loc[beyond, "flag"], "no_population")
        if rated.any():
            own = published_rates(rows[rated], self.indicators).assign(population=float("nan"))
            out = pd.concat([out[~rated], own]).sort_index()
        return out

    def route_rows(
        self,
        routes: list[str] | None = None,
        nationalities: list[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> pd.DataFrame:
        """Rows of route_detections.parquet under the given filters."""
        rows = _select(self.routes, {"route": routes, "nationality": nationalities}, year_from, year_to)
        return rows.drop(columns="year")

    def flow_rows(
        self,
        measures: list[str] | None = None,
        origins: list[str] | None = None,
        destinations: list[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> pd.DataFrame:
        """Rows of flows.parquet under the given filters."""
        return _select(self.flows, {"measure": measures, "origin": origins, "destination": destinations},
                       year_from, year_to)

    def incident_rows(self, year_from: int | None = None, year_to: int | None = None) -> pd.DataFrame:
        return _select(self.incidents, {}, year_from, year_to).drop(columns="year")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def months_text(last: int, lang: str = DEFAULT_LANG) -> str:
    """'January–April' for data that ends with month `last` (1 to 11), in `lang`'s month names."""
    names = _MONTHS if lang == DEFAULT_LANG else [get_month_names("wide", "stand-alone", language(lang).rules)[m]
                                                  for m in range(1, 13)]
    return names[0] if last == 1 else f"{names[0]}–{names[last - 1]}"


def partial_years(datapackage: dict) -> dict[str, dict[int, int]]:
    """Source id -> {year its data ends inside: its last month (4 for April)}, from each source's coverage_end
    ("2025-04")."""
    out: dict[str, dict[int, int]] = {}
    for source in datapackage.get("sources", []):
        end = str(source.get("coverage_end") or "")
        if len(end) == 7 and end[:4].isdigit() and end[5:].isdigit() and 1 <= int(end[5:]) < 12:
            out[str(source.get("id"))] = {int(end[:4]): int(end[5:])}
    return out


def _select(df: pd.DataFrame, members: dict[str, list[str] | None], year_from: int | None,
            year_to: int | None) -> pd.DataFrame:
    """Rows whose columns take one of the given values (an empty or None list means any) within the years."""
    mask = pd.Series(True, index=df.index)
    for column, values in members.items():
        if values:
            mask &= df[column].isin(values)
    if year_from is not None:
        mask &= df["year"] >= year_from
    if year_to is not None:
        mask &= df["year"] <= year_to
    return df.loc[mask].reset_index(drop=True)


def load_events(events: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The events with their dates parsed and their lists split, oldest first: read once per worker, so a figure
    only selects from them."""
    out = events.copy()
    try:
        out["when"] = pd.to_datetime(out["date"], format="%Y-%m-%d")
    except (TypeError, ValueError) as exc:
        raise DataError(f"{path}: 'date' must be dates written YYYY-MM-DD ({exc})") from exc
    out["countries"] = [tuple(str(c).split()) if isinstance(c, str) else () for c in out["countries"]]
    out["routes"] = [tuple(r for r in str(c).split(";") if r) if isinstance(c, str) else () for c in out["routes"]]
    return out.sort_values(["when", "id"], ignore_index=True)


def load_store(data_dir: Path) -> Store:
    """Read and check every prepared file; raise DataError with one clear sentence if any is unusable."""
    data_dir = Path(data_dir)
    t = _load_checked(data_dir)
    indicators = t["country_indicators.parquet"]
    unknown = sorted(set(indicators["indicator"].unique()) - set(PUBLISHED_INDICATORS))
    if unknown:
        raise DataError(f"{data_dir / 'country_indicators.parquet'} has unknown indicator id(s): {unknown[:5]}")
    try:
        indicators["year"] = indicators["year"].astype("int64")
    except ValueError as exc:  # a missing year cannot be an int
        raise DataError(f"{data_dir / 'country_indicators.parquet'}: 'year' must be whole years ({exc})") from exc
    indicators = normalised(indicators)
    partial = {sid: set(years) for sid, years in partial_years(t["datapackage.json"]).items()}
    derived = [composed_rows(indicators), none_recorded_rows(indicators, partial)]
    indicators = pd.concat([indicators, *(d for d in derived if not d.empty)], ignore_index=True)
    routes = t["route_detections.parquet"].copy()
    flows = normalised(t["flows.parquet"], note=False)
    incidents = t["incidents.parquet"].copy()
    try:
        routes["year"] = routes["month"].str.slice(0, 4).astype("int64")
    except (AttributeError, TypeError, ValueError) as exc:
        raise DataError(f"{data_dir / 'route_detections.parquet'}: 'month' must be YYYY-MM text ({exc})") from exc
    try:
        incidents["year"] = pd.to_datetime(incidents["date"]).dt.year.astype("int64")
    except (TypeError, ValueError) as exc:
        raise DataError(f"{data_dir / 'incidents.parquet'}: 'date' must be dates ({exc})") from exc
    return Store(
        data_dir=data_dir,
        countries=t["countries.csv"],
        indicators=indicators,
        routes=routes,
        flows=flows,
        incidents=incidents,
        events=load_events(t["events.csv"], data_dir / "events.csv"),
        datapackage=t["datapackage.json"],
    )
