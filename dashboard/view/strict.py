"""What a parameter's parser answers (valid, invalid with its reason, or missing), and the data API's strict
parsers: where a page falls back to a default with a notice, the API answers 400 with the reason.

Split from dashboard.view.params, which holds the table of rows that use them: the outcome types are what every
parser of the table, view or API, returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.i18n.locales import LANGUAGES, find

if TYPE_CHECKING:
    from dashboard.view.state import Domain

#: A view's and the API's two measures: as published, and per 100,000 population.
MEASURES = ("absolute", "per100k")
#: Values an API list filter takes at most.
MAX_LIST = 300
_FOUR_DIGITS = re.compile(r"^\d{4}$")


# ---- what a parser answers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Valid:
    value: object
    #: Notices about parts of the value that were left out (unknown items of a list); the rest is the value.
    dropped: tuple[str, ...] = ()
    #: The notice for an old name read as its new one (a renamed indicator): shown, but nothing was corrected.
    renamed: str = ""


@dataclass(frozen=True)
class Invalid:
    reason: str


@dataclass(frozen=True)
class Missing:
    """The parameter is absent or empty: its default holds, and nothing is said."""


MISSING = Missing()
Outcome = Valid | Invalid | Missing


# ---- the API's strict parsers ---------------------------------------------------------------------------------


def strict_list(known: Callable[[Domain], Collection[str]], upper: bool = False,
                 aliases: dict[str, str] | None = None) -> Callable[[str, list[str], Domain], Outcome]:
    """A comma-separated list of known values (all of a repeated parameter's); one unknown value is a 400."""

    def parse(name: str, values: list[str], domain: Domain) -> Outcome:
        raw = ",".join(values)
        if not raw:
            return MISSING
        items = [i.strip().upper() if upper else i.strip() for i in raw.split(",") if i.strip()]
        if len(items) > MAX_LIST:
            return Invalid(f"'{name}' takes at most {MAX_LIST} values")
        items = [(aliases or {}).get(i, i) for i in items]
        allowed = known(domain)
        bad = [i for i in items if i not in allowed]
        if bad:
            return Invalid(f"unknown {name} value(s): {', '.join(b[:40] for b in bad[:5])}")
        return Valid(items)

    return parse


def strict_year(name: str, values: list[str], _domain: Domain) -> Outcome:
    """A four-digit year, exactly as written (the first of a repeated parameter); any year, in the data or not."""
    text = values[0] if values else ""
    if text == "":
        return MISSING
    if not _FOUR_DIGITS.match(text):
        return Invalid(f"'{name}' must be a four-digit year, not {text[:20]!r}")
    return Valid(int(text))


def strict_lang(name: str, values: list[str], _domain: Domain) -> Outcome:
    """The API's language: the language of its JSON caption (the rows and CSV are the same in every language)."""
    text = (values[-1] if values else "").strip()
    if text == "":
        return MISSING
    code = find(text[:40])
    return Valid(code) if code else Invalid(f"'{name}' is one of {', '.join(LANGUAGES)}")


def strict_measure(name: str, values: list[str], _domain: Domain) -> Outcome:
    text = values[0] if values else ""
    if text == "":
        return MISSING
    if text not in MEASURES:
        return Invalid(f"'{name}' is {' or '.join(repr(m) for m in MEASURES)}")
    return Valid(text)
