"""Charts of the report as inline SVG, drawn here (no chart library, no web fonts).

Every chart has role="img" and a <title> that carries its numbers in words, so a screen reader
and a printout without colours lose nothing; colours come from classes of the page's CSS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_ROW = 22  # height of a bar row
_LABEL = 240  # width of the label column
_BAR = 300  # width of the bar area


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, the value's display text and a CSS class."""

    label: str
    value: float
    text: str
    css: str = "bar"


def _svg(width: int, height: int, title: str, body: list[str], css: str = "chart") -> Markup:
    head = (
        f'<svg class="{css}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _clip(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bars(bars: Sequence[Bar], title: str) -> Markup:
    """Horizontal bars with their value written beside each."""
    top = max((b.value for b in bars), default=0) or 1
    body = []
    for i, b in enumerate(bars):
        y = i * _ROW
        w = max(b.value / top * _BAR, 0 if b.value == 0 else 1)
        body.append(
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(_clip(b.label))}</text>'
            f'<rect class="{b.css}" x="{_LABEL}" y="{y + 3}" width="{w:.1f}" height="{_ROW - 6}"/>'
            f'<text x="{_LABEL + w + 4:.1f}" y="{y + 15}">{escape(b.text)}</text>'
        )
    return _svg(_LABEL + _BAR + 90, max(len(bars), 1) * _ROW, title, body)


def pareto(bars: Sequence[Bar], total: float, cumulative: Sequence[str], title: str) -> Markup:
    """A Pareto chart lying on its side: bars in descending order and the cumulative share of
    ``total`` as a line across them (its percentages written at the right)."""
    top = max((b.value for b in bars), default=0) or 1
    body, points = [], []
    running = 0.0
    right = _LABEL + _BAR + 70
    for i, (b, cum) in enumerate(zip(bars, cumulative, strict=True)):
        y = i * _ROW
        w = b.value / top * _BAR
        running += b.value
        points.append((f"{_LABEL + running / (total or 1) * _BAR:.1f}", f"{y + _ROW / 2:.1f}"))
        body.append(
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(_clip(b.label))}</text>'
            f'<rect class="{b.css}" x="{_LABEL}" y="{y + 3}" width="{w:.1f}" height="{_ROW - 6}"/>'
            f'<text x="{_LABEL + w + 4:.1f}" y="{y + 15}">{escape(b.text)}</text>'
            f'<text class="cum" x="{right + 60}" y="{y + 15}" text-anchor="end">'
            f"{escape(cum)}</text>"
        )
    if points:
        line = " ".join(f"{x},{y}" for x, y in points)
        body.append(f'<polyline class="cumline" points="{line}"/>')
        body += [f'<circle class="cumdot" cx="{x}" cy="{y}" r="3"/>' for x, y in points]
    return _svg(right + 64, max(len(bars), 1) * _ROW, title, body)


def stacked(parts: Sequence[Bar], title: str, width: int = 480) -> Markup:
    """One bar split into parts (e.g. customers by Ampel); the words are in the legend beside."""
    total = sum(p.value for p in parts) or 1
    body, x = [], 0.0
    for p in parts:
        w = p.value / total * width
        if w > 0:
            body.append(f'<rect class="{p.css}" x="{x:.1f}" y="0" width="{w:.1f}" height="18"/>')
            if w > 40:
                body.append(
                    f'<text class="on-{p.css}" x="{x + w / 2:.1f}" y="13" '
                    f'text-anchor="middle">{escape(p.text)}</text>'
                )
        x += w
    return _svg(width, 18, title, body, "chart stacked")


def bullet(actual: float | None, target: float, css: str, title: str) -> Markup:
    """Actual (bar) against target (tick) on 0..100 %."""
    width, scale = 260, 2.4
    body = [
        f'<rect class="track" x="10" y="5" width="{100 * scale:.0f}" height="14"/>',
        f'<rect class="band" x="10" y="5" width="{target * scale:.1f}" height="14"/>',
    ]
    if actual is not None:
        body.append(f'<rect class="{css}" x="10" y="9" width="{actual * scale:.1f}" height="6"/>')
    x = 10 + target * scale
    body.append(f'<line class="target" x1="{x:.1f}" y1="1" x2="{x:.1f}" y2="23"/>')
    return _svg(width, 24, title, body, "chart bullet")


def histogram(
    rows: Sequence[tuple[str, Sequence[int]]], labels: Sequence[str], title: str
) -> Markup:
    """Customers per index decile, one row of columns per segment (a small multiple)."""
    height, col = 36, 30
    top = max((c for _, counts in rows for c in counts), default=0) or 1
    body = []
    for r, (name, counts) in enumerate(rows):
        y0 = r * (height + 8)
        body.append(
            f'<text x="{_LABEL - 6}" y="{y0 + height - 4}" text-anchor="end">'
            f"{escape(_clip(name))}</text>"
        )
        for i, c in enumerate(counts):
            h = c / top * (height - 12)
            x = _LABEL + i * col
            body.append(
                f'<rect class="bar" x="{x + 2}" y="{y0 + height - h:.1f}" width="{col - 4}" '
                f'height="{h:.1f}"/>'
            )
            if c:
                body.append(
                    f'<text class="small" x="{x + col / 2}" y="{y0 + height - h - 2:.1f}"'
                    f' text-anchor="middle">{c}</text>'
                )
    y_axis = len(rows) * (height + 8)
    for i, label in enumerate(labels):
        body.append(
            f'<text class="small" x="{_LABEL + i * col + col / 2}" y="{y_axis + 10}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    return _svg(_LABEL + 10 * col + 10, y_axis + 14, title, body)
