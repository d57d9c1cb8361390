"""Demo data: Kota Palu's IKM program as the news of 2017–2018 describes it.

22 groups in 19 of the city's 46 kelurahan, 11 themes from animal feed to batik, banks that
mentor the groups, and one demo account per role. Names, NIKs and phone numbers are made up
but pass the same checks as staff input. Loading twice changes nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, ImageOps

from financing.demo import MentorshipSummary, mentorship_demo_load
from financing.models import Lender, LenderStaff
from ikm.demo_data import (
    ACCOUNTS,
    ACTIVE,
    BOARD,
    CITY_CODE,
    DEMO_PASSWORD,
    FAMILY_NAMES,
    FEMALE_NAMES,
    GROUPS,
    HALAL,
    LEADER_ACCOUNT,
    LENDERS,
    MALE_NAMES,
    MEMBERS_PER_GROUP,
    MOBILE_PREFIXES,
    PERSON_IN_TWO_GROUPS,
    PHOTO_COLOURS,
    PHOTO_SIZE,
    PRODUCT_PHOTOS_PER_GROUP,
    SEED,
    THEMES,
    VALIDITY_YEARS,
)
from ikm.demo_programs import ProgramsSummary, programs_demo_load
from ikm.models import BusinessGroup, Certification, Member, Membership, Product, Theme
from ikm.validators import normalize_phone
from kelurahan.models import Kecamatan, Kelurahan
from kelurahan.services import wilayah_load
from portal import roles
from portal.demo import upsert, user_load


class DemoError(Exception):
    pass


@dataclass
class DemoAccount:
    username: str
    role: str


@dataclass
class DemoSummary:
    kecamatan: int
    kelurahan: int
    themes: int
    groups: int
    group_kelurahan: int
    members: int
    products: int
    certifications: int
    lenders: int
    mentors: int
    assignments: int
    visits: int
    credit_applications: int
    programs: int
    enrolments: int
    aid: int
    aid_at_risk: int
    trainings: int
    training_registrations: int
    targets: int
    accounts: list[DemoAccount] = field(default_factory=list)
    password: str = DEMO_PASSWORD


def demo_city_load(*, today: date | None = None) -> DemoSummary:
    """Build Kota Palu's demo program: areas, themes, groups, members, lenders, accounts,
    the mentorship and credit record (financing/demo.py), and the road map's progress, aid,
    trainings and targets (ikm/demo_programs.py).

    Refuses unless DEBUG is on: the accounts share a published password.
    """
    if not settings.DEBUG:
        raise DemoError(
            _(
                "Data demo hanya boleh dimuat bila DEBUG aktif: semua akun demo memakai kata "
                "sandi yang diketahui umum. Jangan jalankan di server produksi."
            )
        )
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    with transaction.atomic():
        wilayah_load(code=CITY_CODE)
        themes = _themes_load()
        groups = _groups_load(themes, rng=rng, today=today)
        lenders = _lenders_load()
        accounts = _accounts_load(groups, lenders)
        mentorship = mentorship_demo_load(groups=groups, rng=rng, today=today)
        programs = programs_demo_load(groups=groups, rng=rng, today=today)
    return _summary(accounts, mentorship, programs)


def _themes_load() -> dict[str, Theme]:
    themes = {}
    for slug, name, kbli_codes, description in THEMES:
        theme = upsert(
            Theme, lookup={"slug": slug}, values={"name": name, "description": description}
        )
        theme.kbli.set(kbli_codes)
        themes[slug] = theme
    return themes


def _groups_load(
    themes: dict[str, Theme], *, rng: random.Random, today: date
) -> dict[str, BusinessGroup]:
    places = Kelurahan.objects.select_related("kecamatan").in_bulk([g["kelurahan"] for g in GROUPS])
    people = _People(rng)
    groups = {}
    memberships: dict[str, list[tuple[Member, dict]]] = {}
    for data in GROUPS:
        place = places[data["kelurahan"]]
        # Some groups also give an office line; 0451 is Palu's area code.
        landline = f"0451{rng.randint(400000, 489999)}" if rng.random() < 0.3 else ""
        photo = ""
        if data.get("photo", True):
            photo = _photo_stored(
                BusinessGroup, data["slug"], title=data["name"], theme=data["theme"]
            )
        group = upsert(
            BusinessGroup,
            lookup={"slug": data["slug"]},
            values={
                "name": data["name"],
                "kind": data["kind"],
                "kelurahan_id": place.code,
                "theme_id": themes[data["theme"]].pk,
                "status": data.get("status", ACTIVE),
                "founded_on": data["founded_on"],
                "address": f"{data['street']} No. {rng.randint(1, 150)}, {place.name}, "
                f"Kec. {place.kecamatan.name}",
                "whatsapp": people.mobile(),
                "phone": normalize_phone(landline),
                "nib": data["nib"],
                "description": data["description"],
                "workforce": data["workforce"],
                "listed_publicly": data.get("listed_publicly", True),
                "show_leader_name": data.get("show_leader_name", False),
                "photo": photo,
            },
        )
        groups[group.slug] = group
        memberships[group.slug] = _members_load(data, place, people=people, rng=rng)
        _products_load(group, data["products"], theme=data["theme"], today=today)

    person = _person_in_two_groups_load(groups, places, people=people)
    for slug in PERSON_IN_TWO_GROUPS["groups"]:
        memberships[slug].append(
            (
                person,
                {
                    "role": Membership.Role.MEMBER,
                    "joined_on": groups[slug].founded_on + timedelta(days=120),
                    "several_groups_confirmed": True,
                },
            )
        )
    for slug, wanted in memberships.items():
        _memberships_load(groups[slug], wanted)
    return groups


class _People:
    """Draws made-up residents: unique names, NIKs with Palu's region code, mobile numbers."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.serial = 0
        self.names: set[str] = {PERSON_IN_TWO_GROUPS["name"]}

    def name(self, gender: str) -> str:
        first_names = MALE_NAMES if gender == Member.Gender.MALE else FEMALE_NAMES
        while True:
            name = f"{self.rng.choice(first_names)} {self.rng.choice(FAMILY_NAMES)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def birth_date(self) -> date:
        return date(self.rng.randint(1962, 1998), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def nik(self, kecamatan: Kecamatan, gender: str, born_on: date) -> str:
        # The serial alone keeps every demo NIK unique.
        self.serial += 1
        day = born_on.day + (40 if gender == Member.Gender.FEMALE else 0)
        region = kecamatan.code.replace(".", "")
        return f"{region}{day:02d}{born_on:%m%y}{self.serial:04d}"

    def mobile(self) -> str:
        return normalize_phone(
            f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randint(10000000, 99999999)}"
        )


def _members_load(
    data: dict, place: Kelurahan, *, people: _People, rng: random.Random
) -> list[tuple[Member, dict]]:
    """The group's members, saved, each with the values of their membership."""
    wanted = []
    size = rng.randint(*MEMBERS_PER_GROUP)
    founders = max(3, round(size * 0.7))
    women = data.get("women", 0.5)
    for index in range(size):
        gender = Member.Gender.FEMALE if rng.random() < women else Member.Gender.MALE
        born_on = people.birth_date()
        member = upsert(
            Member,
            lookup={"nik": people.nik(place.kecamatan, gender, born_on)},
            values={
                "name": people.name(gender),
                "gender": gender,
                "phone": people.mobile(),
                "address": f"{data['street']} Lrg. {rng.randint(1, 9)} No. {rng.randint(1, 80)}, "
                f"RT {rng.randint(1, 6):03d}/RW {rng.randint(1, 4):03d}, {place.name}",
            },
        )
        role = BOARD[index] if index < len(BOARD) else Membership.Role.MEMBER
        joined_on = data["founded_on"]
        if index >= founders:
            joined_on += timedelta(days=rng.randint(60, 900))
        wanted.append((member, {"role": role, "joined_on": joined_on}))
    return wanted


def _memberships_load(group: BusinessGroup, wanted: list[tuple[Member, dict]]) -> None:
    # A membership from an older version of the demo, or added by hand since, could hold the
    # ketua seat the demo gives to someone else: the demo group goes back to the demo's members.
    roles_wanted = {member.pk: values["role"] for member, values in wanted}
    stale = [m.pk for m in group.memberships.all() if roles_wanted.get(m.member_id) != m.role]
    Membership.objects.filter(pk__in=stale).delete()
    for member, values in wanted:
        upsert(
            Membership,
            lookup={"member": member, "group": group},
            values={"left_on": None, "several_groups_confirmed": False, **values},
        )


def _person_in_two_groups_load(
    groups: dict[str, BusinessGroup], places: dict[str, Kelurahan], *, people: _People
) -> Member:
    person = PERSON_IN_TWO_GROUPS
    place = places[groups[person["groups"][0]].kelurahan_id]
    return upsert(
        Member,
        lookup={"nik": people.nik(place.kecamatan, person["gender"], person["born_on"])},
        values={
            "name": person["name"],
            "gender": person["gender"],
            "phone": people.mobile(),
            "address": f"Jl. Soekarno-Hatta Lrg. 4 No. 12, RT 002/RW 001, {place.name}",
        },
    )


def _products_load(group: BusinessGroup, products: list, *, theme: str, today: date) -> None:
    for number, (name, price, unit, description, certificates) in enumerate(products, start=1):
        photo = ""
        if number <= PRODUCT_PHOTOS_PER_GROUP:
            photo = _photo_stored(Product, f"{group.slug}-{number}", title=name, theme=theme)
        product = upsert(
            Product,
            lookup={"group": group, "name": name},
            values={"price": price, "unit": unit, "description": description, "photo": photo},
        )
        for kind, number, when in certificates:
            if kind == HALAL:
                issued_on, expires_on = when, None
            else:
                expires_on = today + timedelta(days=when)
                issued_on = _years_before(expires_on, VALIDITY_YEARS[kind])
            upsert(
                Certification,
                lookup={"product": product, "kind": kind},
                values={"number": number, "issued_on": issued_on, "expires_on": expires_on},
            )


def _photo_stored(model: type[models.Model], stem: str, *, title: str, theme: str) -> str:
    """The storage name of a demo photo, `<upload_to><stem>.jpg`, drawn only when missing.

    The name never changes, so the row that points at it is saved once; a run after the
    media folder was removed draws the file again under the same name and saves no row.
    """
    field = model._meta.get_field("photo")
    name = field.generate_filename(None, f"{stem}.jpg")
    if field.storage.exists(name):
        return name
    # Saved through the field's storage rather than FieldFile.save(): the row, and so its
    # single history entry, is left to upsert.
    photo = ContentFile(_photo_draw(title, PHOTO_COLOURS[theme], seed=name))
    return field.storage.save(name, photo)


def _photo_draw(title: str, colours: tuple, *, seed: str) -> bytes:
    """A made-up product shot as a JPEG: goods on a table before a warm backdrop, a label.

    Its own random generator, seeded by the file name: drawing a photo must not shift the
    names and NIKs the demo draws after it.
    """
    rng = random.Random(f"{SEED}:{seed}")
    width, height = PHOTO_SIZE
    top, bottom, goods = colours
    image = ImageOps.colorize(Image.linear_gradient("L").resize(PHOTO_SIZE), top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.ellipse((-250, -300, 450, 250), fill=(255, 250, 235, 60))  # light from a window
    table = round(height * 0.66)
    draw.rectangle((0, table, width, height), fill=(96, 58, 32, 190))
    draw.line((0, table, width, table), fill=(60, 36, 20, 220), width=5)

    count = rng.randint(2, 4)
    slot = width / count
    for index in range(count):
        x = slot * (index + 0.5) + rng.randint(-15, 15)
        base = table + rng.randint(40, 80)
        wide = rng.randint(80, min(170, round(slot) - 30))
        tall = rng.randint(110, 210)
        colour = rng.choice(goods)
        draw.ellipse((x - wide * 0.65, base - 12, x + wide * 0.65, base + 12), fill=(40, 20, 8, 90))
        shape = rng.choice(("jar", "pouch", "bowl"))
        if shape == "jar":
            draw.rounded_rectangle(
                (x - wide / 2, base - tall, x + wide / 2, base), radius=wide // 5, fill=colour
            )
            draw.rectangle(
                (x - wide * 0.4, base - tall - 20, x + wide * 0.4, base - tall + 6),
                fill=(70, 45, 30),
            )
            draw.rectangle(
                (x - wide / 2, base - tall * 0.62, x + wide / 2, base - tall * 0.3),
                fill=(255, 248, 235, 225),
            )
        elif shape == "pouch":
            draw.rounded_rectangle(
                (x - wide / 2, base - tall, x + wide / 2, base), radius=12, fill=colour
            )
            draw.line(
                (x - wide / 2, base - tall + 14, x + wide / 2, base - tall + 14),
                fill=(255, 255, 255, 110),
                width=3,
            )
            draw.ellipse(
                (x - wide * 0.28, base - tall * 0.6, x + wide * 0.28, base - tall * 0.25),
                fill=(255, 255, 255, 120),
            )
        else:
            rim = base - wide * 0.4
            draw.ellipse(
                (x - wide * 0.62, rim - wide * 0.32, x + wide * 0.62, rim + wide * 0.1), fill=colour
            )
            draw.chord(
                (x - wide * 0.75, rim - wide * 0.4, x + wide * 0.75, base),
                0,
                180,
                fill=(246, 240, 228),
            )

    size = 44
    font = ImageFont.load_default(size=size)
    while draw.textlength(title, font=font) > width - 100 and size > 22:
        size -= 2
        font = ImageFont.load_default(size=size)
    left, upper, right, lower = draw.textbbox((0, 0), title, font=font)
    margin, padding = 30, 18
    banner = (margin, margin, width - margin, margin + 2 * padding + lower - upper)
    draw.rounded_rectangle(banner, radius=16, fill=(255, 250, 240, 205))
    position = ((width - right - left) / 2, margin + padding - upper)
    draw.text(position, title, font=font, fill=(74, 42, 22))

    out = BytesIO()
    image.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _lenders_load() -> dict[str, Lender]:
    lenders = {}
    for name, kind, branch, _phone in LENDERS:
        lenders[name] = upsert(
            Lender, lookup={"name": name, "branch": branch}, values={"kind": kind}
        )
    return lenders


def _accounts_load(
    groups: dict[str, BusinessGroup], lenders: dict[str, Lender]
) -> list[DemoAccount]:
    office_phones = {name: phone for name, _kind, _branch, phone in LENDERS}
    accounts = []
    for username, role, first_name, last_name, lender_name in ACCOUNTS:
        user = user_load(
            username, role, first_name=first_name, last_name=last_name, password=DEMO_PASSWORD
        )
        if lender_name:
            upsert(
                LenderStaff,
                lookup={"user": user},
                values={
                    "lender_id": lenders[lender_name].pk,
                    "phone": normalize_phone(office_phones[lender_name]),
                },
            )
        accounts.append(DemoAccount(username=username, role=str(roles.ROLE_LABELS[role])))

    username, slug = LEADER_ACCOUNT
    leader = groups[slug].leader
    first_name, _space, last_name = leader.name.rpartition(" ")
    user = user_load(
        username,
        roles.GROUP_LEADER,
        first_name=first_name,
        last_name=last_name,
        password=DEMO_PASSWORD,
    )
    if leader.user_id != user.pk:
        Member.objects.filter(user=user).update(user=None)
        leader.user = user
        leader.save(update_fields=["user"])
    accounts.append(DemoAccount(username=username, role=str(roles.ROLE_LABELS[roles.GROUP_LEADER])))
    return accounts


def _summary(
    accounts: list[DemoAccount], mentorship: MentorshipSummary, programs: ProgramsSummary
) -> DemoSummary:
    groups = BusinessGroup.objects.filter(slug__in=[g["slug"] for g in GROUPS])
    return DemoSummary(
        kecamatan=Kecamatan.objects.in_area(CITY_CODE).count(),
        kelurahan=Kelurahan.objects.in_area(CITY_CODE).count(),
        themes=Theme.objects.filter(slug__in=[theme[0] for theme in THEMES]).count(),
        groups=groups.count(),
        group_kelurahan=groups.values("kelurahan").distinct().count(),
        members=Member.objects.filter(groups__in=groups).distinct().count(),
        products=Product.objects.filter(group__in=groups).count(),
        certifications=Certification.objects.filter(product__group__in=groups).count(),
        lenders=Lender.objects.filter(name__in=[lender[0] for lender in LENDERS]).count(),
        mentors=mentorship.mentors,
        assignments=mentorship.assignments,
        visits=mentorship.visits,
        credit_applications=mentorship.credit_applications,
        programs=programs.programs,
        enrolments=programs.enrolments,
        aid=programs.aid,
        aid_at_risk=programs.aid_at_risk,
        trainings=programs.trainings,
        training_registrations=programs.training_registrations,
        targets=programs.targets,
        accounts=accounts,
    )
