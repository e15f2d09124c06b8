"""Write the static edition: every covered view's figures, year patches, summaries, notes and rows as scripts.

Each view is one script (data/<lang>/<crime>.js) assigning to window.SEE_SITE.views, so the page loads it by a
<script> tag: file:// forbids fetch and XHR of local files, but not scripts. Every URL written is relative, so
the folder runs under any path prefix. The figures are the server's (registry.build_panel), written with
plotly's own JSON encoder; each later year is the panel's year patch (the same paths the server's year frames
send), or the whole figure where a patch does not fit the drawn one.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from plotly.io.json import to_json_plotly

from dashboard.catalog import CRIMES
from dashboard.figures.choropleth import BASE_MAP_RESOLUTION
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import N_, translator
from dashboard.panels.registry import (
    build_panel,
    panel_heading,
    panel_label,
    panel_notes,
    panel_rows,
    panel_summary,
    patch_key,
    spec,
    view_panels,
)
from dashboard.panels.summaries import table_cells
from dashboard.present.decks import list_decks
from dashboard.site.decks import deck_data
from dashboard.store import Store, load_store
from dashboard.view.state import ViewState, default_state, domain_from_store

REPO_ROOT = Path(__file__).resolve().parents[2]
ASSETS = REPO_ROOT / "assets"
#: The outlines' stand-in in the written figures: the page puts the embedded outlines in its place.
GEOJSON = "see:countries"
#: The budget the README states; tests/unit/test_site.py and `python -m dashboard.site` (it fails) hold it. A
#: view's first load is its own script: plotly.js, Bootstrap, the outlines and the base map (2.2 MB, 0.43 of it
#: data) are shared by every view and loaded once.
MAX_MB_PER_LANG = 25.0
MAX_FIRST_LOAD_MB = 1.5
#: A timeline longer than LONG_YEARS (population's 74 years: 16 MB per language) keeps only its latest
#: KEPT_YEARS, which the page says; the crime types' 9-25 years are all kept.
LONG_YEARS = 40
KEPT_YEARS = 8
#: Interface words of the page, in English and marked for the catalogues.
WORDS = {
    "edition": N_("Static edition"), "data_version": N_("Data version"), "newest": N_("Newest source release"),
    "crime": N_("Crime type"), "year": N_("Year"), "play": N_("▶ Play"), "pause": N_("⏸ Pause"),
    "sources": N_("Sources"), "caveats": N_("Caveats"), "table": N_("Table"), "csv": N_("Download CSV"),
    "language": N_("Language"),
    "cannot": N_("This static edition shows each crime type's opening view over all its years. It cannot "
                 "combine filters freely, select countries, routes or nationalities, or export images."),
    "full": N_("Open the full edition"),
    "keys": N_("Keys: ← and → step through the years."),
    "holds": N_("This edition holds {views} views ({mb} MB); languages: {langs}."),
    "decks": N_("Decks"), "back": N_("Back to the views"),
    "deck_keys": N_("Keys: ← and → (or PageUp and PageDown) step through the slides."),
    "left_out": N_("Years {first}–{last} are left out of this edition (the full edition has them)."),
}


def _vendor(out: Path) -> None:
    """plotly.js and Bootstrap with their licences, the page's own script and style, the outlines."""
    vendor = out / "vendor"
    for name in ("plotly", "bootstrap"):
        src = ASSETS / "00_vendor" / name
        shutil.copytree(src, vendor / name, ignore=shutil.ignore_patterns("*.br"), dirs_exist_ok=True)
    for name in ("app.js", "site/site.js", "site/site.css"):
        shutil.copy(ASSETS / name, out / Path(name).name)


def _outlines(store: Store, out: Path) -> None:
    """The countries' outlines and plotly's base map as scripts (plotly would fetch both, which file:// forbids;
    it reads a base map from window.PlotlyGeoAssets first, as the image export's page has it)."""
    geo = json.loads((store.data_dir / "countries.geojson").read_text(encoding="utf-8"))
    _script(out / "data" / "outlines.js", "window.SEE_SITE.geojson = ", geo)
    name = f"world_{BASE_MAP_RESOLUTION}m"
    topo = (ASSETS / "topojson" / f"{name}.json").read_text(encoding="utf-8")
    (out / "vendor" / "topojson").mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSETS / "topojson" / "LICENSE", out / "vendor" / "topojson" / "LICENSE")
    (out / "vendor" / "topojson" / "base-map.js").write_text(
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson[{name!r}] = {topo};\n", encoding="utf-8")


def _script(path: Path, prefix: str, value: object) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "window.SEE_SITE = window.SEE_SITE || {views: {}, decks: {}};\n" + prefix + to_json_plotly(value) + ";\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _rows(store: Store, state: ViewState, panel: str) -> dict:
    """The panel's rows twice: as the CSV carries them (language-neutral) and as the table shows them."""
    frame = panel_rows(store, state, panel)
    columns, cells = table_cells(frame, state.measure == "per100k", state.lang)
    plain = frame.astype(object).where(frame.notna(), None)
    return {"csv": {"columns": [str(c) for c in frame.columns], "rows": plain.values.tolist()},
            "table": {"columns": columns, "rows": cells}}


class Pool(list):
    """Blobs a view repeats from year to year (the series' rows, the sources) written once, named by index."""

    def ref(self, value: object) -> int:
        text = to_json_plotly(value)
        if text not in self.index:
            self.index[text] = len(self)
            self.append(value)
        return self.index[text]

    def __init__(self) -> None:
        super().__init__()
        self.index: dict[str, int] = {}


def panel_year(store: Store, base: ViewState, year: int, panel: str, pool: Pool) -> dict:
    """One panel in one year: its patch onto the base year's figure (or its whole figure), and its words."""
    state = replace(base, year=year)
    key = patch_key(panel, state)
    entry: dict = {"heading": panel_heading(store, state, panel), "summary": panel_summary(store, state, panel),
                   "notes": pool.ref(panel_notes(store, state, panel)), "rows": pool.ref(_rows(store, state, panel))}
    if key is not None and key == patch_key(panel, base):
        entry["patch"] = spec(panel).year_patch(store, state, GEOJSON)
    else:
        entry["figure"] = build_panel(store, state, panel, GEOJSON).to_plotly_json()
    return entry


def view_data(store: Store, base: ViewState, years: tuple[int, ...]) -> dict:
    """A view: its panels' base figures (drawn at the opening year) and every year's patches and words."""
    panels, pool = view_panels(base), Pool()
    shown = years[-KEPT_YEARS:] if len(years) > LONG_YEARS else years
    if base.year not in shown:
        base = replace(base, year=shown[-1])
    frames = {str(y): {p: panel_year(store, base, y, p, pool) for p in panels} for y in shown}
    return {
        "id": f"{base.lang}/{base.crime}", "crime": base.crime, "lang": base.lang, "opening": base.year,
        "years": list(shown),
        "left_out": [years[0], years[-len(shown) - 1]] if len(shown) < len(years) else None,
        "panels": [{"id": p, "label": panel_label(p, base.lang),
                    "figure": build_panel(store, base, p, GEOJSON).to_plotly_json()} for p in panels],
        "frames": frames, "pool": list(pool),
    }


def _decks(store: Store, decks_dir: Path | None, langs: list[str], out: Path) -> list[dict]:
    """Every deck of decks/ in every language, one script each (data/<lang>/deck-<name>.js)."""
    if decks_dir is None or not decks_dir.is_dir():
        return []
    domain, written = domain_from_store(store), []
    for name in list_decks(decks_dir):
        for lang in langs:
            data = deck_data(store, domain, decks_dir, name, lang, GEOJSON)
            file = f"data/{lang}/deck-{name}.js"
            size = _script(out / file, f"window.SEE_SITE.decks[{json.dumps(f'{lang}/{name}')}] = ", data)
            written.append({"lang": lang, "name": name, "title": data["title"], "file": file, "bytes": size})
    return written


def build_site(out: Path, data_dir: Path, langs: list[str] | None = None, crimes: list[str] | None = None,
               full_url: str | None = None, decks_dir: Path | None = None) -> dict:
    """Write the edition into `out` (emptied first); returns its manifest (views, sizes), also written there."""
    store = load_store(data_dir)
    domain = domain_from_store(store)
    langs, crimes = langs or list(LANGUAGES), crimes or list(CRIMES)
    if out.exists():
        shutil.rmtree(out)
    _vendor(out)
    _outlines(store, out)
    views = []
    for lang in langs:
        for crime in crimes:
            base = replace(default_state(domain, crime), lang=lang)
            data = view_data(store, base, domain.years(crime, base.indicator))
            size = _script(out / "data" / lang / f"{crime}.js", f"window.SEE_SITE.views[{json.dumps(data['id'])}] = ",
                           data)
            views.append({"lang": lang, "crime": crime, "file": f"data/{lang}/{crime}.js", "bytes": size,
                          "years": data["years"], "left_out": data["left_out"]})
    decks = _decks(store, decks_dir, langs, out)
    manifest = {**_manifest(store, langs, crimes, views, full_url, out), "decks": decks}
    _script(out / "data" / "manifest.js", "window.SEE_SITE.manifest = ", manifest)
    (out / "index.html").write_text(_index(manifest), encoding="utf-8")
    return manifest


def over_budget(manifest: dict) -> list[str]:
    """The files that break the budget: a language's views and decks over MAX_MB_PER_LANG, or a view or deck
    script over MAX_FIRST_LOAD_MB."""
    files = [*manifest["views"], *manifest["decks"]]
    per_lang: dict[str, int] = {}
    for f in files:
        per_lang[f["lang"]] = per_lang.get(f["lang"], 0) + f["bytes"]
    return ([f["file"] for f in files if f["bytes"] / 1e6 > MAX_FIRST_LOAD_MB]
            + [f"data/{lang}/" for lang, size in per_lang.items() if size / 1e6 > MAX_MB_PER_LANG])


def _manifest(store: Store, langs: list[str], crimes: list[str], views: list[dict], full_url: str | None,
              out: Path) -> dict:
    """What the page offers: the views, each language's words and crime names, the data's version and size."""
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    words = {}
    for lang in langs:
        t = translator(lang)
        words[lang] = {k: t(v) for k, v in WORDS.items()}
        words[lang]["crimes"] = {c: t(CRIMES[c].label) for c in crimes}
    return {"langs": {lang: LANGUAGES[lang].own_name for lang in langs}, "crimes": crimes,
            "default_lang": DEFAULT_LANG if DEFAULT_LANG in langs else langs[0],
            "views": views, "words": words, "data_version": store.data_version, "data_date": store.data_date,
            "full_url": full_url, "size_mb": round(total / 1e6, 1)}


def _index(manifest: dict) -> str:
    lang = manifest["default_lang"]
    title = f"SEE Route Monitor: {manifest['words'][lang]['edition']}"
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="vendor/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="site.css">
</head>
<body>
<div id="site" class="container-fluid"><noscript>{title}</noscript></div>
<script src="vendor/plotly/plotly-see.min.js"></script>
<script src="app.js"></script>
<script src="data/manifest.js"></script>
<script src="vendor/topojson/base-map.js"></script>
<script src="data/outlines.js"></script>
<script src="site.js"></script>
</body>
</html>
"""
