"""Signing in and out of admin in a real browser, as an editor or a reviewer would."""

from tests.factories import PASSWORD


def sign_in(page, base, username):
    page.goto(base + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")


def sign_out(page):
    go(page, page.locator("#logout-form button"))


def go(page, target):
    """Click a button or link that loads a page, and wait for that page.

    click() returns once the click is done, not once the next page has loaded: a
    count() or a scan right after it can read the page being left (a busy CI machine
    counted 0 changes on the history page instead of the compare page it opened).
    """
    with page.expect_navigation():
        target.click()
