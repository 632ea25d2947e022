"""The report's colours, chosen so every text has a contrast of at least 4.5:1 (WCAG AA)."""

from __future__ import annotations

from dataclasses import dataclass

MIN_CONTRAST = 4.5


@dataclass(frozen=True, kw_only=True)
class Scheme:
    """Page colours of one colour scheme."""

    bg: str
    panel: str
    text: str
    muted: str
    line: str
    link: str
    bar: str  # chart bars (with text beside them, never on them)


LIGHT = Scheme(
    bg="#ffffff",
    panel="#f4f5f7",
    text="#1b1d21",
    muted="#4a4f57",
    line="#c9cdd3",
    link="#0b57a4",
    bar="#3d5a80",
)
DARK = Scheme(
    bg="#15171a",
    panel="#1f2226",
    text="#e9ebee",
    muted="#b6bcc4",
    line="#454a52",
    link="#8cc4ff",
    bar="#8fb3d9",
)

# Ampel badges: (fill, text on it). The same in both schemes and in print.
AMPEL = {
    "rot": ("#b42318", "#ffffff"),
    "gelb": ("#f5c542", "#1b1d21"),
    "gruen": ("#17753a", "#ffffff"),
}
SYMBOL = {"rot": "✖", "gelb": "▲", "gruen": "✔"}
# Goal states: same idea, so a bullet graph's state never rests on colour alone.
STATE = {
    "erreicht": ("#17753a", "#ffffff"),
    "laeuft": ("#0b57a4", "#ffffff"),
    "verfehlt": ("#b42318", "#ffffff"),
    "ueberfaellig": ("#7a1b12", "#ffffff"),
    "ohne_wert": ("#5b616a", "#ffffff"),
}

# Heat-map shades from 0 % (index 0) to 100 % (index 10) fulfilled.
_HEAT_STOPS = ("#b42318", "#e8913a", "#f3d36b", "#9fd08a", "#17753a")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """Relative luminance per WCAG 2."""

    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Contrast ratio of two colours (1 .. 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _heat(step: int) -> tuple[str, str]:
    """Fill of heat step 0..10 and the better of black or white text on it."""
    pos = step / 10 * (len(_HEAT_STOPS) - 1)
    i = min(int(pos), len(_HEAT_STOPS) - 2)
    frac = pos - i
    a, b = _rgb(_HEAT_STOPS[i]), _rgb(_HEAT_STOPS[i + 1])
    fill = _hex(tuple(x + (y - x) * frac for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]
    text = max(("#000000", "#ffffff"), key=lambda t: contrast(fill, t))
    return fill, text


HEAT = tuple(_heat(step) for step in range(11))


def heat_step(percent: float) -> int:
    """The shade of a heat-map cell: 0..10 by tens of percent, rounded."""
    return max(0, min(10, round(percent / 10)))


def text_pairs() -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) pair the report uses for text."""
    pairs = []
    for name, s in (("light", LIGHT), ("dark", DARK)):
        for bg_name in ("bg", "panel"):
            bg = getattr(s, bg_name)
            pairs += [(f"{name} text on {bg_name}", s.text, bg)]
            pairs += [(f"{name} muted on {bg_name}", s.muted, bg)]
            pairs += [(f"{name} link on {bg_name}", s.link, bg)]
    pairs += [(f"ampel {k}", text, fill) for k, (fill, text) in AMPEL.items()]
    pairs += [(f"state {k}", text, fill) for k, (fill, text) in STATE.items()]
    pairs += [(f"heat {i}", text, fill) for i, (fill, text) in enumerate(HEAT)]
    return pairs
