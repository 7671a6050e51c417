"""The coordinators' chart as a PNG: flows between sectors, and where placements ranked.

Pure: figures in, PNG bytes out. It draws on a bare Figure with the Agg canvas, never
pyplot, so it needs no display, keeps no global state and is safe in a worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.texts import stats as t

PRIMARY = "#1b5e83"


def stats_png(
    *,
    title: str,
    sectors: Sequence[str],
    flows: Mapping[tuple[str, str], int],
    ranks: Sequence[tuple[str, int]],
) -> bytes:
    """sectors: keys in display order; flows: (from, to) -> count; ranks: (label, count)."""
    figure = Figure(figsize=(11, 4.6), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2, width_ratios=(1, 1.3))
    figure.suptitle(title, fontsize=13, fontweight="bold")

    grid = [[flows.get((a, b), 0) for b in sectors] for a in sectors]
    labels = [t.SECTORS.get(s, s) for s in sectors]
    left.imshow(grid, cmap="Blues", vmin=0, vmax=max(1, max(map(max, grid), default=1)))
    left.set_xticks(range(len(sectors)), labels)
    left.set_yticks(range(len(sectors)), labels)
    left.set_xlabel(t.CHART_TO)
    left.set_ylabel(t.CHART_FROM)
    left.set_title(t.CHART_FLOWS, fontsize=10)
    top = max((v for row in grid for v in row), default=0)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            colour = "white" if top and value > top / 2 else "black"
            left.text(c, r, str(value), ha="center", va="center", color=colour, fontsize=12)

    names = [label for label, _ in ranks]
    counts = [count for _, count in ranks]
    bars = right.bar(names, counts, color=PRIMARY)
    right.bar_label(bars, padding=2)
    right.set_title(t.CHART_RANKS, fontsize=10)
    right.set_xlabel(t.CHART_RANK_AXIS)
    right.set_ylabel(t.CHART_COUNT_AXIS)
    right.set_ylim(0, max([1, *counts]) * 1.15)
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.spines[["top", "right"]].set_visible(False)

    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
