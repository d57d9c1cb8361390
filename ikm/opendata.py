"""The directory as open data: public fields of published groups, nothing personal."""

from django.urls import reverse

PUBLIC_COLUMNS = [
    "nama",
    "slug",
    "url",
    "jenis",
    "tema",
    "kelurahan_kode",
    "kelurahan",
    "kecamatan",
    "alamat_usaha",
    "whatsapp",
    "telepon",
    "nib",
    "tahun_berdiri",
    "tenaga_kerja",
    "sertifikat",
    "produk",
    "toko_daring",
]


def group_public_record(group, *, request) -> dict:
    """One published group as a row of open data (expects the listing's prefetches)."""
    return {
        "nama": group.name,
        "slug": group.slug,
        "url": request.build_absolute_uri(reverse("ikm:profile", args=[group.slug])),
        "jenis": group.get_kind_display(),
        "tema": group.theme.name,
        "kelurahan_kode": group.kelurahan.code,
        "kelurahan": group.kelurahan.name,
        "kecamatan": group.kelurahan.kecamatan.name,
        "alamat_usaha": group.address,
        "whatsapp": group.whatsapp,
        "telepon": group.phone,
        "nib": group.nib,
        "tahun_berdiri": group.founded_on.year if group.founded_on else None,
        "tenaga_kerja": group.workforce,
        "sertifikat": group.certification_kinds(),
        "produk": [product.name for product in group.products.all()],
        "toko_daring": [link.url for link in group.marketplace_links.all()],
    }
