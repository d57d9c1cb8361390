"""Small SVG charts drawn on the server: the same markup on the dashboard and in the PDFs.

Hand-written rather than a chart library: a few rectangles and labels are all the Dinas
pages need, they render in WeasyPrint as they do in a browser, and no JavaScript is needed
to read them. Every chart carries a <title> and a <desc> that says its figures in words;
the pages also show the figures as a table next to it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.formatting import rupiah

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 130
BAR, GAP = 18, 8
TOP = 30  # room for the visible title
LABEL_LENGTH = 26
FONT = "DejaVu Sans, system-ui, sans-serif"


@dataclass(frozen=True)
class Series:
    label: str
    color: str
    # A pattern id drawn over the colour (see _patterns), so that print in black and white
    # still tells the series apart.
    pattern: str = ""


# A palette that stays apart for colour-blind readers and on paper.
PALETTE = ["#0b5d3b", "#d99a00", "#c62828", "#a9bcd6", "#1d4e89", "#6b4c9a"]


def number(value: int) -> str:
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def _short(text: str) -> str:
    text = str(text)
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def _patterns(chart_id: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{chart_id}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="5" stroke="#1b1f24" stroke-width="1.2"/></pattern>'
        f'<pattern id="{chart_id}-cross" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L5 5M5 0L0 5" stroke="#fff" stroke-width="1.1"/></pattern>'
        "</defs>"
    )


def _open(chart_id: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        # The title shown, too: a PDF reader has no tooltip.
        f'<text x="0" y="16" font-size="13" font-weight="bold" fill="#1b1f24" '
        f'aria-hidden="true">{escape(title)}</text>',
    ]


def _label(y: float, text: str) -> str:
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR / 2 + 4:.1f}" text-anchor="end" '
        f'font-size="11" fill="#1b1f24">{escape(_short(text))}</text>'
    )


def _rect(chart_id: str, x: float, y: float, width: float, series: Series) -> str:
    shape = f'x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BAR}"'
    out = f'<rect {shape} fill="{series.color}"/>'
    if series.pattern:
        out += f'<rect {shape} fill="url(#{chart_id}-{series.pattern})"/>'
    return out


def bar_chart(
    rows: list[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    format_value: Callable[[int], str] = number,
    color: str = PALETTE[0],
) -> SafeString:
    """Horizontal bars, one per (label, value), longest scaled to the full width."""
    if not rows:
        return mark_safe("")
    top = max(value for _label_text, value in rows) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + 8 + len(rows) * (BAR + GAP)
    desc = "; ".join(f"{label}: {format_value(value)}" for label, value in rows)
    parts = _open(chart_id, height, title, desc)
    series = Series("", color)
    for n, (label, value) in enumerate(rows):
        y = TOP + n * (BAR + GAP)
        width = value / top * plot
        parts.append(_label(y, label))
        if value:
            parts.append(_rect(chart_id, LABEL_WIDTH, y, max(width, 2), series))
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR / 2 + 4:.1f}" font-size="12" '
            f'fill="#1b1f24">{escape(format_value(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stacked_bar_chart(
    rows: list[tuple[str, list[int]]],
    *,
    series: list[Series],
    chart_id: str,
    title: str,
    format_value: Callable[[int], str] = number,
) -> SafeString:
    """Horizontal bars split into the series' parts; each bar's total is written at its end.

    Bars share one scale (the largest total), so their lengths compare; a legend below
    names the series.
    """
    if not rows:
        return mark_safe("")
    top = max(sum(values) for _label_text, values in rows) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    legend_rows = (len(series) + 2) // 3
    height = TOP + 8 + len(rows) * (BAR + GAP) + legend_rows * 20 + 6
    desc = "; ".join(
        f"{label}: "
        + ", ".join(f"{s.label} {format_value(v)}" for s, v in zip(series, values, strict=True))
        for label, values in rows
    )
    parts = _open(chart_id, height, title, desc)
    parts.append(_patterns(chart_id))
    for n, (label, values) in enumerate(rows):
        y = TOP + n * (BAR + GAP)
        parts.append(_label(y, label))
        x = LABEL_WIDTH
        for part, value in zip(series, values, strict=True):
            if value:
                width = value / top * plot
                parts.append(_rect(chart_id, x, y, width, part))
                x += width
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + BAR / 2 + 4:.1f}" font-size="12" fill="#1b1f24">'
            f"{escape(format_value(sum(values)))}</text>"
        )
    legend_top = TOP + len(rows) * (BAR + GAP) + 6
    for n, part in enumerate(series):
        lx = 8 + (n % 3) * (WIDTH // 3)
        ly = legend_top + (n // 3) * 20
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{part.color}"/>'
            + (
                f'<rect x="{lx}" y="{ly}" width="14" height="14" '
                f'fill="url(#{chart_id}-{part.pattern})"/>'
                if part.pattern
                else ""
            )
            + f'<text x="{lx + 20}" y="{ly + 11}" font-size="12" fill="#1b1f24">'
            f"{escape(part.label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# The charts of the dashboard and the evaluation report, from portal.workspace.figures.

ROAD_MAP_SERIES = [
    Series(gettext_lazy("Selesai sesuai rencana"), "#1a7f37"),
    Series(gettext_lazy("Selesai terlambat"), "#d99a00", "hatch"),
    Series(gettext_lazy("Terlambat"), "#c62828", "cross"),
    Series(gettext_lazy("Sesuai rencana"), "#a9bcd6"),
]


def road_map_chart(progress, *, chart_id: str) -> SafeString:
    """One bar per stage of a program: its groups by standing against the plan."""
    rows = [
        (
            f"{s.stage.order}. {s.stage.focus} ({s.stage.year})",
            [s.done_on_plan, s.done_late, s.late, s.on_plan],
        )
        for s in progress.summary
    ]
    return stacked_bar_chart(
        rows,
        series=ROAD_MAP_SERIES,
        chart_id=chart_id,
        title=_("Peta jalan %(program)s: rencana dan kenyataan")
        % {"program": progress.program.name},
    )


def aid_source_chart(aid, *, chart_id: str) -> SafeString:
    return bar_chart(
        [(row.label, row.amount.value) for row in aid.by_source],
        chart_id=chart_id,
        title=_("Nilai bantuan menurut sumber dana"),
        format_value=rupiah,
    )


def aid_year_chart(by_year, *, chart_id: str) -> SafeString:
    return bar_chart(
        [(str(year), amount.value) for year, amount in by_year],
        chart_id=chart_id,
        title=_("Nilai bantuan per tahun"),
        format_value=rupiah,
        color=PALETTE[4],
    )


def aid_use_chart(aid, *, chart_id: str) -> SafeString:
    rows = [
        (_("Dipakai"), aid.in_use.count),
        (_("Menganggur"), aid.idle.count),
        (_("Rusak"), aid.broken.count),
        (_("Dijual/dipindahtangankan"), aid.sold.count),
        (_("Belum diperiksa"), aid.unchecked.count),
    ]
    if not any(count for _label_text, count in rows):
        return mark_safe("")
    return bar_chart(rows, chart_id=chart_id, title=_("Keadaan bantuan pada pemeriksaan terakhir"))


def credit_chart(credit, *, chart_id: str) -> SafeString:
    rows = [
        (_("Diajukan"), credit.asked.value),
        (_("Disetujui"), credit.approved.value),
        (_("Dicairkan"), credit.disbursed.value),
    ]
    if not any(value for _label_text, value in rows):
        return mark_safe("")
    return bar_chart(rows, chart_id=chart_id, title=_("Kredit"), format_value=rupiah)


def members_chart(groups, *, chart_id: str) -> SafeString:
    if not groups.members:
        return mark_safe("")
    return stacked_bar_chart(
        [(_("Anggota"), [groups.women, groups.men])],
        series=[Series(_("Perempuan"), PALETTE[0]), Series(_("Laki-laki"), PALETTE[1], "hatch")],
        chart_id=chart_id,
        title=_("Anggota aktif menurut jenis kelamin"),
    )
