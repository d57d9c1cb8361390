"""No member's NIK, phone, address or name reaches a public page, its HTML or its export.

Renders every public page of the demo city (home, directory and its filters, every profile,
theme and kelurahan page, the open data, the sitemap) and looks for every member's data.
The only name allowed is a ketua's, on the profile of a group that chose to show it.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ikm.models import BusinessGroup, Member, Membership, Theme
from kelurahan.models import Kecamatan, Kelurahan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_city(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def _public_urls():
    urls = ["/", "/robots.txt", "/sitemap.xml", reverse("ikm:directory")]
    for kecamatan in Kecamatan.objects.all():
        urls.append(f"{reverse('ikm:directory')}?kecamatan={kecamatan.code}")
    for query in ["kopi", "keripik pisang", "batik", "a"]:
        urls.append(f"{reverse('ikm:directory')}?q={query}")
    for kind in ["halal", "pirt", "bpom", "sni"]:
        urls.append(f"{reverse('ikm:directory')}?sertifikasi={kind}")
    for export in ["ikm:directory_csv", "ikm:directory_json"]:
        urls.append(reverse(export))
    for slug in BusinessGroup.objects.values_list("slug", flat=True):
        urls.append(reverse("ikm:profile", args=[slug]))
    for slug in Theme.objects.values_list("slug", flat=True):
        urls.append(reverse("ikm:theme", args=[slug]))
    for code in Kelurahan.objects.values_list("code", flat=True):
        urls.append(reverse("kelurahan:detail", args=[code]))
    return urls


def _shown_leaders():
    """Ketua names a group chose to show, with the profile they may appear on."""
    return {
        membership.member.name: reverse("ikm:profile", args=[membership.group.slug])
        for membership in Membership.objects.active()
        .filter(role=Membership.Role.LEADER, group__show_leader_name=True)
        .filter(group__in=BusinessGroup.objects.published())
        .select_related("member", "group")
    }


def test_no_personal_data_on_any_public_page(client, demo_city):
    members = list(Member.objects.all())
    assert len(members) > 150
    shown_leaders = _shown_leaders()
    assert shown_leaders, "the demo should show some leaders' names"
    pages = {url: client.get(url) for url in _public_urls()}
    assert all(response.status_code in (200, 404) for response in pages.values())
    assert sum(response.status_code == 200 for response in pages.values()) > 60

    for url, response in pages.items():
        content = response.content.decode("utf-8-sig")
        digits_only = "".join(ch for ch in content if ch.isdigit() or ch == "+")
        for member in members:
            assert member.nik not in content, (url, "NIK")
            assert member.nik not in digits_only, (url, "NIK with separators")
            if member.phone:
                local = "0" + member.phone[3:]
                assert member.phone not in digits_only, (url, "phone")
                assert local not in digits_only, (url, "phone written 0812-…")
            if member.address:
                assert member.address not in content, (url, "address")
            if member.name in content:
                assert shown_leaders.get(member.name) == url, (url, member.name)

    # The leaders' names that were chosen to be shown are shown (the check above is not empty).
    for name, url in shown_leaders.items():
        assert name in pages[url].content.decode()
