"""A group's monthly figures as an SVG line chart, rendered on the server.

No JavaScript is needed to read it, it prints, and it weighs a few kilobytes on a phone.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 12, 48


@dataclass
class Series:
    label: str
    values: list[int]
    color: str
    dash: str = ""


def _short_rupiah(amount: float) -> str:
    if amount >= 1_000_000:
        return _("%(n)s jt") % {"n": formats.number_format(amount / 1_000_000, 1)}
    if amount >= 1_000:
        return _("%(n)s rb") % {"n": formats.number_format(amount / 1_000, 0)}
    return formats.number_format(amount, 0)


def figures_chart(visits) -> SafeString:
    """Revenue, expenses and savings over the visits, oldest first."""
    visits = sorted(visits, key=lambda v: v.visited_on)
    if len(visits) < 2:
        return mark_safe("")
    series = [
        Series(_("Omzet"), [v.revenue for v in visits], "#0b5d3b"),
        Series(_("Pengeluaran"), [v.expenses for v in visits], "#a4161a", "6 4"),
        Series(_("Tabungan"), [v.savings_balance for v in visits], "#1d4e89", "2 3"),
    ]
    top = max(max(s.values) for s in series) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / (len(visits) - 1)

    def x(i):
        return LEFT + i * step

    def y(value):
        return TOP + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title" class="chart">',
        f'<title id="chart-title">{escape(_("Omzet, pengeluaran dan tabungan per kunjungan"))}'
        "</title>",
    ]
    for fraction in (0, 0.5, 1):
        gy = y(top * fraction)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{gy:.1f}" y2="{gy:.1f}" '
            'stroke="#d6dde3" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#4a5560">{escape(_short_rupiah(top * fraction))}</text>'
        )
    every = max(1, len(visits) // 6)
    for i, visit in enumerate(visits):
        if i % every == 0 or i == len(visits) - 1:
            label = formats.date_format(visit.visited_on, "M y")
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'font-size="12" fill="#4a5560">{escape(label)}</text>'
            )
    for s in series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{s.color}" stroke-width="2.5"{dash}/>'
        )
    for n, s in enumerate(series):
        lx = LEFT + n * 150
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{HEIGHT - 10}" y2="{HEIGHT - 10}" '
            f'stroke="{s.color}" stroke-width="3"{dash}/>'
            f'<text x="{lx + 30}" y="{HEIGHT - 6}" font-size="13" fill="#1b1f24">'
            f"{escape(s.label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
