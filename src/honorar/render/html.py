"""What every HTML report shares: one self-contained page, its tables, and its charts.

A report is one file a person opens in a browser, prints or saves as PDF beside the payment:
its style sheet is in it, its charts are inline SVG drawn by matplotlib (imported only here,
only when a chart is drawn, with the Agg backend), and it names nothing on the network and
runs no script. Every text from a file or a ledger is escaped. A table as wide as the page
wraps its texts, and the print style sheet sets A4 with the header row of a table repeated
on every page it spans.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..i18n import locale

STYLE = """
:root { --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --head: #e7ecf3;
        --error: #fde2e1; --old: #8c959f; --new: #1f6feb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1.5rem; font-size: 10.5pt; line-height: 1.4;
       overflow-wrap: anywhere; }  /* a name or a path with no space breaks, never overflows */
header.page { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem;
              color: var(--muted); font-size: 9pt; border-bottom: 1px solid var(--line);
              margin-bottom: 1rem; }
header.page span { overflow-wrap: anywhere; }
h1 { font-size: 15pt; margin: 0.2rem 0 0.4rem; overflow-wrap: anywhere; }
h2 { font-size: 12pt; margin: 1.4rem 0 0.4rem; break-after: avoid; }
p { margin: 0.3rem 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; font-size: 9pt;
        table-layout: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 0.15rem 0.35rem; text-align: left;
         vertical-align: top; }
th { background: var(--head); overflow-wrap: break-word; }
td.n, th.n { text-align: right; }
td.n, td.k { white-space: nowrap; }
tr.error td { background: var(--error); }
tr.total td { font-weight: bold; border-top: 2px solid var(--ink); }
table.facts { width: auto; min-width: 50%; }
table.fixed { table-layout: fixed; }
td.n.wrap { white-space: normal; }
table.facts th { background: none; font-weight: bold; }
.error-word { color: #b42318; font-weight: bold; }
.warning-word { color: #9a6700; font-weight: bold; }
figure { margin: 0.6rem 0 1rem; break-inside: avoid; }
figure svg { width: 100%; height: auto; max-width: 100%; display: block; }
figcaption { color: var(--muted); font-size: 9pt; }
ul.notes { padding-left: 1.2rem; }
.detail { color: var(--muted); font-size: 8pt; }
ul.notes li { margin: 0.2rem 0; overflow-wrap: anywhere; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
}
"""


class Markup(str):
    """HTML made here from escaped parts: a table cell shows it as it is."""


def esc(value: object) -> str:
    """A text as HTML shows it: never markup, whatever it holds (but `Markup`, made so)."""
    if isinstance(value, Markup):
        return value
    return html.escape("" if value is None else str(value), quote=True)


class Page:
    """An HTML report built part by part; `text()` gives the whole document."""

    def __init__(self, lang: str, report: str, title: str, about: str | None = None,
                 made: dt.date | None = None) -> None:
        self.lang = lang
        self.parts: list[str] = []
        day = (made or dt.date.today())
        self.title = title
        self.head = (f'<header class="page"><span>{esc(report)}</span>'
                     + (f"<span>{esc(about)}</span>" if about else "")
                     + f"<span>{esc(locale.date(day, lang))}</span></header>")

    def heading(self, text: str, level: int = 2) -> None:
        self.parts.append(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, css: str | None = None) -> None:
        cls = f' class="{css}"' if css else ""
        self.parts.append(f"<p{cls}>{esc(text)}</p>")

    def notes(self, lines: Sequence[str]) -> None:
        if lines:
            self.parts.append('<ul class="notes">' + "".join(f"<li>{esc(line)}</li>"
                                                             for line in lines) + "</ul>")

    def facts(self, rows: Sequence[tuple[str, Any]]) -> None:
        """Label and value, one a row: amounts in kr, counts as numbers."""
        body = "".join(f'<tr><th scope="row">{esc(label)}</th><td class="n">'
                       f"{esc(self.value(value))}</td></tr>" for label, value in rows)
        self.parts.append(f'<table class="facts"><tbody>{body}</tbody></table>')

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              numeric: Sequence[int] = (), shaded: Sequence[bool] | None = None,
              total: Sequence[Any] | None = None, widths: Sequence[int] = (),
              whole: Sequence[int] = ()) -> None:
        """A table; the columns in `numeric` right-aligned (their values formatted as
        amounts or counts), `shaded` rows marked as errors, `total` a last row in bold;
        `widths` (percent of the page, one a column) fixes the columns' widths; the texts
        of the columns in `whole` (dates) are never broken."""
        right, kept = set(numeric), set(whole)

        def cells(row: Sequence[Any], tag: str = "td") -> str:
            return "".join(
                f'<{tag} class="n">{esc(self.value(v))}</{tag}>' if i in right
                else f'<{tag} class="k">{esc(v)}</{tag}>' if i in kept
                else f"<{tag}>{esc(v)}</{tag}>" for i, v in enumerate(row))

        head = "".join(f'<th class="n">{esc(h)}</th>' if i in right else f"<th>{esc(h)}</th>"
                       for i, h in enumerate(headers))
        body = []
        for index, row in enumerate(rows):
            css = ' class="error"' if shaded is not None and shaded[index] else ""
            body.append(f"<tr{css}>{cells(row)}</tr>")
        if total is not None:
            body.append(f'<tr class="total">{cells(total)}</tr>')
        columns = ""
        if widths:
            columns = '<colgroup>' + "".join(f'<col style="width:{w}%">' for w in widths) \
                + "</colgroup>"
        css = ' class="fixed"' if widths else ""
        self.parts.append(f"<table{css}>{columns}<thead><tr>{head}</tr></thead>"
                          f"<tbody>{''.join(body)}</tbody></table>")

    def value(self, value: Any) -> str:
        if isinstance(value, Decimal):
            return locale.money(value, self.lang)
        if isinstance(value, bool) or value is None:
            return "" if value is None else str(value)
        if isinstance(value, int):
            return locale.number(value, self.lang)
        if isinstance(value, dt.date):
            return locale.date(value, self.lang)
        return str(value)

    def chart(self, svg: str, caption: str) -> None:
        """A chart from `charts`: its SVG inline, with a caption saying what it shows."""
        self.parts.append(f'<figure class="chart">{svg}<figcaption>{esc(caption)}'
                          "</figcaption></figure>")

    def raw(self, markup: str) -> None:
        """Markup made here from escaped parts."""
        self.parts.append(markup)

    def text(self) -> str:
        return (f'<!DOCTYPE html>\n<html lang="{locale.html_lang(self.lang)}">'
                f'<head><meta charset="utf-8"><meta name="viewport" '
                f'content="width=device-width, initial-scale=1">'
                f"<title>{esc(self.title)}</title><style>{STYLE}</style></head>"
                f"<body>{self.head}<h1>{esc(self.title)}</h1>{''.join(self.parts)}"
                "</body></html>\n")


# -------------------------------------------------------------------------------- charts

WIDTH_INCHES = 7.0  # about the width of an A4 page inside its margins
OLD_COLOUR, NEW_COLOUR, BAR_COLOUR, LINE_COLOUR = "#8c959f", "#1f6feb", "#1f6feb", "#b42318"
PART_COLOURS = ("#1f6feb", "#8250df", "#bf8700", "#1a7f37")


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot

    matplotlib.rcParams.update({
        "svg.fonttype": "none", "svg.hashsalt": "honorar", "font.size": 9,
        "font.family": "sans-serif", "axes.spines.top": False, "axes.spines.right": False,
        "text.usetex": False})
    return pyplot


LABEL_LENGTH = 40  # a longer name is cut in a chart (the tables have it whole)


def label(text: object) -> str:
    """A text as matplotlib draws it literally (a $ would start mathematics), and short
    enough to leave the chart its width."""
    text = " ".join(str(text).split())
    if len(text) > LABEL_LENGTH:
        text = text[:LABEL_LENGTH - 1] + "…"
    return text.replace("$", r"\$")


def _svg(figure, pyplot) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    pyplot.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _money_axis(axis, lang: str, which: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter

    # whole kroner: the amount's øre dropped
    formatter = FuncFormatter(lambda v, _: re.sub(r"[.,]00(?!\d)", "",
                                                  locale.money(Decimal(round(v)), lang)))
    (axis.xaxis if which == "x" else axis.yaxis).set_major_formatter(formatter)


def bars(names: Sequence[str], values: Sequence[float], lang: str, *,
         line: float | None = None, line_label: str = "", unit: str = "kr",
         highlight: Sequence[bool] | None = None) -> str:
    """Horizontal bars, one a name, largest first as given; with `line`, a vertical line
    there (a limit). `unit` kr formats the axis as amounts, else plain numbers."""
    pyplot = _plt()
    count = max(len(names), 1)
    figure, axis = pyplot.subplots(figsize=(WIDTH_INCHES, 0.9 + 0.28 * count))
    colours = [LINE_COLOUR if highlight is not None and highlight[i] else BAR_COLOUR
               for i in range(len(names))]
    axis.barh([label(n) for n in names], values, color=colours)
    axis.invert_yaxis()
    if line is not None:
        axis.axvline(line, color=LINE_COLOUR, linestyle="--", linewidth=1.2,
                     label=label(line_label))
        axis.legend(loc="lower right", frameon=False)
    if unit == "kr":
        _money_axis(axis, lang)
    axis.grid(axis="x", color="#d0d7de", linewidth=0.6)
    axis.set_axisbelow(True)
    return _svg(figure, pyplot)


def columns(names: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], lang: str, *,
            stacked: bool = False, colours: Sequence[str] = PART_COLOURS) -> str:
    """Vertical bars, one group a name: each of `series` (name, values) side by side, or
    stacked; the axis in kr."""
    pyplot = _plt()
    figure, axis = pyplot.subplots(figsize=(WIDTH_INCHES, 3.2))
    positions = list(range(len(names)))
    width = 0.8 if stacked else 0.8 / max(len(series), 1)
    bottom = [0.0] * len(names)
    for index, (name, values) in enumerate(series):
        if stacked:
            axis.bar(positions, values, width, bottom=bottom, label=label(name),
                     color=colours[index % len(colours)])
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        else:
            offset = (index - (len(series) - 1) / 2) * width
            axis.bar([p + offset for p in positions], values, width, label=label(name),
                     color=colours[index % len(colours)])
    axis.set_xticks(positions, [label(n) for n in names],
                    rotation=30 if len(names) > 6 or max(map(len, names), default=0) > 12 else 0,
                    ha="right" if len(names) > 6 or max(map(len, names), default=0) > 12
                    else "center")
    _money_axis(axis, lang, "y")
    axis.grid(axis="y", color="#d0d7de", linewidth=0.6)
    axis.set_axisbelow(True)
    if len(series) > 1:
        axis.legend(frameon=False, ncols=min(len(series), 4), loc="upper left",
                    bbox_to_anchor=(0, 1.12))
    return _svg(figure, pyplot)
