"""Words the benchmark province is made of: Central Java's home industries and people.

Each theme lists the products its groups make (the common search words such as "kopi" come
from here), the KBLI 2020 codes it covers, and words for group names. Nothing here holds a
tab, a newline or a backslash: the rows go to PostgreSQL's COPY text format unescaped.
"""

PROVINCE_CODE = "33"  # Jawa Tengah

# name, slug, KBLI codes, products, description
THEMES = [
    (
        "Batik Tulis dan Cap",
        "batik",
        ["13134"],
        ["Kain Batik Tulis", "Kemeja Batik", "Selendang Batik", "Kain Batik Cap", "Daster Batik"],
        "Batik pesisiran dan batik pedalaman, ditulis dengan canting atau dicap.",
    ),
    (
        "Kopi Bubuk",
        "kopi-bubuk",
        ["10761"],
        ["Kopi Robusta Bubuk", "Kopi Arabika Sangrai", "Kopi Jahe", "Kopi Biji Sangrai"],
        "Kopi dari lereng Sindoro, Sumbing dan Muria, disangrai dan digiling sendiri.",
    ),
    (
        "Keripik dan Camilan",
        "keripik",
        ["10794"],
        ["Keripik Singkong", "Keripik Tempe", "Peyek Kacang", "Emping Melinjo", "Keripik Pisang"],
        "Camilan goreng renyah untuk oleh-oleh dan warung.",
    ),
    (
        "Tahu dan Tempe",
        "tahu-tempe",
        ["10392"],
        ["Tahu Putih", "Tempe Mendoan", "Tahu Bakso", "Tempe Kedelai Lokal"],
        "Tahu dan tempe segar dari kedelai, dibuat setiap pagi.",
    ),
    (
        "Gula Kelapa dan Aren",
        "gula-kelapa",
        ["10722"],
        ["Gula Kelapa Cetak", "Gula Semut Aren", "Gula Aren Cair"],
        "Gula dari nira kelapa dan aren yang dimasak di tungku.",
    ),
    (
        "Mebel dan Ukir Kayu",
        "mebel-kayu",
        ["31001", "16221"],
        ["Kursi Jati Ukir", "Meja Makan Jati", "Lemari Ukir", "Pigura Ukir", "Rak Kayu"],
        "Mebel jati dan mahoni dengan ukiran khas pesisir utara.",
    ),
    (
        "Konveksi dan Bordir",
        "konveksi",
        ["14111", "13912"],
        ["Kaos Sablon", "Seragam Sekolah", "Mukena Bordir", "Kerudung Bordir", "Jaket"],
        "Pakaian jadi, seragam dan bordir tangan untuk pasar grosir.",
    ),
    (
        "Olahan Ikan",
        "olahan-ikan",
        ["10211", "10750"],
        ["Ikan Asin", "Bandeng Presto", "Kerupuk Ikan", "Abon Ikan", "Terasi Udang"],
        "Olahan hasil tangkapan nelayan pantai utara dan tambak bandeng.",
    ),
    (
        "Gerabah dan Keramik",
        "gerabah",
        ["23932"],
        ["Pot Gerabah", "Guci Keramik", "Kendi Tanah Liat", "Cobek Tanah Liat"],
        "Gerabah dan keramik hias dari tanah liat setempat.",
    ),
    (
        "Jamu dan Minuman Herbal",
        "jamu",
        ["11040", "10799"],
        ["Jamu Kunyit Asam", "Beras Kencur", "Wedang Uwuh", "Sirup Jahe Merah"],
        "Jamu gendong dan minuman rempah dalam botol dan sachet.",
    ),
    (
        "Kue dan Roti",
        "kue-roti",
        ["10750", "10799"],
        ["Bakpia Kacang Hijau", "Lumpia Basah", "Wingko Babat", "Jenang Kudus", "Roti Sisir"],
        "Kue basah dan kering, oleh-oleh khas kota-kota Jawa Tengah.",
    ),
    (
        "Kacang dan Biji-bijian",
        "kacang",
        ["10612"],
        ["Kacang Oven", "Kacang Atom", "Enting-enting Wijen", "Kacang Bawang"],
        "Kacang tanah dan biji-bijian sangrai untuk camilan.",
    ),
]

GROUP_NAME_WORDS = [
    "Sumber Rejeki", "Maju Jaya", "Berkah Mandiri", "Sekar Arum", "Tunas Harapan",
    "Sido Mulyo", "Karya Bersama", "Mekar Sari", "Rukun Santoso", "Guyub Rukun",
    "Lestari", "Sejahtera", "Makmur", "Barokah", "Srikandi", "Melati", "Kenanga",
    "Cahaya Usaha", "Putri Mandiri", "Gotong Royong", "Ngudi Rahayu", "Manunggal",
]  # fmt: skip

PRODUCT_VARIANTS = [
    "", "Original", "Pedas", "Balado", "Manis", "Premium", "Kemasan 250 g", "Kemasan 500 g",
    "Ukuran Besar", "Ukuran Kecil", "Rasa Jeruk", "Rasa Keju",
]  # fmt: skip

# A few groups make something unusual: the benchmark's search for a rare word.
RARE_PRODUCTS = [
    "Tiwul Instan", "Geplak Betawi", "Kerupuk Rambak", "Sabun Sereh", "Wayang Kulit Mini",
    "Lurik Pedan", "Gethuk Lindri", "Carica Dieng", "Purwaceng Seduh", "Kain Troso",
]  # fmt: skip
RARE_PRODUCT_SHARE = 1 / 2000

UNITS = ["bungkus", "kg", "botol", "buah", "lembar", "pak", "toples", "set"]

MALE_NAMES = [
    "Agus", "Bambang", "Budi", "Dwi", "Eko", "Hadi", "Joko", "Slamet", "Sugeng", "Supriyadi",
    "Teguh", "Wahyu", "Yanto", "Rohmat", "Puji", "Sutrisno", "Heru", "Ahmad", "Nur Hidayat",
]  # fmt: skip
FEMALE_NAMES = [
    "Sri", "Siti", "Endang", "Tri", "Wulan", "Yuni", "Rini", "Dewi", "Lestari", "Suparmi",
    "Ningsih", "Sumiyati", "Murni", "Kartini", "Umi", "Nur Aini", "Retno", "Tutik",
]  # fmt: skip
FAMILY_NAMES = [
    "Wibowo", "Susanto", "Purnomo", "Setiawan", "Hartono", "Rahayu", "Lestari", "Santoso",
    "Prasetyo", "Kurniawan", "Wahyuni", "Handayani", "Suryani", "Utomo", "Nugroho",
]  # fmt: skip
STREETS = [
    "Jl. Pemuda", "Jl. Diponegoro", "Jl. Kartini", "Jl. Sudirman", "Jl. Pahlawan",
    "Jl. Merdeka", "Jl. Pasar", "Jl. Masjid", "Jl. Raya", "Gang Mawar", "Dusun Krajan",
]  # fmt: skip
MOBILE_PREFIXES = ["811", "812", "813", "821", "822", "852", "853", "857", "858", "878", "895"]

LENDERS = [
    ("Bank Rakyat Indonesia", "bank_bumn"),
    ("Bank Negara Indonesia", "bank_bumn"),
    ("Bank Mandiri", "bank_bumn"),
    ("Bank Jateng", "bpd"),
    ("Bank Syariah Indonesia", "bank_bumn"),
    ("BPR Bank Daerah", "bpr"),
    ("Permodalan Nasional Madani", "non_bank"),
    ("Pegadaian", "non_bank"),
]

CREDIT_SCHEMES = [
    ("KUR Mikro", "kur_mikro", "6.00", 100_000_000),
    ("KUR Kecil", "kur_kecil", "6.00", 500_000_000),
    ("Kredit Lapak Jateng", "kota", "3.00", 10_000_000),
    ("PNM Mekaar", "pnm", "12.00", 5_000_000),
    ("Pegadaian Kreasi", "pegadaian", "9.00", 50_000_000),
]

VISIT_TOPICS = [
    "Mengisi buku kas harian", "Memisahkan uang usaha", "Menghitung harga pokok",
    "Mencatat stok bahan baku", "Menyusun laporan laba rugi sederhana",
    "Menabung untuk modal", "Persiapan pengajuan KUR", "Menyimpan nota pembelian",
]  # fmt: skip
VISIT_NOTES = [
    "Buku kas sudah rapi, penjualan naik.", "Nota masih tercampur dengan belanja rumah.",
    "Ketua aktif, anggota mulai ikut mencatat.", "Stok belum dicatat, disepakati mulai minggu ini.",
    "Omzet turun karena bahan baku mahal.", "Sudah membuka rekening tabungan kelompok.",
]  # fmt: skip

AID_ITEMS = {
    "mesin": ["Mesin press plastik", "Mesin penggiling", "Oven gas", "Mesin jahit", "Kompor"],
    "bahan_baku": ["Bahan baku kain", "Kedelai 500 kg", "Kemasan standing pouch", "Malam batik"],
    "modal": ["Modal usaha bergulir"],
    "pelatihan": ["Paket pelatihan pemasaran daring", "Paket pelatihan higiene pangan"],
    "lainnya": ["Etalase", "Gerobak usaha", "Tenda pameran"],
}
AID_SOURCES = ["apbd", "apbd", "apbd", "csr", "bumn", "mitra"]
AID_FUNDERS = {
    "apbd": "APBD Provinsi Jawa Tengah",
    "csr": "CSR Bank Jateng",
    "bumn": "Program Kemitraan BUMN",
    "mitra": "Perusahaan mitra setempat",
}
