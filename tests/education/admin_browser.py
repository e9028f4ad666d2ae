"""Signing in and out of admin in a real browser, as an editor or a reviewer would."""

from tests.factories import PASSWORD


def sign_in(page, base, username):
    page.goto(base + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")


def sign_out(page):
    page.locator("#logout-form button").click()
