"""The prepared tables' contract, written once: column order, types, descriptions, checks and keys.

Each :class:`Table` yields the pandera schema that validates the table before it is written, the pyarrow
schema that fixes its on-disk types (so parquet bytes do not depend on inference), and the Frictionless
field list for datapackage.json. One definition keeps the three from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from dashboard.catalog import CRIME_TYPES, FLAGS, FLOW_MEASURES, PUBLISHED_INDICATORS
from dashboard.prepare.errors import PrepareError

#: type name -> (pandas dtype, pyarrow type, Frictionless type)
_TYPES = {
    "string": ("str", pa.string(), "string"),
    "integer": ("int64", pa.int64(), "integer"),
    "number": ("float64", pa.float64(), "number"),
    "boolean": ("bool", pa.bool_(), "boolean"),
}
_TOKEN = "(" + "|".join(FLAGS) + ")"
#: A flag cell: '' (none) or flag ids from catalog.FLAGS separated by single spaces.
FLAG_PATTERN = f"^$|^{_TOKEN}( {_TOKEN})*$"
#: Reference codes: ISO-3, or gdidata codes for areas without one (e.g. AB9, Abyei).
ISO3_PATTERN = "^[A-Z][A-Z0-9]{2}$"
#: How a null reaches Frictionless' reader: '' in CSV; in parquet, through pandas, as NaN, which it prints 'nan'.
MISSING_VALUES = {".csv": [""], ".parquet": ["", "nan"]}


@dataclass(frozen=True)
class Field:
    """One column: name, type, meaning and constraints."""

    name: str
    type: str
    description: str
    nullable: bool = False
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    #: '' is a value that means "none" (flags, notes); Frictionless reads '' as missing, so it is not "required".
    blank: bool = False


@dataclass(frozen=True)
class Table:
    """One prepared file."""

    name: str
    path: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()
    #: Columns whose values must be known codes (filled in at validation time).
    code_columns: tuple[str, ...] = field(default=())

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(f.name, _TYPES[f.type][1], nullable=f.nullable) for f in self.fields])

    def frictionless(self) -> dict:
        fields = []
        for f in self.fields:
            entry: dict = {"name": f.name, "type": _TYPES[f.type][2], "description": f.description}
            constraints: dict = {}
            if not f.nullable and not f.blank:
                constraints["required"] = True
            if f.minimum is not None:
                constraints["minimum"] = f.minimum
            if f.maximum is not None:
                constraints["maximum"] = f.maximum
            if f.allowed is not None:
                constraints["enum"] = list(f.allowed)
            if f.pattern is not None:
                constraints["pattern"] = f.pattern
            if constraints:
                entry["constraints"] = constraints
            fields.append(entry)
        schema: dict = {"fields": fields, "missingValues": MISSING_VALUES[self.path[self.path.rindex("."):]]}
        if self.key:
            schema["primaryKey"] = list(self.key)
        return schema


def _sources() -> tuple[str, ...]:
    return tuple(sorted({i.source for i in PUBLISHED_INDICATORS.values()}))


def _flag_field() -> Field:
    return Field("flag", "string", "'' (none) or flag ids separated by spaces (see flags).", pattern=FLAG_PATTERN,
                 blank=True)


def _bounds(of: str) -> tuple[Field, Field]:
    """lower and upper: the range a figure lies in when it is not exact (masked or suppressed parts)."""
    return (
        Field("lower", "number", f"Lower bound of the true {of} when it is not exact (see flag); else null.",
              nullable=True, minimum=0),
        Field("upper", "number", f"Upper bound of the true {of} when it is not exact (see flag); else null.",
              nullable=True, minimum=0),
    )


COUNTRIES = Table(
    "countries", "countries.csv", "Countries shown or referred to, with role on the route and a label point.",
    (
        Field("iso3", "string", "ISO 3166-1 alpha-3 code (XKX for Kosovo*).", pattern=ISO3_PATTERN),
        Field("name", "string", "Display name (gdidata short name; Kosovo* per UNSCR 1244)."),
        Field("role", "string", "participating | origin | transit | destination | context (see roles_rule).",
              allowed=("participating", "origin", "transit", "destination", "context")),
        Field("eu_member", "boolean", "EU member state (gdidata reference)."),
        Field("lon", "number", "Label point longitude (WGS84), from the Natural Earth geometry; null if none.",
              nullable=True, minimum=-180, maximum=180),
        Field("lat", "number", "Label point latitude (WGS84); null if the geometry has no feature.",
              nullable=True, minimum=-90, maximum=90),
    ),
    key=("iso3",),
)

COUNTRY_INDICATORS = Table(
    "country_indicators", "country_indicators.parquet", "One value per country, year and indicator.",
    (
        Field("iso3", "string", "Country (ISO-3).", pattern=ISO3_PATTERN),
        Field("year", "integer", "Calendar year (or year end for UNHCR).", minimum=1950, maximum=2100),
        Field("crime_type", "string", "Crime type id (catalog.CRIME_TYPES).", allowed=tuple(CRIME_TYPES)),
        Field("indicator", "string", "Indicator id (catalog.INDICATORS).", allowed=tuple(PUBLISHED_INDICATORS)),
        Field("value", "number", "The published figure; null where suppressed or conflicting (see flag).",
              nullable=True, minimum=0),
        _flag_field(),
        Field("source", "string", "Source id (see sources).", allowed=_sources()),
        *_bounds("value"),
        Field("note", "string", "'' or the publisher's own note on this figure (e.g. another source's figure).",
              blank=True),
    ),
    key=("iso3", "year", "indicator"),
    code_columns=("iso3",),
)

ROUTE_DETECTIONS = Table(
    "route_detections", "route_detections.parquet",
    "Frontex detections of illegal border-crossing per route, border type, nationality and month.",
    (
        Field("route", "string", "Frontex route name."),
        Field("border_type", "string", "Sea or Land.", allowed=("Land", "Sea")),
        Field("nationality", "string", "Nationality of the persons detected (ISO-3; OOO = unknown).",
              pattern=ISO3_PATTERN),
        Field("month", "string", "Month, YYYY-MM.", pattern=r"^\d{4}-(0[1-9]|1[0-2])$"),
        Field("detections", "integer", "Detections (events, not persons).", minimum=0),
        Field("source", "string", "Source id.", allowed=("frontex",)),
    ),
    key=("route", "border_type", "nationality", "month"),
    code_columns=("nationality",),
)

FLOWS = Table(
    "flows", "flows.parquet", "Origin -> destination flows per measure and year.",
    (
        Field("measure", "string", "Flow measure id (catalog.FLOW_MEASURES).", allowed=tuple(FLOW_MEASURES)),
        Field("year", "integer", "Calendar year.", minimum=1950, maximum=2100),
        Field("origin", "string", "Citizenship or origin (ISO-3), or a named group such as 'Nationals'."),
        Field("destination", "string", "Country of application, detection or asylum (ISO-3).",
              pattern=ISO3_PATTERN),
        Field("value", "number", "Persons; null where suppressed or conflicting (see flag).", nullable=True,
              minimum=0),
        _flag_field(),
        Field("source", "string", "Source id.", allowed=("eurostat_migr_asyappctza", "unhcr_asylum_applications",
                                                         "unhcr_population", "unodc_glotip")),
        *_bounds("value"),
    ),
    key=("measure", "year", "origin", "destination"),
    code_columns=("destination",),
)

INCIDENTS = Table(
    "incidents", "incidents.parquet",
    "IOM Missing Migrants incidents inside the map window (lon -10..75, lat 24..62).",
    (
        Field("date", "string", "Date of the incident, YYYY-MM-DD.", pattern=r"^\d{4}-\d{2}-\d{2}$"),
        Field("month", "string", "Month, YYYY-MM.", pattern=r"^\d{4}-\d{2}$"),
        Field("record_type", "string", "IOM record type (Incident, Split Incident, Cumulative Incident)."),
        Field("route", "string", "IOM migration route.", nullable=True),
        Field("country", "string", "Country of incident (ISO-3); null if IOM gives none.", nullable=True,
              pattern=ISO3_PATTERN),
        Field("dead_and_missing", "integer", "Dead and missing persons.", minimum=0),
        Field("survivors", "number", "Survivors; null if not recorded.", nullable=True, minimum=0),
        Field("cause", "string", "Cause of death as categorised by IOM.", nullable=True),
        Field("origin", "string", "Region or country of origin as IOM records it (ISO-3 list; UNK = unknown).",
              nullable=True),
        Field("location", "string", "Location description.", nullable=True),
        Field("lon", "number", "Longitude (WGS84).", minimum=-10, maximum=75),
        Field("lat", "number", "Latitude (WGS84).", minimum=24, maximum=62),
        Field("source", "string", "Source id.", allowed=("iom_mmp",)),
    ),
    code_columns=("country",),
)

TABLES: dict[str, Table] = {t.name: t for t in (COUNTRIES, COUNTRY_INDICATORS, ROUTE_DETECTIONS, FLOWS, INCIDENTS)}


def pandera_schema(table: Table, codes: Iterable[str] = (), groups: Iterable[str] = ()):  # noqa: ANN201
    """The pandera schema for ``table``; ``codes`` are the known ISO-3 codes, ``groups`` named flow origins."""
    import pandera.pandas as pa_  # prepare-only dependency

    codes = set(codes)
    columns = {}
    for f in table.fields:
        checks = []
        if f.minimum is not None:
            checks.append(pa_.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pa_.Check.le(f.maximum))
        if f.allowed is not None:
            checks.append(pa_.Check.isin(list(f.allowed)))
        if f.pattern is not None:
            checks.append(pa_.Check.str_matches(f.pattern))
        if f.name in table.code_columns and codes:
            checks.append(pa_.Check.isin(sorted(codes), name="known_iso3"))
        if table.name == "flows" and f.name == "origin":
            checks.append(pa_.Check.isin(sorted(codes | set(groups)), name="known_origin"))
        columns[f.name] = pa_.Column(_TYPES[f.type][0], checks=checks, nullable=f.nullable)
    return pa_.DataFrameSchema(columns, strict=True, ordered=True, unique=list(table.key) or None)


def validate(table: Table, df: pd.DataFrame, codes: Iterable[str] = (), groups: Iterable[str] = ()) -> pd.DataFrame:
    """Validate a prepared table; a failure names the output file, the row and the column."""
    import pandera.errors as pe

    try:
        return pandera_schema(table, codes, groups).validate(df)
    except pe.SchemaError as exc:
        row = None
        fc = exc.failure_cases
        if isinstance(fc, pd.DataFrame) and "index" in fc.columns and len(fc) and pd.notna(fc["index"].iloc[0]):
            row = int(fc["index"].iloc[0]) + 2
        column = getattr(getattr(exc, "schema", None), "name", None)
        first = fc["failure_case"].iloc[0] if isinstance(fc, pd.DataFrame) and len(fc) else fc
        raise PrepareError(f"data/{table.path}", f"failed validation: {exc.check} (e.g. {first!r})",
                           row=row, column=column if isinstance(column, str) else None) from None
