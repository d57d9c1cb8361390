"""Admin imports: a dry run previews, a file with one bad row saves nothing and names the row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikm.models import BusinessGroup, Member, Membership, Product
from tests.factories import (
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    ThemeFactory,
    valid_nik,
)

pytestmark = pytest.mark.django_db

GROUP_HEADER = "slug,nama kelompok,jenis,kode kelurahan,tema industri (slug),status,NIB,WhatsApp"


def _post_import(client, model_name, csv_text):
    url = reverse(f"admin:ikm_{model_name}_import")
    form = client.get(url).context["form"]
    csv_format = next(value for value, label in form.fields["format"].choices if label == "csv")
    upload = SimpleUploadedFile("data.csv", csv_text.encode("utf-8"), content_type="text/csv")
    return client.post(url, {"import_file": upload, "format": csv_format})


@pytest.fixture
def area_and_theme():
    kecamatan = KecamatanFactory(code="72.71.01")
    return KelurahanFactory(code="72.71.01.1004", kecamatan=kecamatan), ThemeFactory(
        slug="kopi-bubuk"
    )


def test_group_import_with_one_bad_row_saves_nothing_and_names_the_row(
    staff_client, area_and_theme
):
    csv_text = "\n".join(
        [
            GROUP_HEADER,
            "kopi-besusu,Kopi Besusu,ikm,72.71.01.1004,kopi-bubuk,aktif,,0812 3456 7890",
            "abon-lolu,Abon Lolu,ikm,72.71.99.9999,kopi-bubuk,aktif,12345,0812 3456 7891",
            "bawang-lere,Bawang Lere,ikm,72.71.01.1004,kopi-bubuk,aktif,,0812 3456 7892",
        ]
    )

    response = _post_import(staff_client, "businessgroup", csv_text)

    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    content = response.content.decode()
    assert "Kelurahan/desa dengan kode &#x27;72.71.99.9999&#x27; tidak ditemukan." in content
    assert "NIB harus terdiri dari 13 angka." in content
    assert "confirm" not in response.context  # nothing to confirm
    assert not BusinessGroup.objects.exists()


def test_group_import_preview_then_confirm_saves_every_row(staff_client, area_and_theme):
    csv_text = "\n".join(
        [
            GROUP_HEADER,
            "kopi-besusu,Kopi Besusu,ikm,72.71.01.1004,kopi-bubuk,aktif,,0812 3456 7890",
            ",Bawang Goreng Lere,kube,72.71.01.1004,kopi-bubuk,aktif,9120001234567,",
        ]
    )

    preview = _post_import(staff_client, "businessgroup", csv_text)
    assert not preview.context["result"].has_errors()
    assert not preview.context["result"].has_validation_errors()
    assert not BusinessGroup.objects.exists()  # the dry run saved nothing

    confirm_form = preview.context["confirm_form"]
    response = staff_client.post(
        reverse("admin:ikm_businessgroup_process_import"),
        {name: field.initial for name, field in confirm_form.fields.items()} | confirm_form.initial,
    )
    assert response.status_code == 302
    groups = {group.slug: group for group in BusinessGroup.objects.all()}
    assert set(groups) == {"kopi-besusu", "bawang-goreng-lere"}
    assert groups["kopi-besusu"].whatsapp == "+6281234567890"
    assert groups["bawang-goreng-lere"].nib == "9120001234567"


def test_member_import_checks_nik_and_creates_memberships(staff_client):
    group = BusinessGroupFactory(slug="kopi-besusu")
    header = "NIK,nama,jenis kelamin,telepon,alamat,kelompok (slug),peran,tanggal bergabung"
    good = (
        f"{valid_nik(11)},Siti Lamakarate,P,0812 1111 2222,Jl. Hasanuddin,"
        "kopi-besusu,ketua,03/04/2018"
    )
    bad = "7271019913850001,Ahmad,L,,Jl. Sudirman,kopi-besusu,anggota,03/04/2018"

    response = _post_import(staff_client, "member", "\n".join([header, good, bad]))

    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert "NIK 7271019913850001 tidak sah" in response.content.decode()
    assert not Member.objects.exists()
    assert not Membership.objects.exists()

    response = _post_import(staff_client, "member", "\n".join([header, good]))
    assert not response.context["result"].has_validation_errors()
    assert not Member.objects.exists()  # still only a preview
    assert group.memberships.count() == 0


def test_member_import_refuses_a_second_ketua(staff_client):
    BusinessGroupFactory(slug="kopi-besusu")
    header = "NIK,nama,jenis kelamin,telepon,alamat,kelompok (slug),peran,tanggal bergabung"
    rows = [
        f"{valid_nik(21)},Siti,P,,,kopi-besusu,ketua,2018-04-03",
        f"{valid_nik(22)},Rahma,P,,,kopi-besusu,ketua,2018-04-03",
    ]

    response = _post_import(staff_client, "member", "\n".join([header, *rows]))

    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert "sudah punya ketua" in response.content.decode()
    assert not Member.objects.exists()


def test_product_export_has_indonesian_headers(staff_client):
    group = BusinessGroupFactory(slug="kopi-besusu")
    Product.objects.create(group=group, name="Kopi Bubuk Robusta", price=25000, unit="250 g")
    url = reverse("admin:ikm_product_export")
    form = staff_client.get(url).context["form"]
    csv_format = next(value for value, label in form.fields["format"].choices if label == "csv")

    response = staff_client.post(
        url,
        {"format": csv_format, "resource": "0"}
        | {f: True for f in form.fields if f.startswith("productresource_")},
    )

    assert response["Content-Type"].startswith("text/csv"), response.context["form"].errors
    content = response.content.decode("utf-8-sig")
    assert content.splitlines()[0].startswith("kelompok (slug),nama produk")
    assert "kopi-besusu,Kopi Bubuk Robusta" in content


def test_import_screen_is_in_indonesian(staff_client):
    content = staff_client.get(reverse("admin:ikm_businessgroup_import")).content.decode()
    assert "Berkas yang diimpor" in content
    assert "Impor ini membaca kolom berikut" in content
