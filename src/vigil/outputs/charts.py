"""Small SVG charts drawn by Vigil (no library, no network), for the dossier and the web.

Every label is escaped; numbers are laid out in a fixed viewBox so the charts scale.
The charts' own words are parameters (English by default) so the web shows them in the
page's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Rate:
    label: str
    sent: int
    answered: int

    @property
    def share(self) -> float:
        return self.answered / self.sent if self.sent else 0.0


def _same(text: str) -> str:
    return text


def rate_bars(
    rates: Sequence[Rate],
    redact: Callable[[str], str] = _same,
    title: str = "Response rate per authority",
) -> Markup:
    """One horizontal bar per authority: answered share in dark, the rest in light."""
    width, row, label_w, bar_w = 640, 26, 260, 300
    height = max(row * len(rates), row) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}">'
    ]
    for i, r in enumerate(rates):
        y = 4 + i * row
        label = escape(redact(r.label))
        answered_w = round(bar_w * r.share)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="11">{label}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="16" fill="#e3e3e3"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{answered_w}" height="16" fill="#1f5f8b"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 16}" font-size="11">'
            f"{r.answered}/{r.sent} ({round(100 * r.share)}%)</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def month_bars(
    counts: dict[str, tuple[int, int]],
    title: str = "Letters and responses per month",
    legend: str = "letters (light) and responses (dark), highest %(top)d",
) -> Markup:
    """Per month (YYYY-MM): letters sent (light) and responses received (dark), side by side."""
    months = sorted(counts)
    width, height, base = 640, 180, 150
    step = (width - 40) / max(len(months), 1)
    top = max([max(a, b) for a, b in counts.values()] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}">',
        f'<line x1="30" y1="{base}" x2="{width}" y2="{base}" stroke="#888"/>',
    ]
    bar = max(min(step / 2 - 2, 24), 2)
    for i, month in enumerate(months):
        sent, answered = counts[month]
        x = 34 + i * step
        for j, (value, colour) in enumerate(((sent, "#9cc3e0"), (answered, "#1f5f8b"))):
            h = round((base - 20) * value / top)
            parts.append(
                f'<rect x="{x + j * bar:.1f}" y="{base - h}" width="{bar:.1f}" height="{h}" '
                f'fill="{colour}"/>'
            )
        parts.append(f'<text x="{x:.1f}" y="{base + 14}" font-size="9">{escape(month)}</text>')
    parts.append(f'<text x="34" y="12" font-size="10">{escape(legend % {"top": top})}</text></svg>')
    return Markup("".join(parts))
