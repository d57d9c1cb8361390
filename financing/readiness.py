"""Credit readiness: how ready a group's record makes it for a loan, with reasons in words.

The assessment reads only the group's bookkeeping visits, so a mentor, a supervisor and the
Dinas see the same thing and can check each reason against the visit history. The method
and its thresholds (settings.CREDIT_READINESS) are described in docs/credit-readiness.md.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from financing.models import BookkeepingVisit
from ikm.models import AidCheck
from portal.formatting import rupiah

READY = "siap"
NEARLY = "hampir"
NOT_YET = "belum"

LEVEL_LABELS = {
    READY: gettext_lazy("Siap diajukan kredit"),
    NEARLY: gettext_lazy("Hampir siap"),
    NOT_YET: gettext_lazy("Belum siap"),
}

DEFAULT_THRESHOLDS = {
    # Consecutive months with the cash book kept, for "ready" and "nearly ready".
    "regular_months_ready": 6,
    "regular_months_nearly": 3,
    # Checklist items (of 5) met at the latest visit.
    "checklist_ready": 5,
    "checklist_nearly": 3,
    # Average seriousness (1-5) over the latest visits.
    "seriousness_ready": 4.0,
    "seriousness_visits": 3,
    # Revenue trend is measured over this many months.
    "trend_months": 6,
    # Risk: revenue down this share (%) between the last two visits.
    "revenue_drop_risk": 30,
    # Risk: bookkeeping stopped when the latest visit is older than this.
    "stopped_after_days": 45,
}


def thresholds() -> dict:
    return DEFAULT_THRESHOLDS | getattr(settings, "CREDIT_READINESS", {})


@dataclass
class Reason:
    met: bool
    text: str


@dataclass
class Readiness:
    level: str
    reasons: list[Reason] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month


def regular_bookkeeping_months(visits: list[BookkeepingVisit]) -> int:
    """Consecutive calendar months, up to the latest visit, with the cash book kept."""
    months = {_month_index(v.visited_on) for v in visits if v.cash_book_kept}
    if not visits or _month_index(visits[-1].visited_on) not in months:
        return 0
    count, month = 0, _month_index(visits[-1].visited_on)
    while month in months:
        count += 1
        month -= 1
    return count


def _baseline(visits: list[BookkeepingVisit], months: int) -> BookkeepingVisit | None:
    """The visit to compare the latest one with: about `months` months earlier."""
    latest = visits[-1].visited_on
    cutoff = latest - timedelta(days=round(months * 30.4))
    earlier = [v for v in visits if v.visited_on <= cutoff]
    if earlier:
        return earlier[-1]
    first = visits[0]
    return first if (latest - first.visited_on).days >= 85 else None


def _percent_change(old: int, new: int) -> int | None:
    return round((new - old) * 100 / old) if old else None


def _date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _aid_use(aid: list, reasons: list[Reason], risks: list[str]) -> None:
    """How the group uses the aid it received, by the status of each one's latest check."""
    if not aid:
        return
    in_use = [a for a in aid if a.last_status == AidCheck.Status.IN_USE]
    reasons.append(
        Reason(
            len(in_use) == len(aid),
            _("Bantuan dipakai: %(used)d dari %(total)d")
            % {"used": len(in_use), "total": len(aid)},
        )
    )
    sold = [a.items for a in aid if a.last_status == AidCheck.Status.SOLD]
    if sold:
        risks.append(
            _("Bantuan dijual atau dipindahtangankan: %(items)s") % {"items": ", ".join(sold)}
        )


def assess(visits, *, aid=(), today: date | None = None) -> Readiness:
    """Assess a group from its bookkeeping visits (any order) and the aid it received.

    `aid` is the group's Aid records (their `last_status` is read).
    """
    limits = thresholds()
    today = today or timezone.localdate()
    visits = sorted(visits, key=lambda v: (v.visited_on, v.created_at or timezone.now()))
    if not visits:
        return Readiness(NOT_YET, [Reason(False, _("Belum ada kunjungan pembukuan."))])
    latest = visits[-1]
    reasons: list[Reason] = []
    risks: list[str] = []

    months = regular_bookkeeping_months(visits)
    reasons.append(
        Reason(
            months >= limits["regular_months_ready"],
            ngettext(
                "%(months)d bulan berturut-turut pembukuan rutin",
                "%(months)d bulan berturut-turut pembukuan rutin",
                months,
            )
            % {"months": months},
        )
    )

    done = latest.checklist_done
    reasons.append(
        Reason(
            done >= limits["checklist_ready"],
            _("Daftar periksa pembukuan terpenuhi %(done)d dari %(total)d")
            % {"done": done, "total": len(BookkeepingVisit.CHECKLIST)},
        )
    )

    baseline = _baseline(visits, limits["trend_months"])
    trend = _percent_change(baseline.revenue, latest.revenue) if baseline else None
    if trend is None:
        reasons.append(Reason(False, _("Riwayat omzet belum cukup panjang untuk dinilai")))
    else:
        span = max(1, round((latest.visited_on - baseline.visited_on).days / 30.4))
        if trend >= 0:
            text = _("Omzet naik %(percent)d%% dalam %(months)d bulan")
        else:
            text = _("Omzet turun %(percent)d%% dalam %(months)d bulan")
        reasons.append(Reason(trend >= 0, text % {"percent": abs(trend), "months": span}))

    savings_grew = baseline is not None and latest.savings_balance > baseline.savings_balance
    if latest.savings_balance and savings_grew:
        text = _("Tabungan %(now)s, naik dari %(before)s") % {
            "now": rupiah(latest.savings_balance),
            "before": rupiah(baseline.savings_balance),
        }
    elif latest.savings_balance:
        text = _("Tabungan %(now)s, belum bertambah") % {"now": rupiah(latest.savings_balance)}
    else:
        text = _("Belum ada tabungan usaha")
    reasons.append(Reason(bool(latest.savings_balance) and savings_grew, text))

    recent = visits[-limits["seriousness_visits"] :]
    seriousness = sum(v.seriousness for v in recent) / len(recent)
    reasons.append(
        Reason(
            seriousness >= limits["seriousness_ready"],
            _("Rata-rata kesungguhan %(score)s dari 5")
            % {"score": formats.number_format(seriousness, 1)},
        )
    )

    if len(visits) >= 2:
        drop = _percent_change(visits[-2].revenue, latest.revenue)
        if drop is not None and drop <= -limits["revenue_drop_risk"]:
            risks.append(
                _("Omzet turun %(percent)d%% dari kunjungan sebelumnya") % {"percent": -drop}
            )
    _aid_use(list(aid), reasons, risks)

    if (today - latest.visited_on).days > limits["stopped_after_days"]:
        risks.append(
            _("Pembukuan terhenti: kunjungan terakhir %(date)s")
            % {"date": _date(latest.visited_on)}
        )
    elif not latest.cash_book_kept and any(v.cash_book_kept for v in visits[:-1]):
        risks.append(_("Pembukuan terhenti: buku kas tidak lagi diisi"))

    if risks:
        level = NOT_YET
    elif all(reason.met for reason in reasons):
        level = READY
    elif months >= limits["regular_months_nearly"] and done >= limits["checklist_nearly"]:
        level = NEARLY
    else:
        level = NOT_YET
    return Readiness(level, reasons, risks)
