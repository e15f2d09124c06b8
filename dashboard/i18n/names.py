"""Country and territory names in each language: CLDR's (through Babel), corrected by a small override table.

English keeps the prepared data's own names (data/countries.csv, the names every test and download already
carry). Other languages take CLDR's territory name for the ISO code, unless `country_names.csv` overrides it:
where CLDR shortens an official name or differs from it, and for the codes CLDR does not have. Kosovo carries
the UNSCR 1244 asterisk in every language; the footnote itself is a message of the catalogues (KOSOVO_NOTE).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.core import get_global

from dashboard.i18n.locales import DEFAULT_LANG, language
from dashboard.i18n.messages import N_

OVERRIDES_CSV = Path(__file__).with_name("country_names.csv")
KOSOVO = "XKX"
KOSOVO_NOTE = N_("*This designation is without prejudice to positions on status, and is in line with UNSCR "
                 "1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.")


@lru_cache(maxsize=1)
def overrides() -> dict[tuple[str, str], str]:
    """(lang, ISO-3) → name, from country_names.csv (columns lang, iso3, name, why)."""
    with OVERRIDES_CSV.open(encoding="utf-8", newline="") as f:
        return {(row["lang"], row["iso3"]): row["name"] for row in csv.DictReader(f)}


def _alpha2(iso3: str) -> str | None:
    """CLDR's two-letter territory code for an ISO-3 code (XKX, Kosovo, is CLDR's XK)."""
    if iso3 == KOSOVO:
        return "XK"
    aliases = get_global("territory_aliases").get(iso3)
    return aliases[0] if aliases else None


@lru_cache(maxsize=4096)
def country_name(iso3: str, lang: str, english: str) -> str:
    """How `lang` names the country `iso3`, whose English (data) name is `english`. Bounded: 12 × ~240 names."""
    if lang == DEFAULT_LANG:
        return english
    name = overrides().get((lang, iso3))
    if name is None:
        code = _alpha2(iso3)
        name = Locale.parse(language(lang).names).territories.get(code) if code else None
    if name is None:
        return english
    return name + "*" if iso3 == KOSOVO and not name.endswith("*") else name
