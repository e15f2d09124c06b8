"""The catalogues' contract: every language has every message of the code, with the same placeholders, every
plural form its CLDR rules ask for, and the legal terms as its glossary gives them.

A string added to the code without `scripts/catalogues.py extract && … update` and a translation fails here;
so does a translation that drops `{year}` or renders "smuggling of migrants" as the word for trafficking.
"""

from __future__ import annotations

import csv
import re
import string
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import LOCALE_DIR, read_catalogue, translator

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANG]
GLOSSARY = Path(ROOT, "dashboard/i18n/glossary.csv")
#: Where an English message uses a glossary term (and so its translation must use the glossary's).
ENGLISH_TERMS = {
    "smuggling": re.compile(r"\bsmuggl", re.I),
    "trafficking": re.compile(r"\btraffick", re.I),
    "detections": re.compile(r"\bdetections?\b", re.I),
    "persons": re.compile(r"\bpersons\b", re.I),
}
#: Terms a translation must keep apart: a message about one never uses the other's word.
DISTINCT = (("smuggling", "trafficking"), ("trafficking", "smuggling"))


def _template():
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        return read_po(f)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _glossary() -> dict[tuple[str, str], re.Pattern]:
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        return {(r["term"], r["lang"]): re.compile(r["pattern"], re.I) for r in csv.DictReader(f)}


def _strings(message) -> list[str]:  # noqa: ANN001
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_the_template_holds_every_message_the_code_has() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from babel.messages.extract import extract_from_dir  # noqa: PLC0415
    from catalogues import KEYWORDS, SOURCES  # noqa: PLC0415

    found = {m[2] for folder in SOURCES
             for m in extract_from_dir(ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS)}
    ids = {m.id for m in _template() if m.id}
    assert found == ids, ("run `python scripts/catalogues.py extract` then `update`: "
                          f"new {sorted(map(str, found - ids))[:5]}, gone {sorted(map(str, ids - found))[:5]}")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders_and_plural_forms(code: str) -> None:
    catalogue = read_catalogue(code)
    forms = Locale.parse(LANGUAGES[code].rules).plural_form.rules
    nplurals = len(forms) + 1  # CLDR's rules name every form but "other"
    missing, wrong = [], []
    for template in _template():
        if not template.id:
            continue
        message = catalogue.get(template.id)
        texts = _strings(message) if message is not None and not message.fuzzy else []
        if not texts or not all(texts):
            missing.append(template.id)
            continue
        english = template.id if isinstance(template.id, str) else template.id[-1]
        if isinstance(template.id, tuple) and len(texts) != nplurals:
            wrong.append(f"{english!r}: {len(texts)} plural forms, {code} has {nplurals}")
        wrong += [f"{english!r} -> {t!r}: placeholders differ" for t in texts
                  if _placeholders(t) - {"n"} != _placeholders(english) - {"n"}]
    assert not missing, f"{code}: {len(missing)} messages untranslated, e.g. {missing[:3]}"
    assert not wrong, f"{code}: {wrong[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_legal_terms_are_rendered_as_the_glossary_gives_them(code: str) -> None:
    glossary = _glossary()
    assert {term for term, lang in glossary if lang == code} == set(ENGLISH_TERMS), f"{code}: glossary incomplete"
    catalogue = read_catalogue(code)
    wrong = []
    for message in catalogue:
        if not message.id or not message.string:
            continue
        english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        used = {term for term, pattern in ENGLISH_TERMS.items() if pattern.search(english)}
        for text in _strings(message):
            wrong += [f"{term}: {english!r} -> {text!r}" for term in used
                      if not glossary[(term, code)].search(text)]
            wrong += [f"{a} rendered with {b}'s word: {text!r}" for a, b in DISTINCT
                      if a in used and b not in used and glossary[(b, code)].search(text)]
    assert not wrong, f"{code}: {wrong[:5]}"


def test_every_language_states_who_translated_it() -> None:
    with Path(ROOT, "dashboard/i18n/status.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["lang"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(TRANSLATED)
    assert all(r["status"] in {"draft", "reviewed"} and r["translated_by"] for r in rows.values())
    assert all(r["reviewed_by"] for r in rows.values() if r["status"] == "reviewed")



@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalogue_counts_its_plurals_as_cldr_does(code: str) -> None:
    """The compiled catalogue's Plural-Forms decides which form a count takes; it must pick CLDR's form for every
    count (Babel's own gettext table gives Turkish one form, and Macedonian "one" for 1 only, not 21)."""
    rule = Locale.parse(LANGUAGES[code].rules).plural_form
    tags = [tag for tag in ("zero", "one", "two", "few", "many") if tag in rule.tags] + ["other"]
    compiled = translator(code)._t  # the gettext Translations the app reads with
    assert [compiled.plural(n) for n in range(0, 230)] == [tags.index(rule(n)) for n in range(0, 230)]


def test_every_literal_the_code_translates_is_in_the_template() -> None:
    """Babel's extractor can miss a call (it took `t("…", x=[f"{n}" for n in …])` for the plural keyword `n`):
    every literal passed to t(…), t.n(…), t.parts(…) or N_(…) must begin a message of the template."""
    call = re.compile(r"""\b(?:t|t\.n|t\.parts|N_)\(\s*(["'])((?:(?!\1)[^\\\n]|\\.)*)\1\s*([,)]?)""")
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in _template() if m.id]
    missed = []
    for folder in ("dashboard", "layouts", "callbacks"):
        for path in sorted(set(Path(ROOT, folder).rglob("*.py")) - {Path(ROOT, "dashboard/i18n/messages.py")}):
            for match in call.finditer(path.read_text(encoding="utf-8")):
                literal = match.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
                whole = bool(match.group(3))  # the literal is the whole message, not the start of a concatenation
                if literal and not any(msgid == literal if whole else msgid.startswith(literal) for msgid in ids):
                    missed.append(f"{path.relative_to(ROOT)}: {literal[:60]!r}")
    assert not missed, f"not extracted: {missed[:8]}"
