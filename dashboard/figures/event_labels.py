"""Where the context events' labels stand on a chart, so that close events (September to November 2015, March
and April 2016) stay readable: short labels, each at one of a few heights and on one side of its marker.

Pure geometry on the figure dashboard.figures.events draws: its marker trace carries the labels (`meta`)
and `fit_labels` sets each label's height and side, and the data axis' headroom, for a plot width. The series is
laid out for the dashboard's width when it is built; an export, which knows its width, lays it out again. A label
that cannot stand clear of the others at that width is left out; its marker, line and hover stay.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

#: The key of the events' two traces' `meta` (the lines, then the markers). Not a legend group: plotly would then
#: order a horizontal legend by groups, one entry under another.
KEY = "events"
#: Label heights on the events' axis (0 at the bottom, 1 at the top), from the top down.
LEVELS = (0.96, 0.892, 0.824, 0.756, 0.688)
#: Room between the lowest label in use and the data below it, on the same axis.
_CLEAR = 0.05
#: Characters of each end a long title keeps as its label (the hover has the whole title).
LABEL_HALF = 14
#: The plot width (layout px) of the dashboard's series at 1366 px (measured: 1256); wider ones only have more room.
PLOT_PX = 1250
#: A label's width: per character of 11 px system type (0.55 em, measured in Chromium), plus its marker and gap.
CHAR_PX, _PAD_PX = 6.0, 18
#: What a marker whose label is left out still takes.
_MARKER_PX = 10
Slots = list[tuple[int, bool]]  # per label: its level (index of LEVELS) and whether it stands right of its marker


def short_label(title: str) -> str:
    """The title as a label: up to its first bracket or semicolon, and where that is long, its first and last
    words with an ellipsis between ("Hungary closes…with Serbia"): the subject and what it concerns."""
    text = title.split(" (")[0].split(";")[0].strip()
    words = text.split()
    if len(text) <= 2 * LABEL_HALF + 1 or len(words) < 3:
        return text
    head, tail = words[:1], words[-1:]
    while len(" ".join(words[:len(head) + 1])) <= LABEL_HALF and len(head) + len(tail) < len(words) - 1:
        head = words[:len(head) + 1]
    while len(" ".join(words[-len(tail) - 1:])) <= LABEL_HALF and len(head) + len(tail) < len(words) - 1:
        tail = words[-len(tail) - 1:]
    return f"{' '.join(head)}…{' '.join(tail)}"


def _runs(xs: list[float], widths: list[float]) -> list[list[int]]:
    """Runs of events, each closer to the one before than half that one's label width."""
    runs: list[list[int]] = []
    for i, x in enumerate(xs):
        if runs and x - xs[i - 1] < widths[i - 1] / 2:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _span(x: float, width: float, right: bool) -> tuple[float, float]:
    return (x, x + width) if right else (x - width, x)


def _overlap(i: int, slot: tuple[int, bool], slots: Slots, xs: list[float], widths: list[float]) -> float:
    """How far label i in `slot` runs into the other labels of its level and off the axis (axis fractions)."""
    lo, hi = _span(xs[i], widths[i], slot[1])
    out = max(0.0, -lo) + max(0.0, hi - 1)
    for j, (level, right) in enumerate(slots):
        if j != i and level == slot[0]:
            a, b = _span(xs[j], widths[j], right)
            out += max(0.0, min(hi, b) - max(lo, a))
    return out


def _badness(i: int, slot: tuple[int, bool], slots: Slots, xs: list[float], widths: list[float]) -> float:
    """What label i costs in `slot` beside the others: overlapping or running off the axis, then each line drawn
    through a label (an event's line reaches up to its own label), then each step down."""
    level, right = slot
    lo, hi = _span(xs[i], widths[i], right)
    bad = _overlap(i, slot, slots, xs, widths) * 1000 + level * 0.2
    for j, (other, other_right) in enumerate(slots):
        if j != i:
            a, b = _span(xs[j], widths[j], other_right)
            bad += (other < level and lo < xs[j] < hi) + (level < other and a < xs[i] < b)
    return bad


def label_slots(xs: list[float], widths: list[float]) -> Slots:
    """A level and a side per label, for labels at `xs` (sorted) with `widths`, both as fractions of the axis.

    Each run of close events starts as a pyramid (its middle two on top pointing apart, each further one a step
    lower outwards, so no label covers the line of a higher one); then each label in turn moves to the slot where
    it costs least (`_badness`), until none moves."""
    slots: Slots = []
    for run in _runs(xs, widths):
        half = len(run) // 2
        slots += [(min(int(abs(k - half + 0.5) - 0.5), len(LEVELS) - 1), k >= half) for k in range(len(run))]
    choices = [(level, right) for level in range(len(LEVELS)) for right in (True, False)]
    for _ in range(len(xs) * len(choices)):  # a bound: a pass that moves nothing ends it
        moved = False
        for i in range(len(xs)):
            best = min(choices, key=lambda c: _badness(i, c, slots, xs, widths))
            if _badness(i, best, slots, xs, widths) < _badness(i, slots[i], slots, xs, widths):
                slots[i], moved = best, True
        if not moved:
            break
    return slots


def readable_slots(xs: list[float], widths: list[float], plot_px: float) -> tuple[Slots, list[bool]]:
    """`label_slots`, leaving out (from the one that overlaps most) the labels that still run into another by a
    pixel or more at this width; returns the slots and which labels are shown."""
    shown = [True] * len(xs)
    while True:
        sizes = [w if keep else _MARKER_PX / plot_px for w, keep in zip(widths, shown, strict=True)]
        slots = label_slots(xs, sizes)
        overlaps = [_overlap(i, s, slots, xs, sizes) * plot_px for i, s in enumerate(slots)]
        worst = max(range(len(xs)), key=lambda i: overlaps[i] if shown[i] else 0, default=None)
        if worst is None or not shown[worst] or overlaps[worst] < 1:
            return slots, shown
        shown[worst] = False


def _fraction(x: float | str, axis: list) -> float:
    """Where x lies along the axis, 0 at its start and 1 at its end (years, or dates on a monthly axis)."""
    lo, hi, value = (pd.Timestamp(v).timestamp() if isinstance(v, str) else v for v in (*axis, x))
    return (value - lo) / (hi - lo) if hi > lo else 0.5


def is_event(trace: object) -> bool:
    """Whether a trace is one of the events' (any trace type: a Sankey has no legend group)."""
    meta = getattr(trace, "meta", None)
    return isinstance(meta, dict) and KEY in meta


def fit_labels(fig: go.Figure, plot_px: float = PLOT_PX, font_px: float = 11) -> None:
    """Set the events' label heights and sides for a plot `plot_px` wide with labels in `font_px` type, and the
    data axis' headroom above its largest value (the markers' meta["top"]) so that no value reaches the lowest
    label; no-op without events."""
    traces = [t for t in fig.data if is_event(t)]
    if len(traces) != 2:
        return
    lines, marks = traces
    labels, top = list(marks.meta["labels"]), float(marks.meta["top"])
    xs = [_fraction(x, list(fig.layout.xaxis.range)) for x in marks.x]
    char = CHAR_PX * font_px / 11
    slots, shown = readable_slots(xs, [(len(label) * char + _PAD_PX) / plot_px for label in labels], plot_px)
    ys = [LEVELS[level] for level, _ in slots]
    marks.update(y=ys, textfont={"size": font_px},
                 text=[label if keep else "" for label, keep in zip(labels, shown, strict=True)],
                 textposition=["middle right" if right else "middle left" for _, right in slots])
    lines.update(y=[v for y in ys for v in (0, y, None)])
    if top > 0:
        fig.update_layout(yaxis={"autorangeoptions": {"include": [top / (min(ys) - _CLEAR)]}})
