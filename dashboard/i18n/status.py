"""Who translated each catalogue, and whether a native speaker has reviewed it (status.csv).

The About page states it in every language, so a draft is never passed off as an official translation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator

STATUS_CSV = Path(__file__).with_name("status.csv")


@dataclass(frozen=True)
class CatalogueStatus:
    """One catalogue's row of status.csv."""

    lang: str
    status: str  #: "draft" or "reviewed"
    translated_by: str
    machine_assisted: bool  #: drafted with machine translation, then edited
    date: str  #: when it was last translated, YYYY-MM
    reviewed_by: str  #: "" until a native speaker has reviewed it


@lru_cache(maxsize=1)
def statuses() -> dict[str, CatalogueStatus]:
    """Language code -> its catalogue's status, for every translated language."""
    with STATUS_CSV.open(encoding="utf-8", newline="") as f:
        return {r["lang"]: CatalogueStatus(r["lang"], r["status"], r["translated_by"], r["machine_assisted"] == "yes",
                                           r["date"], r["reviewed_by"] or "") for r in csv.DictReader(f)}


def status_text(code: str, lang: str) -> str:
    """What the About page (in `lang`) says of language `code`'s catalogue."""
    t = translator(lang)
    if code == DEFAULT_LANG:
        return t("the project's own language, written by the SEE Route Monitor team")
    row = statuses().get(code)
    if row is None:
        return t("no translation yet: shown in English")
    how = (t("machine-assisted, {date}", date=row.date) if row.machine_assisted else row.date)
    if row.status == "reviewed":
        return t("translation by {translator} ({how}), reviewed by {reviewer}", translator=row.translated_by,
                 how=how, reviewer=row.reviewed_by)
    return t("draft translation by {translator} ({how}), not yet reviewed by a native speaker",
             translator=row.translated_by, how=how)
