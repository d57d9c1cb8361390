"""The demo city's mentorship and credit record: mentors, their groups, a year of visits, credit.

Plain data only; financing/demo.py builds the records from it. Dates are given in days before
the day the demo is loaded, so the record always ends near that day.
"""

from financing.models import CreditApplication, CreditScheme
from portal import roles

BRI = "Bank Rakyat Indonesia"
BNI = "Bank Negara Indonesia"
SULTENG = "Bank Sulteng"
PNM = "Permodalan Nasional Madani"
PEGADAIAN = "Pegadaian"

# The Dinas staff account (ikm/demo_data.ACCOUNTS) that assigned the mentors.
ASSIGNED_BY = "staf"

# Lender staff besides mentor, mentor2 and supervisor of ikm/demo_data.ACCOUNTS; they are not
# printed with the demo logins but share their password. username, role, first, last, lender
STAFF = [
    ("fitriani.bri", roles.BANK_MENTOR, "Fitriani", "Lasimpo", BRI),
    ("yusran.bni", roles.BANK_MENTOR, "Yusran", "Tadjuddin", BNI),
    ("nurul.bni", roles.BANK_MENTOR, "Nurul Hidayah", "Lamasitudju", BNI),
    ("supervisor.bni", roles.BANK_SUPERVISOR, "Ruslan", "Bandjar", BNI),
    ("irfan.sulteng", roles.BANK_MENTOR, "Irfan", "Pakamundi", SULTENG),
    ("supervisor.sulteng", roles.BANK_SUPERVISOR, "Ratna", "Labalado", SULTENG),
    ("risna.pnm", roles.BANK_MENTOR, "Risnawati", "Mangge", PNM),
    ("dewi.pnm", roles.BANK_MENTOR, "Dewi Sartika", "Ponulele", PNM),
    ("supervisor.pnm", roles.BANK_SUPERVISOR, "Syahrir", "Lapananda", PNM),
    ("fadel.pegadaian", roles.BANK_MENTOR, "Moh. Fadel", "Lamakarate", PEGADAIAN),
    ("supervisor.pegadaian", roles.BANK_SUPERVISOR, "Marwah", "Tanjumbulu", PEGADAIAN),
]

# Mentors start on a day drawn from this range (days before today): early 2025 in late 2026.
ASSIGNMENT_STARTED = (540, 660)
VISITS_PER_GROUP = 12
VISIT_INTERVAL_DAYS = 30

# How a group's year went.
IMPROVING = "improving"  # checklist filled item by item, revenue up by `growth` %
FLAT = "flat"  # stuck at `items` checklist items, revenue up and down
DECLINING = "declining"  # steady, then revenue down by `drop` % at the last visit
STOPPED = "stopped"  # only the first `visits` visits: the mentor no longer comes
LAPSED = "lapsed"  # the cash book is no longer kept at the last `lapsed_visits` visits

# One entry per demo group. `revenue` is the month's revenue at the first visit of the year,
# `savings` the savings balance then, `items` how many checklist items the group kept then,
# `last_visit` how many days before today the year's last visit was (before a STOPPED group
# stopped). `previous_mentor` had the group until `changed` days before today.
MENTORSHIPS = [
    # mentor (BRI): six groups, two of them overdue for a visit
    {
        "group": "ikm-bawang-goreng-sintuvu",
        "mentor": "mentor",
        "trend": IMPROVING,
        "revenue": 18_000_000,
        "growth": 35,
        "items": 2,
        "savings": 3_500_000,
        "last_visit": 5,
    },
    {
        "group": "ikm-keripik-pisang-birobuli",
        "mentor": "mentor",
        "trend": IMPROVING,
        "revenue": 12_500_000,
        "growth": 28,
        "items": 1,
        "savings": 1_500_000,
        "last_visit": 12,
    },
    {
        "group": "ikm-kopi-bubuk-lolu",
        "mentor": "mentor",
        "trend": FLAT,
        "revenue": 6_000_000,
        "items": 2,
        "savings": 800_000,
        "last_visit": 37,
    },
    {
        "group": "ikm-olahan-ikan-mamboro",
        "mentor": "mentor",
        "trend": DECLINING,
        "revenue": 15_000_000,
        "drop": 38,
        "items": 3,
        "savings": 2_000_000,
        "last_visit": 9,
        "note": "Omzet turun tajam: kantin sekolah berhenti memesan nugget dan harga ikan naik "
        "karena cuaca buruk. Angsuran KUR bulan ini belum dibayar.",
    },
    {
        "group": "kube-pakan-ternak-lambara",
        "mentor": "mentor",
        "trend": STOPPED,
        "revenue": 4_000_000,
        "items": 2,
        "visits": 9,
        "savings": 400_000,
        "last_visit": 8,
        "note": "Mesin pencacah rusak; produksi berhenti dan buku kas tidak diisi. Kelompok "
        "menunggu perbaikan mesin dari Dinas.",
    },
    {
        "group": "ikm-garam-talise",
        "mentor": "mentor",
        "trend": IMPROVING,
        "revenue": 24_000_000,
        "growth": 22,
        "items": 2,
        "savings": 5_000_000,
        "last_visit": 19,
    },
    # mentor2 (Bank Sulteng): four groups, one taken over from a colleague
    {
        "group": "ikm-batik-bomba-besusu",
        "mentor": "mentor2",
        "trend": IMPROVING,
        "revenue": 20_000_000,
        "growth": 30,
        "items": 2,
        "savings": 4_000_000,
        "last_visit": 8,
    },
    {
        "group": "kube-tenun-buya-sabe-tipo",
        "mentor": "mentor2",
        "trend": FLAT,
        "revenue": 8_500_000,
        "items": 3,
        "savings": 1_200_000,
        "last_visit": 14,
    },
    {
        "group": "ikm-minyak-kelapa-buluri",
        "mentor": "mentor2",
        "previous_mentor": "irfan.sulteng",
        "changed": 160,
        "trend": IMPROVING,
        "revenue": 9_000_000,
        "growth": 25,
        "items": 1,
        "savings": 700_000,
        "last_visit": 21,
    },
    {
        "group": "ikm-batik-bomba-tawanjuka",
        "mentor": "mentor2",
        "trend": LAPSED,
        "revenue": 7_000_000,
        "items": 3,
        "lapsed_visits": 3,
        "savings": 900_000,
        "last_visit": 16,
        "note": "Buku kas tidak diisi sejak bendahara pindah ke Donggala; belum ada pengganti "
        "yang mencatat.",
    },
    # fitriani.bri (BRI)
    {
        "group": "ikm-abon-ikan-pantoloan",
        "mentor": "fitriani.bri",
        "trend": IMPROVING,
        "revenue": 22_000_000,
        "growth": 26,
        "items": 2,
        "savings": 3_000_000,
        "last_visit": 4,
    },
    {
        "group": "ikm-ikan-kering-teluk-palu",
        "mentor": "fitriani.bri",
        "trend": FLAT,
        "revenue": 9_500_000,
        "items": 1,
        "savings": 600_000,
        "last_visit": 11,
    },
    # yusran.bni (BNI): one group taken over from mentor (BRI)
    {
        "group": "ikm-kopi-bubuk-siranindi",
        "mentor": "yusran.bni",
        "trend": IMPROVING,
        "revenue": 14_000_000,
        "growth": 24,
        "items": 2,
        "savings": 2_500_000,
        "last_visit": 6,
    },
    {
        "group": "ikm-pakan-ternak-petobo",
        "mentor": "yusran.bni",
        "previous_mentor": "mentor",
        "changed": 210,
        "trend": FLAT,
        "revenue": 16_000_000,
        "items": 2,
        "savings": 2_000_000,
        "last_visit": 24,
    },
    # nurul.bni (BNI)
    {
        "group": "ikm-bawang-goreng-nosarara",
        "mentor": "nurul.bni",
        "trend": FLAT,
        "revenue": 11_000_000,
        "items": 3,
        "savings": 1_800_000,
        "last_visit": 7,
    },
    {
        "group": "umkm-kue-kering-lere",
        "mentor": "nurul.bni",
        "trend": DECLINING,
        "revenue": 10_000_000,
        "drop": 42,
        "items": 3,
        "savings": 1_500_000,
        "last_visit": 13,
        "note": "Pesanan kue kering lewat media sosial anjlok setelah musim hajatan; dua "
        "anggota berhenti membuat kue.",
    },
    # irfan.sulteng (Bank Sulteng)
    {
        "group": "ikm-kerajinan-eboni-silae",
        "mentor": "irfan.sulteng",
        "trend": FLAT,
        "revenue": 7_000_000,
        "items": 2,
        "savings": 1_000_000,
        "last_visit": 18,
    },
    {
        "group": "ikm-anyaman-tatura",
        "mentor": "irfan.sulteng",
        "trend": STOPPED,
        "revenue": 3_000_000,
        "items": 2,
        "visits": 6,
        "savings": 400_000,
        "last_visit": 10,
        "note": "Sebagian besar anggota pindah; kegiatan kelompok berhenti. Pendampingan "
        "dilanjutkan bila kelompok aktif kembali.",
    },
    # risna.pnm (PNM)
    {
        "group": "ikm-kue-tradisional-tondo",
        "mentor": "risna.pnm",
        "trend": IMPROVING,
        "revenue": 8_000_000,
        "growth": 32,
        "items": 1,
        "savings": 600_000,
        "last_visit": 9,
    },
    {
        "group": "ikm-olahan-pisang-kayumalue",
        "mentor": "risna.pnm",
        "trend": FLAT,
        "revenue": 5_000_000,
        "items": 2,
        "savings": 500_000,
        "last_visit": 15,
    },
    # dewi.pnm (PNM)
    {
        "group": "kube-bawang-goreng-mosinggani",
        "mentor": "dewi.pnm",
        "trend": LAPSED,
        "revenue": 6_500_000,
        "items": 2,
        "lapsed_visits": 4,
        "savings": 300_000,
        "last_visit": 20,
        "note": "Buku kas berhenti diisi; uang penjualan bercampur dengan uang belanja rumah "
        "tangga. Angsuran Mekaar terlambat.",
    },
    # fadel.pegadaian (Pegadaian)
    {
        "group": "ikm-roti-kue-kamonji",
        "mentor": "fadel.pegadaian",
        "trend": IMPROVING,
        "revenue": 11_000_000,
        "growth": 20,
        "items": 2,
        "savings": 1_500_000,
        "last_visit": 3,
    },
]

# The order in which groups learn to keep their books: a group keeping three items keeps the
# first three.
CHECKLIST_ORDER = [
    "cash_book_kept",
    "sales_purchase_recorded",
    "receipts_kept",
    "money_kept_apart",
    "stock_recorded",
]

# What a visit works on while the group learns an item, and what it agrees to do next.
ITEM_TOPICS = {
    "cash_book_kept": ["Cara mengisi buku kas harian", "Menutup buku kas setiap akhir bulan"],
    "sales_purchase_recorded": [
        "Mencatat penjualan harian dan pembelian bahan baku",
        "Mencatat pesanan dan piutang pelanggan",
    ],
    "receipts_kept": ["Menyimpan nota pembelian dan kuitansi", "Menempel nota di buku pembelian"],
    "money_kept_apart": [
        "Memisahkan uang usaha dari uang rumah tangga",
        "Membuka rekening tabungan kelompok",
    ],
    "stock_recorded": [
        "Kartu stok bahan baku dan barang jadi",
        "Menghitung stok di akhir bulan",
    ],
}
ITEM_NEXT_STEPS = {
    "cash_book_kept": "Bendahara mengisi buku kas setiap sore",
    "sales_purchase_recorded": "Mencatat setiap penjualan dan pembelian pada hari yang sama",
    "receipts_kept": "Mengumpulkan semua nota dalam satu map per bulan",
    "money_kept_apart": "Menyetor hasil penjualan ke rekening kelompok setiap minggu",
    "stock_recorded": "Menghitung stok bahan baku setiap hari Sabtu",
}
TOPICS = [
    "Menghitung harga pokok produksi",
    "Menyusun laporan laba rugi sederhana",
    "Menentukan harga jual dan margin",
    "Rencana produksi bulan depan",
    "Pembagian tugas pencatatan di antara pengurus",
    "Menabung sisa hasil usaha",
    "Memeriksa saldo kas bersama bendahara",
]
NEXT_STEPS = [
    "Menyetor tabungan kelompok setiap awal bulan",
    "Menghitung laba rugi bulan ini bersama pengurus",
    "Ketua mengingatkan anggota mencatat penjualan",
    "Mencoba kemasan baru untuk toko oleh-oleh",
    "Membandingkan harga bahan baku dari dua pemasok",
]
# Only for a group serious enough to be proposed for credit.
CREDIT_TOPICS = ["Syarat dan dokumen pengajuan KUR", "Menghitung kemampuan membayar angsuran"]
CREDIT_NEXT_STEPS = [
    "Melengkapi fotokopi KTP dan NIB untuk pengajuan kredit",
    "Menyiapkan laporan laba rugi enam bulan terakhir untuk bank",
]
# For a group in trouble.
TROUBLE_TOPICS = [
    "Mencari penyebab turunnya penjualan",
    "Menghitung ulang biaya bahan baku",
    "Memulai lagi buku kas dari saldo hari ini",
]
TROUBLE_NEXT_STEPS = [
    "Kunjungan ulang dua minggu lagi untuk memeriksa buku kas",
    "Mencari pembeli pengganti dan menekan biaya bahan baku",
    "Menunjuk anggota yang bertugas mencatat kas",
]

# Who came, by the visit's seriousness score: an engaged group turns out in numbers.
ATTENDEES = {
    5: ["Ketua, sekretaris, bendahara, 4 anggota", "Semua pengurus dan 5 anggota"],
    4: ["Ketua, bendahara, 3 anggota", "Ketua, sekretaris, bendahara, 2 anggota"],
    3: ["Ketua dan bendahara", "Ketua, bendahara, 1 anggota", "Bendahara, sekretaris, 2 anggota"],
    2: ["Ketua saja", "Bendahara dan 1 anggota"],
    1: ["Bendahara saja", "Seorang anggota"],
}

KUR_MIKRO = "KUR Mikro"
KUR_KECIL = "KUR Kecil"
CITY_CREDIT = "Kredit Usaha Kota Palu 3%"
MEKAAR = "PNM Mekaar"
KREASI = "Pegadaian Kreasi"

# name, kind, interest per year (%), ceiling in Rupiah, description
SCHEMES = [
    (
        KUR_MIKRO,
        CreditScheme.Kind.KUR_MIKRO,
        "6.00",
        100_000_000,
        "Kredit Usaha Rakyat untuk usaha mikro dengan bunga disubsidi pemerintah, tanpa agunan "
        "tambahan.",
    ),
    (
        KUR_KECIL,
        CreditScheme.Kind.KUR_KECIL,
        "6.00",
        500_000_000,
        "Kredit Usaha Rakyat di atas Rp 100 juta untuk usaha kecil; agunan sesuai ketentuan "
        "bank penyalur.",
    ),
    (
        CITY_CREDIT,
        CreditScheme.Kind.CITY,
        "3.00",
        25_000_000,
        "Kredit program Pemerintah Kota Palu lewat Bank Sulteng untuk kelompok binaan Dinas "
        "yang pembukuannya didampingi; selisih bunga ditanggung APBD.",
    ),
    (
        MEKAAR,
        CreditScheme.Kind.PNM,
        "25.00",
        20_000_000,
        "Pembiayaan kelompok perempuan pelaku usaha ultra mikro, tanpa agunan; angsuran "
        "mingguan dibayar dalam pertemuan kelompok.",
    ),
    (
        KREASI,
        CreditScheme.Kind.PEGADAIAN,
        "12.00",
        100_000_000,
        "Kredit angsuran bulanan untuk usaha mikro dan kecil dengan jaminan BPKB kendaraan "
        "(fidusia).",
    ),
]

SUBMITTED = CreditApplication.Status.SUBMITTED
APPROVED = CreditApplication.Status.APPROVED
REJECTED = CreditApplication.Status.REJECTED
DISBURSED = CreditApplication.Status.DISBURSED
REPAID = CreditApplication.Status.REPAID
IN_ARREARS = CreditApplication.Status.IN_ARREARS

# Proposed by the group's mentor at the time, to the mentor's lender, and decided by that
# lender's supervisor. `submitted` is in days before today; `decided` in days after
# submission, `disbursed` in days after the decision.
CREDIT_APPLICATIONS = [
    {
        "group": "ikm-bawang-goreng-sintuvu",
        "scheme": KUR_MIKRO,
        "status": DISBURSED,
        "requested": 50_000_000,
        "approved": 50_000_000,
        "tenor": 24,
        "submitted": 150,
        "decided": 14,
        "disbursed": 7,
        "collectibility": 1,
        "purpose": "Mesin peniris minyak dan stok bawang merah untuk tiga bulan",
        "notes": "Disetujui penuh: pembukuan sepuluh bulan terakhir rapi dan omzet naik.",
    },
    {
        "group": "ikm-keripik-pisang-birobuli",
        "scheme": KUR_MIKRO,
        "status": APPROVED,
        "requested": 35_000_000,
        "approved": 30_000_000,
        "tenor": 24,
        "submitted": 30,
        "decided": 16,
        "purpose": "Mesin vacuum frying dan kemasan standing pouch",
        "notes": "Disetujui Rp 30 juta: mesin bekas cukup untuk kapasitas sekarang. Menunggu "
        "akad kredit.",
    },
    {
        "group": "ikm-garam-talise",
        "scheme": KUR_MIKRO,
        "status": REPAID,
        "requested": 20_000_000,
        "approved": 20_000_000,
        "tenor": 12,
        "submitted": 520,
        "decided": 10,
        "disbursed": 5,
        "collectibility": 1,
        "purpose": "Modal kerja: garam krosok dan kalium iodat",
        "notes": "Lunas tepat waktu, tidak pernah terlambat.",
    },
    {
        "group": "ikm-garam-talise",
        "scheme": KUR_MIKRO,
        "status": SUBMITTED,
        "requested": 75_000_000,
        "tenor": 36,
        "submitted": 9,
        "purpose": "Mesin pengering dan mesin pengemas garam",
        "notes": "Pengajuan kedua setelah KUR pertama lunas.",
    },
    {
        "group": "ikm-olahan-ikan-mamboro",
        "scheme": KUR_MIKRO,
        "status": IN_ARREARS,
        "requested": 40_000_000,
        "approved": 35_000_000,
        "tenor": 24,
        "submitted": 300,
        "decided": 12,
        "disbursed": 6,
        "collectibility": 3,
        "purpose": "Freezer, mesin penggiling daging ikan dan cetakan nugget",
        "notes": "Angsuran tertunggak sejak pesanan kantin sekolah berhenti; mentor menjadwalkan "
        "kunjungan ulang.",
    },
    {
        "group": "ikm-ikan-kering-teluk-palu",
        "scheme": KUR_MIKRO,
        "status": REJECTED,
        "requested": 30_000_000,
        "tenor": 24,
        "submitted": 120,
        "decided": 20,
        "purpose": "Para-para pengering dan garam untuk musim ikan",
        "notes": "Ditolak: penjualan dan stok belum dicatat, omzet tidak dapat diperiksa. Dapat "
        "diajukan lagi setelah enam bulan pendampingan.",
    },
    {
        "group": "ikm-abon-ikan-pantoloan",
        "scheme": KUR_MIKRO,
        "status": SUBMITTED,
        "requested": 45_000_000,
        "tenor": 24,
        "submitted": 12,
        "purpose": "Mesin pencabik ikan dan spinner untuk abon",
        "notes": "",
    },
    {
        "group": "ikm-batik-bomba-besusu",
        "scheme": CITY_CREDIT,
        "status": DISBURSED,
        "requested": 25_000_000,
        "approved": 25_000_000,
        "tenor": 24,
        "submitted": 200,
        "decided": 21,
        "disbursed": 10,
        "collectibility": 1,
        "purpose": "Kain mori, malam dan pewarna; dua cap batik tembaga",
        "notes": "Kredit program Pemkot; selisih bunga ditanggung APBD.",
    },
    {
        "group": "kube-tenun-buya-sabe-tipo",
        "scheme": CITY_CREDIT,
        "status": SUBMITTED,
        "requested": 15_000_000,
        "tenor": 18,
        "submitted": 20,
        "purpose": "Benang sutra dan dua alat tenun bukan mesin",
        "notes": "",
    },
    {
        "group": "ikm-kopi-bubuk-siranindi",
        "scheme": KUR_MIKRO,
        "status": DISBURSED,
        "requested": 60_000_000,
        "approved": 50_000_000,
        "tenor": 36,
        "submitted": 240,
        "decided": 18,
        "disbursed": 9,
        "collectibility": 1,
        "purpose": "Mesin sangrai kopi kapasitas 5 kg",
        "notes": "Disetujui Rp 50 juta dari Rp 60 juta, sesuai kemampuan bayar menurut arus kas.",
    },
    {
        "group": "ikm-kue-tradisional-tondo",
        "scheme": MEKAAR,
        "status": REPAID,
        "requested": 10_000_000,
        "approved": 10_000_000,
        "tenor": 12,
        "submitted": 420,
        "decided": 7,
        "disbursed": 5,
        "collectibility": 1,
        "purpose": "Modal kerja bahan kue untuk lima anggota",
        "notes": "Lunas; kelompok dapat mengajukan siklus berikutnya.",
    },
    {
        "group": "kube-bawang-goreng-mosinggani",
        "scheme": MEKAAR,
        "status": IN_ARREARS,
        "requested": 8_000_000,
        "approved": 8_000_000,
        "tenor": 12,
        "submitted": 270,
        "decided": 7,
        "disbursed": 5,
        "collectibility": 2,
        "purpose": "Modal kerja bawang merah dan minyak goreng",
        "notes": "Angsuran mingguan terlambat tiga kali; buku kas kelompok tidak berjalan.",
    },
    {
        "group": "ikm-roti-kue-kamonji",
        "scheme": KREASI,
        "status": DISBURSED,
        "requested": 30_000_000,
        "approved": 25_000_000,
        "tenor": 24,
        "submitted": 100,
        "decided": 10,
        "disbursed": 6,
        "collectibility": 1,
        "purpose": "Oven gas dan mixer roti",
        "notes": "Disetujui Rp 25 juta dengan jaminan BPKB sepeda motor ketua.",
    },
]
