"""A patient finds their way from the home page to a linked section, in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_home_to_topic_to_section_link(page, live_server):
    # Given the home page
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Were you told your B2M is high?"

    # When I open the topic on how the kidneys handle B2M
    with page.expect_navigation():
        page.get_by_role("link", name="Learn about B2M").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Your kidneys and B2M").click()

    # Then its sections are listed and each one can be linked to directly
    assert page.url.endswith("/learn/kidneys-and-b2m/")
    page.locator("nav.on-this-page a[href='#high-urine-level']").click()
    assert page.url.endswith("#high-urine-level")
    section = page.locator("section#high-urine-level")
    assert section.is_visible()
    # Its accessible name reads as a sentence (no " : " Chromium put before a hidden ": ...").
    title = section.locator("h2").first.inner_text().strip()
    link = section.get_by_role("link", name=f"Link to this section “{title}”", exact=True)
    link.click()
    assert page.url.endswith("/learn/kidneys-and-b2m/#high-urine-level")

    # And a glossary word in it leads to its meaning
    with page.expect_navigation():
        section.locator("a[href^='/glossary/#']").first.click()
    assert "/glossary/#" in page.url
    anchor = page.url.split("#")[1]
    assert page.locator(f"#{anchor}").is_visible()
