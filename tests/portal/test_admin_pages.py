"""Every admin list, add, change, history and import/export page renders for Dinas staff."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from import_export.admin import ImportExportMixin

from ikm.models import Attendance, Kbli, MarketplaceLink, StageCriterion
from tests.factories import (
    AidCheckFactory,
    BookkeepingVisitFactory,
    CertificationFactory,
    CreditApplicationFactory,
    ImportJobFactory,
    LenderStaffFactory,
    MembershipFactory,
    ProductFactory,
    StageProgressFactory,
    TargetFactory,
    TrainingDayFactory,
    TrainingRegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_everything():
    membership = MembershipFactory()
    CertificationFactory(product=ProductFactory(group=membership.group))
    visit = BookkeepingVisitFactory(assignment__group=membership.group)
    CreditApplicationFactory(group=membership.group, lender=visit.assignment.mentor.lender)
    membership.group.theme.kbli.add(Kbli.objects.get(code="10761"))
    progress = StageProgressFactory(enrolment__group=membership.group)
    StageCriterion.objects.create(stage=progress.stage, text="Buku kas diisi rutin")
    AidCheckFactory(aid__group=membership.group)
    registration = TrainingRegistrationFactory(member=membership.member, group=membership.group)
    Attendance.objects.create(
        registration=registration, day=TrainingDayFactory(training=registration.training)
    )
    MarketplaceLink.objects.create(
        group=membership.group, platform=MarketplaceLink.Platform.SHOPEE, url="https://s.id/k"
    )
    TargetFactory()
    ImportJobFactory()
    _failed_log_in()


def _failed_log_in():
    """A failed log-in, so that the log-in records (django-axes) have a row to open."""
    from django.test import Client

    Client().post(reverse("login"), {"username": "tamu", "password": "salah"})
    Client().post(reverse("login"), {"username": "tamu", "password": "salah"})


def _admin_pages(user):
    """(url, expected status) for every page of every model the user may see."""
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if not model_admin.has_view_permission(_request(user)):
            continue
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{prefix}_changelist"), 200
        can_add = model_admin.has_add_permission(_request(user))
        yield reverse(f"{prefix}_add"), 200 if can_add else 403
        obj = model.objects.first()
        assert obj is not None, f"no {opts.model_name} to open"
        yield reverse(f"{prefix}_change", args=[obj.pk]), 200
        yield reverse(f"{prefix}_history", args=[obj.pk]), 200
        if isinstance(model_admin, ImportExportMixin):
            yield reverse(f"{prefix}_export"), 200
            if can_add:
                yield reverse(f"{prefix}_import"), 200


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_staff_sees_the_admin_in_indonesian(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kelompok usaha" in content
    assert "Kelurahan/desa" in content
    assert "Pengguna" not in content  # user management is for Dinas admin only


def test_every_admin_page_renders_for_dinas_staff(staff_client, staff_user, one_of_everything):
    pages = list(_admin_pages(staff_user))
    assert len(pages) > 40
    for url, expected in pages:
        response = staff_client.get(url)
        assert response.status_code == expected, url


def test_every_admin_page_renders_for_dinas_admin(client, admin_user_dinas, one_of_everything):
    client.force_login(admin_user_dinas)
    for url, expected in _admin_pages(admin_user_dinas):
        if "auth" in url:
            continue
        assert client.get(url).status_code == expected, url


def test_group_list_filters_by_kecamatan_theme_and_status(staff_client):
    # Names unlike each other: the search matches any word in names, slugs and kelurahan.
    first = MembershipFactory(group__name="Kopi Tondo").group
    other = MembershipFactory(group__name="Tenun Lolu").group
    url = reverse("admin:ikm_businessgroup_changelist")

    response = staff_client.get(url, {"kecamatan": first.kelurahan.kecamatan_id})
    assert list(response.context["cl"].queryset) == [first]

    response = staff_client.get(url, {"theme__id__exact": other.theme_id, "status__exact": "aktif"})
    assert list(response.context["cl"].queryset) == [other]

    response = staff_client.get(url, {"q": first.name})
    assert list(response.context["cl"].queryset) == [first]


def test_group_list_query_count_does_not_grow_with_rows(
    staff_client, django_assert_max_num_queries
):
    for _ in range(15):
        MembershipFactory()
    with django_assert_max_num_queries(20):
        assert staff_client.get(reverse("admin:ikm_businessgroup_changelist")).status_code == 200


def test_mentor_cannot_enter_the_admin(client):
    mentor = LenderStaffFactory().user
    client.force_login(mentor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_index_links_the_dinas_work_pages(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()
    assert reverse("financing:coverage") in content


def test_group_list_offers_kelurahan_of_the_chosen_kecamatan_only(staff_client):
    first = MembershipFactory(group__name="Kopi Tondo").group
    MembershipFactory(group__name="Tenun Lolu")
    url = reverse("admin:ikm_businessgroup_changelist")

    def kelurahan_choices(params):
        filters = staff_client.get(url, params).context["cl"].filter_specs
        # A filter without choices is left out of the list.
        shown = [f for f in filters if getattr(f, "parameter_name", "") == "kelurahan"]
        return [code for f in shown for code, _name in f.lookup_choices]

    assert kelurahan_choices({}) == []
    assert kelurahan_choices({"kecamatan": first.kelurahan.kecamatan_id}) == [first.kelurahan_id]
    response = staff_client.get(url, {"kelurahan": first.kelurahan_id})
    assert list(response.context["cl"].queryset) == [first]


def test_group_list_counts_active_members_only(staff_client):
    membership = MembershipFactory()
    MembershipFactory(group=membership.group)
    MembershipFactory(group=membership.group, left_on=membership.joined_on)
    response = staff_client.get(reverse("admin:ikm_businessgroup_changelist"))
    assert [g.member_count for g in response.context["cl"].result_list] == [2]


def test_group_search_finds_products_kelurahan_and_nib(staff_client):
    membership = MembershipFactory(
        group__name="Kelompok Sido Mulyo",
        group__nib="9120001234567",
        # Not a factory's numbered name: "Kelurahan Uji 541" also found the other group
        # whenever its theme happened to be "Tema 541".
        group__kelurahan__name="Kelurahan Lere",
    )
    group = membership.group
    ProductFactory(group=group, name="Kopi Robusta Bubuk")
    MembershipFactory(group__name="Tenun Lolu")
    url = reverse("admin:ikm_businessgroup_changelist")
    for term in ["sido mulyo", "9120001234567", group.kelurahan.name, group.slug]:
        assert list(staff_client.get(url, {"q": term}).context["cl"].queryset) == [group], term
    # Products are in the search text that PostgreSQL's trigram index serves.
    if connection.vendor == "postgresql":
        assert list(staff_client.get(url, {"q": "robusta"}).context["cl"].queryset) == [group]


def test_an_unchanged_group_list_comes_from_the_cache(staff_client, django_assert_max_num_queries):
    for _ in range(3):
        MembershipFactory()
    url = reverse("admin:ikm_businessgroup_changelist")
    staff_client.get(url)  # the browser gets its CSRF cookie
    first = staff_client.get(url)  # drawn and kept
    # The session, the user, the rights (checked before the cache), one cache read.
    with django_assert_max_num_queries(6):
        kept = staff_client.get(url)
    assert kept.content == first.content
    MembershipFactory(group__name="Kelompok Baru")
    assert "Kelompok Baru" in staff_client.get(url).content.decode()


def test_a_user_who_lost_the_right_gets_no_kept_list(staff_client, staff_user):
    MembershipFactory()
    url = reverse("admin:ikm_businessgroup_changelist")
    for _ in range(3):
        assert staff_client.get(url).status_code == 200  # the last one from the cache
    staff_user.groups.clear()
    staff_user.user_permissions.add(Permission.objects.get(codename="view_kbli"))
    assert staff_client.get(url).status_code == 403
