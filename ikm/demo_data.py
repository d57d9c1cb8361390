"""The demo city's data: Kota Palu's IKM program as the news of 2017-2018 describes it.

Plain data only; ikm/demo.py builds the records from it.
"""

from datetime import date

from financing.models import Lender
from ikm.models import BusinessGroup, Certification, Member, Membership
from portal import roles

CITY_CODE = "72.71"
DEMO_PASSWORD = "demo-portal"
SEED = 7271

IKM = BusinessGroup.Kind.IKM
KUBE = BusinessGroup.Kind.KUBE
UMKM = BusinessGroup.Kind.UMKM
ACTIVE = BusinessGroup.Status.ACTIVE
INACTIVE = BusinessGroup.Status.INACTIVE

# slug, name, KBLI 2020 codes, description
THEMES = [
    (
        "pakan-ternak",
        "Pakan Ternak",
        ("10801", "10802"),
        "Ransum dan konsentrat untuk ayam kampung, itik dan sapi dari jagung, dedak dan "
        "hasil samping pertanian di sekitar Palu.",
    ),
    (
        "batik-bomba",
        "Batik Bomba",
        ("13134",),
        "Batik khas Kaili bermotif bunga (bomba) dan cengkeh, dibuat dengan canting dan cap.",
    ),
    (
        "tenun-donggala",
        "Tenun Donggala",
        ("13121", "13122"),
        "Tenun ikat tangan buya sabe khas Donggala: sarung, selendang dan kain.",
    ),
    (
        "bawang-goreng",
        "Bawang Goreng",
        ("10772", "10799"),
        "Bawang merah lokal lembah Palu yang digoreng kering, oleh-oleh paling terkenal dari Palu.",
    ),
    (
        "kopi-bubuk",
        "Kopi Bubuk",
        ("10761",),
        "Sangrai dan giling kopi robusta dan arabika dari dataran tinggi Sulawesi Tengah.",
    ),
    (
        "olahan-pisang",
        "Olahan Pisang",
        ("10794", "10313"),
        "Keripik pisang, pisang sale dan tepung pisang dari pisang kepok dan pisang raja.",
    ),
    (
        "olahan-ikan",
        "Olahan Ikan",
        ("10211", "10216", "10219"),
        "Abon, ikan kering, nugget dan kerupuk dari hasil tangkapan nelayan Teluk Palu.",
    ),
    (
        "olahan-kelapa",
        "Olahan Kelapa",
        ("10422", "10423", "10773"),
        "Minyak kelapa kampung, VCO dan bumbu kelapa sangrai dari kebun kelapa pesisir Palu.",
    ),
    (
        "kue-tradisional",
        "Kue dan Roti Tradisional",
        ("10710", "10792"),
        "Kue basah, kue kering dan roti rumahan, dari lalampa sampai bagea sagu.",
    ),
    (
        "garam",
        "Garam Beryodium",
        ("08930", "10774"),
        "Garam dari tambak garam tradisional Talise, dicuci, diberi yodium dan dikemas.",
    ),
    (
        "kerajinan",
        "Kerajinan Kayu dan Anyaman",
        ("16291", "16292", "16293", "32903"),
        "Ukiran dari sisa kayu eboni, anyaman pandan dan rotan: cendera mata khas Sulawesi Tengah.",
    ),
]

# A certificate is (kind, number, days until it expires). Halal certificates carry an issue
# date instead: since UU 6/2023 they stay valid while the recipe is unchanged.
PIRT = Certification.Kind.PIRT
HALAL = Certification.Kind.HALAL
BPOM = Certification.Kind.BPOM
SNI = Certification.Kind.SNI
HKI = Certification.Kind.HKI
VALIDITY_YEARS = {PIRT: 5, BPOM: 5, SNI: 4, HKI: 10}

# Products are (name, price in Rupiah, unit, description, certificates). `women` is the share
# of women among a group's members: food and weaving groups are mostly women. A group with
# `"photo": False` has no photo yet, so the directory shows its placeholder.
GROUPS = [
    {
        "slug": "ikm-bawang-goreng-sintuvu",
        "name": "IKM Bawang Goreng Sintuvu",
        "kind": IKM,
        "theme": "bawang-goreng",
        "kelurahan": "72.71.08.1002",  # Tondo
        "street": "Jl. Soekarno-Hatta",
        "founded_on": date(2017, 3, 14),
        "nib": "9120008314521",
        "workforce": 12,
        "women": 0.9,
        "show_leader_name": True,
        "description": "Kelompok ibu-ibu Tondo yang mengolah bawang merah lembah Palu menjadi "
        "bawang goreng renyah. Dibina Dinas sejak 2017 dan didampingi pembukuannya oleh BRI.",
        "products": [
            (
                "Bawang Goreng Palu Original",
                35000,
                "toples 250 g",
                "Bawang merah lokal diiris tipis dan digoreng kering, gurih tanpa pengawet.",
                [
                    (PIRT, "P-IRT 2067271010123", 40),
                    (HALAL, "ID72110000123450821", date(2021, 8, 17)),
                ],
            ),
            (
                "Bawang Goreng Palu Pedas",
                38000,
                "toples 250 g",
                "Bawang goreng bertabur cabai kering, teman makan kaledo dan nasi kuning.",
                [],
            ),
            (
                "Bawang Goreng Kemasan Oleh-oleh",
                75000,
                "kotak 500 g",
                "Kemasan kotak untuk oleh-oleh khas Palu, tersedia di toko oleh-oleh kota.",
                [(HKI, "IDM000812345", 2800)],
            ),
        ],
    },
    {
        "slug": "ikm-bawang-goreng-nosarara",
        "name": "IKM Bawang Goreng Nosarara",
        "kind": IKM,
        "theme": "bawang-goreng",
        "kelurahan": "72.71.03.1003",  # Petobo
        "street": "Jl. Dayodara",
        "founded_on": date(2017, 4, 3),
        "nib": "9120008402217",
        "workforce": 8,
        "women": 0.7,
        "show_leader_name": True,
        "description": "Usaha bawang goreng warga Petobo. Bahan baku dibeli langsung dari "
        "petani bawang di lembah Palu.",
        "products": [
            (
                "Bawang Goreng Nosarara",
                30000,
                "bungkus 200 g",
                "Bawang goreng renyah dalam kemasan standing pouch berjendela.",
                [(PIRT, "P-IRT 2067271030207", 900)],
            ),
            (
                "Sambal Bawang Goreng",
                25000,
                "botol 150 g",
                "Sambal cabai rawit dengan bawang goreng, pedas dan gurih.",
                [],
            ),
        ],
    },
    {
        "slug": "kube-bawang-goreng-mosinggani",
        "name": "KUBE Bawang Goreng Mosinggani",
        "kind": KUBE,
        "theme": "bawang-goreng",
        "kelurahan": "72.71.06.1005",  # Duyu
        "street": "Jl. Padanjakaya",
        "founded_on": date(2017, 6, 20),
        "nib": "",
        "workforce": 6,
        "women": 0.7,
        "photo": False,
        "description": "Kelompok usaha bersama binaan Dinas Sosial yang menjual bawang goreng "
        "curah ke rumah makan dan pedagang pasar.",
        "products": [
            (
                "Bawang Goreng Curah",
                110000,
                "kg",
                "Bawang goreng curah untuk rumah makan dan katering.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-abon-ikan-pantoloan",
        "name": "IKM Abon Ikan Pantoloan",
        "kind": IKM,
        "theme": "olahan-ikan",
        "kelurahan": "72.71.07.1001",  # Pantoloan
        "street": "Jl. Trans Sulawesi",
        "founded_on": date(2017, 2, 27),
        "nib": "9120007219634",
        "workforce": 10,
        "women": 0.9,
        "show_leader_name": True,
        "description": "Istri nelayan Pantoloan mengolah tuna dan cakalang menjadi abon dan "
        "bakso ikan, dipasarkan ke minimarket di Palu.",
        "products": [
            (
                "Abon Ikan Tuna",
                45000,
                "bungkus 200 g",
                "Abon tuna sirip kuning dimasak dengan santan dan rempah, tanpa pengawet.",
                [
                    (PIRT, "P-IRT 2047271070311", 55),
                    (HALAL, "ID72110000234560322", date(2022, 3, 9)),
                ],
            ),
            (
                "Abon Ikan Cakalang Pedas",
                45000,
                "bungkus 200 g",
                "Abon cakalang dengan cabai, cocok untuk bekal.",
                [],
            ),
            (
                "Bakso Ikan Beku",
                35000,
                "bungkus 500 g",
                "Bakso ikan tenggiri beku, disimpan dalam lemari pendingin.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-ikan-kering-teluk-palu",
        "name": "IKM Ikan Kering Teluk Palu",
        "kind": IKM,
        "theme": "olahan-ikan",
        "kelurahan": "72.71.02.1009",  # Lere
        "street": "Jl. Cumi-Cumi",
        "founded_on": date(2017, 5, 8),
        "nib": "",
        "workforce": 7,
        "photo": False,
        "description": "Pengeringan dan penggaraman ikan hasil tangkapan nelayan pesisir Lere.",
        "products": [
            (
                "Ikan Teri Kering",
                60000,
                "bungkus 500 g",
                "Teri nasi dijemur di para-para bambu, sedikit garam.",
                [],
            ),
            (
                "Ikan Layang Asin",
                55000,
                "kg",
                "Ikan layang belah yang diasinkan dan dijemur dua hari.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-olahan-ikan-mamboro",
        "name": "IKM Olahan Ikan Mamboro Sejahtera",
        "kind": IKM,
        "theme": "olahan-ikan",
        "kelurahan": "72.71.04.1001",  # Mamboro
        "street": "Jl. Trans Sulawesi",
        "founded_on": date(2017, 7, 17),
        "nib": "9120009107745",
        "workforce": 9,
        "description": "Nugget, kerupuk dan otak-otak ikan dari Mamboro, dijual ke kantin "
        "sekolah dan pasar.",
        "products": [
            (
                "Nugget Ikan",
                30000,
                "bungkus 500 g",
                "Nugget ikan tenggiri berlapis tepung roti, siap goreng.",
                [],
            ),
            (
                "Kerupuk Ikan Mamboro",
                20000,
                "bungkus 250 g",
                "Kerupuk ikan mentah, mekar dan renyah setelah digoreng.",
                [(PIRT, "P-IRT 2087271040415", 1200)],
            ),
            (
                "Otak-otak Ikan",
                25000,
                "bungkus isi 20",
                "Otak-otak ikan bungkus daun pisang, dibakar sebelum disajikan.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-garam-talise",
        "name": "IKM Garam Beryodium Talise",
        "kind": IKM,
        "theme": "garam",
        "kelurahan": "72.71.08.1003",  # Talise
        "street": "Jl. Yos Sudarso",
        "founded_on": date(2017, 3, 2),
        "nib": "9120007731106",
        "workforce": 15,
        "women": 0.3,
        "show_leader_name": True,
        "description": "Petambak garam Talise yang mencuci, memberi yodium dan mengemas garam "
        "dari tambak tradisional di tepi Teluk Palu.",
        "products": [
            (
                "Garam Beryodium Talise",
                5000,
                "bungkus 250 g",
                "Garam konsumsi beryodium sesuai SNI, kristal halus.",
                [(SNI, "SPPT-SNI 3556:2016/0147", 700)],
            ),
            (
                "Garam Krosok Talise",
                75000,
                "karung 25 kg",
                "Garam kasar dari tambak Talise untuk pengasinan ikan dan pakan ternak.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-batik-bomba-besusu",
        "name": "IKM Batik Bomba Besusu",
        "kind": IKM,
        "theme": "batik-bomba",
        "kelurahan": "72.71.01.1006",  # Besusu Tengah
        "street": "Jl. Sam Ratulangi",
        "founded_on": date(2017, 8, 21),
        "nib": "9120010288563",
        "workforce": 11,
        "women": 0.6,
        "show_leader_name": True,
        "description": "Pembatik muda Besusu yang melestarikan motif bomba Kaili dalam batik "
        "tulis dan cap, menerima pesanan seragam kantor.",
        "products": [
            (
                "Kain Batik Bomba Tulis",
                650000,
                "lembar 2 m",
                "Batik tulis motif bomba dengan pewarna alam, dikerjakan dua minggu.",
                [(HKI, "IDM000765432", 3000)],
            ),
            (
                "Kain Batik Bomba Cap",
                250000,
                "lembar 2 m",
                "Batik cap motif bomba dan cengkeh, warna cerah.",
                [],
            ),
            (
                "Kemeja Batik Bomba",
                300000,
                "potong",
                "Kemeja lengan pendek dari kain batik cap, ukuran S sampai XXL.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-batik-bomba-tawanjuka",
        "name": "IKM Batik Bomba Tawanjuka",
        "kind": IKM,
        "theme": "batik-bomba",
        "kelurahan": "72.71.06.1003",  # Tawanjuka
        "street": "Jl. Tanjung Manimbaya",
        "founded_on": date(2017, 9, 12),
        "nib": "",
        "workforce": 6,
        "women": 0.7,
        "description": "Kelompok batik cap di Tawanjuka, mulai berproduksi setelah pelatihan "
        "membatik dari Dinas pada 2017.",
        "products": [
            (
                "Kain Batik Bomba Motif Cengkeh",
                225000,
                "lembar 2 m",
                "Batik cap motif daun dan bunga cengkeh.",
                [],
            ),
            (
                "Selendang Batik Bomba",
                125000,
                "lembar",
                "Selendang batik untuk acara adat dan oleh-oleh.",
                [],
            ),
        ],
    },
    {
        "slug": "kube-tenun-buya-sabe-tipo",
        "name": "KUBE Tenun Buya Sabe Tipo",
        "kind": KUBE,
        "theme": "tenun-donggala",
        "kelurahan": "72.71.05.1006",  # Tipo
        "street": "Jl. Poros Palu-Donggala",
        "founded_on": date(2017, 4, 24),
        "nib": "",
        "workforce": 7,
        "women": 0.9,
        "show_leader_name": True,
        "description": "Penenun sarung buya sabe dengan alat tenun bukan mesin. Setiap lembar "
        "dikerjakan dua sampai tiga minggu.",
        "products": [
            (
                "Sarung Tenun Buya Sabe",
                750000,
                "lembar",
                "Sarung tenun ikat tangan khas Donggala, motif bunga dan kotak.",
                [],
            ),
            (
                "Selendang Tenun Donggala",
                250000,
                "lembar",
                "Selendang tenun dengan benang sutra dan katun.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-kopi-bubuk-siranindi",
        "name": "IKM Kopi Bubuk Siranindi",
        "kind": IKM,
        "theme": "kopi-bubuk",
        "kelurahan": "72.71.02.1015",  # Siranindi
        "street": "Jl. Sis Aljufri",
        "founded_on": date(2017, 5, 29),
        "nib": "9120011059872",
        "workforce": 5,
        "description": "Sangrai kopi robusta dan arabika dari Kulawi dan Napu dengan tungku "
        "kayu, digiling sesuai pesanan.",
        "products": [
            (
                "Kopi Robusta Bubuk",
                30000,
                "bungkus 250 g",
                "Robusta sangrai sedang, digiling halus untuk kopi tubruk.",
                [
                    (PIRT, "P-IRT 2157271020519", -20),
                    (HALAL, "ID72110000345670420", date(2020, 4, 6)),
                ],
            ),
            (
                "Kopi Arabika Kulawi",
                55000,
                "bungkus 200 g",
                "Arabika dataran tinggi Kulawi, sangrai terang, tersedia biji atau bubuk.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-kopi-bubuk-lolu",
        "name": "IKM Kopi Bubuk Lolu",
        "kind": IKM,
        "theme": "kopi-bubuk",
        "kelurahan": "72.71.01.1010",  # Lolu Utara
        "street": "Jl. Emmy Saelan",
        "founded_on": date(2017, 10, 2),
        "nib": "",
        "workforce": 4,
        "listed_publicly": False,
        "description": "Usaha kopi bubuk rumahan yang memasok warung kopi di sekitar Lolu.",
        "products": [
            (
                "Kopi Bubuk Lolu Original",
                25000,
                "bungkus 250 g",
                "Kopi robusta bubuk untuk warung kopi.",
                [],
            ),
            (
                "Kopi Rempah",
                28000,
                "bungkus 250 g",
                "Kopi bubuk dengan jahe, kayu manis dan cengkeh.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-keripik-pisang-birobuli",
        "name": "IKM Keripik Pisang Birobuli",
        "kind": IKM,
        "theme": "olahan-pisang",
        "kelurahan": "72.71.03.1002",  # Birobuli Utara
        "street": "Jl. Kijang",
        "founded_on": date(2017, 3, 20),
        "nib": "9120008730091",
        "workforce": 9,
        "women": 0.8,
        "show_leader_name": True,
        "description": "Keripik pisang kepok aneka rasa, sudah masuk rak produk lokal di "
        "minimarket Palu melalui Dinas.",
        "products": [
            (
                "Keripik Pisang Manis",
                20000,
                "bungkus 250 g",
                "Keripik pisang kepok berlapis gula aren.",
                [
                    (PIRT, "P-IRT 2107271030623", 1000),
                    (HALAL, "ID72110000456780722", date(2022, 7, 4)),
                ],
            ),
            (
                "Keripik Pisang Balado",
                22000,
                "bungkus 250 g",
                "Keripik pisang dengan bumbu balado pedas manis.",
                [],
            ),
            (
                "Keripik Pisang Asin",
                20000,
                "bungkus 250 g",
                "Keripik pisang tipis dengan sedikit garam.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-olahan-pisang-kayumalue",
        "name": "IKM Olahan Pisang Kayumalue",
        "kind": IKM,
        "theme": "olahan-pisang",
        "kelurahan": "72.71.04.1003",  # Kayumalue Ngapa
        "street": "Jl. Guru Tua",
        "founded_on": date(2017, 6, 5),
        "nib": "",
        "workforce": 6,
        "women": 0.7,
        "description": "Pisang sale dan tepung pisang dari kebun warga Kayumalue.",
        "products": [
            (
                "Pisang Sale",
                25000,
                "bungkus 250 g",
                "Pisang raja dijemur lalu diasap, manis alami tanpa gula.",
                [],
            ),
            (
                "Tepung Pisang",
                30000,
                "bungkus 500 g",
                "Tepung dari pisang kepok muda untuk kue dan bubur bayi.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-pakan-ternak-petobo",
        "name": "IKM Pakan Ternak Petobo Mandiri",
        "kind": IKM,
        "theme": "pakan-ternak",
        "kelurahan": "72.71.03.1003",  # Petobo
        "street": "Jl. Petobo",
        "founded_on": date(2017, 2, 13),
        "nib": "9120007014458",
        "workforce": 8,
        "women": 0.3,
        "description": "Pakan fermentasi untuk ayam kampung dan itik dari jagung, dedak dan "
        "limbah ikan, dijual ke peternak di Palu dan Sigi.",
        "products": [
            (
                "Pakan Ayam Kampung Fermentasi",
                380000,
                "karung 50 kg",
                "Ransum dari jagung giling, dedak dan tepung ikan, difermentasi tiga hari.",
                [],
            ),
            (
                "Pakan Itik Campuran",
                350000,
                "karung 50 kg",
                "Campuran dedak, jagung dan keong untuk itik petelur.",
                [],
            ),
        ],
    },
    {
        "slug": "kube-pakan-ternak-lambara",
        "name": "KUBE Pakan Ternak Lambara",
        "kind": KUBE,
        "theme": "pakan-ternak",
        "kelurahan": "72.71.07.1004",  # Lambara
        "street": "Jl. Trans Palu-Tawaeli",
        "founded_on": date(2017, 8, 7),
        "nib": "",
        "workforce": 3,
        "women": 0.2,
        "status": INACTIVE,
        "photo": False,
        "description": "Konsentrat sapi dari jerami dan dedak. Produksi berhenti sejak mesin "
        "pencacah rusak dan sedang menunggu perbaikan.",
        "products": [
            (
                "Konsentrat Sapi",
                140000,
                "karung 40 kg",
                "Campuran jerami fermentasi, dedak dan bungkil kelapa.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-minyak-kelapa-buluri",
        "name": "IKM Minyak Kelapa Buluri",
        "kind": IKM,
        "theme": "olahan-kelapa",
        "kelurahan": "72.71.05.1001",  # Buluri
        "street": "Jl. Poros Palu-Donggala",
        "founded_on": date(2017, 5, 15),
        "nib": "9120009961320",
        "workforce": 7,
        "show_leader_name": True,
        "description": "Minyak kelapa kampung dan VCO dari kelapa pesisir Ulujadi, dibuat "
        "dengan cara tradisional.",
        "products": [
            (
                "Minyak Kelapa Kampung",
                30000,
                "botol 600 ml",
                "Minyak kelapa yang dimasak dari santan, harum dan jernih.",
                [],
            ),
            (
                "Virgin Coconut Oil",
                45000,
                "botol 250 ml",
                "VCO dingin hasil fermentasi santan, tanpa pemanasan.",
                [(BPOM, "BPOM RI MD 254913001072", 1400)],
            ),
            (
                "Kelapa Sangrai",
                15000,
                "bungkus 200 g",
                "Kelapa parut sangrai untuk bumbu masakan Kaili.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-kue-tradisional-tondo",
        "name": "IKM Kue Tradisional Tondo",
        "kind": IKM,
        "theme": "kue-tradisional",
        "kelurahan": "72.71.08.1002",  # Tondo
        "street": "Jl. Soekarno-Hatta",
        "founded_on": date(2017, 4, 10),
        "nib": "",
        "workforce": 8,
        "women": 0.9,
        "description": "Kue tradisional untuk acara keluarga dan pesanan kantor: lalampa, "
        "bagea sagu dan baruasa.",
        "products": [
            (
                "Lalampa Ikan",
                25000,
                "bungkus isi 10",
                "Ketan isi ikan cakalang berbumbu, dibungkus daun pisang lalu dibakar.",
                [],
            ),
            (
                "Bagea Sagu",
                20000,
                "bungkus 250 g",
                "Kue kering dari sagu dan kenari, keras dan harum.",
                [],
            ),
            (
                "Kue Baruasa",
                25000,
                "toples 300 g",
                "Kue kering dari tepung beras dan kelapa sangrai.",
                [],
            ),
        ],
    },
    {
        "slug": "umkm-kue-kering-lere",
        "name": "UMKM Kue Kering Lere",
        "kind": UMKM,
        "theme": "kue-tradisional",
        "kelurahan": "72.71.02.1009",  # Lere
        "street": "Jl. Diponegoro",
        "founded_on": date(2017, 11, 6),
        "nib": "9120012204417",
        "workforce": 5,
        "women": 0.8,
        "description": "Kue kering pesanan hari raya dan oleh-oleh, dipasarkan lewat media sosial.",
        "products": [
            (
                "Kue Kering Kacang",
                45000,
                "toples 500 g",
                "Kue kacang tanah yang lumer di mulut.",
                [],
            ),
            (
                "Nastar Nanas",
                75000,
                "toples 500 g",
                "Nastar dengan selai nanas buatan sendiri.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-roti-kue-kamonji",
        "name": "IKM Roti dan Kue Kamonji",
        "kind": IKM,
        "theme": "kue-tradisional",
        "kelurahan": "72.71.02.1007",  # Kamonji
        "street": "Jl. Gajah Mada",
        "founded_on": date(2017, 7, 3),
        "nib": "",
        "workforce": 6,
        "women": 0.7,
        "description": "Roti dan bolu rumahan, dipasok setiap pagi ke warung dan kantin di "
        "Palu Barat.",
        "products": [
            (
                "Roti Isi Abon",
                5000,
                "biji",
                "Roti manis lembut berisi abon ikan.",
                [],
            ),
            (
                "Bolu Gulung Pandan",
                40000,
                "kotak",
                "Bolu gulung pandan dengan isian selai srikaya.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-kerajinan-eboni-silae",
        "name": "IKM Kerajinan Kayu Eboni Silae",
        "kind": IKM,
        "theme": "kerajinan",
        "kelurahan": "72.71.05.1004",  # Silae
        "street": "Jl. Malonda",
        "founded_on": date(2017, 10, 23),
        "nib": "9120012007382",
        "workforce": 5,
        "women": 0.2,
        "listed_publicly": False,
        "description": "Ukiran dan cendera mata dari sisa potongan kayu eboni berizin.",
        "products": [
            (
                "Patung Burung Maleo",
                350000,
                "buah",
                "Ukiran burung maleo, satwa khas Sulawesi Tengah, dari kayu eboni.",
                [],
            ),
            (
                "Tasbih Kayu Eboni",
                75000,
                "buah",
                "Tasbih 99 butir dari kayu eboni yang dipoles halus.",
                [],
            ),
            (
                "Gantungan Kunci Eboni",
                15000,
                "buah",
                "Gantungan kunci bertuliskan Palu, cocok untuk cendera mata.",
                [],
            ),
        ],
    },
    {
        "slug": "ikm-anyaman-tatura",
        "name": "IKM Anyaman Tatura",
        "kind": IKM,
        "theme": "kerajinan",
        "kelurahan": "72.71.03.1012",  # Tatura Selatan
        "street": "Jl. Basuki Rahmat",
        "founded_on": date(2017, 9, 25),
        "nib": "",
        "workforce": 4,
        "women": 0.8,
        "status": INACTIVE,
        "description": "Anyaman pandan dan rotan. Kegiatan terhenti karena sebagian besar "
        "anggota pindah setelah bencana 2018.",
        "products": [
            (
                "Tikar Anyaman Pandan",
                120000,
                "lembar",
                "Tikar anyaman daun pandan ukuran 1 x 2 m.",
                [],
            ),
            (
                "Keranjang Rotan",
                85000,
                "buah",
                "Keranjang rotan bertutup untuk parsel dan hantaran.",
                [],
            ),
        ],
    },
]

# A resident of Tondo who bakes with one group and fries shallots with the other; staff
# confirmed both memberships, so the portal flags her without refusing her.
PERSON_IN_TWO_GROUPS = {
    "name": "Hadijah Lamarauna",
    "gender": Member.Gender.FEMALE,
    "born_on": date(1979, 6, 14),
    "groups": ("ikm-kue-tradisional-tondo", "ikm-bawang-goreng-sintuvu"),
}

# name, kind, branch, office phone
LENDERS = [
    ("Bank Rakyat Indonesia", Lender.Kind.STATE_BANK, "Cabang Palu", "0451421234"),
    ("Bank Negara Indonesia", Lender.Kind.STATE_BANK, "Cabang Palu", "0451425678"),
    ("Bank Sulteng", Lender.Kind.REGIONAL_BANK, "Kantor Pusat Palu", "0451428899"),
    ("Permodalan Nasional Madani", Lender.Kind.NON_BANK, "Cabang Palu", "0451455120"),
    ("Pegadaian", Lender.Kind.NON_BANK, "Cabang Palu", "0451422651"),
]

# username, role, first name, last name, lender (for bank staff)
ACCOUNTS = [
    ("admin", roles.DINAS_ADMIN, "Nur Aisyah", "Tombolotutu", None),
    ("staf", roles.DINAS_STAFF, "Moh. Rizal", "Lamadjido", None),
    ("mentor", roles.BANK_MENTOR, "Andi", "Saputra", "Bank Rakyat Indonesia"),
    ("mentor2", roles.BANK_MENTOR, "Sri Wahyuni", "Pettalolo", "Bank Sulteng"),
    ("supervisor", roles.BANK_SUPERVISOR, "Hendra", "Lapasere", "Bank Rakyat Indonesia"),
]
LEADER_ACCOUNT = ("ketua", "ikm-bawang-goreng-sintuvu")

MALE_NAMES = [
    "Abdul Rahman", "Agus", "Ahmad", "Amran", "Arifin", "Darwis", "Fadli", "Firman",
    "Hamka", "Hasan", "Herman", "Irwan", "Iskandar", "Ismail", "Jufri", "Moh. Yasin",
    "Muhammad Nur", "Nasrun", "Rahmat", "Ramli", "Rusdi", "Saiful", "Sudirman", "Syamsul",
    "Taufik", "Wahyudi", "Yusuf", "Zulkifli",
]  # fmt: skip
FEMALE_NAMES = [
    "Asriani", "Fatmawati", "Hartati", "Hasnah", "Jumriani", "Mardiana", "Marlina", "Masita",
    "Nurhaeda", "Nurhayati", "Nurjannah", "Nurlina", "Rahmawati", "Ramlah", "Rosdiana",
    "Rosmini", "Rukmini", "Sakinah", "Salmah", "Sitti Aminah", "Sumarni", "Wahyuni",
    "Yuliana", "Zaenab",
]  # fmt: skip
FAMILY_NAMES = [
    "Bandjar", "Labalado", "Lagarutu", "Lamadjido", "Lamakarate", "Lamarauna", "Lamasitudju",
    "Lapananda", "Lapasere", "Lasahido", "Lasimpo", "Latjeke", "Mangge", "Masyhuddin",
    "Pakamundi", "Pettalolo", "Ponulele", "Tadjuddin", "Tanjumbulu", "Tombolotutu",
]  # fmt: skip
MOBILE_PREFIXES = ["0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857"]

MEMBERS_PER_GROUP = (5, 12)
# The first members drawn for a group form its board; the rest are plain members.
BOARD = [Membership.Role.LEADER, Membership.Role.SECRETARY, Membership.Role.TREASURER]

# Demo photos are drawn, not downloaded: a warm backdrop in the theme's colours (top, bottom),
# goods in the theme's colours on a table, and the name on a label. Only a group's first
# products get one; the others show the directory's placeholder.
PHOTO_SIZE = (800, 600)
PRODUCT_PHOTOS_PER_GROUP = 2
PHOTO_COLOURS = {
    "pakan-ternak": ("#f3d9a4", "#c98f4e", ["#d9b26f", "#8c6a3c", "#e8cf8f", "#6b8e3a"]),
    "batik-bomba": ("#f6c9a0", "#a8432f", ["#7a1f1f", "#d98b2b", "#3b2a6b", "#e0b25c"]),
    "tenun-donggala": ("#f7d6b0", "#b5543c", ["#8e2c48", "#d4a017", "#2f5d62", "#c0392b"]),
    "bawang-goreng": ("#fbe3b5", "#d0843a", ["#c7792e", "#a0522d", "#e8b04a", "#8b3a3a"]),
    "kopi-bubuk": ("#ecd2b0", "#7b4a2d", ["#4b2e1e", "#8b5a2b", "#c49a6c", "#2e1a10"]),
    "olahan-pisang": ("#fcecb3", "#d9a03f", ["#f2c94c", "#c98b2b", "#7a9a3a", "#e8d08a"]),
    "olahan-ikan": ("#f9dcc0", "#c7764a", ["#d96c3a", "#5b7c99", "#e8b27c", "#a34a28"]),
    "olahan-kelapa": ("#f8e7c8", "#b98b57", ["#f5f0e1", "#7b5b3a", "#9bbf6a", "#d8c3a0"]),
    "kue-tradisional": ("#fde0c5", "#d27a5a", ["#6fae5c", "#e8a0b0", "#f2d16b", "#8b4a3a"]),
    "garam": ("#fbeedd", "#c9a27a", ["#f4f4f0", "#dcd6cc", "#4f7fa8", "#b8b0a0"]),
    "kerajinan": ("#f1d3ae", "#8f5a3a", ["#3a2618", "#b07a4a", "#d9b382", "#5c3d2e"]),
}
