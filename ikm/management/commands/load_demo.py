from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ikm.demo import DemoError, demo_city_load
from kelurahan.services import WilayahError


class Command(BaseCommand):
    help = (
        "Muat data demo Kota Palu: kecamatan dan kelurahan, 11 tema industri, 22 kelompok IKM "
        "dengan anggota dan produk, lembaga keuangan dengan mentornya, setahun kunjungan "
        "pembukuan, pengajuan kredit, dan satu akun demo per peran. "
        "Hanya berjalan bila DEBUG aktif; aman dijalankan berulang kali."
    )

    def handle(self, *args, **options):
        try:
            summary = demo_city_load()
        except (DemoError, WilayahError) as error:
            raise CommandError(str(error)) from error

        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Data demo Kota Palu siap: %(kecamatan)d kecamatan, %(kelurahan)d kelurahan, "
                    "%(themes)d tema industri, %(groups)d kelompok di %(group_kelurahan)d "
                    "kelurahan, %(members)d anggota, %(products)d produk, %(certifications)d "
                    "sertifikat, %(lenders)d lembaga keuangan."
                )
                % vars(summary)
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Pendampingan: %(mentors)d mentor, %(assignments)d penugasan, %(visits)d "
                    "kunjungan pembukuan, %(credit_applications)d pengajuan kredit."
                )
                % vars(summary)
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Program dan bantuan: %(programs)d program dengan %(enrolments)d kelompok "
                    "peserta, %(aid)d bantuan (%(aid_at_risk)d perlu diperiksa), %(trainings)d "
                    "pelatihan dengan %(training_registrations)d pendaftar, %(targets)d target."
                )
                % vars(summary)
            )
        )
        self.stdout.write("")
        self.stdout.write(_("Akun demo (kata sandi semua akun: %s):") % summary.password)
        username, role, password = _("Nama pengguna"), _("Peran"), _("Kata sandi")
        self.stdout.write(f"  {username:<14} {role:<17} {password}")
        for account in summary.accounts:
            self.stdout.write(f"  {account.username:<14} {account.role:<17} {summary.password}")
