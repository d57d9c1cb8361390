import csv
import difflib
import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kelurahan.models import Kecamatan, Kelurahan, Province, Regency
from portal.caching import data_changed, data_version

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
        data_changed()  # bulk writes, which send no model signals
        result.created["kelurahan/desa"], result.updated["kelurahan/desa"] = _upsert(
            Kelurahan,
            {
                c: {"name": n, "kecamatan_id": c[:8], "kind": Kelurahan.kind_for_code(c)}
                for c, n in by_level[4].items()
            },
        )
    return result


# Abbreviations seen in Dinas spreadsheets; expanded only to suggest a name, never to match.
_ABBREVIATIONS = {
    "brt": "barat", "br": "barat", "bar": "barat",
    "tmr": "timur", "tim": "timur", "tm": "timur",
    "utr": "utara", "ut": "utara", "utra": "utara",
    "sltn": "selatan", "sel": "selatan", "slt": "selatan", "sltan": "selatan",
    "tgh": "tengah", "teng": "tengah", "tngh": "tengah",
}  # fmt: skip
_PREFIX = re.compile(r"^(kelurahan|kel|desa|ds)\b\.?\s*")
_DOTTED_CODE = re.compile(r"^\d{2}\.?\d{2}\.?\d{2}\.?\d{4}$")


def area_name_key(text: str) -> str:
    """A name as compared: case and spacing ignored, "Kel."/"Desa" in front dropped."""
    key = " ".join(str(text or "").split()).casefold()
    return _PREFIX.sub("", key).strip()


def _expanded(key: str) -> str:
    return " ".join(_ABBREVIATIONS.get(word.rstrip("."), word.rstrip(".")) for word in key.split())


def _as_code(text: str) -> str | None:
    """72.71.01.1004 or 7271011004 written as the official dotted code; None if not a code."""
    compact = "".join(str(text).split())
    if not _DOTTED_CODE.match(compact):
        return None
    digits = compact.replace(".", "")
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"


def name_suggestion(text: str, names: list[str]) -> str | None:
    """The known name closest to `text` (abbreviations expanded), or None when none is close."""
    by_key = {_expanded(area_name_key(name)): name for name in names}
    close = difflib.get_close_matches(_expanded(area_name_key(text)), by_key, n=1, cutoff=0.75)
    return by_key[close[0]] if close else None


class KelurahanIndex:
    """The kelurahan/desa of one city, found by exact name or official code.

    Built once and used for many rows (an import). A near-miss name is never guessed: it is
    an error that names the closest kelurahan, so that staff correct the file.
    """

    def __init__(self, *, regency_code: str | None = None):
        self.regency_code = regency_code or settings.CITY_CODE
        self.by_code: dict[str, Kelurahan] = {}
        self.by_name: dict[str, list[Kelurahan]] = {}
        for kelurahan in Kelurahan.objects.in_area(self.regency_code).select_related("kecamatan"):
            self.by_code[kelurahan.code] = kelurahan
            self.by_name.setdefault(area_name_key(kelurahan.name), []).append(kelurahan)

    def find(self, text) -> Kelurahan:
        raw = " ".join(str(text or "").split())
        code = _as_code(raw)
        if code is not None:
            if code in self.by_code:
                return self.by_code[code]
            raise ValidationError(
                _("Kode kelurahan '%(code)s' tidak ada di %(city)s.")
                % {"code": code, "city": settings.CITY_NAME},
                code="kelurahan_code",
            )
        found = self.by_name.get(area_name_key(raw), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValidationError(
                _("Nama kelurahan '%(name)s' ada di lebih dari satu kecamatan; tulis kodenya: "
                  "%(codes)s.")
                % {"name": raw, "codes": ", ".join(k.code for k in found)},
                code="kelurahan_ambiguous",
            )  # fmt: skip
        names = [k.name for k in self.by_code.values()]
        suggestion = name_suggestion(raw, names)
        if suggestion:
            message = _("Kelurahan '%(name)s' tidak ditemukan. Mungkin maksud Anda: %(hint)s?") % {
                "name": raw,
                "hint": suggestion,
            }
        else:
            message = _("Kelurahan '%(name)s' tidak ditemukan di %(city)s.") % {
                "name": raw,
                "city": settings.CITY_NAME,
            }
        raise ValidationError(message, code="kelurahan_unknown")


_built_indexes: dict[tuple[str, str], KelurahanIndex] = {}


def kelurahan_index(*, regency_code: str | None = None) -> KelurahanIndex:
    """The city's KelurahanIndex, built once per process until any record changes.

    A province has thousands of kelurahan/desa, and an import checks its rows in many short
    steps (requests); each would otherwise read them all again.
    """
    key = (regency_code or settings.CITY_CODE, data_version())
    index = _built_indexes.get(key)
    if index is None:
        index = KelurahanIndex(regency_code=key[0])
        _built_indexes.clear()  # only the current version is worth keeping
        _built_indexes[key] = index
    return index


def kelurahan_find(*, text: str, regency_code: str | None = None) -> Kelurahan:
    """One kelurahan of the city (settings.CITY_CODE) by name or code; see KelurahanIndex."""
    return kelurahan_index(regency_code=regency_code).find(text)
