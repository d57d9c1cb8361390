"""The columns of the import files, defined once for the reader, the template and the exports.

Headers are a file format, so they stay in Indonesian whatever the interface language is.
A header is recognised in any case and spacing, with punctuation ignored ("No. HP" = "no hp"),
and through the synonyms Dinas spreadsheets use.
"""

import re
from dataclasses import dataclass, replace
from functools import cached_property

from django.utils.translation import gettext_lazy as _

KELOMPOK = "kelompok"
ANGGOTA = "anggota"
PRODUK = "produk"


def header_key(text) -> str:
    """ "Nama  kelompok ", "NAMA_KELOMPOK" and "nama-kelompok" all become "nama kelompok"."""
    return " ".join(re.sub(r"[\W_]+", " ", str(text or "")).casefold().split())


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    width: int = 18
    example: object = ""
    # "nik" or "contact": exported only to users with the matching Member permission.
    personal: str = ""
    hint: str = ""  # for the Petunjuk sheet of the template

    def matches(self, text) -> bool:
        key = header_key(text)
        return key == header_key(self.header) or key in {header_key(s) for s in self.synonyms}


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str
    columns: tuple[Column, ...]
    synonyms: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return self._by_key[key]

    @cached_property
    def _by_key(self) -> dict[str, Column]:
        # column() is called for every cell an import checks.
        return {column.key: column for column in self.columns}

    @property
    def required(self) -> list[Column]:
        return [column for column in self.columns if column.required]

    def matches_title(self, text) -> bool:
        key = header_key(text)
        return key == header_key(self.title) or key in {header_key(s) for s in self.synonyms}


_GROUP_NAME = Column(
    "group_name",
    "Nama Kelompok",
    required=True,
    synonyms=("kelompok", "nama kelompok usaha", "nama ikm", "nama kube", "nama umkm"),
    width=30,
    example="KUBE Kopi Tondo",
    hint=_("Nama kelompok usaha."),
)
_KELURAHAN = Column(
    "kelurahan",
    "Kelurahan",
    synonyms=(
        "kel",
        "kelurahan desa",
        "desa kelurahan",
        "desa",
        "kode kelurahan",
        "kelurahan kode",
    ),
    width=20,
    example="Tondo",
    hint=_("Nama kelurahan di kota ini atau kodenya (72.71.01.1001)."),
)
_PHONE_SYNONYMS = (
    "no hp",
    "nomor hp",
    "hp",
    "telp",
    "no telp",
    "no telepon",
    "nomor telepon",
    "hp wa",
    "no hp wa",
    "nomor hp wa",
    "kontak",
)

GROUP_COLUMNS = (
    _GROUP_NAME,
    Column(
        "kind",
        "Jenis",
        synonyms=("jenis kelompok", "kategori"),
        width=10,
        example="IKM",
        hint=_("IKM, UMKM, KUBE atau Koperasi; kosong berarti IKM."),
    ),
    replace(_KELURAHAN, required=True),
    Column(
        "theme",
        "Tema",
        required=True,
        synonyms=("tema industri", "tematik", "tematik industri", "tema usaha"),
        width=22,
        example="Kopi bubuk",
        hint=_("Nama tema industri seperti di portal."),
    ),
    Column(
        "address",
        "Alamat",
        synonyms=("alamat usaha", "alamat kelompok"),
        width=30,
        example="Jl. Soekarno Hatta No. 5",
    ),
    Column(
        "phone",
        "Telepon",
        synonyms=_PHONE_SYNONYMS,
        width=16,
        example="0812 3456 7890",
        hint=_("Nomor Indonesia: 0812…, +62 812… atau 62812…."),
    ),
    Column(
        "whatsapp",
        "WhatsApp",
        synonyms=("wa", "no wa", "nomor wa", "nomor whatsapp"),
        width=16,
        example="0812 3456 7890",
    ),
    Column(
        "nib",
        "NIB",
        synonyms=("nomor induk berusaha", "no nib"),
        width=16,
        example="",
        hint=_("Nomor Induk Berusaha dari OSS, 13 angka."),
    ),
    Column(
        "founded_on",
        "Tanggal Berdiri",
        synonyms=("tgl berdiri", "tanggal pembentukan", "tanggal dibentuk", "berdiri"),
        width=16,
        example="03/04/2018",
        hint=_("Hari dulu: 03/04/2018 atau 3 April 2018."),
    ),
    Column(
        "workforce",
        "Jumlah Tenaga Kerja",
        synonyms=("tenaga kerja", "jml tenaga kerja", "jumlah pekerja", "jumlah karyawan"),
        width=12,
        example=5,
    ),
    Column(
        "description",
        "Deskripsi",
        synonyms=("keterangan", "uraian", "deskripsi kelompok"),
        width=40,
        example="Mengolah kopi robusta dari kebun warga.",
    ),
    Column(
        "listed_publicly",
        "Setuju Tampil Publik",
        synonyms=("tampil publik", "setuju tampil", "publik", "tampil di direktori"),
        width=12,
        example="Ya",
        hint=_("Ya atau Tidak: tampil di direktori UMKM publik."),
    ),
)

MEMBER_COLUMNS = (
    _GROUP_NAME,
    replace(_KELURAHAN, hint=_("Boleh kosong; isi bila nama kelompok kembar.")),
    Column(
        "nik",
        "NIK",
        required=True,
        synonyms=("no nik", "nomor nik", "nik ktp", "no ktp", "nomor induk kependudukan"),
        width=20,
        example="7271014101800001",
        personal="nik",
        hint=_("16 angka. Format kolom sebagai Teks di Excel agar angka tidak hilang."),
    ),
    Column(
        "name",
        "Nama",
        required=True,
        synonyms=("nama anggota", "nama lengkap"),
        width=26,
        example="Siti Aminah",
    ),
    Column(
        "gender",
        "Jenis Kelamin",
        required=True,
        synonyms=("l p", "jk", "kelamin", "jenis kelamin l p"),
        width=12,
        example="P",
        hint=_("L atau P (Laki-laki/Perempuan)."),
    ),
    Column(
        "role",
        "Peran",
        synonyms=("jabatan", "kedudukan", "peran dalam kelompok"),
        width=12,
        example="Ketua",
        hint=_("Ketua, Sekretaris, Bendahara atau Anggota; kosong berarti Anggota."),
    ),
    Column(
        "phone",
        "Telepon",
        synonyms=_PHONE_SYNONYMS,
        width=16,
        example="0812 3456 7890",
        personal="contact",
    ),
    Column(
        "address",
        "Alamat",
        synonyms=("alamat rumah", "alamat anggota"),
        width=30,
        example="Jl. Anoa No. 12",
        personal="contact",
    ),
    Column(
        "joined_on",
        "Tanggal Bergabung",
        synonyms=("tgl bergabung", "tanggal masuk", "bergabung", "tgl masuk"),
        width=16,
        example="03/04/2018",
    ),
    Column(
        "several_groups_confirmed",
        "Keanggotaan Ganda",
        synonyms=("anggota ganda", "keanggotaan ganda disetujui"),
        width=12,
        example="Tidak",
        hint=_("Ya bila orang ini memang aktif di lebih dari satu kelompok."),
    ),
)

PRODUCT_COLUMNS = (
    _GROUP_NAME,
    replace(_KELURAHAN, hint=_("Boleh kosong; isi bila nama kelompok kembar.")),
    Column(
        "name",
        "Nama Produk",
        required=True,
        synonyms=("produk", "nama barang"),
        width=26,
        example="Kopi bubuk robusta",
    ),
    Column(
        "price",
        "Harga (Rupiah)",
        synonyms=("harga", "harga rp", "harga jual", "harga rupiah"),
        width=14,
        example=25000,
        hint=_("Rupiah tanpa sen: 25000, 25.000 atau Rp 25.000."),
    ),
    Column(
        "unit",
        "Satuan",
        synonyms=("kemasan", "unit"),
        width=16,
        example="bungkus 250 g",
    ),
    Column(
        "description",
        "Deskripsi",
        synonyms=("keterangan", "uraian", "deskripsi produk"),
        width=40,
        example="Kopi robusta sangrai sedang.",
    ),
)

SHEETS = {
    KELOMPOK: Sheet(KELOMPOK, "Kelompok", GROUP_COLUMNS, ("kelompok usaha", "data kelompok")),
    ANGGOTA: Sheet(ANGGOTA, "Anggota", MEMBER_COLUMNS, ("data anggota", "anggota kelompok")),
    PRODUK: Sheet(PRODUK, "Produk", PRODUCT_COLUMNS, ("data produk", "produk kelompok")),
}
# Kelompok first: members and products name groups that the same file may create.
SHEET_ORDER = [KELOMPOK, ANGGOTA, PRODUK]
