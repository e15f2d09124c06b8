"""The prepared files' contract, written once: which files, their columns, types, meanings, checks and keys.

Both sides read this module. The prepare step (dashboard/prepare/schemas.py) builds its pandera validation and
pyarrow types from it and writes its field lists into datapackage.json; the store (dashboard/store.py) takes the
columns it requires, and those it computes with, from the same tables. It imports nothing but the catalogue (no
pandas, pyarrow, pandera or geopandas at import), because the serving workers import it and must stay lean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dashboard.catalog import CRIME_TYPES, FLAGS, FLOW_MEASURES, PUBLISHED_INDICATORS

if TYPE_CHECKING:
    import pyarrow as pa

#: The files that are no table: the country outlines and the package descriptor itself.
GEOMETRY_FILE = "countries.geojson"
PACKAGE_FILE = "datapackage.json"
#: Field types, named as Frictionless names them (datapackage.json carries these names as they are).
TYPES = ("string", "integer", "number", "boolean")
#: The types a query can compute with; the store refuses a file whose column of such a type holds text.
NUMERIC_TYPES = ("integer", "number")
_TOKEN = "(" + "|".join(FLAGS) + ")"
#: A flag cell: '' (none) or flag ids from catalog.FLAGS separated by single spaces.
FLAG_PATTERN = f"^$|^{_TOKEN}( {_TOKEN})*$"
_CODE = "[A-Z][A-Z0-9]{2}"
#: Reference codes: ISO-3, or gdidata codes for areas without one (e.g. AB9, Abyei).
ISO3_PATTERN = f"^{_CODE}$"
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

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"field {self.name!r}: type {self.type!r} is none of {TYPES}")

    def frictionless(self) -> dict:
        """This field's entry in a datapackage.json ``schema.fields`` list."""
        entry: dict = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict = {}
        if not self.nullable and not self.blank:
            constraints["required"] = True
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if self.allowed is not None:
            constraints["enum"] = list(self.allowed)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if constraints:
            entry["constraints"] = constraints
        return entry


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

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column, in file order: what the prepare step writes and the store requires."""
        return tuple(f.name for f in self.fields)

    @property
    def numeric(self) -> tuple[str, ...]:
        """The integer and number columns, which the store checks are numeric before it serves."""
        return tuple(f.name for f in self.fields if f.type in NUMERIC_TYPES)

    def arrow_schema(self) -> pa.Schema:
        """The pyarrow schema that fixes the on-disk types, so parquet bytes do not depend on inference."""
        import pyarrow as pa  # deferred: the serving side reads this module and never needs it

        types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
        return pa.schema([pa.field(f.name, types[f.type], nullable=f.nullable) for f in self.fields])

    def frictionless(self) -> dict:
        """The resource's ``schema`` in datapackage.json: fields, how nulls read, and the primary key."""
        schema: dict = {"fields": [f.frictionless() for f in self.fields],
                        "missingValues": MISSING_VALUES[self.path[self.path.rindex("."):]]}
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

#: The kinds of context event (SOURCES.md, "Context events").
EVENT_KINDS = ("policy", "border", "origin", "context")
#: An event's id: lowercase words or numbers joined by single hyphens, as decks name it.
EVENT_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

EVENTS = Table(
    "events", "events.csv",
    "Dated events that explain turns in the series, each with the public document that records it. Context for "
    "the time axes, never figures: the dashboard draws them as labelled markers, not as data points.",
    (
        Field("id", "string", "Stable id of the event (lowercase words joined by hyphens); decks name events by it.",
              pattern=EVENT_ID_PATTERN),
        Field("date", "string", "Date of the event, YYYY-MM-DD.", pattern=r"^\d{4}-\d{2}-\d{2}$"),
        Field("title", "string", "What happened, in English, as the timeline labels it."),
        Field("countries", "string", "Countries the event concerns, ISO-3 codes separated by spaces; '' means "
              "region-wide.", pattern=f"^$|^{_CODE}( {_CODE})*$", blank=True),
        Field("routes", "string", "Frontex routes the event concerns, route names separated by ';'; '' for none.",
              blank=True),
        Field("kind", "string", "policy | border | origin | context.", allowed=EVENT_KINDS),
        Field("publisher", "string", "Who published the document that records the event."),
        Field("document", "string", "The document that records the event, as its publisher titles it."),
    ),
    key=("id",),
)

TABLES: dict[str, Table] = {t.name: t for t in (COUNTRIES, COUNTRY_INDICATORS, ROUTE_DETECTIONS, FLOWS, INCIDENTS,
                                                EVENTS)}
