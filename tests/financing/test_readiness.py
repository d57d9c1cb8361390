"""Credit readiness on crafted histories: the level and the reasons a person reads."""

from datetime import date, timedelta

import pytest

from financing.models import BookkeepingVisit
from financing.readiness import NEARLY, NOT_YET, READY, assess, regular_bookkeeping_months

TODAY = date(2026, 11, 23)
ALL_KEPT = dict.fromkeys(BookkeepingVisit.CHECKLIST, True)


def visit(months_ago: int, *, revenue=10_000_000, savings=2_000_000, seriousness=4, **checks):
    checklist = ALL_KEPT | checks
    return BookkeepingVisit(
        visited_on=TODAY - timedelta(days=round(months_ago * 30.4) + 3),
        revenue=revenue,
        expenses=revenue * 7 // 10,
        cash_on_hand=1_000_000,
        savings_balance=savings,
        seriousness=seriousness,
        **checklist,
    )


def history(months: int, *, start=8_000_000, growth=0.03, savings_start=1_000_000, **kwargs):
    return [
        visit(
            m,
            revenue=round(start * (1 + growth) ** (months - 1 - m)),
            savings=savings_start + 250_000 * (months - 1 - m),
            **kwargs,
        )
        for m in range(months - 1, -1, -1)
    ]


def texts(readiness):
    return [reason.text for reason in readiness.reasons]


def test_a_steady_year_of_bookkeeping_is_ready_with_its_reasons():
    readiness = assess(history(12, seriousness=5), today=TODAY)

    assert readiness.level == READY
    assert readiness.label == "Siap diajukan kredit"
    assert "12 bulan berturut-turut pembukuan rutin" in texts(readiness)
    assert "Daftar periksa pembukuan terpenuhi 5 dari 5" in texts(readiness)
    assert "Omzet naik 19% dalam 6 bulan" in texts(readiness)
    assert any(text.startswith("Tabungan Rp 3.750.000, naik dari") for text in texts(readiness))
    assert "Rata-rata kesungguhan 5,0 dari 5" in texts(readiness)
    assert readiness.risks == []


def test_three_regular_months_with_a_partial_checklist_is_nearly_ready():
    visits = history(4, stock_recorded=False, receipts_kept=False)
    readiness = assess(visits, today=TODAY)
    assert readiness.level == NEARLY
    assert "Daftar periksa pembukuan terpenuhi 3 dari 5" in texts(readiness)


def test_a_gap_breaks_the_run_of_regular_months():
    visits = history(10)
    del visits[6]  # no visit three months ago
    assert regular_bookkeeping_months(visits) == 3
    visits[-2].cash_book_kept = False
    assert regular_bookkeeping_months(visits) == 1


def test_revenue_down_thirty_percent_since_the_last_visit_is_a_risk():
    visits = history(12)
    visits[-1].revenue = visits[-2].revenue * 65 // 100
    readiness = assess(visits, today=TODAY)
    assert readiness.level == NOT_YET
    assert readiness.at_risk
    assert readiness.risks == ["Omzet turun 35% dari kunjungan sebelumnya"]


def test_no_visit_for_weeks_means_bookkeeping_stopped():
    visits = history(12)
    readiness = assess(visits, today=visits[-1].visited_on + timedelta(days=60))
    assert readiness.level == NOT_YET
    assert readiness.risks[0].startswith("Pembukuan terhenti: kunjungan terakhir ")


def test_a_cash_book_no_longer_kept_means_bookkeeping_stopped():
    visits = history(6)
    visits[-1].cash_book_kept = False
    readiness = assess(visits, today=TODAY)
    assert readiness.risks == ["Pembukuan terhenti: buku kas tidak lagi diisi"]
    assert "0 bulan berturut-turut pembukuan rutin" in texts(readiness)


def test_falling_revenue_over_half_a_year_is_said_plainly():
    readiness = assess(history(8, growth=-0.04), today=TODAY)
    assert "Omzet turun 22% dalam 6 bulan" in texts(readiness)
    assert readiness.level != READY


def test_a_short_history_cannot_show_a_trend_and_no_visits_is_not_ready():
    assert "Riwayat omzet belum cukup panjang untuk dinilai" in texts(
        assess(history(2), today=TODAY)
    )
    empty = assess([], today=TODAY)
    assert empty.level == NOT_YET
    assert texts(empty) == ["Belum ada kunjungan pembukuan."]


def test_thresholds_come_from_settings(settings):
    settings.CREDIT_READINESS = {"regular_months_ready": 13}
    assert assess(history(12, seriousness=5), today=TODAY).level == NEARLY


@pytest.mark.parametrize("seriousness", [2, 3])
def test_low_seriousness_keeps_a_group_from_ready(seriousness):
    readiness = assess(history(12, seriousness=seriousness), today=TODAY)
    assert readiness.level == NEARLY
    assert f"Rata-rata kesungguhan {seriousness},0 dari 5" in texts(readiness)


class _Aid:
    def __init__(self, items, last_status):
        self.items, self.last_status = items, last_status


def test_aid_in_use_counts_for_the_group_and_aid_sold_is_a_risk():
    used = [_Aid("Mesin sangrai", "dipakai"), _Aid("Oven", "dipakai")]
    readiness = assess(history(12, seriousness=5), aid=used, today=TODAY)
    assert readiness.level == READY
    assert "Bantuan dipakai: 2 dari 2" in texts(readiness)

    sold = [*used, _Aid("Mesin penggoreng vakum", "dijual")]
    readiness = assess(history(12, seriousness=5), aid=sold, today=TODAY)
    assert readiness.level == NOT_YET
    assert readiness.risks == ["Bantuan dijual atau dipindahtangankan: Mesin penggoreng vakum"]
    assert "Bantuan dipakai: 2 dari 3" in texts(readiness)
