"""Factories for every model the tests touch; one place, so tests build only what they need."""

import datetime
import random

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
    MentorAssignment,
)
from ikm.models import (
    Aid,
    AidCheck,
    BusinessGroup,
    Certification,
    Enrolment,
    ImportJob,
    Member,
    Membership,
    Product,
    Program,
    Stage,
    StageProgress,
    Target,
    Theme,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from kelurahan.models import Kecamatan, Kelurahan, Province, Regency
from portal import roles


def valid_nik(serial: int, *, region: str = "727101", female: bool = False) -> str:
    """A NIK that passes validation: region, birth date (day + 40 for women), serial."""
    rng = random.Random(serial)
    day = rng.randint(1, 28) + (40 if female else 0)
    birth = f"{day:02d}{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}"
    return f"{region}{birth}{serial % 10000:04d}"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "72"
    name = "Sulawesi Tengah"


class RegencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regency
        django_get_or_create = ("code",)

    code = "72.71"
    name = "Kota Palu"
    kind = Regency.Kind.KOTA
    province = factory.SubFactory(ProvinceFactory)


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kecamatan
        django_get_or_create = ("code",)

    regency = factory.SubFactory(RegencyFactory)
    code = factory.Sequence(lambda n: f"72.71.{(n % 89) + 10:02d}")
    name = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class KelurahanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kelurahan
        django_get_or_create = ("code",)

    kecamatan = factory.SubFactory(KecamatanFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.kecamatan.code}.{1000 + n % 8999:04d}")
    name = factory.Sequence(lambda n: f"Kelurahan Uji {n}")
    kind = Kelurahan.Kind.KELURAHAN


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class BusinessGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessGroup

    name = factory.Sequence(lambda n: f"Kelompok Usaha {n}")
    slug = factory.Sequence(lambda n: f"kelompok-usaha-{n}")
    kelurahan = factory.SubFactory(KelurahanFactory)
    theme = factory.SubFactory(ThemeFactory)
    founded_on = datetime.date(2017, 3, 1)
    listed_publicly = True


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    nik = factory.Sequence(lambda n: valid_nik(n + 1))
    name = factory.Sequence(lambda n: f"Anggota {n}")
    gender = Member.Gender.FEMALE
    phone = factory.Sequence(lambda n: f"+62812{n % 10000000:07d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    member = factory.SubFactory(MemberFactory)
    group = factory.SubFactory(BusinessGroupFactory)
    role = Membership.Role.MEMBER
    joined_on = datetime.date(2017, 3, 1)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    group = factory.SubFactory(BusinessGroupFactory)
    name = factory.Sequence(lambda n: f"Produk {n}")
    price = 25000
    unit = "bungkus"


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    product = factory.SubFactory(ProductFactory)
    kind = Certification.Kind.PIRT
    number = factory.Sequence(lambda n: f"P-IRT {2067271010000 + n}")


class LenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lender
        django_get_or_create = ("name", "branch")

    name = "Bank Rakyat Indonesia"
    kind = Lender.Kind.STATE_BANK
    branch = "Cabang Palu"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("kata-sandi-uji")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(Group.objects.get(name=extracted))
            if extracted in roles.ADMIN_SITE_ROLES:
                user.is_staff = True
                user.save(update_fields=["is_staff"])


class LenderStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LenderStaff

    user = factory.SubFactory(UserFactory, role=roles.BANK_MENTOR)
    lender = factory.SubFactory(LenderFactory)


class MentorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    group = factory.SubFactory(BusinessGroupFactory)
    mentor = factory.SubFactory(LenderStaffFactory)
    started_on = datetime.date(2025, 1, 6)


class BookkeepingVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookkeepingVisit

    assignment = factory.SubFactory(MentorAssignmentFactory)
    visited_on = datetime.date(2025, 6, 10)
    duration_minutes = 90
    attendees = "Ketua, bendahara, 3 anggota"
    cash_book_kept = True
    revenue = 12_000_000
    expenses = 8_500_000
    cash_on_hand = 1_500_000
    savings_balance = 2_000_000
    seriousness = 4


class CreditSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditScheme
        django_get_or_create = ("name",)

    name = "KUR Mikro"
    kind = CreditScheme.Kind.KUR_MIKRO
    interest_rate = 6
    ceiling = 100_000_000


class CreditApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditApplication

    group = factory.SubFactory(BusinessGroupFactory)
    lender = factory.SubFactory(LenderFactory)
    scheme = factory.SubFactory(CreditSchemeFactory)
    amount_requested = 20_000_000
    tenor_months = 24


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("name",)

    name = "Kelurahan Inovasi Unggul"
    start_year = 2017
    end_year = 2021
    dinas = "Dinas Koperasi dan UMKM Kota Palu"


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(lambda n: n + 1)
    year = factory.LazyAttribute(lambda o: o.program.start_year + o.order - 1)
    focus = factory.Sequence(lambda n: f"Tahap {n + 1}")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    program = factory.SubFactory(ProgramFactory)
    group = factory.SubFactory(BusinessGroupFactory)
    enrolled_on = datetime.date(2017, 3, 1)


class StageProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageProgress

    enrolment = factory.SubFactory(EnrolmentFactory)
    stage = factory.SubFactory(StageFactory, program=factory.SelfAttribute("..enrolment.program"))
    planned_year = factory.SelfAttribute("stage.year")


class AidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aid

    group = factory.SubFactory(BusinessGroupFactory)
    kind = Aid.Kind.EQUIPMENT
    items = "Mesin sangrai kopi 5 kg"
    value = 35_000_000
    source = Aid.Source.APBD
    funder = "APBD Dinas Koperasi dan UMKM Kota Palu"
    handed_over_on = datetime.date(2019, 3, 12)
    intended_theme = factory.SelfAttribute("group.theme")


class AidCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AidCheck

    aid = factory.SubFactory(AidFactory)
    checked_on = datetime.date(2019, 9, 10)
    status = AidCheck.Status.IN_USE


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = "Pembukuan sederhana untuk UMKM"
    topic = Training.Topic.BOOKKEEPING
    organiser = "Dinas Koperasi dan UMKM Kota Palu"
    partners = "BRI"
    venue = "Hotel Sweetama, Palu"
    capacity = 50


class TrainingDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingDay

    training = factory.SubFactory(TrainingFactory)
    date = factory.Sequence(lambda n: datetime.date(2018, 4, 9) + datetime.timedelta(days=n))


class TrainingRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRegistration

    training = factory.SubFactory(TrainingFactory)
    member = factory.SubFactory(MemberFactory)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    year = 2018
    measure = Target.Measure.GROUPS_FORMED
    value = 230


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    user = factory.SubFactory(UserFactory, role=roles.DINAS_STAFF)
    file = factory.django.FileField(filename="kelompok.csv", data=b"Nama Kelompok;Kelurahan;Tema\n")
    original_name = "kelompok.csv"
