"""Validate staged rows of an import, a chunk at a time, without saving any domain record.

Each row gets `action` (create/update/error), `data` (the values it will save, JSON-safe)
and `problems`. Checking a chunk twice gives the same result, so two polls that run the same
step at once do no harm. Rows that refer to each other (a member and the group created by the
Kelompok sheet, the same NIK twice) are found through the keys given when the file was read.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikm.imports import cells
from ikm.imports.columns import ANGGOTA, KELOMPOK, PRODUK, SHEETS
from ikm.imports.reader import from_json_value
from ikm.models import BusinessGroup, ImportRow, Member, Membership, Product, Theme
from ikm.validators import clean_digits
from kelurahan.services import area_name_key, kelurahan_index, name_suggestion
from portal.districts import staff_districts

NAME_LENGTH = 150


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def row_keys(sheet: str, raw: dict) -> dict:
    """The keys a staged row is found by: duplicates within the file, groups it refers to."""
    group_key = cells.word_key(raw.get("group_name"))
    if sheet == KELOMPOK:
        nib = raw.get("nib")
        nib = str(int(nib)) if isinstance(nib, int | float) else clean_digits(str(nib or ""))
        return {
            "group_key": group_key,
            "key": f"{group_key}|{area_name_key(raw.get('kelurahan') or '')}",
            "other_key": nib,
        }
    if sheet == ANGGOTA:
        try:
            nik = cells.nik(raw.get("nik"))
        except ValidationError:
            nik = ""
        try:
            leader = cells.role(raw.get("role")) == Membership.Role.LEADER
        except ValidationError:
            leader = False
        return {"group_key": group_key, "key": nik, "other_key": "ketua" if leader else ""}
    return {"group_key": group_key, "key": f"{group_key}|{cells.word_key(raw.get('name'))}"}


def _rows_text(numbers) -> str:
    numbers = sorted(set(numbers))
    shown = ", ".join(str(n) for n in numbers[:5])
    return shown + ("…" if len(numbers) > 5 else "")


class RowCheck:
    """The problems of one row, each tied to a column header."""

    def __init__(self, row: ImportRow):
        self.row = row
        self.sheet = SHEETS[row.sheet]
        self.raw = {key: from_json_value(value) for key, value in row.raw.items()}
        self.problems: list[dict] = []

    def add(self, column: str | None, message: str) -> None:
        header = self.sheet.column(column).header if column else ""
        self.problems.append({"column": header, "message": message})

    def read(self, column: str, reader, **kwargs):
        """The column's value through `reader`; a problem (and None) when it fails."""
        value = self.raw.get(column)
        spec = self.sheet.column(column)
        if spec.required and (value is None or value == ""):
            self.add(column, _("Wajib diisi."))
            return None
        try:
            return reader(value, **kwargs)
        except ValidationError as error:
            self.add(column, _messages(error))
            return None


class ChunkChecker:
    """Checks a chunk of rows of one job with a few queries for the whole chunk."""

    def __init__(self, job, rows: list[ImportRow]):
        self.job = job
        self.rows = rows
        self.kelurahan = kelurahan_index()
        # Staff limited to some kecamatan import only the groups there.
        self.districts = staff_districts(job.user) if job.user else None
        self.themes = {cells.word_key(t.name): t for t in Theme.objects.all()}
        self._db_groups = None
        group_keys = {row.group_key for row in rows if row.sheet in (ANGGOTA, PRODUK)}
        self.file_groups = defaultdict(list)
        for number, key, raw in job.rows.filter(
            sheet=KELOMPOK, group_key__in=group_keys
        ).values_list("row_number", "group_key", "raw"):
            self.file_groups[key].append((number, self._kelurahan_code(raw.get("kelurahan"))))
        self.same_key = self._same_key_rows()
        self.leader_rows = defaultdict(list)
        for number, key in job.rows.filter(
            sheet=ANGGOTA, other_key="ketua", group_key__in=group_keys
        ).values_list("row_number", "group_key"):
            self.leader_rows[key].append(number)

    def _same_key_rows(self) -> dict:
        """(sheet, key) -> the rows of the job with that key, for duplicates in the file."""
        found = defaultdict(list)
        by_sheet = defaultdict(set)
        for row in self.rows:
            if row.key:
                by_sheet[row.sheet].add(row.key)
        for sheet, keys in by_sheet.items():
            for number, key, raw, group_key in self.job.rows.filter(
                sheet=sheet, key__in=keys
            ).values_list("row_number", "key", "raw", "group_key"):
                found[sheet, key].append((number, raw, group_key))
        nibs = {row.other_key for row in self.rows if row.sheet == KELOMPOK and row.other_key}
        for number, key in self.job.rows.filter(sheet=KELOMPOK, other_key__in=nibs).values_list(
            "row_number", "other_key"
        ):
            found["nib", key].append((number, None, None))
        return found

    @property
    def db_groups(self) -> dict:
        """Name key -> (id, kelurahan) of the portal's groups named as in this chunk."""
        if self._db_groups is None:
            self._db_groups = defaultdict(list)
            keys = {row.group_key for row in self.rows} | {
                cells.word_key(cells.text(from_json_value(row.raw.get("group_name"))))
                for row in self.rows
            }
            for pk, key, kelurahan_id in BusinessGroup.objects.named(keys).values_list(
                "pk", "name_key", "kelurahan_id"
            ):
                self._db_groups[key].append((pk, kelurahan_id))
        return self._db_groups

    def _kelurahan_code(self, text) -> str | None:
        try:
            return self.kelurahan.find(text).code if text else None
        except ValidationError:
            return None

    def check(self) -> None:
        checks = {KELOMPOK: self._group, ANGGOTA: self._member, PRODUK: self._product}
        nibs = {row.other_key for row in self.rows if row.sheet == KELOMPOK and row.other_key}
        self.nib_holders = {
            nib: (pk, name)
            for pk, name, nib in BusinessGroup.objects.filter(nib__in=nibs).values_list(
                "pk", "name", "nib"
            )
        }
        self._prepare_members()
        self._prepare_products()
        for row in self.rows:
            check = RowCheck(row)
            data = checks[row.sheet](check) or {}
            row.problems = check.problems
            row.data = data if not check.problems else {}
            row.action = ImportRow.Action.ERROR if check.problems else data["action"]
            row.validated = True

    # Kelompok

    def _group(self, check: RowCheck) -> dict | None:
        name = check.read("group_name", cells.text, max_length=NAME_LENGTH)
        kind = check.read("kind", cells.group_kind)
        kelurahan = check.read("kelurahan", self.kelurahan.find)
        theme = check.read("theme", self._theme)
        if kelurahan and not self._in_districts(kelurahan.code):
            check.add("kelurahan", self._outside_message(kelurahan.name))
        data = {
            "name": name,
            "kind": kind if check.raw.get("kind") not in (None, "") else None,
            "kelurahan": kelurahan.code if kelurahan else None,
            "kelurahan_name": kelurahan.name if kelurahan else "",
            "theme_id": theme.pk if theme else None,
            "theme_name": theme.name if theme else "",
            "address": check.read("address", cells.text, max_length=255),
            "phone": check.read("phone", cells.phone),
            "whatsapp": check.read("whatsapp", cells.phone),
            "nib": check.read("nib", cells.nib),
            "founded_on": _iso(check.read("founded_on", cells.day)),
            "workforce": check.read("workforce", cells.whole_number),
            "description": check.read("description", cells.text),
            "listed_publicly": check.read("listed_publicly", cells.yes_no),
        }
        others = [
            n for n, *_ in self.same_key[KELOMPOK, check.row.key] if n != check.row.row_number
        ]
        if name and others:
            check.add(
                "group_name",
                _("Kelompok ini (nama dan kelurahan sama) juga ada di baris %(rows)s.")
                % {"rows": _rows_text(others)},
            )
        existing = []
        if name and kelurahan:
            existing = [
                pk
                for pk, kelurahan_id in self.db_groups.get(cells.word_key(name), [])
                if kelurahan_id == kelurahan.code
            ]
        if len(existing) > 1:
            check.add(
                "group_name",
                _("Di portal ada %(n)s kelompok bernama '%(name)s' di kelurahan ini; satukan "
                  "dulu di admin.") % {"n": len(existing), "name": name},
            )  # fmt: skip
        group_id = existing[0] if existing else None
        if data["nib"]:
            nib_rows = [n for n, *_ in self.same_key["nib", data["nib"]]]
            if len(nib_rows) > 1:
                check.add(
                    "nib",
                    _("NIB %(nib)s juga ada di baris %(rows)s.")
                    % {
                        "nib": data["nib"],
                        "rows": _rows_text(n for n in nib_rows if n != check.row.row_number),
                    },
                )
            holder = self.nib_holders.get(data["nib"])
            if holder and holder[0] != group_id:
                check.add(
                    "nib", _("NIB ini sudah dipakai kelompok %(name)s.") % {"name": holder[1]}
                )
        data["group_id"] = group_id
        data["action"] = ImportRow.Action.UPDATE if group_id else ImportRow.Action.CREATE
        return data

    def _in_districts(self, kelurahan_code: str) -> bool:
        if self.districts is None:
            return True
        return self.kelurahan.by_code[kelurahan_code].kecamatan_id in self.districts

    def _outside_message(self, kelurahan_name: str) -> str:
        return _("Kelurahan %(name)s di luar wilayah kerja Anda.") % {"name": kelurahan_name}

    def _theme(self, value) -> Theme:
        theme = self.themes.get(cells.word_key(value))
        if theme:
            return theme
        suggestion = name_suggestion(str(value), [t.name for t in self.themes.values()])
        if suggestion:
            raise ValidationError(
                _("Tema '%(name)s' tidak ditemukan. Mungkin maksud Anda: %(hint)s?")
                % {"name": value, "hint": suggestion}
            )
        raise ValidationError(
            _("Tema '%(name)s' tidak ditemukan. Tema yang ada: %(names)s.")
            % {"name": value, "names": ", ".join(t.name for t in self.themes.values())}
        )

    # The group a member or product belongs to

    def _group_ref(self, check: RowCheck) -> dict | None:
        name = check.read("group_name", cells.text, max_length=NAME_LENGTH)
        if not name:
            return None
        kelurahan_text = check.raw.get("kelurahan")
        kelurahan = check.read("kelurahan", self.kelurahan.find) if kelurahan_text else None
        if kelurahan_text and kelurahan is None:
            return None
        key = cells.word_key(name)
        places: dict[str, dict] = {}
        for number, code in self.file_groups.get(key, []):
            if code:
                places.setdefault(code, {})["row"] = number
        for pk, code in self.db_groups.get(key, []):
            places.setdefault(code, {}).setdefault("group_id", pk)
        if kelurahan:
            places = {code: ref for code, ref in places.items() if code == kelurahan.code}
        if not places:
            check.add(
                "group_name",
                _("Kelompok '%(name)s' tidak ada di lembar Kelompok maupun di portal%(where)s.")
                % {
                    "name": name,
                    "where": _(" (kelurahan %(k)s)") % {"k": kelurahan.name} if kelurahan else "",
                },
            )
            return None
        if len(places) > 1:
            check.add(
                "group_name",
                _("Ada beberapa kelompok bernama '%(name)s' (kelurahan %(codes)s): isi kolom "
                  "Kelurahan.") % {"name": name, "codes": ", ".join(sorted(places))},
            )  # fmt: skip
            return None
        code, ref = next(iter(places.items()))
        if not self._in_districts(code):
            check.add("kelurahan", self._outside_message(self.kelurahan.by_code[code].name))
            return None
        return {"key": key, "kelurahan": code, "group_id": ref.get("group_id"), "name": name}

    # Anggota

    def _prepare_members(self) -> None:
        niks = {row.key for row in self.rows if row.sheet == ANGGOTA and row.key}
        self.members = {m.nik: m for m in Member.objects.filter(nik__in=niks)}
        self.active_groups = defaultdict(dict)
        for member_id, group_id, group_name, pk in (
            Membership.objects.active()
            .filter(member__in=self.members.values())
            .values_list("member_id", "group_id", "group__name", "pk")
        ):
            self.active_groups[member_id][group_id] = (group_name, pk)
        group_ids = {
            pk
            for row in self.rows
            if row.sheet == ANGGOTA and row.other_key == "ketua"
            for pk, _code in self.db_groups.get(row.group_key, [])
        }
        self.leaders = {
            group_id: (nik, name)
            for group_id, nik, name in Membership.objects.active()
            .filter(role=Membership.Role.LEADER, group_id__in=group_ids)
            .values_list("group_id", "member__nik", "member__name")
        }

    def _member(self, check: RowCheck) -> dict | None:
        group = self._group_ref(check)
        nik = check.read("nik", cells.nik)
        data = {
            "group": group,
            "nik": nik,
            "name": check.read("name", cells.text, max_length=NAME_LENGTH),
            "gender": check.read("gender", cells.gender),
            "role": check.read("role", cells.role),
            "role_given": check.raw.get("role") not in (None, ""),
            "phone": check.read("phone", cells.phone),
            "address": check.read("address", cells.text, max_length=255),
            "joined_on": _iso(check.read("joined_on", cells.day)),
            "several_groups_confirmed": check.read("several_groups_confirmed", cells.yes_no),
        }
        if not (nik and data["name"] and group):
            return data | {"action": ImportRow.Action.ERROR}
        confirmed = bool(data["several_groups_confirmed"])
        name_key = cells.word_key(data["name"])
        # The same NIK elsewhere in the file is a mistake, unless it is one person confirmed
        # to be active in several groups.
        others = [
            (number, raw, group_key)
            for number, raw, group_key in self.same_key[ANGGOTA, nik]
            if number != check.row.row_number
        ]
        if others:
            several = confirmed and all(
                cells.word_key(raw.get("name")) == name_key
                and group_key != check.row.group_key
                and _yes(raw.get("several_groups_confirmed"))
                for _number, raw, group_key in others
            )
            if not several:
                check.add(
                    "nik",
                    _("NIK %(nik)s juga ada di baris %(rows)s.")
                    % {"nik": nik, "rows": _rows_text(n for n, *_ in others)},
                )
        member = self.members.get(nik)
        membership_id = None
        if member is not None:
            if cells.word_key(member.name) != name_key:
                check.add(
                    "nik", _("NIK ini sudah terdaftar atas nama %(name)s.") % {"name": member.name}
                )
            active = self.active_groups.get(member.pk, {})
            if group["group_id"] in active:
                membership_id = active[group["group_id"]][1]
            elif active and not confirmed:
                check.add(
                    "several_groups_confirmed",
                    _("%(member)s masih aktif di kelompok %(groups)s. Isi kolom 'Keanggotaan "
                      "Ganda' dengan Ya bila itu memang benar.")
                    % {
                        "member": member.name,
                        "groups": ", ".join(name for name, _pk in active.values()),
                    },
                )  # fmt: skip
        if data["role"] == Membership.Role.LEADER:
            leader_rows = [
                n
                for n in self.leader_rows.get(check.row.group_key, [])
                if n != check.row.row_number
            ]
            if leader_rows:
                check.add(
                    "role",
                    _("Kelompok %(group)s punya ketua lain di baris %(rows)s.")
                    % {"group": group["name"], "rows": _rows_text(leader_rows)},
                )
            leader = self.leaders.get(group["group_id"])
            if leader and leader[0] != nik:
                check.add(
                    "role",
                    _("Kelompok %(group)s sudah punya ketua aktif: %(name)s. Catat dulu "
                      "tanggal keluarnya di admin.") % {"group": group["name"], "name": leader[1]},
                )  # fmt: skip
        data["member_id"] = member.pk if member else None
        data["membership_id"] = membership_id
        data["action"] = ImportRow.Action.UPDATE if membership_id else ImportRow.Action.CREATE
        return data

    # Produk

    def _prepare_products(self) -> None:
        group_ids = {
            pk
            for row in self.rows
            if row.sheet == PRODUK
            for pk, _code in self.db_groups.get(row.group_key, [])
        }
        self.products = {
            (group_id, cells.word_key(name)): pk
            for pk, group_id, name in Product.objects.filter(group_id__in=group_ids).values_list(
                "pk", "group_id", "name"
            )
        }

    def _product(self, check: RowCheck) -> dict | None:
        group = self._group_ref(check)
        data = {
            "group": group,
            "name": check.read("name", cells.text, max_length=NAME_LENGTH),
            "price": check.read("price", cells.rupiah),
            "unit": check.read("unit", cells.text, max_length=50),
            "description": check.read("description", cells.text),
        }
        others = [n for n, *_ in self.same_key[PRODUK, check.row.key] if n != check.row.row_number]
        if data["name"] and others:
            check.add(
                "name",
                _("Produk ini juga ada di baris %(rows)s.") % {"rows": _rows_text(others)},
            )
        if not (group and data["name"]):
            return data | {"action": ImportRow.Action.ERROR}
        product_id = self.products.get((group["group_id"], cells.word_key(data["name"])))
        data["product_id"] = product_id
        data["action"] = ImportRow.Action.UPDATE if product_id else ImportRow.Action.CREATE
        return data


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _yes(value) -> bool:
    try:
        return bool(cells.yes_no(from_json_value(value)))
    except ValidationError:
        return False
