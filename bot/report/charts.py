"""The coordinators' chart: the key figures beside last year's and the programme's 2017
figures, the flows between sectors (same-sector cells framed), how proposals ended, how
well each placement fits the intern's wish, and the figures against the interns' goals (how
far they were met, 1–5, and what was put into practice), for all and by sector crossing.

Pure: figures in, a matplotlib Figure (or PNG bytes) out. It draws on a bare Figure, never
pyplot, so it needs no display, keeps no global state and is safe in a worker thread; the
season report puts the same Figure, as vectors, into its PDF.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from bot.texts import goal_figures as g
from bot.texts import report as t

PRIMARY = "#1b5e83"
SERIES_COLOURS = (PRIMARY, "#7fb3d5", "#b0b0b0")  # this year, last year, 2017
SAME_SECTOR_EDGE = "#e07b00"


@dataclass(frozen=True)
class GoalsPanel:
    """The figures against the interns' goals, one entry per group (all, same sector,
    across sectors), labels written by the caller."""

    met: Sequence[tuple[str, Sequence[int]]]  # (group and its mean, answers for 1, 2 … 5)
    practised: Sequence[tuple[str, Sequence[float]]]  # (group and its answers, per cent)
    practised_words: Sequence[str]  # what the per cents are of: ja, delvist, nej


@dataclass(frozen=True)
class ChartData:
    title: str
    key_labels: Sequence[str]  # the key figures, top to bottom
    # (legend, per cent per figure): this year, last year if known, 2017 last
    key_series: Sequence[tuple[str, Sequence[float | None]]]
    sectors: Sequence[tuple[str, str]]  # (key, label) in display order
    flows: Mapping[tuple[str, str], int]  # (intern's sector, host's sector) -> placements
    outcomes: Sequence[tuple[str, int]]  # (label, proposals)
    fits: Sequence[tuple[str, int]]  # (bucket label, placements), equal buckets
    goals: GoalsPanel


def _tidy(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)


def _key_figures(ax: Axes, data: ChartData) -> None:
    rows = len(data.key_labels)
    count = len(data.key_series)
    height = 0.8 / count
    for k, (name, values) in enumerate(data.key_series):
        offsets = [r + (k - (count - 1) / 2) * height for r in range(rows)]
        shown = [v if v is not None else 0.0 for v in values]
        # This year dark, the programme's 2017 figures (always last) grey, last year between.
        colour = SERIES_COLOURS[0 if k == 0 else 2 if k == count - 1 else 1]
        ax.barh(offsets, shown, height=height * 0.92, color=colour, label=name)
        for y, value in zip(offsets, values, strict=True):
            text = t.percent(value) if value is not None else t.NO_ANSWERS
            ax.text((value or 0) + 1.5, y, text, va="center", fontsize=9)
    ax.set_yticks(range(rows), data.key_labels, fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100 %"])
    ax.set_title(t.CHART_KEYS, fontsize=11, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.1), ncol=count, fontsize=9, frameon=False)
    _tidy(ax)


def _flows(ax: Axes, data: ChartData) -> None:
    keys = [k for k, _ in data.sectors]
    labels = [label for _, label in data.sectors]
    grid = [[data.flows.get((a, b), 0) for b in keys] for a in keys]
    top = max((v for row in grid for v in row), default=0)
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=max(1, top))
    ax.set_xticks(range(len(keys)), labels)
    ax.set_yticks(range(len(keys)), labels)
    ax.set_xlabel(t.CHART_TO)
    ax.set_ylabel(t.CHART_FROM)
    ax.set_title(t.CHART_FLOWS, fontsize=11, loc="left")
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            colour = "white" if top and value > top / 2 else "black"
            ax.text(c, r, str(value), ha="center", va="center", color=colour, fontsize=13)
            if keys[r] == keys[c] and keys[r]:
                ax.add_patch(
                    Rectangle(
                        (c - 0.46, r - 0.46),
                        0.92,
                        0.92,
                        fill=False,
                        edgecolor=SAME_SECTOR_EDGE,
                        linewidth=2.5,
                    )
                )
    frame = Patch(fill=False, edgecolor=SAME_SECTOR_EDGE, linewidth=2.5, label=t.SAME_SECTOR)
    ax.legend(handles=[frame], loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)


def _bars(ax: Axes, items: Sequence[tuple[str, int]], title: str, *, horizontal: bool) -> None:
    labels = [label for label, _ in items]
    counts = [n for _, n in items]
    if horizontal:
        bars = ax.barh(labels, counts, color=PRIMARY)
        ax.invert_yaxis()
        ax.set_xlim(0, max([1, *counts]) * 1.2)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        bars = ax.bar(labels, counts, color=PRIMARY)
        ax.set_ylim(0, max([1, *counts]) * 1.2)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(t.COUNT_AXIS)
    ax.bar_label(bars, padding=3, fontsize=10)
    ax.set_title(title, fontsize=11, loc="left")
    _tidy(ax)


def _goals_met(ax: Axes, panel: GoalsPanel) -> None:
    steps = range(1, 6)
    count = max(1, len(panel.met))
    width = 0.8 / count
    for k, (label, answers) in enumerate(panel.met):
        xs = [s + (k - (count - 1) / 2) * width for s in steps]
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        bars = ax.bar(xs, answers, width=width * 0.92, color=colour, label=label)
        ax.bar_label(bars, labels=[str(n) if n else "" for n in answers], padding=2, fontsize=8)
    top = max([1, *(n for _, answers in panel.met for n in answers)])
    ax.set_ylim(0, top * 1.3)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(list(steps), [str(s) for s in steps])
    ax.set_xlabel(g.CHART_MET_AXIS, fontsize=9)
    ax.set_ylabel(g.CHART_ANSWERS)
    ax.set_title(g.CHART_MET, fontsize=11, loc="left")
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    _tidy(ax)


def _practised(ax: Axes, panel: GoalsPanel) -> None:
    labels = [label for label, _ in panel.practised]
    start = [0.0] * len(labels)
    for j, word in enumerate(panel.practised_words):
        widths = [shares[j] for _, shares in panel.practised]
        colour = SERIES_COLOURS[j % len(SERIES_COLOURS)]
        bars = ax.barh(labels, widths, left=start, color=colour, label=word)
        shown = [t.percent(w) if w else "" for w in widths]
        ink = "white" if colour == PRIMARY else "black"
        ax.bar_label(bars, labels=shown, label_type="center", fontsize=9, color=ink)
        start = [a + b for a, b in zip(start, widths, strict=True)]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100 %"])
    ax.set_title(g.CHART_PRACTISED, fontsize=11, loc="left")
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, -0.1),
        ncol=len(panel.practised_words),
        fontsize=9,
        frameon=False,
    )
    _tidy(ax)


def season_figure(data: ChartData) -> Figure:
    figure = Figure(figsize=(13, 13), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    (keys, flows), (outcomes, fits), (met, practised) = figure.subplots(3, 2, width_ratios=(1.2, 1))
    figure.suptitle(data.title, fontsize=15, fontweight="bold")
    _key_figures(keys, data)
    _flows(flows, data)
    _bars(outcomes, data.outcomes, t.CHART_OUTCOMES, horizontal=True)
    _bars(fits, data.fits, t.CHART_FIT, horizontal=False)
    fits.set_xlabel(t.CHART_FIT_AXIS, fontsize=9)
    _goals_met(met, data.goals)
    _practised(practised, data.goals)
    return figure


def png(data: ChartData) -> bytes:
    out = io.BytesIO()
    season_figure(data).savefig(out, format="png")
    return out.getvalue()
