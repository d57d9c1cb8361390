"""The Content-Security-Policy blocks inline scripts, and no page of the portal needs one."""

from datetime import date

import pytest

from financing.services import mentor_assign
from portal import roles
from tests.browser.helpers import log_in_as
from tests.factories import BusinessGroupFactory, LenderStaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


def test_pages_with_scripts_run_without_violations(live_portal, browser):
    group = BusinessGroupFactory(slug="kopi-besusu", listed_publicly=True)
    mentor = LenderStaffFactory()
    mentor_assign(group=group, mentor=mentor, by=None, started_on=date(2025, 1, 6))
    admin = UserFactory(role=roles.DINAS_ADMIN)
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)

    public = ["/", "/umkm/", "/umkm/kopi-besusu/"]
    assert {url: _violations(page, live_portal + url) for url in public} == dict.fromkeys(
        public, []
    )
    log_in_as(page, live_portal, admin)
    dinas = ["/admin/", f"/admin/ikm/businessgroup/{group.pk}/change/", "/dinas/"]
    assert {url: _violations(page, live_portal + url) for url in dinas} == dict.fromkeys(dinas, [])
    context.clear_cookies()
    log_in_as(page, live_portal, mentor.user)
    visit_form = "/pendampingan/kopi-besusu/kunjungan/"
    assert _violations(page, live_portal + visit_form) == []
    context.close()


def test_an_injected_inline_script_is_refused(live_portal, browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(live_portal + "/")

    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
    }"""
    )

    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__cspViolations"))
    context.close()
