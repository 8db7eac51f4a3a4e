"""The places-held chart as inline SVG: one step line per actor, axis labels and a legend."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from html import escape

from sitrep.report.situation_layout import Chart

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 190, 16, 44  # margins; the legend sits in the right one
MAX_X_TICKS = 5
MAX_Y_TICKS = 6
MAX_LEGEND_CHARS = 24
LEGEND_ROW = 18
# Okabe-Ito: colours told apart by readers with colour-vision deficiency; yellow last (low contrast).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def render_chart_svg(chart: Chart) -> str:
    """An inline `<svg>` of places held per actor per day; "" when there is nothing to draw."""
    if not chart.days or not chart.actors:
        return ""
    top = max(1, max(max(values) for values in chart.series))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(chart.heading)}</title>',
        *_axes(chart.days, top),
        *(_series_path(values, colour_of(index), actor, top)
          for index, (actor, values) in enumerate(zip(chart.actors, chart.series, strict=True))),
        *_legend(chart.actors),
        "</svg>",
    ]
    return "\n".join(parts)


def colour_of(index: int) -> str:
    """The colour of the `index`-th actor (the palette repeats past its end)."""
    return PALETTE[index % len(PALETTE)]


def _x(slot: int, count: int) -> float:
    """The left edge of day `slot` of `count`: each day is a column, so the last day has a width too."""
    return LEFT + (WIDTH - LEFT - RIGHT) * slot / count


def _y(value: int, top: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _series_path(values: Sequence[int], colour: str, actor: str, top: int) -> str:
    """A step line: each day's count is level across that day's column."""
    count = len(values)
    commands = [f"M{_x(0, count):.1f},{_y(values[0], top):.1f}", f"H{_x(1, count):.1f}"]
    for index in range(1, count):
        commands.append(f"V{_y(values[index], top):.1f}H{_x(index + 1, count):.1f}")
    return (f'<path d="{" ".join(commands)}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{escape(actor)}</title></path>")


def _axes(days: Sequence[date], top: int) -> list[str]:
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    parts = [f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#444"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#444"/>']
    for value in _y_ticks(top):
        y = _y(value, top)
        parts.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value}</text>')
    for index in _x_ticks(len(days)):
        x = (_x(index, len(days)) + _x(index + 1, len(days))) / 2
        parts.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="#444"/>')
        parts.append(f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11">'
                     f"{days[index].isoformat()}</text>")
    parts.append(f'<text x="{(LEFT + right) / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" font-size="11">'
                 "day</text>")
    parts.append(f'<text x="12" y="{(TOP + bottom) / 2:.1f}" text-anchor="middle" font-size="11" '
                 f'transform="rotate(-90 12 {(TOP + bottom) / 2:.1f})">places held</text>')
    return parts


def _y_ticks(top: int) -> list[int]:
    step = max(1, math.ceil(top / (MAX_Y_TICKS - 1)))
    return list(range(0, top + 1, step))


def _x_ticks(count: int) -> list[int]:
    if count <= MAX_X_TICKS:
        return list(range(count))
    return sorted({round(i * (count - 1) / (MAX_X_TICKS - 1)) for i in range(MAX_X_TICKS)})


def _legend(actors: Sequence[str]) -> list[str]:
    x = WIDTH - RIGHT + 16
    parts = []
    for index, actor in enumerate(actors):
        y = TOP + index * LEGEND_ROW
        name = actor if len(actor) <= MAX_LEGEND_CHARS else actor[: MAX_LEGEND_CHARS - 1] + "…"
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour_of(index)}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 10}" font-size="11">{escape(name)}</text>')
    return parts
