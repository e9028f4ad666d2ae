"""The site as a browser sees it: every public page and every interpreter state.

Shared by the accessibility, keyboard and page-weight tests. Pages are served
by pytest-django's live server, with static files from STATIC_ROOT through
WhiteNoise (hashed names, .br/.gz files and their headers), exactly as in
production, so colour contrast and page weight are measured on the real CSS.
`make test` runs collectstatic first.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from django.conf import settings

# Transactional (the live server runs in another thread), and restoring the
# seeded content and wording after each test, which a flush would delete.
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def serve_like_production(live_server, monkeypatch):
    """The live server's URL, its static files served by WhiteNoise as in production.

    pytest-django's live server answers /static/ with the development finders,
    which know nothing of hashed names or compressed copies; with that handler
    stepped aside every request goes through the real middleware stack.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        pytest.fail("Run `manage.py collectstatic` first (make test does).")
    monkeypatch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
    return live_server.url


def _days_ago(days):
    return (datetime.date.today() - datetime.timedelta(days=days)).isoformat()


@dataclass(frozen=True)
class FormState:
    """A way to reach one checker state, the way a visitor would.

    `steps` are actions from the first screen on: ("fill", field id, text),
    ("select", field id, value), ("check", field id), ("press", button name),
    ("click", CSS selector of a button that leads to another page) or ("goto", path).
    `level`: the result level the answers give, when the state is a result.
    """

    steps: tuple = ()
    level: str | None = None
    title: str | None = None  # the start of the page title the state must have
    filled: str | None = None  # the id of a field the state shows filled in


def _first_screen(value, limit="2.4", **more):
    steps = [("fill", "id_serum_value", value)]
    if limit:
        steps.append(("fill", "id_serum_range", limit))
    steps += [("fill", f"id_{name}", text) for name, text in more.items()]
    return (*steps, ("press", "Continue"))


def _result(value, limit="2.4", *extra, **more):
    return (*_first_screen(value, limit, **more), *extra, ("press", "See my result"))


KIDNEY_EGFR_45 = (("press", "Add kidney results"), ("fill", "id_egfr", "45"), ("press", "Continue"))

# Blood results against a report limit of 2.4 mg/L (interpreter.rules): up to
# the limit is within range, up to 1.5x mildly raised, under 2x raised, 2x and
# over markedly raised. The report's own range decides the level.
INTERPRETER_STATES = {
    "empty form": FormState(title="Check my B2M result"),
    "form with errors": FormState(
        steps=(
            ("fill", "id_serum_value", "abc"),
            ("fill", "id_serum_range", "lots"),
            ("press", "Continue"),
        ),  # fmt: skip
        title="Error: Check my B2M result",
    ),
    "urine unit error": FormState(
        steps=(("check", "id_kind_1"), ("fill", "id_urine_value", "450"), ("press", "Continue")),
        title="Error: ",
    ),
    "check your answers": FormState(steps=_first_screen("3.1"), title="Check your answers"),
    "start again question": FormState(
        steps=(*_first_screen("3.1"), ("press", "Start again")), title="Clear all your answers?"
    ),
    "slip question": FormState(steps=_first_screen("34"), title="Is this right?"),
    # "No, it is 160 µg/L": back on the answers, with a note saying what changed.
    "answers after a slip changed the unit": FormState(
        steps=(
            ("check", "id_kind_1"),
            ("fill", "id_urine_value", "160"),
            ("select", "id_urine_unit", "mg/L"),
            ("press", "Continue"),
            ("press", "No, it is 160 µg/L"),
        ),
        title="Check your answers",
    ),
    # "Removed the earlier result from ...", with its Undo button.
    "answers after removing an earlier result": FormState(
        steps=(
            *_first_screen("3.1", test_date=_days_ago(3)),
            ("press", "Add an earlier result"),
            ("fill", "id_history-0-date", _days_ago(90)),
            ("fill", "id_history-0-serum_value", "2.9"),
            ("press", "Continue"),
            ("click", "button[value='remove:earlier:0']"),
        ),
        title="Check your answers",
    ),
    # "Check my result" in the header, with answers kept: an empty start that links back.
    "fresh start with answers kept": FormState(
        steps=(*_first_screen("3.1"), ("goto", "/interpret/")), title="Check my B2M result"
    ),
    # An earlier result many times the limit (25 typed for 2.5) is asked about too.
    "earlier result slip question": FormState(
        steps=(
            *_first_screen("3.1", test_date=_days_ago(3)),
            ("press", "Add an earlier result"),
            ("fill", "id_history-0-date", _days_ago(90)),
            ("fill", "id_history-0-serum_value", "25"),
            ("press", "Continue"),
        ),
        title="Is this right?",
    ),
    "kidney step": FormState(
        steps=(*_first_screen("3.1"), ("press", "Add kidney results")), title="Kidney results"
    ),
    "kidney step with errors": FormState(
        steps=(
            *_first_screen("3.1"),
            ("press", "Add kidney results"),
            ("fill", "id_creatinine_value", "1.1"),
            ("press", "Continue"),
        ),  # fmt: skip
        title="Error: Kidney results",
    ),
    "earlier result step": FormState(
        steps=(*_first_screen("3.1"), ("press", "Add an earlier result")),
        title="Add an earlier result",
    ),
    "earlier result with errors": FormState(
        steps=(
            *_first_screen("3.1"),
            ("press", "Add an earlier result"),
            ("fill", "id_history-0-serum_value", "2.9"),
            ("press", "Continue"),
        ),  # fmt: skip
        title="Error: Add an earlier result",
    ),
    "situations step": FormState(
        steps=(*_first_screen("3.1"), ("press", "Add around the time of the test")),
        title="Around the time of the test",
    ),
    # "Change" on the check page: the first screen again, filled in.
    "first screen after Change": FormState(
        steps=(
            *_first_screen("3.1", test_date=_days_ago(3)),
            ("click", "button[value^='edit:start:kind']"),  # Change result on the report
        ),
        title="Check my B2M result",
        filled="id_serum_value",
    ),
    "result with known blood cancer and an earlier result": FormState(
        steps=(
            *_first_screen("4.0", test_date=_days_ago(3)),
            ("press", "Add an earlier result"),
            ("fill", "id_history-0-date", _days_ago(90)),
            ("fill", "id_history-0-serum_value", "5.0"),
            ("press", "Continue"),
            ("press", "Add around the time of the test"),
            ("check", "id_context_5"),  # myeloma, CLL or lymphoma
            ("press", "Continue"),
            ("press", "See my result"),
        ),
        level="elevated",
    ),
    "result on dialysis with exercise ticked": FormState(
        steps=(
            *_first_screen("10"),
            ("press", "Add around the time of the test"),
            ("check", "id_context_0"),  # hard exercise
            ("check", "id_context_4"),  # dialysis
            ("press", "Continue"),
            ("press", "See my result"),
        ),
        level="markedly_elevated",
    ),
    # A urine result in range from an acidic sample: the level box is not green and
    # carries the second badge (its modifier is "unsure", not the level's).
    "result from an acidic urine sample": FormState(
        steps=(
            ("check", "id_kind_1"),
            ("fill", "id_urine_value", "150"),
            ("select", "id_urine_unit", "ug/L"),
            ("fill", "id_urine_range", "300"),
            ("press", "Continue"),
            ("press", "Add kidney results"),
            ("fill", "id_urine_ph", "5.5"),
            ("press", "Continue"),
            ("press", "See my result"),
        ),
        level="unsure",
    ),
    "result within_range": FormState(steps=_result("2.0"), level="within_range"),
    "result mildly_elevated": FormState(steps=_result("3.1"), level="mildly_elevated"),
    "result elevated": FormState(steps=_result("4.2"), level="elevated"),
    "result markedly_elevated": FormState(
        steps=_result("6.0", "2.4", *KIDNEY_EGFR_45), level="markedly_elevated"
    ),
    # A unit "per gram of creatinine" in every cell of the trend table: the widest table.
    "result with a per-creatinine trend": FormState(
        steps=(
            ("check", "id_kind_1"),
            ("fill", "id_urine_value", "450"),
            ("select", "id_urine_unit", "ug/g{creat}"),
            ("fill", "id_urine_range", "300"),
            ("fill", "id_test_date", _days_ago(7)),
            ("press", "Continue"),
            ("press", "Add an earlier result"),
            ("fill", "id_history-0-date", _days_ago(60)),
            ("fill", "id_history-0-urine_value", "200"),
            ("press", "Continue"),
            ("press", "See my result"),
        ),
        level="mildly_elevated",
    ),
    "result with trend chart": FormState(
        steps=(
            ("check", "id_kind_2"),
            ("fill", "id_serum_value", "3.1"),
            ("fill", "id_serum_range", "0.8-2.4"),
            ("fill", "id_urine_value", "450"),
            ("select", "id_urine_unit", "ug/L"),
            ("fill", "id_test_date", _days_ago(7)),
            ("press", "Continue"),
            ("press", "Add an earlier result"),
            ("fill", "id_history-0-date", _days_ago(60)),
            ("fill", "id_history-0-serum_value", "2.9"),
            ("fill", "id_history-0-urine_value", "380"),
            ("press", "Continue"),
            ("press", "Add an earlier result"),
            ("fill", "id_history-1-date", _days_ago(30)),
            ("fill", "id_history-1-serum_value", "3.0"),
            ("press", "Continue"),
            ("press", "See my result"),
        ),
        # A raise also seen in an earlier result is persistent: at least "elevated".
        level="elevated",
    ),
}


def public_paths():
    """Every public GET page: home, topics, glossary, the form, the clinicians' link page."""
    from education.models import Topic

    return (
        ["/", "/learn/", "/glossary/", "/interpret/"]
        + [topic.get_absolute_url() for topic in Topic.objects.published()]
        + ["/interpret/link/", "/interpret/link/?serum_unit=mg%2FL&serum_upper_limit=2.4"]
        + ["/interpret/?serum_unit=mg%2FL&serum_upper_limit=2.4"]
        # A result address whose answers are no longer kept: the calm first screen.
        + ["/interpret/?j=GoneGone&at=result"]
    )


def walk(page, steps):
    """Do each step on the checker's pages (see FormState)."""
    for action, *args in steps:
        if action == "fill":
            page.fill(f"[id='{args[0]}']", args[1])
        elif action == "select":
            page.select_option(f"[id='{args[0]}']", args[1])
        elif action == "check":
            page.check(f"[id='{args[0]}']")
        elif action == "goto":
            page.goto(urljoin(page.url, args[0]))
        elif action == "click":
            with page.expect_navigation():
                page.click(args[0])
        else:
            with page.expect_navigation():
                page.get_by_role("button", name=args[0], exact=True).click()


def open_state(page, base_url, name):
    """Bring `page` to the named checker state, the way a visitor would."""
    state = INTERPRETER_STATES[name]
    page.goto(f"{base_url}/interpret/")
    walk(page, state.steps)
    if state.title:
        assert page.title().startswith(state.title), (name, page.title())
    if state.filled:
        assert page.input_value(f"[id='{state.filled}']"), name
    if state.level:
        # The inputs really give the level this state stands for.
        assert page.locator(f".result-level--{state.level}").count() == 1, name


def open_not_found(page, base_url):
    response = page.goto(f"{base_url}/no-such-page/")
    assert response.status == 404


def create_share_link(page, base_url, state="result with trend chart"):
    """From a result page, press "Create a share link"; return the response."""
    open_state(page, base_url, state)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Create a share link").click()
    return navigation.value


def visit_share_pages(page, base_url):
    """Each page a share link leads to, in the order a patient and a clinician meet them."""
    from django.test import override_settings
    from django.utils import timezone

    from interpreter.models import ShareLink

    assert create_share_link(page, base_url).ok
    assert "/r/" in page.url
    yield "share page, just made"
    share_url = page.url
    delete_url = urljoin(base_url, page.input_value("#delete-url"))

    page.goto(delete_url)
    yield "share link delete confirmation"

    # A clinician opens the link on another computer: no session, no message.
    page.context.clear_cookies()
    page.goto(share_url)
    assert page.locator(".share-banner").count() == 1
    yield "share page, opened elsewhere"

    # The wording changes after the link was made: the link keeps what it showed.
    from interpreter.models import LevelWording

    for wording in LevelWording.objects.all():
        wording.headline = f"{wording.headline} (reworded)"
        wording.save()
    page.goto(share_url)
    assert page.locator(".share-notice").count() == 1
    yield "share page, guidance changed since"

    page.goto(share_url + "today/")
    assert page.locator(".share-notice").count() == 1
    yield "share page, what the guide says today"

    ShareLink.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    assert page.goto(share_url).status == 410
    yield "expired share link"

    with override_settings(SHARE_LINK_RATE="0/h"):
        assert create_share_link(page, base_url, "result mildly_elevated").status == 429
    yield "share link refused (too many)"


def visit_every_page(page, base_url):
    """Bring `page` to every page and state a visitor can see; yield each one's name."""
    for path in public_paths():
        page.goto(base_url + path)
        yield path
    for name in INTERPRETER_STATES:
        open_state(page, base_url, name)
        yield name
    yield from visit_share_pages(page, base_url)
    open_not_found(page, base_url)
    yield "404 page"
