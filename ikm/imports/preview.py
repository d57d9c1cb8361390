"""The first rows of an import as they will be saved, in words, for the preview page."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ikm.imports.columns import KELOMPOK, SHEETS
from ikm.models import BusinessGroup, ImportRow, Member, Membership
from portal.formatting import phone_display, rupiah


def _yes_no(value) -> str:
    if value is None:
        return ""
    return _("Ya") if value else _("Tidak")


def _cell(kind: str, key: str, data: dict) -> str:
    value = data.get(key)
    if key == "group_name":
        return data["name"] if kind == KELOMPOK else (data.get("group") or {}).get("name", "")
    if key == "kelurahan":
        if kind == KELOMPOK:
            return data.get("kelurahan_name", "")
        return (data.get("group") or {}).get("kelurahan", "")
    if key == "theme":
        return data.get("theme_name", "")
    if key == "kind":
        return str(BusinessGroup.Kind(value).label) if value else ""
    if key == "gender":
        return str(Member.Gender(value).label) if value else ""
    if key == "role":
        return str(Membership.Role(value).label) if value else ""
    if key == "price":
        return rupiah(value) if value is not None else ""
    if key in ("founded_on", "joined_on"):
        return date_format(date.fromisoformat(value), "DATE_FORMAT") if value else ""
    if key in ("phone", "whatsapp"):
        return phone_display(value)
    if key in ("listed_publicly", "several_groups_confirmed"):
        return _yes_no(value)
    return "" if value is None else str(value)


def preview_rows(job, kind: str, *, limit: int) -> dict:
    sheet = SHEETS[kind]
    rows = (
        job.rows.filter(sheet=kind)
        .exclude(action=ImportRow.Action.ERROR)
        .order_by("id")
        .values_list("row_number", "action", "data")[:limit]
    )
    return {
        "headers": [column.header for column in sheet.columns],
        "rows": [
            {
                "row": number,
                "action": str(ImportRow.Action(action).label),
                "cells": [_cell(kind, column.key, data) for column in sheet.columns],
            }
            for number, action, data in rows
        ],
    }
