import time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from financing.standing import readiness_refresh


class Command(BaseCommand):
    help = (
        "Hitung ulang kesiapan kredit setiap kelompok aktif untuk hari ini (tabel "
        "GroupReadiness yang dibaca dasbor Dinas). Jalankan setiap malam lewat cron, "
        "misalnya pukul 00.30, dan setelah mengubah CREDIT_READINESS atau menulis data "
        "langsung ke basis data. Tanpa cron dasbor tetap benar, tetapi menghitung sendiri "
        "kelompok yang penilaiannya berubah karena waktu berlalu."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        written = readiness_refresh(today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                _("Kesiapan kredit %(groups)d kelompok dihitung ulang dalam %(seconds).1f detik.")
                % {"groups": written, "seconds": time.monotonic() - started}
            )
        )
