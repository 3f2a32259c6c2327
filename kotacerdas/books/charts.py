"""Charts of the books, drawn with matplotlib: PNG for DOCX and PPTX, SVG for typst.

SVG keeps its text as text (typst sets it with the vendored fonts: smaller, faster, searchable).
A chart is plain data (`Figure.chart`), so the same figure renders in every format:
- `{"kind": "roadmap", "years": [2020, …], "rows": [{"label", "group", "start", "end", "colour"}], "legend": [[label, colour]]}`
- `{"kind": "bars", "labels": [...], "values": [...], "axis": "Rp (juta)"}`

Drawing is most of a book's build time, so a drawn chart is kept in Django's cache under the hash of what
it shows (`key`): the same roadmap in Buku II and Buku IV, or a book downloaded again unchanged, is drawn once.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from django.core.cache import cache as django_cache
from matplotlib import font_manager
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Patch

from kotacerdas.books.document import clean

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "Liberation Sans"
INK = "#1f2937"
GRID = "#d1d5db"
ACCENT = "#1e3a5f"


@cache
def _fonts() -> None:
    for path in sorted(FONTS.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))


def _style() -> dict:
    _fonts()
    return {"font.family": [FONT, "DejaVu Sans", "Noto Emoji"], "font.size": 8, "svg.fonttype": "none", "svg.hashsalt": "kotacerdas"}


CACHE_SECONDS = 24 * 3600
STYLE_VERSION = 2  # raise when the drawing changes, so cached charts are drawn again


def key(chart: dict, fmt: str, width_cm: float) -> str:
    """The cache key of a drawn chart: a hash of its data, format and width (and of the drawing's version)."""
    content = json.dumps([STYLE_VERSION, matplotlib.__version__, chart, fmt, round(width_cm, 3)], sort_keys=True, default=str)
    return "books:chart:" + hashlib.sha256(content.encode()).hexdigest()


def render(chart: dict, fmt: str, width_cm: float = 16.0) -> bytes:
    """The chart as `png` or `svg` bytes, `width_cm` wide (from the cache when the same chart was drawn before)."""
    cache_key = key(chart, fmt, width_cm)
    drawn = django_cache.get(cache_key)
    if drawn is None:
        drawn = _draw(chart, fmt, width_cm)
        django_cache.set(cache_key, drawn, CACHE_SECONDS)
    return drawn


def _draw(chart: dict, fmt: str, width_cm: float) -> bytes:
    with matplotlib.rc_context(_style()):
        figure = _roadmap(chart, width_cm) if chart["kind"] == "roadmap" else _bars(chart, width_cm)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {}
        figure.savefig(out, format=fmt, dpi=170, metadata=metadata)
    return out.getvalue()


def _short(text: str, width: int) -> str:
    """One line of at most `width` characters; `$` escaped (matplotlib would read it as maths)."""
    short = textwrap.shorten(" ".join(clean(text).split()), width=width, placeholder="…") or "–"
    return short.replace("$", r"\$")


def _roadmap(chart: dict, width_cm: float) -> MplFigure:
    rows = chart["rows"]
    years = chart["years"]
    height = 0.9 + 0.2 * len(rows)  # inches: axis on top, legend below
    figure = MplFigure(figsize=(width_cm / 2.54, height))
    wide = chart.get("label_width", 48) > 48
    ax = figure.add_axes((0.44 if wide else 0.36, 0.45 / height, 0.54 if wide else 0.62, 1 - 0.85 / height))
    first, last = years[0], years[-1]
    starts = [max(row["start"], first) for row in rows]
    ends = [min(row["end"], last) for row in rows]
    ax.barh(  # one call for every bar: far cheaper than a call per programme
        range(len(rows)),
        [end - start + 1 for start, end in zip(starts, ends, strict=True)],
        left=[start - 0.5 for start in starts],
        height=0.62,
        color=[row["colour"] for row in rows],
        edgecolor="white",
        linewidth=0.5,
    )
    labels = [_short(row["label"], chart.get("label_width", 48)) for row in rows]
    ax.set_yticks([])  # the names as plain texts beside the bars: a tick per row costs far more to draw
    for i, label in enumerate(labels):
        ax.text(-0.012, i, label, transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=7, color=INK)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(first - 0.5, last + 0.5)
    ax.set_xticks(years, labels=[str(y) for y in years])
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0, colors=INK)
    for x in range(first, last + 1):
        ax.axvline(x - 0.5, color=GRID, linewidth=0.5, zorder=0)
    for i, row in enumerate(rows):
        if i and row.get("group") != rows[i - 1].get("group"):
            ax.axhline(i - 0.5, color=INK, linewidth=0.6)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(color=colour, label=label) for label, colour in chart.get("legend", [])]
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=len(handles), frameon=False, fontsize=7)
    return figure


def _bars(chart: dict, width_cm: float) -> MplFigure:
    labels = [textwrap.fill(_short(label, 40), 14) for label in chart["labels"]]
    values = chart["values"]
    figure = MplFigure(figsize=(width_cm / 2.54, 7 / 2.54))
    ax = figure.add_axes((0.1, 0.25, 0.88, 0.7))
    bars = ax.bar(range(len(values)), values, color=ACCENT, width=0.6)
    ax.set_xticks(range(len(values)), labels=labels, fontsize=7)
    ax.set_ylabel(chart.get("axis", ""), fontsize=7)
    ax.bar_label(bars, labels=chart.get("value_labels") or None, fontsize=6.5, padding=2)
    ax.margins(y=0.15)
    ax.tick_params(axis="both", length=0, colors=INK)
    ax.grid(axis="y", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return figure
