"""Mentor workspace, lender supervisor pages, and the Dinas mentor coverage page."""

from collections import defaultdict
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from financing import access
from financing.charts import figures_chart
from financing.forms import (
    AssignMentorForm,
    BulkAssignForm,
    CoverageFilterForm,
    CreditDecisionForm,
    CreditProposalForm,
    VisitForm,
    mentors_queryset,
)
from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    Lender,
    LenderStaff,
    MentorAssignment,
    visit_overdue_since,
)
from financing.readiness import READY, assess
from financing.reports import last_full_quarter, lender_mentoring_report, report_period
from financing.services import (
    MentorshipError,
    credit_application_decide,
    credit_application_propose,
    mentor_assign,
    mentor_assign_to_unmentored,
    mentor_assignment_end,
    visit_log,
)
from financing.standing import with_last_visit_kept
from ikm.models import Aid, BusinessGroup
from ikm.views.exports import EXPORT_KINDS
from portal.caching import cached_page_for_user
from portal.parsing import only_digits
from portal.pdf import pdf_response
from portal.roles import is_dinas, require_dinas


def _with_last_visit(assignments):
    return assignments.select_related("group__kelurahan", "group__theme").annotate(
        last_visit=Max("group__mentor_assignments__visits__visited_on")
    )


def _overdue(last_visit, today) -> bool:
    return last_visit is None or last_visit < visit_overdue_since(today)


@login_required
def my_groups(request):
    """Kelompok saya: a mentor's groups, those overdue for a visit (none in 30 days) first."""
    return cached_page_for_user(
        request, lambda: _my_groups_page(request), allowed=lambda: access.is_mentor(request.user)
    )


def _my_groups_page(request):
    today = timezone.localdate()
    assignments = list(_with_last_visit(access.assignments_for(request.user)))
    for assignment in assignments:
        assignment.overdue = _overdue(assignment.last_visit, today)
    assignments.sort(
        key=lambda a: (not a.overdue, a.last_visit or today.replace(year=1), a.group.name)
    )
    return render(
        request,
        "financing/my_groups.html",
        {"assignments": assignments, "overdue_count": sum(a.overdue for a in assignments)},
    )


@require_GET
def service_worker(request):
    """The offline helper of the mentor pages (static/financing/sw.js).

    Served from /pendampingan/ rather than /static/ because a service worker only sees the
    pages under the folder it comes from. Never cached, so that a fix reaches phones at once.
    The script holds nothing private, so there is no login check: the browser fetches it
    again to look for updates, also after the session has ended.
    """
    script = Path(finders.find("financing/sw.js")).read_bytes()
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def _group_in_scope(request, slug) -> BusinessGroup:
    return get_object_or_404(
        access.groups_for(request.user).select_related("kelurahan__kecamatan", "theme"), slug=slug
    )


def _current_assignment(group):
    return (
        MentorAssignment.objects.active()
        .filter(group=group)
        .select_related("mentor__user", "mentor__lender")
        .first()
    )


def _is_their_mentor(user, assignment) -> bool:
    staff = access.lender_staff_of(user)
    return bool(assignment and staff and assignment.mentor_id == staff.pk)


def _group_they_mentor(request, slug) -> tuple[BusinessGroup, MentorAssignment]:
    """The group and its assignment, for its current mentor only (others: 404 or 403)."""
    group = _group_in_scope(request, slug)
    assignment = _current_assignment(group)
    if not _is_their_mentor(request.user, assignment):
        raise PermissionDenied
    return group, assignment


@login_required
def group_detail(request, slug):
    group = _group_in_scope(request, slug)
    visits = list(
        access.visits_for(request.user)
        .of_group(group)
        .select_related("assignment__mentor__user")
        .order_by("visited_on", "created_at")
    )
    assignment = _current_assignment(group)
    latest = visits[-1] if visits else None
    checklist = [
        (BookkeepingVisit._meta.get_field(name).verbose_name, getattr(latest, name, False))
        for name in BookkeepingVisit.CHECKLIST
    ]
    return render(
        request,
        "financing/group_detail.html",
        {
            "group": group,
            "assignment": assignment,
            "visits": list(reversed(visits)),
            "latest": latest,
            "checklist": checklist,
            "readiness": assess(visits, aid=Aid.objects.filter(group=group)),
            "chart": figures_chart(visits[-12:]),
            "applications": access.applications_for(request.user)
            .filter(group=group)
            .select_related("scheme", "lender"),
            "can_log": _is_their_mentor(request.user, assignment),
        },
    )


def _add_errors(form, error: Exception) -> None:
    """Show a service's refusal on the form, next to the field it concerns when it names one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_http_methods(["GET", "POST"])
def visit_create(request, slug):
    """Log a visit. The offline queue posts here too, asking for JSON."""
    group, assignment = _group_they_mentor(request, slug)
    last_visit = BookkeepingVisit.objects.filter(assignment__group=group).first()
    if request.method == "GET":
        form = VisitForm.starting_from(last_visit)
        return render(
            request, "financing/visit_form.html", {"form": form, "group": group, "last": last_visit}
        )

    form = VisitForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            visit, created = visit_log(
                assignment=assignment,
                data=form.visit_data(),
                idempotency_key=form.cleaned_data["idempotency_key"],
                by=request.user,
            )
        except (ValidationError, MentorshipError) as error:
            _add_errors(form, error)
        else:
            url = reverse("financing:group", args=[group.slug])
            if _wants_json(request):
                return JsonResponse({"saved": True, "created": created, "url": url})
            if created:
                messages.success(request, _("Kunjungan tersimpan."))
            else:
                messages.info(request, _("Kunjungan ini sudah tersimpan sebelumnya."))
            return redirect(url)
    if _wants_json(request):
        return JsonResponse({"saved": False, "errors": form.errors.get_json_data()}, status=400)
    return render(
        request,
        "financing/visit_form.html",
        {"form": form, "group": group, "last": last_visit},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def credit_propose(request, slug):
    group, assignment = _group_they_mentor(request, slug)
    form = CreditProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credit_application_propose(
                group=group,
                lender=assignment.mentor.lender,
                by=request.user,
                **form.cleaned_data,
            )
        except (ValidationError, MentorshipError) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Pengajuan kredit terkirim ke supervisor."))
            return redirect("financing:group", slug=group.slug)
    return render(
        request,
        "financing/credit_form.html",
        {"form": form, "group": group, "lender": assignment.mentor.lender},
    )


def _visits_by_group(visits) -> dict[int, list]:
    by_group = defaultdict(list)
    for visit in visits:
        by_group[visit.assignment.group_id].append(visit)
    return by_group


@login_required
def lender_overview(request):
    """A supervisor's view of their lender: groups by readiness, applications to decide."""
    if not access.is_supervisor(request.user):
        raise PermissionDenied
    staff = access.lender_staff_of(request.user)
    assignments = list(
        _with_last_visit(access.assignments_for(request.user).active()).select_related(
            "mentor__user"
        )
    )
    visits = _visits_by_group(
        access.visits_for(request.user).select_related("assignment").order_by("visited_on")
    )
    aid = defaultdict(list)
    for item in Aid.objects.filter(group__in=[a.group_id for a in assignments]):
        aid[item.group_id].append(item)
    today = timezone.localdate()
    for assignment in assignments:
        assignment.readiness = assess(
            visits.get(assignment.group_id, []), aid=aid[assignment.group_id], today=today
        )
        assignment.overdue = _overdue(assignment.last_visit, today)
    assignments.sort(
        key=lambda a: (a.readiness.level != READY, not a.readiness.at_risk, a.group.name)
    )
    applications = access.applications_for(request.user).select_related("group", "scheme")
    return render(
        request,
        "financing/lender_overview.html",
        {
            "lender": staff.lender,
            "assignments": assignments,
            "ready": [a for a in assignments if a.readiness.level == READY],
            "at_risk": [a for a in assignments if a.readiness.at_risk],
            "pending": [a for a in applications if a.status == CreditApplication.Status.SUBMITTED],
            "applications": applications,
            "report_period": last_full_quarter(today),
            "export_kinds": EXPORT_KINDS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = get_object_or_404(
        access.applications_for(request.user).select_related("group", "scheme", "lender"), pk=pk
    )
    staff = access.lender_staff_of(request.user)
    can_decide = (
        access.is_supervisor(request.user)
        and application.lender_id == staff.lender_id
        and request.user.has_perm("financing.change_creditapplication")
    )
    form = CreditDecisionForm(request.POST or None, application=application)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                credit_application_decide(
                    application=application, by=request.user, **form.cleaned_data
                )
            except (ValidationError, MentorshipError) as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Status pengajuan diperbarui."))
                return redirect("financing:application", pk=application.pk)
    return render(
        request,
        "financing/application_detail.html",
        {
            "application": application,
            "form": form if can_decide and form.fields["status"].choices else None,
            "history": application.history.select_related("history_user").order_by("-history_date"),
        },
    )


def _require_dinas(user):
    require_dinas(user, "financing.add_mentorassignment")


UNMENTORED_PER_PAGE = 50
OVERDUE_MENTORS_PER_PAGE = 10
OVERDUE_MENTORS_PAGE = "halaman_mentor"  # the list of groups pages with "page"


@login_required
@require_http_methods(["GET", "POST"])
def coverage(request):
    """Dinas: groups without a mentor (assign them in bulk) and mentors with overdue visits.

    Both lists are paged and filtered (?q=&kecamatan=&lembaga=), and the figures are counted
    by the database over everything in the user's reach, so that neither the queries nor the
    page grow with a province's hundred thousand groups.
    """
    _require_dinas(request.user)
    active = access.assignments_for(request.user).active()
    in_reach = access.groups_for(request.user).active()
    unmentored = in_reach.exclude(pk__in=active.values("group_id"))
    filter_form = CoverageFilterForm(request.GET or None, groups=in_reach)
    filtering = filter_form.is_filtering()
    listed = filter_form.filter_groups(unmentored).select_related("kelurahan")
    page = Paginator(listed.order_by("name", "pk"), UNMENTORED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    form = BulkAssignForm(
        request.POST or None,
        unmentored=unmentored,
        shown=page.object_list,
        lender=filter_form.lender(),
    )
    if request.method == "POST" and form.is_valid():
        count = mentor_assign_to_unmentored(
            groups=unmentored.filter(pk__in=[g.pk for g in form.cleaned_data["groups"]]),
            mentor=form.cleaned_data["mentor"],
            by=request.user,
        )
        messages.success(request, _("%(count)d kelompok mendapat mentor.") % {"count": count})
        # Back to the same filter and page, for the next groups to assign.
        query = request.GET.urlencode()
        return redirect(reverse("financing:coverage") + (f"?{query}" if query else ""))

    overdue = _overdue_assignments(active, today=timezone.localdate())
    listed_overdue = filter_form.filter_groups(overdue, prefix="group__")
    if lender := filter_form.lender():
        listed_overdue = listed_overdue.filter(mentor__lender=lender)
    totals = listed_overdue.aggregate(groups=Count("pk"), mentors=Count("mentor_id", distinct=True))
    mentors = Paginator(_overdue_count_by_mentor(listed_overdue), OVERDUE_MENTORS_PER_PAGE)
    mentors.count = totals["mentors"]  # counted above, in the same pass as the groups
    mentors_page = mentors.get_page(request.GET.get(OVERDUE_MENTORS_PAGE))
    return render(
        request,
        "financing/coverage.html",
        {
            "filter_form": filter_form,
            "form": form,
            "page_obj": page,
            "query_string": _query_string_without(request, "page"),
            "overdue_by_mentor": _overdue_of_mentors(listed_overdue, mentors_page.object_list),
            "mentors_page": mentors_page,
            "mentors_page_param": OVERDUE_MENTORS_PAGE,
            "mentors_query_string": _query_string_without(request, OVERDUE_MENTORS_PAGE),
            # The figures count everything in reach; unfiltered, the lists' counts are those.
            "active_count": active.count(),
            "unmentored_count": unmentored.count() if filtering else page.paginator.count,
            "overdue_count": overdue.count() if filtering else totals["groups"],
            "mentor_count": mentors_queryset().count(),
        },
    )


def _query_string_without(request, name: str) -> str:
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()


def _overdue_assignments(active, *, today):
    """The running assignments of active groups that had no visit since the overdue day, by
    any of their mentors: the day of each group's latest visit is read from its
    GroupReadiness row (brought up to date first), as the dashboard counts overdue visits,
    instead of probing a province's million visits for each assignment."""
    groups = BusinessGroup.objects.active().filter(pk__in=active.values("group_id"))
    running = active.filter(group__status=BusinessGroup.Status.ACTIVE)
    return with_last_visit_kept(running, groups, today=today).filter(
        Q(last_visit__isnull=True) | Q(last_visit__lt=visit_overdue_since(today))
    )


def _overdue_count_by_mentor(overdue):
    """Mentor ids and their number of overdue groups, the most first, then by name."""
    user = "mentor__user__"
    name = Coalesce(
        NullIf(Trim(Concat(f"{user}first_name", Value(" "), f"{user}last_name")), Value("")),
        f"{user}username",
    )
    return (
        overdue.order_by()
        .values("mentor_id")
        .annotate(overdue=Count("pk"), mentor_name=name)
        .order_by("-overdue", "mentor_name", "mentor_id")
    )


def _overdue_of_mentors(overdue, counts) -> list[tuple[LenderStaff, list[MentorAssignment]]]:
    """(mentor, their overdue assignments, the longest unvisited first) for a page of
    `_overdue_count_by_mentor`, in two queries."""
    ids = [row["mentor_id"] for row in counts]
    mentors = LenderStaff.objects.select_related("user", "lender").in_bulk(ids)
    assignments = defaultdict(list)
    overdue_of_page = overdue.filter(mentor_id__in=ids).select_related(
        "group__kelurahan", "group__theme"
    )
    for assignment in overdue_of_page.order_by(
        F("last_visit").asc(nulls_first=True), "group__name", "pk"
    ):
        assignments[assignment.mentor_id].append(assignment)
    return [(mentors[pk], assignments[pk]) for pk in ids]


@login_required
@require_http_methods(["GET", "POST"])
def assign_mentor(request, slug):
    _require_dinas(request.user)
    group = get_object_or_404(
        access.groups_for(request.user).select_related("kelurahan"), slug=slug
    )
    current = _current_assignment(group)
    form = AssignMentorForm(request.POST or None, initial={"mentor": current and current.mentor})
    if request.method == "POST" and form.is_valid():
        try:
            mentor_assign(group=group, mentor=form.cleaned_data["mentor"], by=request.user)
        except (MentorshipError, ValidationError) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Mentor kelompok %(group)s disimpan.") % {"group": group})
            return redirect("financing:coverage")
    return render(
        request,
        "financing/assign_form.html",
        {"form": form, "group": group, "current": current},
    )


@require_POST
@login_required
def assignment_end(request, pk):
    """Dinas ends an assignment (a mentor leaves); the group then shows as without mentor."""
    _require_dinas(request.user)
    assignment = get_object_or_404(access.assignments_for(request.user).active(), pk=pk)
    mentor_assignment_end(assignment=assignment)
    messages.success(request, _("Penugasan diakhiri."))
    return redirect("financing:coverage")


def _report_lender(request) -> Lender:
    """Supervisors report on their own lender; Dinas on the one named by ?lender=."""
    asked = request.GET.get("lender", "")
    if is_dinas(request.user):
        require_dinas(request.user, "financing.view_lender")
        if not only_digits(asked):
            raise Http404
        return get_object_or_404(Lender, pk=asked)
    if not access.is_supervisor(request.user):
        raise PermissionDenied
    lender = access.lender_staff_of(request.user).lender
    if asked and asked != str(lender.pk):
        raise Http404
    return lender


@login_required
@require_GET
def lender_report(request):
    """A lender's mentoring report of a period (?dari=&sampai=, default the last quarter)."""
    lender = _report_lender(request)
    try:
        start, end = report_period(
            start=request.GET.get("dari", ""), end=request.GET.get("sampai", "")
        )
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    return pdf_response(
        request,
        template_name="reports/lender_report.html",
        context={
            "report": lender_mentoring_report(lender=lender, start=start, end=end),
            # A supervisor prints it for their own lender's head to sign; Dinas for theirs.
            "for_lender": not is_dinas(request.user),
        },
        filename=f"pendampingan-{slugify(str(lender))}-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
    )
