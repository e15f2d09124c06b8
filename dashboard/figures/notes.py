"""What must stand beside one figure wherever it appears: its flags in words, its note, the country's note for
that source (Serbia's UNHCR figures include Kosovo) and a partial year's months. Hovers, tables and source
notes all read these, so a caveat cannot appear in one place and be missing from another.
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.catalog import COUNTRY_SOURCE_NOTES, DERIVED_FLAGS, FLAGS, INDICATORS, flag_tokens
from dashboard.figures.theme import wrap
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.store import Store

#: Characters per hover line: plotly does not wrap hover text by itself.
HOVER_WIDTH = 64


def flag_meanings(flag: object, lang: str = DEFAULT_LANG) -> list[str]:
    """"Flag masked: UNHCR publishes …" for each token of a flag, in a stable order; unknown tokens are skipped.

    The token is named as the CSV's flag column writes it, so a reader can match the two."""
    t = translator(lang)
    meanings = {**FLAGS, **DERIVED_FLAGS}
    return [t("Flag {token}: {meaning}", token=token, meaning=t(meanings[token]))
            for token in sorted(flag_tokens(flag)) if token in meanings and token != "partial_year"]


def partial_text(store: Store, source_ids: Iterable[str], year: int, lang: str = DEFAULT_LANG) -> str:
    """'2025 covers January–April only (Frontex)' when a source's data ends inside the year, else ""."""
    t = translator(lang)
    parts = []
    for sid in dict.fromkeys(s for ids in source_ids for s in str(ids).split("+") if s):
        months = store.partial_months(sid, year, lang)
        if months:
            publisher = str(store.sources.get(sid, {}).get("publisher") or sid).split(" (")[0]
            parts.append(t("{year} covers {months} only ({publisher})", year=year, months=months,
                           publisher=publisher))
    return "; ".join(parts)


def row_notes(store: Store, iso3: str, year: int, source: object, flag: object, note: object,
              lang: str = DEFAULT_LANG) -> list[str]:
    """Everything to say about one country-year figure besides its value, as sentences. A row's own note is the
    publisher's footnote, in the publisher's words."""
    t = translator(lang)
    lines = flag_meanings(flag, lang)
    if isinstance(note, str) and note:
        lines.append(note)
    ids = [s for s in str(source or "").split("+") if s]
    lines += [t(COUNTRY_SOURCE_NOTES[(s, iso3)]) for s in ids if (s, iso3) in COUNTRY_SOURCE_NOTES]
    partial = partial_text(store, ids, year, lang)
    return [*lines, partial] if partial else lines


def hover_lines(lines: Iterable[str]) -> str:
    """Lines for a hover label, each wrapped and each starting a new line ('' when there are none)."""
    return "".join("<br>" + wrap(line, HOVER_WIDTH) for line in lines if line)


def indicator_sources(indicator: str) -> tuple[str, ...]:
    """The source ids behind an indicator: its own, or its components' for a composed one."""
    spec = INDICATORS[indicator]
    return tuple(INDICATORS[c].source for c in spec.composed_of) if spec.composed_of else (spec.source,)


def partial_suffix(store: Store, source_ids: Iterable[str], years: tuple[int, int], lang: str = DEFAULT_LANG) -> str:
    """' (January–April only)' for a title whose year a source covers only in part; '' otherwise."""
    ids = list(source_ids)
    lo, hi = years
    parts = [(y, store.partial_months(s, y, lang)) for y in range(lo, hi + 1) for s in ids
             if store.partial_months(s, y)]
    if not parts:
        return ""
    t = translator(lang)
    if lo == hi:
        return t(" ({months} only)", months=parts[0][1])
    return " (" + "; ".join(t("{year}: {months} only", year=y, months=m) for y, m in dict(parts).items()) + ")"
