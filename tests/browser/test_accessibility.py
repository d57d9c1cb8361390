"""axe-core in Chromium on the public pages of the demo city, at phone and desktop width.

The demo is loaded once and one test walks every page at both widths: live-server tests
flush the database afterwards, and the demo (photos included) is the content residents see.
Serious and critical violations fail; the message lists each one with where to find it.
"""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from ikm.models import BusinessGroup
from tests.browser.conftest import PHONE
from tests.factories import BusinessGroupFactory, KelurahanFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
FAILING_IMPACTS = {"serious", "critical"}
# WCAG 2.2 A and AA (target size included) and axe's best practices (landmarks, headings).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


def _demo_pages() -> dict[str, str]:
    """Home, a search with results, and the profile, kelurahan and theme of a group that
    has a photo, products with photos and prices, and certificates."""
    group = (
        BusinessGroup.objects.published()
        .exclude(photo="")
        .filter(products__certifications__isnull=False, products__photo__gt="")
        .select_related("kelurahan", "theme")
        .order_by("name")
        .first()
    )
    assert group is not None, "the demo city has no group with photos and certificates"
    return {
        "beranda": reverse("home"),
        "direktori": f"{reverse('ikm:directory')}?q=kopi",
        "profil": reverse("ikm:profile", args=[group.slug]),
        "kelurahan": reverse("kelurahan:detail", args=[group.kelurahan.code]),
        "tema": reverse("ikm:theme", args=[group.theme.slug]),
    }


def _serious_violations(page) -> list[dict]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [v for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]


def _describe(where: str, violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
    count = len(violation["nodes"])
    return (
        f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}"
        f" -> {count} element(s): {targets}"
    )


def test_public_pages_have_no_serious_accessibility_violation(live_portal, browser, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False  # the pages as production serves them
    pages = _demo_pages()

    problems = []
    for size_name, viewport in {"ponsel": PHONE, "desktop": DESKTOP}.items():
        context = browser.new_context(viewport=viewport, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(10_000)
        for page_name, path in pages.items():
            page.goto(f"{live_portal}{path}")
            if page_name == "direktori":
                # The filters fold away; axe only checks what is rendered, so unfold them.
                page.get_by_text("Saring dan urutkan").click()
            page.wait_for_load_state("networkidle")  # lazy photos in, for the contrast checks
            problems += [
                _describe(f"{page_name} ({size_name}) {path}", violation)
                for violation in _serious_violations(page)
            ]
        context.close()

    assert not problems, "axe-core found:\n" + "\n".join(problems)


def test_keyboard_reaches_search_and_first_result_with_visible_focus(live_portal, phone):
    place = KelurahanFactory(name="Besusu Barat")
    BusinessGroupFactory(name="IKM Kopi Besusu", kelurahan=place)
    BusinessGroupFactory(name="IKM Rotan Talise", kelurahan=place)

    phone.goto(f"{live_portal}{reverse('ikm:directory')}")
    search_box = phone.get_by_label("Cari usaha atau produk")
    first_result = phone.get_by_role("link", name="IKM Kopi Besusu")
    reached_search_box = False
    for _ in range(12):
        phone.keyboard.press("Tab")
        assert phone.evaluate(FOCUS_IS_VISIBLE), phone.evaluate("document.activeElement.outerHTML")
        reached_search_box = reached_search_box or search_box.evaluate(IS_FOCUSED)
        if first_result.evaluate(IS_FOCUSED):
            break
    else:
        pytest.fail("twelve presses of Tab did not reach the first result")
    assert reached_search_box, "the first result was reached before the search box"


IS_FOCUSED = "element => element === document.activeElement"
FOCUS_IS_VISIBLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return element !== document.body && element.matches(":focus-visible")
        && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""
