"""A program's plan versus reality as an SVG timeline, rendered on the server.

Years run left to right; each group is a row with one thin lane per stage. The planned year
is an outlined box; a bar runs from the start of the planned year to the completion date
(or to today when not done). Besides colour each kind of bar has its own pattern, and a
slip is written out ("+1 th"), so the chart reads the same printed in black and white.
"""

from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ikm.services.programs import (
    CATEGORY_LABELS,
    DONE_LATE,
    DONE_ON_PLAN,
    LATE,
    ON_PLAN,
    PlanReality,
)

LEFT, RIGHT, TOP = 200, 40, 78
YEAR_WIDTH = 72
LANE, LANE_GAP, ROW_PAD = 9, 2, 8
NAME_LENGTH = 24

# colour, pattern drawn over it (for print), outline dash
STYLES = {
    DONE_ON_PLAN: ("#1a7f37", "", ""),
    DONE_LATE: ("#d99a00", "pvr-hatch", ""),
    LATE: ("#c62828", "pvr-cross", ""),
    ON_PLAN: ("#a9bcd6", "", "3 2"),
}


def _patterns() -> str:
    return (
        "<defs>"
        '<pattern id="pvr-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="5" stroke="#1b1f24" stroke-width="1.4"/></pattern>'
        '<pattern id="pvr-cross" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L5 5M5 0L0 5" stroke="#fff" stroke-width="1.2"/></pattern>'
        "</defs>"
    )


def _bar(x: float, y: float, width: float, height: float, category: str) -> str:
    colour, pattern, dash = STYLES[category]
    stroke = ' stroke="#1b1f24" stroke-width="0.8"' + (
        f' stroke-dasharray="{dash}"' if dash else ""
    )
    shape = f'x="{x:.1f}" y="{y:.1f}" width="{max(width, 3):.1f}" height="{height}"'
    out = f'<rect {shape} fill="{colour}"{stroke}/>'
    if pattern:
        out += f'<rect {shape} fill="url(#{pattern})"/>'
    return out


def _summary_text(report: PlanReality) -> str:
    parts = [
        _("%(groups)d kelompok, %(stages)d tahap, per %(today)s.")
        % {
            "groups": len(report.rows),
            "stages": len(report.stages),
            "today": report.today.isoformat(),
        }
    ]
    for summary in report.summary:
        parts.append(
            _(
                "Tahap %(order)s (%(year)s, %(focus)s): %(on_plan)d sesuai rencana, "
                "%(late)d terlambat, %(done_on_plan)d selesai sesuai rencana, "
                "%(done_late)d selesai terlambat."
            )
            % {
                "order": summary.stage.order,
                "year": summary.stage.year,
                "focus": summary.stage.focus,
                "on_plan": summary.on_plan,
                "late": summary.late,
                "done_on_plan": summary.done_on_plan,
                "done_late": summary.done_late,
            }
        )
    return " ".join(parts)


def _short(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def plan_reality_chart(report: PlanReality) -> SafeString:
    """The timeline of every group in the report; empty when the program has no stages."""
    if not report.stages or not report.rows:
        return mark_safe("")
    first, last = report.first_year, report.last_year
    lanes = len(report.stages)
    row_height = lanes * (LANE + LANE_GAP) + ROW_PAD
    width = max(LEFT + (last - first + 1) * YEAR_WIDTH + RIGHT, 640)  # the legend's width
    height = TOP + len(report.rows) * row_height + 24

    def x(day: date) -> float:
        return LEFT + (day.year - first + (day.timetuple().tm_yday - 1) / 365) * YEAR_WIDTH

    def year_x(year: int) -> float:
        return LEFT + (year - first) * YEAR_WIDTH

    title = _("Rencana dan kenyataan: %(program)s") % {"program": report.program.name}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="pvr-title pvr-desc" '
        f'class="chart timeline" style="min-width:{min(width, 720)}px" '
        'font-family="system-ui, sans-serif">',
        f'<title id="pvr-title">{escape(title)}</title>',
        f'<desc id="pvr-desc">{escape(_summary_text(report))}</desc>',
        _patterns(),
    ]

    # Legend, two lines at the top so it is seen before scrolling down 25 groups.
    legend = [(c, CATEGORY_LABELS[c]) for c in (DONE_ON_PLAN, DONE_LATE, LATE, ON_PLAN)]
    for n, (category, label) in enumerate(legend):
        lx, ly = 8 + (n % 2) * 250, 8 + (n // 2) * 18
        parts.append(_bar(lx, ly, 22, 11, category))
        parts.append(
            f'<text x="{lx + 28}" y="{ly + 10}" font-size="12" fill="#1b1f24">'
            f"{escape(label)}</text>"
        )
    lx = 508
    parts.append(
        f'<rect x="{lx}" y="8" width="22" height="11" fill="none" stroke="#1b1f24" '
        'stroke-width="1.6"/>'
        f'<text x="{lx + 28}" y="18" font-size="12" fill="#1b1f24">'
        f"{escape(_('Tahun rencana'))}</text>"
        f'<line x1="{lx + 11}" x2="{lx + 11}" y1="24" y2="38" stroke="#1b1f24" '
        'stroke-width="1.5" stroke-dasharray="3 2"/>'
        f'<text x="{lx + 28}" y="36" font-size="12" fill="#1b1f24">'
        f"{escape(_('Hari ini'))}</text>"
    )

    # Year columns with their labels.
    for year in range(first, last + 1):
        gx = year_x(year)
        in_program = report.program.start_year <= year <= report.program.end_year
        parts.append(
            f'<rect x="{gx:.1f}" y="{TOP - 6}" width="{YEAR_WIDTH}" '
            f'height="{height - TOP - 18}" fill="{"#f4f6f8" if in_program else "#fff"}" '
            'stroke="#d6dde3" stroke-width="0.8"/>'
            f'<text x="{gx + YEAR_WIDTH / 2:.1f}" y="{TOP - 12}" text-anchor="middle" '
            f'font-size="12" font-weight="{"700" if in_program else "400"}" fill="#1b1f24">'
            f"{year}</text>"
        )
    parts.append(
        f'<text x="{LEFT - 8}" y="{TOP - 12}" text-anchor="end" font-size="11" fill="#4a5560">'
        f"{escape(_('Kelompok · tahap'))}</text>"
    )

    for i, row in enumerate(report.rows):
        top = TOP + i * row_height
        parts.append(f'<g class="timeline-row" data-group="{escape(row.group.slug)}">')
        parts.append(f"<title>{escape(row.group.name)}</title>")
        parts.append(
            f'<line x1="4" x2="{width - 4}" y1="{top - 3}" y2="{top - 3}" '
            'stroke="#9aa5b1" stroke-width="0.6"/>'
            f'<text x="4" y="{top + 12}" font-size="11" font-weight="600" fill="#1b1f24">'
            f"{escape(_short(row.group.name))}</text>"
        )
        for lane, cell in enumerate(row.cells):
            ly = top + lane * (LANE + LANE_GAP)
            parts.append(
                f'<text x="{LEFT - 6}" y="{ly + LANE - 1}" text-anchor="end" font-size="8" '
                f'fill="#4a5560">{cell.stage.order}</text>'
            )
            start = year_x(cell.planned_year)
            reached = cell.completed_on or report.today
            end = x(reached)
            label = _("Tahap %(order)s: %(category)s, rencana %(year)s") % {
                "order": cell.stage.order,
                "category": cell.category_label,
                "year": cell.planned_year,
            }
            parts.append(f"<g><title>{escape(label)}</title>")
            if end > start or cell.completed_on:
                bar_from, bar_to = min(start, end), max(start, end)
                parts.append(_bar(bar_from, ly, bar_to - bar_from, LANE, cell.category))
            else:
                # Planned for a later year (not started, or postponed): fill the planned box.
                parts.append(_bar(start, ly, YEAR_WIDTH, LANE, cell.category))
            parts.append(
                f'<rect x="{start:.1f}" y="{ly}" width="{YEAR_WIDTH}" height="{LANE}" '
                'fill="none" stroke="#1b1f24" stroke-width="1.4"/>'
            )
            if cell.slip:
                parts.append(
                    f'<text x="{max(start + YEAR_WIDTH, end) + 3:.1f}" y="{ly + LANE - 1}" '
                    f'font-size="9" font-weight="700" fill="#1b1f24">'
                    f"{escape(_('+%(n)d th') % {'n': cell.slip})}</text>"
                )
            parts.append("</g>")
        parts.append("</g>")

    tx = x(report.today)
    parts.append(
        f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP - 6}" y2="{height - 24}" '
        'stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="3 2"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
