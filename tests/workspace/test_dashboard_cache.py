"""The dashboard's figures come from the shared cache, and are right after any change."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate

from portal import caching, roles
from portal.caching import (
    ALL,
    BESIDES_VISITS,
    PUBLIC,
    UNWATCHED_MODELS,
    VISIT_MODELS,
    WATCHED_APPS,
    data_version,
)
from portal.workspace.views import FigureFilterForm
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CreditApplicationFactory,
    MembershipFactory,
    MentorAssignmentFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("workspace:dashboard")


def _figures(client):
    return client.get(URL).context["figures"]


def test_an_unchanged_dashboard_is_not_computed_again(staff_client, django_assert_max_num_queries):
    BusinessGroupFactory()
    staff_client.get(URL)  # the browser gets its CSRF cookie
    figures = _figures(staff_client)  # built from the cached figures, then kept
    # The session, the user and one cache read: the kept page was built for this user's
    # rights under the current version, which any change of rights moves.
    with django_assert_max_num_queries(3):
        response = staff_client.get(URL)
    assert response.status_code == 200 and response.context is None
    assert str(figures.groups.groups) in response.content.decode()


def test_another_user_does_not_get_the_page_kept_for_one(staff_client, admin_user_dinas):
    staff_client.get(URL)
    staff_client.get(URL)
    assert staff_client.get(URL).context is None  # kept for the staff user
    staff_client.force_login(admin_user_dinas)  # same browser, another user
    assert staff_client.get(URL).context is not None  # built for this user


def _kept_then(client, change) -> int:
    """The answer's status after `change`, for a browser that has the page kept."""
    client.get(URL)  # the browser gets its CSRF cookie
    client.get(URL)  # built and kept
    assert client.get(URL).context is None  # kept
    change()
    return client.get(URL).status_code


def test_a_role_taken_away_is_refused_at_once_though_the_page_was_kept(staff_client, staff_user):
    assert _kept_then(staff_client, lambda: staff_user.groups.clear()) == 403


def test_a_renamed_or_deleted_role_is_refused_at_once(staff_client, staff_user):
    from django.contrib.auth.models import Group

    def rename():
        role = staff_user.groups.get()
        role.name = "Bekas peran"
        role.save()

    assert _kept_then(staff_client, rename) == 403
    Group.objects.filter(pk=staff_user.groups.get().pk).update(name=roles.DINAS_STAFF)
    caching.data_changed()  # update() above sends no signal
    assert _kept_then(staff_client, lambda: staff_user.groups.get().delete()) == 403


def test_a_permission_taken_from_the_role_is_refused_at_once(staff_client, staff_user):
    from django.contrib.auth.models import Permission

    view = Permission.objects.get(codename="view_businessgroup")
    assert _kept_then(staff_client, lambda: staff_user.groups.get().permissions.remove(view)) == 403


def test_a_deactivated_user_is_logged_out_though_the_page_was_kept(staff_client, staff_user):
    def deactivate():
        staff_user.is_active = False
        staff_user.save()

    assert _kept_then(staff_client, deactivate) == 302


def test_every_kind_of_change_shows_at_once(staff_client):
    group = BusinessGroupFactory()
    assert _figures(staff_client).groups.groups == 1
    BusinessGroupFactory()
    assert _figures(staff_client).groups.groups == 2
    MembershipFactory(group=group)
    assert _figures(staff_client).groups.members == 1
    assignment = MentorAssignmentFactory(group=group)
    assert _figures(staff_client).mentoring.mentored == 1
    BookkeepingVisitFactory(assignment=assignment, visited_on=localdate())
    assert _figures(staff_client).mentoring.visits == 1
    aid = AidFactory(group=group, value=7_500_000, handed_over_on=localdate())
    assert _figures(staff_client).aid.handed_over.value == 7_500_000
    AidCheckFactory(aid=aid, status="dijual")
    assert _figures(staff_client).aid.sold.count == 1
    CreditApplicationFactory(group=group, amount_requested=10_000_000)
    assert _figures(staff_client).credit.asked.value == 10_000_000
    group.status = "bubar"
    group.save()
    assert _figures(staff_client).groups.groups == 1


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in apps.get_models()
        if m._meta.app_label in WATCHED_APPS
        and m._meta.label_lower not in UNWATCHED_MODELS
        and not m._meta.model_name.startswith("historical")
    ],
    ids=lambda m: m._meta.label_lower,
)
def test_a_save_of_any_record_a_page_shows_makes_the_figures_stale(model):
    before, besides_visits = data_version(ALL), data_version(BESIDES_VISITS)
    caching._model_changed(sender=model)  # what post_save and post_delete call
    assert data_version(ALL) != before
    moved = data_version(BESIDES_VISITS) != besides_visits
    assert moved == (model._meta.label_lower not in VISIT_MODELS)


def test_a_visit_logged_counts_the_visits_again_not_the_rest(staff_client):
    group = BusinessGroupFactory()
    MembershipFactory(group=group)
    assignment = MentorAssignmentFactory(group=group)
    assert _figures(staff_client).mentoring.visits == 0

    BookkeepingVisitFactory(assignment=assignment, visited_on=localdate())
    with CaptureQueriesContext(connection) as answered:
        figures = _figures(staff_client)

    assert (figures.mentoring.visits, figures.groups.members) == (1, 1)
    asked = " ".join(query["sql"] for query in answered.captured_queries)
    assert "financing_bookkeepingvisit" in asked
    assert "ikm_membership" not in asked  # the members were not counted again


def test_import_bookkeeping_is_not_a_change_of_the_figures():
    before = data_version(ALL), data_version(PUBLIC)
    caching._model_changed(sender=apps.get_model("ikm", "ImportJob"))
    assert (data_version(ALL), data_version(PUBLIC)) == before


def test_a_year_with_a_first_record_is_offered_at_once(staff_user, django_assert_num_queries):
    group = BusinessGroupFactory(founded_on=None)

    def years():
        return [year for year, _label in FigureFilterForm(user=staff_user).fields["tahun"].choices]

    this_year = localdate().year
    assert years() == [this_year]
    # The cache version and the kept years; the visits' years are probed (none here).
    with django_assert_num_queries(3):
        assert years() == [this_year]
    AidFactory(group=group, handed_over_on=localdate().replace(year=this_year - 3))
    assert years() == [this_year, this_year - 3]
    assignment = MentorAssignmentFactory(group=group)
    for years_ago in (5, 5, 1):
        BookkeepingVisitFactory(
            assignment=assignment, visited_on=localdate().replace(year=this_year - years_ago)
        )
    assert years() == [this_year, this_year - 1, this_year - 3, this_year - 5]


def test_a_visit_logged_counts_the_reports_visits_again_not_the_rest(staff_client):
    group = BusinessGroupFactory()
    MembershipFactory(group=group)
    assignment = MentorAssignmentFactory(group=group)
    url = reverse("workspace:evaluation")
    assert staff_client.get(url).context["report"].total.mentoring.visits == 0

    BookkeepingVisitFactory(assignment=assignment, visited_on=localdate())
    with CaptureQueriesContext(connection) as answered:
        report = staff_client.get(url).context["report"]

    assert (report.total.mentoring.visits, report.total.groups.members) == (1, 1)
    [area] = [area for area in report.areas if area.kecamatan == group.kelurahan.kecamatan]
    assert (area.mentoring.visits, area.mentoring.mentored, area.groups.members) == (1, 1, 1)
    asked = " ".join(query["sql"] for query in answered.captured_queries)
    assert "financing_bookkeepingvisit" in asked
    assert "ikm_membership" not in asked  # the members and the register were not read again
