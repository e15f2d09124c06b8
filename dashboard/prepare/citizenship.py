"""Map UNODC citizenship labels (country names, demonyms, typos) to ISO-3 codes or named groups.

UNODC's "by citizenship" rows carry free text as countries reported it: "Romania" and "Romanian",
"B & H", "Bresil". Names are matched against the reference list; everything else must be listed in the
committed alias table ``citizenship_aliases.csv`` so that each mapping is visible and reviewable. Labels
with no single country (Nationals, Unknown, Other, Former Yugoslavia) stay as named groups. A row with an
empty label becomes the group ``Unlabelled``. An unmatched label stops the run: guessing would misroute a flow.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference

ALIAS_FILE = Path(__file__).with_name("citizenship_aliases.csv")
UNLABELLED = "Unlabelled"


def normalise(label: str) -> str:
    """Case-, space- and apostrophe-insensitive form used for matching."""
    return " ".join(label.replace("\u2019", "'").casefold().split())


class CitizenshipResolver:
    """Label -> ISO-3 code or group name, from the alias table first, then reference names."""

    def __init__(self, ref: Reference, alias_file: Path = ALIAS_FILE) -> None:
        aliases = read_csv(alias_file, {"label": "str", "origin": "str", "kind": "str"}, nullable=["note"])
        check_values(aliases, "kind", {"iso3", "group"}, alias_file, what="kind")
        codes = aliases[aliases["kind"] == "iso3"]
        check_values(codes, "origin", ref.codes, alias_file, what="ISO-3 code")
        aliases = aliases.assign(key=aliases["label"].map(normalise))
        check_unique(aliases, ["key"], alias_file)
        self.groups = frozenset(aliases.loc[aliases["kind"] == "group", "origin"]) | {UNLABELLED}
        self._map: dict[str, str] = {}
        for col in ("name", "name_sort", "name_text"):
            for code, name in zip(ref.table["iso3"], ref.table[col], strict=True):
                if isinstance(name, str):
                    self._map.setdefault(normalise(name), code)
        self._map.update(dict(zip(aliases["key"], aliases["origin"], strict=True)))

    def resolve(self, label: object) -> str | None:
        """The ISO-3 code or group for a label; None if unknown."""
        if not isinstance(label, str) or not label.strip():
            return UNLABELLED
        return self._map.get(normalise(label))

    def resolve_column(self, df: pd.DataFrame, column: str, path: Path, *, sheet: str | None = None) -> pd.Series:
        """Resolve a whole column, failing on the first label that is neither a known name nor an alias."""
        out = df[column].map(self.resolve)
        missing = out.isna()
        if missing.any():
            raise PrepareError(
                path,
                f"citizenship label {df.loc[missing, column].iloc[0]!r} matches no country name; "
                f"add it to {ALIAS_FILE.name}",
                sheet=sheet, row=int(df.loc[missing, ROW].iloc[0]), column=column,
            )
        return out.astype("str")
