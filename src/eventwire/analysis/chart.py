"""Small self-contained SVG charts for reports: no script, no external file, every label escaped."""

from __future__ import annotations

import datetime as dt
import math
from html import escape

PALETTE = ("#c8453a", "#2f6db5", "#e08a1e", "#3b8f4f", "#7b4fb0", "#8a6d3b", "#d05fa0", "#4a9ba8")


def nice_max(value: float) -> float:
    """The next round number at or above `value` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def line_chart(periods: list[dt.date], lines: dict[str, list[float]], *, title: str, unit: str = "events",
               width: int = 760, height: int = 260) -> str:
    """A line per series over `periods` (one value per period), with axes, a legend and a tooltip per point."""
    left, right, top, bottom = 44, 12, 34, 30
    w, h = width - left - right, height - top - bottom
    vmax = nice_max(max((v for vals in lines.values() for v in vals), default=0.0))
    n = max(1, len(periods) - 1)

    def x(i: int) -> float:
        return left + (w * i / n if len(periods) > 1 else w / 2)

    def y(v: float) -> float:
        return top + h - h * v / vmax

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(title)}">', f"<title>{escape(title)}</title>"]
    for frac in (0, 0.5, 1):
        v = vmax * frac
        out.append(f'<line x1="{left}" x2="{left + w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e3e6ea"/>')
        label = f"{v:g}" if v != int(v) else str(int(v))
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#5d6672">{label}</text>')
    out.append(f'<text x="{left}" y="{top - 20}" font-size="11" fill="#5d6672">{escape(unit)} per period</text>')
    if periods:
        count = min(len(periods), 8)
        idx = sorted({round(i * (len(periods) - 1) / max(1, count - 1)) for i in range(count)})
        for i in idx:
            anchor = "start" if i == 0 and len(periods) > 1 else "end" if i == len(periods) - 1 and len(periods) > 1 else "middle"
            out.append(f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="{anchor}" font-size="11" '
                       f'fill="#5d6672">{periods[i].isoformat()}</text>')
    legend_x = left + 150
    for k, (name, vals) in enumerate(lines.items()):
        color = PALETTE[k % len(PALETTE)]
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vals))
        out.append(f'<polyline class="series" data-series="{escape(name)}" fill="none" stroke="{color}" '
                   f'stroke-width="2" points="{pts}"/>')
        for i, v in enumerate(vals):
            if v:
                out.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{color}"><title>{escape(name)}, '
                           f'{periods[i].isoformat()}: {v:g} {escape(unit)}</title></circle>')
        out.append(f'<rect x="{legend_x}" y="{top - 28}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{legend_x + 14}" y="{top - 19}" font-size="12" fill="#1d232b">{escape(name)}</text>')
        legend_x += 24 + 8 * len(name)
    out.append("</svg>")
    return "\n".join(out)
