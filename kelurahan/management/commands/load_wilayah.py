from django.core.management.base import BaseCommand, CommandError

from kelurahan.services import WilayahError, wilayah_load


class Command(BaseCommand):
    help = (
        "Muat semua kecamatan dan kelurahan/desa di bawah satu kode wilayah resmi "
        "(provinsi 72, kota/kabupaten 72.71, atau kecamatan 72.71.01)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kode wilayah Kepmendagri, mis. 72.71")

    def handle(self, *args, code, **options):
        try:
            result = wilayah_load(code=code)
        except WilayahError as error:
            raise CommandError(str(error)) from error
        for level, created in result.created.items():
            updated = result.updated[level]
            self.stdout.write(f"{level}: {created} baru, {updated} diperbarui")
        if not result.changed:
            self.stdout.write(self.style.SUCCESS("Wilayah sudah lengkap; tidak ada yang berubah."))
