"""Demo data: Palu's road map 2017–2021, the aid it handed over, its trainings and targets.

Plain data only; ikm/demo_programs.py builds the records from it. The plan is the one the
news of April 2018 describes; the reality slips: the 2018 machine purchase was delayed to
2019, the earthquake and liquefaction of 28 September 2018 hit Petobo and the Talise coast,
and the pandemic stopped group meetings in 2020.
"""

from datetime import date

from ikm.models import Aid, AidCheck, Membership, StageProgress, Target, Training

DINAS_KOPERASI = "Dinas Koperasi dan UMKM Kota Palu"
DINAS_PERINDAG = "Dinas Perindustrian dan Perdagangan Kota Palu"
RECORDED_BY = "staf"  # the demo's Dinas staff account records the aid and its checks

PROGRAM = {
    "name": "Kelurahan Inovasi Unggul dan Mandiri",
    "start_year": 2017,
    "end_year": 2021,
    "dinas": DINAS_KOPERASI,
    "description": "Program Pemerintah Kota Palu untuk kelurahan inovasi, unggul dan mandiri "
    "berbasis iptek: 22 kelompok IKM di 19 kelurahan dengan 11 tematik industri rumahan. "
    "Sampai 2019 alat dan bahan baku ditanggung pemerintah kota; pada 2020 kelompok "
    "diharapkan mandiri dan dipercaya bank untuk mengambil kredit tanpa intervensi "
    "pemerintah. Setiap kelompok didampingi pembukuannya oleh seorang pegawai bank.",
}

# order, planned year, focus, goals, criteria
STAGES = [
    (
        1,
        2017,
        "Penguatan SDM kelompok",
        "Kelompok terbentuk dengan pengurus yang jelas, anggota terlatih dan pembukuan mulai "
        "dicatat.",
        [
            "Pengurus kelompok (ketua, sekretaris, bendahara) terbentuk dan tercatat di Dinas",
            "Anggota mengikuti pelatihan teknis produksi sesuai tema usaha",
            "Buku kas kelompok diisi rutin dengan pendampingan pegawai bank",
        ],
    ),
    (
        2,
        2018,
        "Pembelian mesin produksi",
        "Setiap kelompok menerima mesin produksi yang sesuai tema usahanya dan mampu memakainya.",
        [
            "Kebutuhan mesin diusulkan sesuai tema usaha kelompok",
            "Mesin diserahterimakan dengan berita acara",
            "Anggota terlatih mengoperasikan dan merawat mesin",
        ],
    ),
    (
        3,
        2019,
        "Kualitas, desain kemasan dan manajemen pemasaran",
        "Produk memenuhi standar, berkemasan layak jual dan masuk toko modern lewat Dinas.",
        [
            "Produk memiliki izin edar (PIRT) atau sertifikat yang sesuai",
            "Kemasan dan label baru selesai didesain",
            "Produk dipasarkan di minimal satu toko modern atau marketplace",
            "Penjualan dicatat setiap bulan",
        ],
    ),
    (
        4,
        2020,
        "Pengembangan jumlah IKM dan kemandirian kredit",
        "Kelompok menumbuhkan usaha baru di kelurahannya dan dipercaya bank tanpa intervensi "
        "pemerintah.",
        [
            "Kelompok membina minimal satu kelompok atau usaha baru di kelurahannya",
            "Pembukuan 12 bulan terakhir lengkap dan diperiksa mentor bank",
            "Kelompok menerima kredit usaha tanpa jaminan pemerintah",
        ],
    ),
    (
        5,
        2021,
        "Peningkatan volume produksi",
        "Volume produksi naik dan pasar meluas ke luar Kota Palu.",
        [
            "Volume produksi naik minimal 30% dibanding tahun 2019",
            "Produk terjual rutin di luar Kota Palu (kabupaten di Sulteng atau Makassar)",
        ],
    ),
]

DONE = StageProgress.Status.DONE
IN_PROGRESS = StageProgress.Status.IN_PROGRESS
POSTPONED = StageProgress.Status.POSTPONED
NOT_STARTED = StageProgress.Status.NOT_STARTED
ALL = None  # every criterion of the stage is met

# A track is a group's path through the five stages: (status, started, completed, criteria
# met, evidence). Stage 1 starts on the day the group enrolled and takes at least
# STAGE_ONE_DAYS, so groups formed late in 2017 finish it in 2018. Each group's dates move by
# a few days of its own; no date here is close enough to a year's end to cross it.
STAGE_ONE_DAYS = 100
SHIFT_DAYS = (0, 14)

_SDM_DONE = (
    "Pengurus terbentuk, anggota mengikuti pelatihan produksi, buku kas diisi sejak "
    "pendampingan bank."
)
_PACKAGING_DONE = (
    "PIRT dan label baru selesai; produk masuk minimarket di Palu lewat Dinas Koperasi dan UMKM."
)
_NOT_YET = ""

TRACKS = {
    # Finished everything: machines through CSR/BUMN partners at the end of 2018.
    "tuntas": [
        (DONE, None, date(2017, 12, 8), ALL, _SDM_DONE),
        (
            DONE,
            date(2018, 9, 17),
            date(2018, 12, 10),
            ALL,
            "Mesin diterima akhir 2018 lewat mitra CSR/BUMN; berita acara serah terima "
            "tersimpan di Dinas.",
        ),
        (DONE, date(2019, 2, 11), date(2019, 11, 25), ALL, _PACKAGING_DONE),
        (
            DONE,
            date(2020, 2, 3),
            date(2021, 8, 16),
            ALL,
            "Pertemuan kelompok terhenti beberapa bulan karena pandemi. Kelompok membina dua "
            "usaha baru di kelurahannya; KUR Mikro cair tanpa jaminan pemerintah.",
        ),
        (
            DONE,
            date(2021, 3, 1),
            date(2022, 6, 20),
            ALL,
            "Produksi naik lebih dari 30% dibanding 2019; pesanan rutin dari Donggala, Parigi "
            "dan Makassar.",
        ),
    ],
    # Machines in early 2019, credit in 2022, still raising volume.
    "mandiri-terlambat": [
        (DONE, None, date(2017, 12, 11), ALL, _SDM_DONE),
        (
            DONE,
            date(2018, 8, 6),
            date(2019, 4, 22),
            ALL,
            "Pembelian mesin tertunda pada 2018 karena kendala teknis pengadaan; mesin diterima "
            "awal 2019 dengan berita acara.",
        ),
        (DONE, date(2019, 5, 6), date(2020, 2, 17), ALL, _PACKAGING_DONE),
        (
            DONE,
            date(2020, 9, 14),
            date(2022, 11, 28),
            ALL,
            "Pembukuan 12 bulan lengkap diperiksa mentor bank; kredit usaha disetujui 2022.",
        ),
        (
            IN_PROGRESS,
            date(2023, 2, 6),
            None,
            1,
            "Volume produksi naik sekitar 15% dari 2019; target 30% belum tercapai.",
        ),
    ],
    # Machines in mid 2019, packaging on plan, stuck before credit since the pandemic.
    "tertahan-kredit": [
        (DONE, None, date(2017, 12, 13), ALL, _SDM_DONE),
        (
            DONE,
            date(2018, 8, 6),
            date(2019, 6, 10),
            ALL,
            "Pembelian mesin tertunda pada 2018; mesin diterima pertengahan 2019 dengan berita "
            "acara.",
        ),
        (DONE, date(2019, 7, 1), date(2019, 12, 9), ALL, _PACKAGING_DONE),
        (
            IN_PROGRESS,
            date(2020, 10, 5),
            None,
            1,
            "Pembukuan berjalan, tetapi kelompok belum mengajukan kredit; anggota ragu meminjam "
            "sejak pandemi.",
        ),
        (NOT_STARTED, None, None, 0, _NOT_YET),
    ],
    # Machines in late 2019, packaging still unfinished.
    "tertahan-kemasan": [
        (DONE, None, date(2017, 12, 14), ALL, _SDM_DONE),
        (
            DONE,
            date(2018, 8, 6),
            date(2019, 9, 23),
            ALL,
            "Pembelian mesin tertunda pada 2018; mesin diterima September 2019 dengan berita "
            "acara.",
        ),
        (
            IN_PROGRESS,
            date(2022, 3, 7),
            None,
            1,
            "PIRT sudah terbit, tetapi desain kemasan belum selesai dan produk belum masuk toko "
            "modern.",
        ),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
    ],
    # Hit by the disaster of September 2018: machines only in 2020, then the pandemic.
    "pascabencana": [
        (DONE, None, date(2017, 12, 12), ALL, _SDM_DONE),
        (
            DONE,
            date(2018, 8, 6),
            date(2020, 3, 9),
            ALL,
            "Tempat produksi rusak dalam gempa 28 September 2018; mesin baru diterima Maret "
            "2020 setelah tempat usaha dibangun kembali.",
        ),
        (
            POSTPONED,
            date(2020, 6, 15),
            None,
            0,
            "Pelatihan kemasan ditunda karena pembatasan kegiatan masa pandemi COVID-19; belum "
            "dijadwalkan ulang.",
        ),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
    ],
    # Lost its workplace in the Petobo liquefaction two months after its machine came.
    "likuefaksi": [
        (DONE, None, date(2017, 12, 6), ALL, _SDM_DONE),
        (
            POSTPONED,
            date(2018, 7, 23),
            None,
            1,
            "Mesin penggiling pakan diterima Juli 2018, tetapi tempat produksi hilang dalam "
            "likuefaksi Petobo 28 September 2018. Kelompok menunggu lahan relokasi; keberadaan "
            "mesin belum diperiksa.",
        ),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
    ],
    # The group that sold the food-processing machine it should not have received.
    "bantuan-salah-sasaran": [
        (DONE, None, date(2017, 12, 15), ALL, _SDM_DONE),
        (
            POSTPONED,
            None,
            None,
            0,
            "Bantuan 2017 (mesin penggoreng vakum) tidak sesuai usaha anyaman dan sudah dijual. "
            "Pengadaan mesin ditunda sampai kelompok aktif kembali.",
        ),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
    ],
    # Never got going: too few members came to the first trainings.
    "tidak-aktif": [
        (
            POSTPONED,
            None,
            None,
            1,
            "Hanya tiga anggota hadir dalam pelatihan produksi; kelompok tidak aktif sejak 2019.",
        ),
        (POSTPONED, None, None, 0, "Ditunda: penguatan SDM kelompok belum tuntas."),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
        (NOT_STARTED, None, None, 0, _NOT_YET),
    ],
}

# Every demo group, by slug, and its track.
GROUP_TRACKS = {
    "ikm-bawang-goreng-sintuvu": "tuntas",
    "ikm-bawang-goreng-nosarara": "pascabencana",  # Petobo
    "kube-bawang-goreng-mosinggani": "tertahan-kemasan",
    "ikm-abon-ikan-pantoloan": "tuntas",
    "ikm-ikan-kering-teluk-palu": "tertahan-kemasan",
    "ikm-olahan-ikan-mamboro": "tertahan-kredit",
    "ikm-garam-talise": "pascabencana",  # the Talise coast, hit by the tsunami
    "ikm-batik-bomba-besusu": "mandiri-terlambat",
    "ikm-batik-bomba-tawanjuka": "tertahan-kredit",
    "kube-tenun-buya-sabe-tipo": "tertahan-kemasan",
    "ikm-kopi-bubuk-siranindi": "tuntas",
    "ikm-kopi-bubuk-lolu": "mandiri-terlambat",
    "ikm-keripik-pisang-birobuli": "mandiri-terlambat",
    "ikm-olahan-pisang-kayumalue": "tertahan-kredit",
    "ikm-pakan-ternak-petobo": "likuefaksi",
    "kube-pakan-ternak-lambara": "tidak-aktif",
    "ikm-minyak-kelapa-buluri": "tertahan-kredit",
    "ikm-kue-tradisional-tondo": "mandiri-terlambat",
    "umkm-kue-kering-lere": "tertahan-kemasan",
    "ikm-roti-kue-kamonji": "tertahan-kredit",
    "ikm-kerajinan-eboni-silae": "tertahan-kemasan",
    "ikm-anyaman-tatura": "bantuan-salah-sasaran",
}

EQUIPMENT = Aid.Kind.EQUIPMENT
RAW_MATERIALS = Aid.Kind.RAW_MATERIALS
CAPITAL = Aid.Kind.CAPITAL
APBD = Aid.Source.APBD
CSR = Aid.Source.CSR
BUMN = Aid.Source.BUMN
PARTNER = Aid.Source.PARTNER
IN_USE = AidCheck.Status.IN_USE
IDLE = AidCheck.Status.IDLE
BROKEN = AidCheck.Status.BROKEN
SOLD = AidCheck.Status.SOLD

# A check's day is a date, or a number of days before the day the demo is loaded: aid in use
# has been seen within the last six months whenever the demo is loaded.
AID = [
    {
        # The misallocation the news of April 2018 tells of: food-processing equipment for a
        # weaving group, sold on because nobody could use it.
        "group": "ikm-anyaman-tatura",
        "kind": EQUIPMENT,
        "items": "Mesin penggoreng vakum (vacuum frying) kapasitas 5 kg",
        "value": 42_500_000,
        "source": APBD,
        "funder": f"APBD {DINAS_KOPERASI}",
        "handed_over_on": date(2017, 11, 20),
        "theme": "olahan-pisang",
        "fit_justification": "Usulan lurah dalam musrenbang kelurahan 2017: kelompok akan "
        "menambah usaha keripik pisang dari kebun anggota, di samping anyaman pandan. "
        "Pelatihan pengolahan pangan dijanjikan menyusul.",
        "checks": [
            (
                IDLE,
                date(2018, 1, 15),
                "Mesin belum pernah dipakai; anggota belum punya keahlian mengolah pangan dan "
                "pelatihan yang dijanjikan belum ada.",
            ),
            (
                SOLD,
                date(2018, 3, 26),
                "Mesin dijual kelompok kepada pengusaha keripik di luar Kota Palu; hasilnya "
                "dibagi anggota. Dibahas dalam rapat evaluasi 3 April 2018.",
            ),
        ],
    },
    {
        "group": "ikm-bawang-goreng-sintuvu",
        "kind": RAW_MATERIALS,
        "items": "Bawang merah lokal 300 kg dan minyak goreng 60 liter",
        "value": 12_600_000,
        "source": APBD,
        "funder": f"APBD {DINAS_KOPERASI}",
        "handed_over_on": date(2017, 9, 18),
        "theme": "bawang-goreng",
        "checks": [
            (IN_USE, date(2017, 12, 4), "Bahan baku habis dipakai untuk produksi akhir tahun."),
            (
                IN_USE,
                142,
                "Produksi berjalan; kelompok kini membeli bahan baku sendiri dari hasil penjualan.",
            ),
        ],
    },
    {
        "group": "ikm-bawang-goreng-sintuvu",
        "kind": EQUIPMENT,
        "items": "Mesin pengiris bawang dan mesin spinner peniris minyak",
        "value": 11_500_000,
        "source": BUMN,
        "funder": "Program Kemitraan BUMN Bank Rakyat Indonesia",
        "handed_over_on": date(2018, 11, 12),
        "theme": "bawang-goreng",
        "checks": [(IN_USE, 37, "Kedua mesin dipakai setiap hari produksi dan terawat.")],
    },
    {
        "group": "ikm-abon-ikan-pantoloan",
        "kind": EQUIPMENT,
        "items": "Mesin spinner peniris minyak abon",
        "value": 9_800_000,
        "source": CSR,
        "funder": "CSR Bank Sulteng",
        "handed_over_on": date(2018, 12, 3),
        "theme": "olahan-ikan",
        "checks": [
            (IN_USE, date(2019, 6, 17), "Dipakai rutin; abon lebih kering dan tahan lama."),
            (IN_USE, 58, "Dipakai rutin; sabuk mesin baru diganti kelompok sendiri."),
        ],
    },
    {
        "group": "ikm-kopi-bubuk-siranindi",
        "kind": EQUIPMENT,
        "items": "Mesin sangrai kopi (roaster) kapasitas 5 kg",
        "value": 38_000_000,
        "source": CSR,
        "funder": "CSR Bank Sulteng",
        "handed_over_on": date(2018, 11, 26),
        "theme": "kopi-bubuk",
        "checks": [(IN_USE, 23, "Dipakai tiga kali seminggu; catatan sangrai rapi.")],
    },
    {
        # Never checked: the workplace was lost in the liquefaction two months later.
        "group": "ikm-pakan-ternak-petobo",
        "kind": EQUIPMENT,
        "items": "Mesin penggiling pakan (hammer mill) dan mesin pencampur",
        "value": 18_500_000,
        "source": APBD,
        "funder": f"APBD {DINAS_PERINDAG}",
        "handed_over_on": date(2018, 7, 23),
        "theme": "pakan-ternak",
        "checks": [],
    },
    {
        "group": "ikm-garam-talise",
        "kind": RAW_MATERIALS,
        "items": "Kalium iodat (KIO3) 10 kg dan plastik kemasan garam",
        "value": 3_200_000,
        "source": APBD,
        "funder": f"APBD {DINAS_PERINDAG}",
        "handed_over_on": date(2018, 5, 14),
        "theme": "garam",
        "checks": [(IN_USE, 96, "Yodisasi berjalan; stok kalium iodat dibeli kelompok sendiri.")],
    },
    {
        "group": "ikm-minyak-kelapa-buluri",
        "kind": CAPITAL,
        "items": "Modal pemulihan usaha pascabencana",
        "value": 7_500_000,
        "source": CSR,
        "funder": "CSR Bank Sulteng",
        "handed_over_on": date(2018, 12, 17),
        "theme": "olahan-kelapa",
        "checks": [
            (IN_USE, 121, "Modal berputar untuk pembelian kelapa; tercatat di buku kas."),
        ],
    },
    {
        "group": "ikm-kue-tradisional-tondo",
        "kind": CAPITAL,
        "items": "Modal kerja untuk bahan dan kemasan",
        "value": 5_000_000,
        "source": BUMN,
        "funder": "Program Kemitraan BUMN Bank Rakyat Indonesia",
        "handed_over_on": date(2019, 2, 11),
        "theme": "kue-tradisional",
        "checks": [(IN_USE, 64, "Modal berputar; pembukuan diperiksa mentor BRI.")],
    },
    {
        "group": "ikm-keripik-pisang-birobuli",
        "kind": EQUIPMENT,
        "items": "Mesin penggoreng vakum (vacuum frying) kapasitas 5 kg",
        "value": 45_000_000,
        "source": APBD,
        "funder": f"APBD {DINAS_PERINDAG}",
        "handed_over_on": date(2019, 3, 18),
        "theme": "olahan-pisang",
        "checks": [(IN_USE, 15, "Dipakai setiap hari; keripik nangka jadi produk baru.")],
    },
    {
        "group": "ikm-kopi-bubuk-lolu",
        "kind": EQUIPMENT,
        "items": "Mesin sangrai kopi kapasitas 3 kg dan mesin giling kopi",
        "value": 32_500_000,
        "source": APBD,
        "funder": f"APBD {DINAS_KOPERASI}",
        "handed_over_on": date(2019, 4, 8),
        "theme": "kopi-bubuk",
        "checks": [(IN_USE, 77, "Kedua mesin dipakai; penggiling perlu ganti pisau tahun depan.")],
    },
    {
        "group": "ikm-batik-bomba-besusu",
        "kind": EQUIPMENT,
        "items": "Kompor batik listrik, canting cap tembaga dan meja cap",
        "value": 8_750_000,
        "source": APBD,
        "funder": f"APBD {DINAS_PERINDAG}",
        "handed_over_on": date(2019, 4, 15),
        "theme": "batik-bomba",
        "checks": [(IN_USE, 49, "Dipakai untuk pesanan seragam kantor kelurahan.")],
    },
    {
        "group": "ikm-roti-kue-kamonji",
        "kind": EQUIPMENT,
        "items": "Oven gas 3 rak",
        "value": 14_500_000,
        "source": CSR,
        "funder": "CSR Bank Sulteng",
        "handed_over_on": date(2019, 5, 13),
        "theme": "kue-tradisional",
        "checks": [
            (IN_USE, date(2019, 11, 11), "Dipakai setiap hari untuk roti dan bagea."),
            (
                BROKEN,
                75,
                "Termostat rusak; menunggu suku cadang dari Makassar. Kelompok memakai oven lama "
                "milik anggota.",
            ),
        ],
    },
    {
        "group": "ikm-olahan-ikan-mamboro",
        "kind": EQUIPMENT,
        "items": "Freezer box 300 liter",
        "quantity": 2,
        "value": 9_000_000,
        "source": APBD,
        "funder": f"APBD {DINAS_KOPERASI}",
        "handed_over_on": date(2019, 5, 20),
        "theme": "olahan-ikan",
        "checks": [(IN_USE, 110, "Keduanya dipakai menyimpan nugget dan otak-otak.")],
    },
    {
        "group": "ikm-batik-bomba-tawanjuka",
        "kind": EQUIPMENT,
        "items": "Mesin jahit high speed",
        "quantity": 3,
        "value": 10_500_000,
        "source": BUMN,
        "funder": "Program Kemitraan BUMN Bank Rakyat Indonesia",
        "handed_over_on": date(2019, 5, 27),
        "theme": "batik-bomba",
        "checks": [(IN_USE, 30, "Tiga mesin dipakai menjahit kemeja batik bomba.")],
    },
    {
        "group": "ikm-olahan-pisang-kayumalue",
        "kind": RAW_MATERIALS,
        "items": "Bahan kemasan: standing pouch dan label 5.000 lembar",
        "value": 6_500_000,
        "source": PARTNER,
        "funder": "PT Sulteng Retail Nusantara (mitra pemasaran produk lokal di minimarket)",
        "handed_over_on": date(2019, 10, 7),
        "theme": "olahan-pisang",
        "checks": [
            (IN_USE, 133, "Kemasan dipakai untuk produk yang masuk minimarket; sisa sedikit."),
        ],
    },
    {
        "group": "kube-tenun-buya-sabe-tipo",
        "kind": EQUIPMENT,
        "items": "Alat tenun bukan mesin (ATBM)",
        "quantity": 2,
        "value": 16_000_000,
        "source": APBD,
        "funder": f"APBD {DINAS_PERINDAG}",
        "handed_over_on": date(2019, 9, 2),
        "theme": "tenun-donggala",
        "checks": [(IN_USE, 88, "Kedua ATBM dipakai bergiliran oleh enam penenun.")],
    },
    {
        "group": "ikm-kerajinan-eboni-silae",
        "kind": EQUIPMENT,
        "items": "Mesin gerinda tangan dan bor ukir (satu set)",
        "value": 6_800_000,
        "source": APBD,
        "funder": f"APBD {DINAS_PERINDAG}",
        "handed_over_on": date(2019, 8, 12),
        "theme": "kerajinan",
        "checks": [(IN_USE, 52, "Dipakai untuk ukiran cendera mata pesanan hotel.")],
    },
    {
        "group": "ikm-ikan-kering-teluk-palu",
        "kind": EQUIPMENT,
        "items": "Mesin pengering ikan (cabinet dryer) kapasitas 50 kg",
        "value": 24_000_000,
        "source": BUMN,
        "funder": "Program Kemitraan BUMN Bank Rakyat Indonesia",
        "handed_over_on": date(2019, 8, 12),
        "theme": "olahan-ikan",
        "checks": [
            (IN_USE, date(2020, 2, 17), "Dipakai saat musim hujan."),
            (
                IDLE,
                41,
                "Pengering jarang dipakai: tangkapan nelayan turun dan biaya listrik tinggi; "
                "kelompok kembali menjemur di para-para.",
            ),
        ],
    },
    {
        "group": "umkm-kue-kering-lere",
        "kind": EQUIPMENT,
        "items": "Oven gas 2 rak dan mixer roti",
        "value": 12_750_000,
        "source": APBD,
        "funder": f"APBD {DINAS_KOPERASI}",
        "handed_over_on": date(2019, 9, 9),
        "theme": "kue-tradisional",
        "checks": [(IN_USE, 19, "Dipakai untuk pesanan kue kering menjelang hari raya.")],
    },
]

# Participants are drawn group by group in turn (board first, then by joining date), among
# the members who had joined by the training's first day; one person is registered once.
# `absent` lists (participant number, day number) pairs, both from 0: the rest were there.
LEADER = Membership.Role.LEADER
SECRETARY = Membership.Role.SECRETARY
TREASURER = Membership.Role.TREASURER
FOOD_THEMES = (
    "bawang-goreng",
    "olahan-ikan",
    "garam",
    "kopi-bubuk",
    "olahan-pisang",
    "olahan-kelapa",
    "kue-tradisional",
)

TRAININGS = [
    {
        "title": "Bimbingan Permodalan dan Pengembangan UMKM 2018",
        "topic": Training.Topic.FINANCE,
        "organiser": DINAS_KOPERASI,
        "partners": "OJK Sulawesi Tengah, BRI, BNI, Bank Sulteng",
        "venue": "Hotel Sweetama, Palu",
        "capacity": 50,
        "description": "Sosialisasi bimbingan permodalan dan pengembangan UMKM menuju "
        "kelurahan inovasi, unggul dan mandiri: lembaga keuangan menjelaskan fasilitas modal, "
        "pembinaan produksi, administrasi keuangan dan pemasaran, termasuk peluang produk "
        "lokal masuk minimarket lewat Dinas Koperasi dan UMKM.",
        "days": [date(2018, 4, 9), date(2018, 4, 10)],
        "participants": 50,
        "absent": [(6, 1), (13, 1), (24, 0), (31, 1), (45, 0)],
    },
    {
        "title": "Pelatihan Pembukuan Sederhana Kelompok IKM",
        "topic": Training.Topic.BOOKKEEPING,
        "organiser": DINAS_KOPERASI,
        "partners": "Bank Rakyat Indonesia",
        "venue": "Aula BRI Kantor Cabang Palu",
        "capacity": 25,
        "description": "Bendahara kelompok belajar mengisi buku kas, mencatat penjualan dan "
        "menyusun laporan bulanan yang diperiksa mentor bank.",
        "days": [date(2018, 7, 17)],
        "participants": 22,
        "role": TREASURER,
        "absent": [(9, 0), (17, 0)],
    },
    {
        "title": "Pendampingan Sertifikasi Halal Produk Pangan IKM",
        "topic": Training.Topic.HALAL,
        "organiser": DINAS_PERINDAG,
        "partners": "Kantor Kementerian Agama Kota Palu, LPPOM MUI Sulawesi Tengah",
        "venue": "Aula Dinas Perindustrian dan Perdagangan Kota Palu",
        "capacity": 30,
        "description": "Persyaratan sertifikat halal, penyusunan sistem jaminan produk halal "
        "dan pengisian berkas pendaftaran untuk kelompok pangan.",
        "days": [date(2019, 7, 23), date(2019, 7, 24)],
        "participants": 28,
        "themes": FOOD_THEMES,
        "per_group": 2,
        "absent": [(3, 1), (16, 0), (22, 1)],
    },
    {
        "title": "Pemasaran Digital: Marketplace dan Media Sosial untuk IKM",
        "topic": Training.Topic.DIGITAL_MARKETING,
        "organiser": DINAS_KOPERASI,
        "partners": "Bank Sulteng",
        "venue": "Aula Dinas Koperasi dan UMKM Kota Palu",
        "capacity": 20,
        "description": "Foto produk dengan ponsel, membuka toko di marketplace dan menerima "
        "pembayaran QRIS; diadakan dengan protokol kesehatan.",
        "days": [date(2021, 11, 16)],
        "participants": 18,
        "role": SECRETARY,
        "active_groups_only": True,
        "absent": [(4, 0), (12, 0)],
    },
]

# year, kelurahan code (None for the whole city), measure, value. In 2018 every one of the
# city's 46 kelurahan was to form at least five groups.
GROUPS_FORMED = Target.Measure.GROUPS_FORMED
MEMBERS = Target.Measure.MEMBERS
PARTICIPANTS_TRAINED = Target.Measure.PARTICIPANTS_TRAINED
AID_VALUE = Target.Measure.AID_VALUE
TARGETS = [
    (2017, None, GROUPS_FORMED, 22),
    (2017, None, AID_VALUE, 60_000_000),
    (2018, None, GROUPS_FORMED, 46 * 5),
    (2018, None, MEMBERS, 46 * 5 * 10),
    (2018, None, PARTICIPANTS_TRAINED, 50),
    (2018, None, AID_VALUE, 250_000_000),
    (2018, "72.71.08.1002", GROUPS_FORMED, 5),  # Tondo
    (2018, "72.71.08.1002", MEMBERS, 50),
    (2018, "72.71.03.1003", GROUPS_FORMED, 5),  # Petobo
    (2018, "72.71.02.1009", GROUPS_FORMED, 5),  # Lere
    (2018, "72.71.08.1003", GROUPS_FORMED, 5),  # Talise
]
