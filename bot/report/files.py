"""The season report's files: the PDF (the key figures on page 1, the chart as vectors on
page 2), the Markdown and the chart it links to.

Drawn with matplotlib's PDF backend on bare Figures (no pyplot, no display). Fonts are
embedded as TrueType (pdf.fonttype 42) so that the text can be searched and copied, æ, ø
and å included.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfPages
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from bot.report import charts
from bot.report.build import (
    SeasonReport,
    chart_data,
    figure_table,
    goal_rows,
    markdown,
    quotes_of,
)
from bot.texts import goal_figures as g
from bot.texts import report as t

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.07  # of the page
ROW = 0.028  # of the page height per table row
PRIMARY = charts.PRIMARY


def _first_page(report: SeasonReport, made: str) -> Figure:
    page = Figure(figsize=A4)
    FigureCanvasPdf(page)
    year = report.figures.year
    y = 1 - MARGIN
    page.text(MARGIN, y, t.title(year), fontsize=17, fontweight="bold", color=PRIMARY)
    y -= 0.03
    page.text(MARGIN, y, t.subtitle(made), fontsize=9, color="#555555")
    y -= 0.05
    page.text(MARGIN, y, t.FIGURES.lstrip("# "), fontsize=13, fontweight="bold")
    y -= 0.035
    head, rows = figure_table(report)
    # Column starts: the label column, then the years (this, last, 2017) in equal widths.
    label_width = 0.30
    width = (1 - 2 * MARGIN - label_width) / (len(head) - 1)
    xs = [MARGIN] + [MARGIN + label_width + k * width for k in range(len(head) - 1)]
    for x, cell in zip(xs, head, strict=True):
        page.text(x, y, cell, fontsize=10, fontweight="bold")
    y -= 0.008
    page.add_artist(Line2D([MARGIN, 1 - MARGIN], [y, y], color=PRIMARY, linewidth=1))
    for row in rows:
        lines = [textwrap.wrap(cell, 21) or [""] for cell in row]
        height = max(len(cell) for cell in lines)
        y -= ROW
        for x, cell_lines in zip(xs, lines, strict=True):
            page.text(x, y, "\n".join(cell_lines), fontsize=9.5, va="top", linespacing=1.4)
        y -= ROW * 0.55 * (height - 1)
    y -= ROW * 1.5
    comparison = textwrap.fill(t.COMPARISON, 95)
    page.text(MARGIN, y, comparison, fontsize=9.5, va="top", linespacing=1.5)
    if report.previous is None:
        page.text(MARGIN, y - 0.06, t.NO_PREVIOUS, fontsize=9, va="top", color="#555555")
    return page


def _goals_page(report: SeasonReport) -> Figure:
    """The figures against the interns' goals, and the quotes their writers allowed."""
    page = Figure(figsize=A4)
    FigureCanvasPdf(page)
    y = 1 - MARGIN
    page.text(MARGIN, y, g.QUOTES_SECTION.lstrip("# "), fontsize=13, fontweight="bold")
    y -= 0.045
    for label, value in goal_rows(report.stats.goals):
        page.text(MARGIN, y, label, fontsize=9.5, va="top")
        page.text(MARGIN + 0.42, y, value, fontsize=9.5, va="top")
        y -= ROW
    y -= ROW
    page.text(MARGIN, y, g.QUOTES_NOTE, fontsize=9, va="top", color="#555555")
    y -= ROW * 1.5
    for q in quotes_of(report)[:12]:
        said = textwrap.wrap(f"»{q.text}« — {g.ROLE_WORDS.get(q.role, q.role)}", 95)[:4]
        page.text(MARGIN, y, "\n".join(said), fontsize=9.5, va="top", linespacing=1.4)
        y -= ROW * (len(said) * 0.6 + 0.8)
        if y < MARGIN:
            break
    return page


def report_pdf(report: SeasonReport, *, made: str) -> bytes:
    out = io.BytesIO()
    about = {"Title": t.title(report.figures.year), "Author": "Praktikbot"}
    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(out, metadata=about) as pdf:
        pdf.savefig(_first_page(report, made))
        pdf.savefig(charts.season_figure(chart_data(report)))
        pdf.savefig(_goals_page(report))
    return out.getvalue()


# The files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFiles:
    """What a coordinator gets: name -> bytes, the PDF first."""

    year: int
    pdf: tuple[str, bytes]
    markdown: tuple[str, bytes]
    chart: tuple[str, bytes]

    def all(self) -> list[tuple[str, bytes]]:
        return [self.pdf, self.markdown, self.chart]


def report_files(report: SeasonReport, *, made: str) -> ReportFiles:
    """The PDF, the Markdown and the chart it links to (CPU-bound: call it in a thread)."""
    year = report.figures.year
    chart_name = t.filename(year, "png")
    text = markdown(report, made=made, chart_file=chart_name)
    return ReportFiles(
        year=year,
        pdf=(t.filename(year, "pdf"), report_pdf(report, made=made)),
        markdown=(t.filename(year, "md"), text.encode("utf-8")),
        chart=(chart_name, charts.png(chart_data(report))),
    )
