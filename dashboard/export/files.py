"""Export for reports: each panel as PNG (print resolution), SVG and CSV, and the "report pack" zip of them all.

Every file carries the panel's caption, its sources with their release dates and a permalink to the view: images as a
footer drawn into the figure, CSV as '#' comment lines above the rows (pandas: `read_csv(..., comment="#")`).

    GET /export/<panel>.<png|svg|csv>?<view query>[&size=a4|column|slide]
    GET /export/report-pack.zip?<view query>[&size=…]

The view query is the app's own; a bad parameter answers 400 with the codec's message, never a fallback file a
report would then cite as something it is not. Images and packs are made on the worker's render thread
(dashboard/export/queue.py): when its slots are all taken the answer is 503 with Retry-After, at once.

Captions, the report pack's README and the error texts are in the view's language (`lang`), their numbers as it
writes them; the rows of a CSV keep plain machine-readable numbers and the data's English column names.
"""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import plotly.graph_objects as go
from flask import Blueprint, Response, request

from dashboard.config import REPO_ROOT, Config
from dashboard.export.queue import ExportBusy, ExportCache, RenderQueue
from dashboard.export.render import ImageExportUnavailable, render_image, with_dpi
from dashboard.figures.event_labels import fit_labels
from dashboard.i18n.locales import DEFAULT_LANG, LANGUAGES
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.numbers import number
from dashboard.panels.registry import (
    PANELS,
    build_panel,
    panel_heading,
    panel_notes,
    panel_rows,
    panel_summary,
    view_panels,
)
from dashboard.store import Store
from dashboard.view.state import Domain, ViewState, parse_query
from dashboard.web.reader import reader_language
from dashboard.web.urls import page_url

DPI = 300
FORMATS = ("png", "svg", "csv")
TOPOJSON_DIR = REPO_ROOT / "assets" / "topojson"
FOOTER_FONT = 11
_LINE_PX = 15
#: What the plot loses of an export's width to the margins and the y axis' numbers.
_AXIS_PX = 90


def spelled(value: int, lang: str) -> str:
    """A whole number of a caption: plain in English (as the captions always were), else as `lang` writes it."""
    return str(value) if lang == DEFAULT_LANG else number(value, lang)


@dataclass(frozen=True)
class ExportSize:
    label: str
    width: int  # layout pixels
    height: int
    scale: float  # PNG pixels per layout pixel
    #: The label as a message, its numbers as {width}, {height} (PNG pixels) and {dpi}: `label_in` a language.
    message: str = ""

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)

    def label_in(self, lang: str) -> str:
        """The label in `lang`, its numbers as `lang` writes them; the English `label` for English."""
        if lang == DEFAULT_LANG or not self.message:
            return self.label
        t = translator(lang)
        return t(self.message, width=spelled(self.pixels[0], lang), height=spelled(self.pixels[1], lang),
                 dpi=spelled(DPI, lang))


#: PNG widths at 300 dpi: A4's printable width (210 mm = 2480 px), half of it for a column, and a 16:9 slide.
SIZES: dict[str, ExportSize] = {
    "a4": ExportSize("A4 page width (2480 px, 300 dpi)", 992, 700, 2.5, N_("A4 page width ({width} px, {dpi} dpi)")),
    "column": ExportSize("Half A4 width, one column (1240 px, 300 dpi)", 620, 500, 2,
                         N_("Half A4 width, one column ({width} px, {dpi} dpi)")),
    "slide": ExportSize("Slide (1920 × 1080 px)", 960, 540, 2, N_("Slide ({width} × {height} px)")),
}
DEFAULT_SIZE = "a4"


class BadExport(ValueError):
    """An export request that cannot be answered as asked; the message goes back with a 400."""


@dataclass(frozen=True)
class Caption:
    """What must travel with a panel wherever it is pasted."""

    title: str
    sources: list[str]
    caveats: list[str]
    #: 'Publisher: released 2025-06-03' for each source behind the panel.
    releases: list[str]
    permalink: str
    #: What the chart shows, in one paragraph (dashboard/panels/summaries.py): for the report's text and screen readers.
    summary: str = ""
    #: The language of the caption's own words (the view's).
    lang: str = DEFAULT_LANG

    def lines(self) -> list[str]:
        t = translator(self.lang)
        return [self.title, t("Source: {sources}", sources="; ".join(self.sources)),
                t("Release dates: {releases}", releases="; ".join(self.releases)),
                t("View: {permalink}", permalink=self.permalink)]


def caption_for(store: Store, state: ViewState, panel: str, permalink: str) -> Caption:
    notes = panel_notes(store, state, panel)
    return Caption(panel_heading(store, state, panel), notes["sources"], notes["caveats"], notes["releases"],
                   permalink, panel_summary(store, state, panel), state.lang)


def _footer(caption: Caption, size: ExportSize) -> list[str]:
    """The caption lines under an image, wrapped to its width (plotly annotations do not wrap by themselves)."""
    chars = max(40, int(size.width / (FOOTER_FONT * 0.56)))
    return [line for text in caption.lines()[1:] for line in textwrap.wrap(text, chars, break_on_hyphens=False)]


def _legend_px(fig: go.Figure) -> float:
    """About how wide a legend beside the plot is: its longest entry and the line sample before it."""
    names = [str(t.name or "") for t in fig.data if t.showlegend is not False]
    return max((len(n) for n in names), default=0) * 6.6 + 50


def captioned(fig: go.Figure, caption: Caption, size: ExportSize) -> go.Figure:
    """A copy of the figure with its title and a footer of sources, release dates and permalink, sized for export."""
    out = go.Figure(fig)
    lines = _footer(caption, size)
    beside = out.layout.legend.y is not None and out.layout.legend.y < 0
    if beside:  # the footer takes the space under the plot
        out.update_layout(legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"})
    bottom = len(lines) * _LINE_PX + 56  # room for the x-axis labels above the footer
    top = 48
    plot_height = size.height - top - bottom
    # The events' labels, laid out again for this width: beside a legend moved right, the plot is narrower.
    fit_labels(out, size.width - _AXIS_PX - (_legend_px(out) if beside else 0))
    out.update_layout(width=size.width, height=size.height, title={"text": caption.title},
                      margin={"t": top, "b": bottom, "l": 16, "r": 16})
    out.add_annotation(text="<br>".join(lines), xref="paper", yref="paper", x=0, xanchor="left",
                       y=-(bottom - 8) / plot_height, yanchor="bottom", align="left", showarrow=False,
                       font={"size": FOOTER_FONT, "color": "#1f2933"})
    return out


# Bounded at 4 entries (LRU), keyed by file; a worker reads one, data/countries.geojson (0.3 MB as JSON).
@lru_cache(maxsize=4)
def _outlines(path: Path) -> dict:
    """The country outlines, inlined into exported maps (the exporter has no server to fetch them from)."""
    return json.loads(path.read_text(encoding="utf-8"))


def panel_image(store: Store, state: ViewState, panel: str, fmt: str, size: ExportSize, caption: Caption,
                chromium: Path) -> bytes:
    """The panel as a captioned PNG (with its dpi recorded) or SVG."""
    fig = build_panel(store, state, panel, _outlines(store.data_dir / "countries.geojson"))
    fig = captioned(fig, caption, size)
    scale = size.scale if fmt == "png" else 1
    image = render_image(fig, fmt, size.width, size.height, scale, chromium=chromium, topojson_dir=TOPOJSON_DIR)
    return with_dpi(image, DPI) if fmt == "png" else image


def panel_csv(store: Store, state: ViewState, panel: str, caption: Caption) -> str:
    """The rows behind the panel, under '#' lines carrying caption, sources, release dates, caveats and permalink."""
    t = translator(caption.lang)
    head = [caption.lines()[0], t("Summary: {summary}", summary=caption.summary), *caption.lines()[1:3],
            *(t("Caveat: {caveat}", caveat=c) for c in caption.caveats), caption.lines()[3]]
    body = panel_rows(store, state, panel).to_csv(index=False, lineterminator="\n")
    return "".join(f"# {line}\n" for line in head) + body


def file_stem(state: ViewState, panel: str) -> str:
    lo, hi = state.years
    years = str(lo) if lo == hi else f"{lo}-{hi}"
    years += f"_vs_{state.compare}" if state.compare is not None else ""
    return f"see-route-monitor_{panel}_{state.indicator}_{years}"


def _readme_head(store: Store, lang: str, permalink: str, size: ExportSize) -> list[str]:
    """The README's opening lines: what the pack is of, in the view's language (which a translated one names)."""
    t = translator(lang)
    language = [t("Language: {language}", language=LANGUAGES[lang].own_name)] if lang != DEFAULT_LANG else []
    images = t("Images: PNG {width} x {height} px at {dpi} dpi ({size}); SVG {svg_width} x {svg_height}",
               width=spelled(size.pixels[0], lang), height=spelled(size.pixels[1], lang), dpi=spelled(DPI, lang),
               size=size.label_in(lang), svg_width=spelled(size.width, lang), svg_height=spelled(size.height, lang))
    files = t("Files")
    return [t("SEE Route Monitor: report pack"), "", *language, t("View: {permalink}", permalink=permalink),
            t("Newest source release: {date} (each panel below gives its own sources' dates)", date=store.data_date),
            images, "", files, "-" * len(files)]


def _readme_panel(n: int, caption: Caption, names: list[str], permalink: str) -> list[str]:
    """One panel's entry in the README: its caption, summary, files, sources, release dates and caveats."""
    t = translator(caption.lang)
    return ["", f"{n}. {caption.title}", f"   {caption.summary}",
            "   " + t("Files: {files}", files=", ".join(names)),
            *("   " + t("Source: {sources}", sources=s) for s in caption.sources),
            *("   " + t("Release date: {release}", release=r) for r in caption.releases),
            *("   " + t("Caveat: {caveat}", caveat=c) for c in caption.caveats),
            "   " + t("Permalink: {permalink}", permalink=permalink)]


def report_pack(store: Store, state: ViewState, permalink: str, size: ExportSize, chromium: Path) -> bytes:
    """One zip: every panel as PNG, SVG and CSV, and README.txt listing each file with caption and sources."""
    buf = io.BytesIO()
    t = translator(state.lang)
    readme = _readme_head(store, state.lang, permalink, size)
    panels = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as pack:
        for n, panel in enumerate(view_panels(state), start=1):
            caption = caption_for(store, state, panel, permalink)
            names = [f"{n}-{panel}.{fmt}" for fmt in FORMATS]
            pack.writestr(names[0], panel_image(store, state, panel, "png", size, caption, chromium))
            pack.writestr(names[1], panel_image(store, state, panel, "svg", size, caption, chromium))
            pack.writestr(names[2], panel_csv(store, state, panel, caption))
            readme += [f"{name}  {caption.title}" for name in names]
            panels += _readme_panel(n, caption, names, permalink)
        heading = t("Captions, sources and caveats")
        readme += ["", heading, "-" * len(heading), *panels, ""]
        pack.writestr("README.txt", "\n".join(readme))
    return buf.getvalue()


# ---- HTTP -----------------------------------------------------------------------------------------------------


def request_view(args: dict[str, list[str]], domain: Domain,
                 preferred: str = DEFAULT_LANG) -> tuple[ViewState, ExportSize]:
    """The view and size an export URL asks for; BadExport for anything the codec would have to correct (in
    the view's language once the view is read). `preferred` is the reader's language, for a link without lang."""
    params = {k: v for k, v in args.items() if k != "size"}
    size_name = (args.get("size") or [DEFAULT_SIZE])[-1]
    if size_name not in SIZES:
        raise BadExport(f"'size' must be one of {', '.join(SIZES)}, not {size_name[:20]!r}")
    parsed = parse_query(params, domain, preferred)
    if parsed.notices:  # a report must cite exactly the view asked for, never a corrected one
        t = translator(parsed.state.lang)
        raise BadExport(t("the view in this export link is not valid: {notices}", notices=" ".join(parsed.notices)))
    return parsed.state, SIZES[size_name]


def _error(message: str, status: int = 400) -> Response:
    return Response(f"error: {message}\n", status=status, mimetype="text/plain")


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    resp = Response(body, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    resp.headers["Cache-Control"] = "no-cache"
    return resp


def _busy(exc: ExportBusy, lang: str = DEFAULT_LANG) -> Response:
    """503 with Retry-After: the page's Export menu (assets/export.js) and scripts wait that long and retry."""
    resp = _error(exc.in_language(lang), 503)
    resp.headers["Retry-After"] = str(exc.retry_after)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def blueprint(store: Store, domain: Domain, config: Config) -> Blueprint:
    bp = Blueprint("export", __name__)
    mimetypes = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv"}
    renderer = RenderQueue(config.export_slots, config.export_wait, config.test_hold_exports)
    cache = ExportCache(config.export_cache_mb * 2**20)

    def view_and_link() -> tuple[ViewState, ExportSize, str]:
        state, size = request_view(request.args.to_dict(flat=False), domain, reader_language())
        return state, size, urljoin(request.host_url, page_url(state, domain, config.base_path))

    def rendered(key: Hashable, make: Callable[[], bytes]) -> bytes:
        """A finished copy of the file, or one made on the render thread (one job, whatever it holds)."""
        return cache.get(key) or renderer.run(lambda: cache.put(key, make()))

    def answer(make: Callable[[ViewState, ExportSize, str], tuple[bytes | str, str, str]]) -> Response:
        """The download `make` returns (body, mimetype, filename) for the requested view, or the error it ran
        into as plain text, in the view's language once there is a view (English before)."""
        lang = DEFAULT_LANG
        try:
            state, size, link = view_and_link()
            lang = state.lang
            return _download(*make(state, size, link))
        except BadExport as exc:
            return _error(str(exc))
        except ExportBusy as exc:
            return _busy(exc, lang)
        except ImageExportUnavailable as exc:
            return _error(exc.in_language(lang), 503)

    @bp.get("/report-pack.zip")
    def pack() -> Response:
        def make(state: ViewState, size: ExportSize, link: str) -> tuple[bytes, str, str]:
            body = rendered(("report-pack", link, size), lambda: report_pack(store, state, link, size, config.chromium))
            lo, hi = state.years
            return body, "application/zip", f"see-route-monitor_report-pack_{state.indicator}_{lo}-{hi}.zip"

        return answer(make)

    @bp.get("/<panel>.<fmt>")
    def panel_file(panel: str, fmt: str) -> Response:
        if panel not in PANELS or fmt not in FORMATS:
            return _error(f"no such export; try /export/<{'|'.join(PANELS)}>.<{'|'.join(FORMATS)}> or "
                          "/export/report-pack.zip", 404)

        def make(state: ViewState, size: ExportSize, link: str) -> tuple[bytes | str, str, str]:
            caption = caption_for(store, state, panel, link)
            body = panel_csv(store, state, panel, caption) if fmt == "csv" else rendered(
                (panel, fmt, link, size), lambda: panel_image(store, state, panel, fmt, size, caption, config.chromium))
            return body, mimetypes[fmt], f"{file_stem(state, panel)}.{fmt}"

        return answer(make)

    return bp


def size_params(size: str) -> dict[str, str]:
    """Export URL options for a size, leaving the default out so links stay short."""
    return {} if size == DEFAULT_SIZE else {"size": size}

