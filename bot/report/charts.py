"""The coordinators' chart: the key figures beside last year's and the programme's 2017
figures, the flows between sectors (same-sector cells framed), how proposals ended, and how
well each placement fits the intern's wish.

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

from bot.texts import report as t

PRIMARY = "#1b5e83"
SERIES_COLOURS = (PRIMARY, "#7fb3d5", "#b0b0b0")  # this year, last year, 2017
SAME_SECTOR_EDGE = "#e07b00"


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


def season_figure(data: ChartData) -> Figure:
    figure = Figure(figsize=(13, 9), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    (keys, flows), (outcomes, fits) = figure.subplots(2, 2, width_ratios=(1.2, 1))
    figure.suptitle(data.title, fontsize=15, fontweight="bold")
    _key_figures(keys, data)
    _flows(flows, data)
    _bars(outcomes, data.outcomes, t.CHART_OUTCOMES, horizontal=True)
    _bars(fits, data.fits, t.CHART_FIT, horizontal=False)
    fits.set_xlabel(t.CHART_FIT_AXIS, fontsize=9)
    return figure


def png(data: ChartData) -> bytes:
    out = io.BytesIO()
    season_figure(data).savefig(out, format="png")
    return out.getvalue()
