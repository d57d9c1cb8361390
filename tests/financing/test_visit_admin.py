"""The admin's list of bookkeeping visits: newest first, filtered by the five marks."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import BookkeepingVisitFactory

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_seriousness_without_reading_the_marks(admin_client):
    for day, mark in [(1, 2), (2, 4), (3, 4), (4, 5)]:
        BookkeepingVisitFactory(visited_on=datetime.date(2026, 3, day), seriousness=mark)
    url = reverse("admin:financing_bookkeepingvisit_changelist")

    listed = admin_client.get(url).context["cl"].result_list
    assert [visit.visited_on.day for visit in listed] == [4, 3, 2, 1]  # newest first

    response = admin_client.get(url, {"seriousness": "4"})
    assert [visit.seriousness for visit in response.context["cl"].result_list] == [4, 4]
    changelist = response.context["cl"]
    (marks,) = [
        spec
        for spec in changelist.filter_specs
        if getattr(spec, "parameter_name", "") == "seriousness"
    ]
    choices = [choice["display"] for choice in marks.choices(changelist)]
    assert choices[1:] == ["1", "2", "3", "4", "5"]  # all five, also the marks nobody gave
