import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from portal import roles
from portal.formatting import rupiah
from portal.templatetags.portal_format import rupiah as rupiah_filter
from tests.factories import BusinessGroupFactory, LenderStaffFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_city_figures_of_published_groups_only(client):
    shown = MembershipFactory().group
    MembershipFactory(group=shown)
    BusinessGroupFactory(listed_publicly=False)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["figures"] == {"groups": 1, "members": 2, "kelurahan": 1}
    content = response.content.decode()
    assert '<html lang="id">' in content
    assert "Kota Palu" in content
    assert shown.theme.name in content


def test_login_page_is_in_indonesian(client):
    content = client.get(reverse("login")).content.decode()
    assert "Masuk ke portal" in content
    assert "Kata sandi" in content


def test_wrong_password_gets_an_indonesian_message(client, staff_user):
    response = client.post(reverse("login"), {"username": "staf-uji", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_dinas_staff_land_on_the_dashboard_after_login(client, staff_user):
    response = client.post(
        reverse("login"), {"username": "staf-uji", "password": "kata-sandi-uji"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("workspace:dashboard")


def test_mentor_lands_on_their_groups_after_login(client):
    mentor = LenderStaffFactory().user
    client.force_login(mentor)
    assert client.get(reverse("landing")).url == reverse("financing:my_groups")


def test_logout_is_a_post(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_english_can_be_chosen(client):
    response = client.get(reverse("language"), {"language": "en", "next": "/umkm/"})
    assert response.status_code == 302 and response["Location"] == "/umkm/"
    page = client.get("/umkm/")
    assert '<html lang="en">' in page.content.decode()


def test_the_language_switch_goes_back_only_to_this_site(client):
    response = client.get(reverse("language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_roles_exist_with_permissions():
    from django.contrib.auth.models import Group

    staff = Group.objects.get(name=roles.DINAS_STAFF)
    assert staff.permissions.filter(codename="change_businessgroup").exists()
    assert staff.permissions.filter(codename="view_historicalbusinessgroup").exists()
    assert not staff.permissions.filter(content_type__app_label="auth").exists()
    mentor = Group.objects.get(name=roles.BANK_MENTOR)
    assert not mentor.permissions.filter(codename="view_member").exists()
    leader = Group.objects.get(name=roles.GROUP_LEADER)
    assert leader.permissions.filter(codename="change_product").exists()
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_PERMISSIONS)


def test_money_and_dates_read_the_indonesian_way():
    assert rupiah(1500000) == "Rp 1.500.000"
    assert rupiah_filter(25000) == "Rp 25.000"
    assert rupiah(None) == ""
    with translation.override("id"):
        day = timezone.datetime(2018, 4, 3).date()
        assert date_format(day) == "Selasa, 3 April 2018"


def test_missing_page_answers_404_in_indonesian(client, settings):
    settings.DEBUG = False
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_indonesian_even_when_the_phone_asks_for_english(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_an_unknown_language_cookie_falls_back_to_indonesian(client):
    client.cookies["django_language"] = "fr"
    assert '<html lang="id">' in client.get(reverse("login")).content.decode()


def test_a_request_in_english_leaves_the_worker_in_its_own_language(client):
    before = translation.get_language()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()
    assert translation.get_language() == before


def test_phones_read_the_indonesian_way():
    from portal.formatting import phone_display

    assert phone_display("+6281234567890") == "0812-3456-7890"
    assert phone_display("+62451421234") == "(0451) 421234"
    assert phone_display("") == ""


def test_dinas_users_get_the_workspace_menu_and_others_do_not(client, staff_user):
    from tests.factories import LenderStaffFactory

    assert "Menu Dinas" not in client.get(reverse("home")).content.decode()
    client.force_login(LenderStaffFactory().user)
    assert "Menu Dinas" not in client.get(reverse("home")).content.decode()
    client.force_login(staff_user)
    page = client.get(reverse("home")).content.decode()
    assert "Menu Dinas" in page
    assert reverse("ikm:import_start") in page
