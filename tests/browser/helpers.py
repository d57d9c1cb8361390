from django.conf import settings
from django.test import Client

TEST_PASSWORD = "kata-sandi-uji"  # tests.factories.UserFactory's password


def log_in(page, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Log in through the log-in form, as a person does."""
    page.goto(f"{base_url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def log_in_as(page, base_url: str, user) -> None:
    """Give the browser a session for `user` without going through the form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
