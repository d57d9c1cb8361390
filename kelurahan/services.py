import csv
import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kelurahan.models import Kecamatan, Kelurahan, Province, Regency

WILAYAH_FILE = Path(__file__).resolve().parent / "data" / "wilayah_kepmendagri_2025.csv.gz"
LOADABLE_CODE = re.compile(r"^\d{2}(\.\d{2}){0,2}$")


class WilayahError(Exception):
    pass


@dataclass
class WilayahLoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _read_rows_under(code: str) -> dict[str, str]:
    """The rows of the official list at `code`, under it, and above it, as code -> name."""
    ancestors = {code[:2], code[:5]}
    rows = {}
    with gzip.open(WILAYAH_FILE, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            row_code = row["kode"]
            if row_code == code or row_code.startswith(code + ".") or row_code in ancestors:
                rows[row_code] = row["nama"].strip()
    return rows


def _upsert(model, wanted: dict[str, dict]) -> tuple[int, int]:
    """Create the missing rows and update the changed ones; leave everything else alone."""
    existing = model.objects.in_bulk(list(wanted))
    new, changed = [], []
    for code, values in wanted.items():
        obj = existing.get(code)
        if obj is None:
            new.append(model(code=code, **values))
        elif any(getattr(obj, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=1000)
    if changed:
        model.objects.bulk_update(changed, list(next(iter(wanted.values()))), batch_size=1000)
    return len(new), len(changed)


def wilayah_load(*, code: str) -> WilayahLoadResult:
    """Load a province, a regency/city or one kecamatan with everything under it.

    Areas are taken from the official Kepmendagri 2025 list that ships with the portal.
    Loading twice changes nothing; targets set by staff on kelurahan are kept.
    """
    code = code.strip()
    if not LOADABLE_CODE.match(code):
        raise WilayahError(
            _(
                "Kode wilayah '%(code)s' tidak sah: gunakan kode provinsi (72), kota/kabupaten "
                "(72.71) atau kecamatan (72.71.01)."
            )
            % {"code": code}
        )
    rows = _read_rows_under(code)
    if code not in rows:
        raise WilayahError(
            _("Kode wilayah '%(code)s' tidak ada dalam daftar resmi Kepmendagri 2025.")
            % {"code": code}
        )

    by_level: dict[int, dict[str, str]] = {1: {}, 2: {}, 3: {}, 4: {}}
    for row_code, name in rows.items():
        by_level[row_code.count(".") + 1][row_code] = name

    result = WilayahLoadResult()
    with transaction.atomic():
        result.created["provinsi"], result.updated["provinsi"] = _upsert(
            Province, {c: {"name": n} for c, n in by_level[1].items()}
        )
        result.created["kota/kabupaten"], result.updated["kota/kabupaten"] = _upsert(
            Regency,
            {
                c: {"name": n, "province_id": c[:2], "kind": Regency.kind_for_name(n)}
                for c, n in by_level[2].items()
            },
        )
        result.created["kecamatan"], result.updated["kecamatan"] = _upsert(
            Kecamatan, {c: {"name": n, "regency_id": c[:5]} for c, n in by_level[3].items()}
        )
        result.created["kelurahan/desa"], result.updated["kelurahan/desa"] = _upsert(
            Kelurahan,
            {
                c: {"name": n, "kecamatan_id": c[:8], "kind": Kelurahan.kind_for_code(c)}
                for c, n in by_level[4].items()
            },
        )
    return result
