"""FirstPageCountingPaginator gives Django's pages, without COUNT(*) for a short list."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikm.models import BusinessGroup
from portal.pagination import FirstPageCountingPaginator
from tests.factories import BusinessGroupFactory, KelurahanFactory


def _described(page):
    return (
        list(page.object_list),
        page.number,
        page.paginator.count,
        page.paginator.num_pages,
        page.has_next(),
        page.has_previous(),
        page.start_index(),
        page.end_index(),
    )


@pytest.mark.parametrize("size", [0, 1, 19, 20, 21, 45])
@pytest.mark.parametrize("number", [None, "", "1", 1, "2", "3", "99", "0", "-1", "abc", "1.5"])
def test_the_same_pages_as_djangos_paginator(size, number):
    rows = list(range(size))
    expected = Paginator(rows, 20).get_page(number)
    assert _described(FirstPageCountingPaginator(rows, 20).get_page(number)) == _described(expected)


def _count_queries(captured) -> int:
    return sum("COUNT(" in query["sql"].upper() for query in captured)


@pytest.mark.django_db
def test_a_list_that_fits_its_first_page_is_not_counted():
    kelurahan = KelurahanFactory()
    BusinessGroupFactory.create_batch(3, kelurahan=kelurahan)
    groups = BusinessGroup.objects.filter(kelurahan=kelurahan).order_by("name")

    with CaptureQueriesContext(connection) as answered:
        page = FirstPageCountingPaginator(groups, 2).get_page("2")
        assert len(page) == 1
    assert _count_queries(answered.captured_queries) == 1

    with CaptureQueriesContext(connection) as answered:
        page = FirstPageCountingPaginator(groups, 3).get_page(None)
        assert (len(page), page.paginator.count, page.has_next()) == (3, 3, False)
    assert len(answered.captured_queries) == 1
    assert _count_queries(answered.captured_queries) == 0

    with CaptureQueriesContext(connection) as answered:
        page = FirstPageCountingPaginator(groups, 2).get_page(None)
        assert (len(page), page.paginator.count, page.has_next()) == (2, 3, True)
    assert _count_queries(answered.captured_queries) == 1


@pytest.mark.django_db
def test_a_kelurahan_page_with_few_groups_counts_only_its_active_groups(client):
    kelurahan = KelurahanFactory()
    BusinessGroupFactory.create_batch(2, kelurahan=kelurahan)

    with CaptureQueriesContext(connection) as answered:
        response = client.get(reverse("kelurahan:detail", args=[kelurahan.code]))

    assert len(response.context["page_obj"]) == 2
    assert _count_queries(answered.captured_queries) == 1  # the active groups, for the target
