"""The checklist as a PDF and as plain text, and a calendar reminder (.ics).

The same builders serve a fresh result (the result page posts its inputs again,
nothing is stored) and a share link (sharing.py, from its snapshot). The PDF is
the page's own result level, "What you told us" and result sections (the same
includes as the page) with a small print stylesheet, so the page, its printout
and the PDF share one layout. The PDF and the text file carry the test date,
the answers in words (presenters.told_us, the rows the result page lists) and
"How we worked this out" (reasoning.py) with its sources, and never the
engine's internal rule ids.

What goes in each file is the patient's own result, so the responses are never
cached, and no lab value goes into a calendar event (calendars sync to other
services and show event titles on lock screens).
"""

import datetime
import mimetypes
import re
import textwrap
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from b2m_site.limits import bounded_pdf

from . import rules
from .journey import Answers, submission_for, told_for
from .presenters import RULES_FIRED_LABEL, present

TITLE = "My B2M result: next steps and questions"
# The repeat step, and which result it names (a blood and a urine result, one raised).
REPEAT_TESTS = {
    "repeat_test": "Repeat B2M test",
    "repeat_test_blood": "Repeat B2M blood test",
    "repeat_test_urine": "Repeat B2M urine test",
}
# The source article: a single mild rise "often settles; repeat the test in 1-2
# weeks". Day 10 is inside that window on any weekday the test was taken, and
# leaves a few days to book the blood test before it.
REPEAT_AFTER_DAYS = 10
# Without a retest, a week gives time for the result to reach the doctor first.
FOLLOW_UP_AFTER_DAYS = 7
TEXT_WIDTH = 72

# WeasyPrint resolves the template's URLs against this made-up origin; the
# fetcher below answers only for /static/ on it, from disk.
PDF_BASE_URL = "https://pdf.b2m-guide.invalid/"


@dataclass(frozen=True)
class ShareNotice:
    """What a shared result says when the guidance has changed since it was made.

    Plain sentences, and a link to the other reading (as it was shown, or what
    the guide says today); the page, the PDF and the text file all show it.
    """

    lines: list
    link_label: str = ""
    link_url: str = ""  # absolute


@dataclass(frozen=True)
class ShareInfo:
    """What a download says about its share link, when it came from one."""

    url: str  # absolute
    last_day: datetime.date
    made_on: datetime.date
    notice: ShareNotice | None = None
    today: bool = False  # showing what the guide says today, not what was shown


def guidance_for(inputs):
    return present(rules.interpret(inputs), inputs)


def resend_fields(submission):
    """(name, value) pairs that post the same submission again, as hidden fields.

    Every field of the page form that has a value, and the earlier-result rows
    that were filled in, under their own names, so the server binds exactly
    what the patient typed.
    """
    fields = []
    forms = [submission.form, *submission.filled_history()]
    for form in forms:
        for bound in form:
            value = bound.value()
            values = value if isinstance(value, list | tuple) else [value]
            fields.extend((bound.html_name, v) for v in values if v not in (None, ""))
    return fields


def result_tools(submission):
    """What the result page's download and share forms need."""
    return {
        "resend": resend_fields(submission),
        "share_days": settings.SHARE_LINK_DAYS,
        "title": TITLE,
    }


def private(response, *, shared=False):
    """A patient's result: never cached, and from a share link never indexed or referred on."""
    response["Cache-Control"] = "private, no-store"
    if shared:
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
    return response


def attachment(content, content_type, filename, *, shared=False):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(response, shared=shared)


# --- PDF ---------------------------------------------------------------------


def qr_svg(url):
    """An inline SVG QR code of `url`, sized by CSS (class "qr__code")."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        border=2, omitsize=True, svgclass="qr__code", lineclass=None, title="QR code of the link"
    )
    return mark_safe(svg)  # segno's own markup around a URL we built


def _static_file(name):
    """The file for a /static/ name: collected (hashed names) first, then the finders."""
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / name).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's fetcher, limited to the site's own static files, read from disk.

    The PDF needs only the print stylesheet; refusing everything else means a
    template can never make the server fetch a URL (no HTTP, no file://).
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        base = urlsplit(PDF_BASE_URL)
        static_url = settings.STATIC_URL
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
            static_url
        ):
            raise ValueError("The checklist PDF loads only the site's static files.")
        path = _static_file(unquote(parts.path.removeprefix(static_url)))
        if path is None:
            raise FileNotFoundError(parts.path)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def clinician_rows(guidance):
    """The clinician rows a download prints: every row but the engine's internal
    rule ids, which "How we worked this out" says in words with sources."""
    rows = getattr(guidance, "clinician", None) or []  # a snapshot may lack them
    return [(label, value) for label, value in rows if label != RULES_FIRED_LABEL]


def _context(guidance, share, told):
    return {
        "title": TITLE,
        "guidance": guidance,
        "told": told,
        "clinician": clinician_rows(guidance),
        "share": share,
        "qr": qr_svg(share.url) if share else "",
        # A shared result as it was shown was made on the link's day; today's reading today.
        "made_on": share.made_on if share and not share.today else timezone.localdate(),
    }


# WeasyPrint draws an inline SVG with the SVG's own <style> only: the page's
# stylesheets do not reach it, and an @import there is not fetched. So the
# drawing styles (static/css/print-svg.css) go into each SVG of the PDF.
_SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _with_svg_styles(html):
    # Without comments: inside an SVG the HTML parser reads a style element's
    # text as markup, so it must hold nothing but rules.
    css = _CSS_COMMENT.sub("", _static_file("css/print-svg.css").read_text()).strip()
    return _SVG_OPEN.sub(lambda match: f"{match[1]}<style>{css}</style>", html)


def build_pdf(guidance, share=None, told=()):
    """The checklist PDF. `told`: the answers in words (presenters.told_us rows)."""
    html = _with_svg_styles(
        render_to_string("interpreter/checklist.html", _context(guidance, share, told))
    )
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnly())
    return document.write_pdf()


# --- Plain text ---------------------------------------------------------------


def _wrap(text, prefix=""):
    return textwrap.fill(
        " ".join(text.split()),
        TEXT_WIDTH,
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix),
    )


def _text_notice(notice):
    lines = [_wrap(line) for line in notice.lines]
    if notice.link_url:
        lines.append(f"{notice.link_label}:\n{notice.link_url}")
    return "\n".join(lines)


def build_text(guidance, share=None, told=()):
    """The checklist as plain text: the same content as the PDF, ticks as "[ ]"."""
    context = _context(guidance, share, told)
    # A snapshot from before "How we worked this out" existed has no reasoning.
    reasoning = getattr(guidance, "reasoning", None) or []
    context.update(
        {
            "summary": _wrap(guidance.summary),
            "told": [_wrap(f"{row.label}: {row.value}", "- ") for row in told],
            "reasoning": [
                _wrap(f"{item['text']} Source: {item['source']}.", "- ") for item in reasoning
            ],
            "findings": [
                _wrap(f"{finding.text} {finding.limit_text}", "- ") for finding in guidance.findings
            ],
            "kidney": _wrap(guidance.kidney["text"], "- ") if guidance.kidney else "",
            "trends": [
                {
                    "text": _wrap(trend.text, "- "),
                    "rows": [f"    {r.date}: {r.value} ({r.status.lower()})" for r in trend.rows],
                }
                for trend in guidance.trends
            ],
            "notes": [_wrap(note, "- ") for note in guidance.notes],
            "actions": [_wrap(action["text"], "[ ] ") for action in guidance.actions],
            "questions": [_wrap(question, "[ ] ") for question in guidance.questions],
            "disclaimer": _wrap(guidance.disclaimer),
            "clinician": [
                _wrap(f"{label}: {value}", "- ") for label, value in clinician_rows(guidance)
            ],
            "notice": _text_notice(share.notice) if share and share.notice else "",
        }
    )
    return render_to_string("interpreter/checklist.txt", context)


# --- Calendar reminder ----------------------------------------------------------


def reminder_for(guidance, today):
    """(summary, date) of the reminder: a retest 1-2 weeks on, or a follow-up after a week.

    Counted from the test date, or from today without one. A reminder that
    would fall in the past (an old test date) moves to tomorrow, so it still fires.
    """
    base = guidance.test_date or today
    codes = {action["code"] for action in guidance.actions}
    repeat = next((code for code in REPEAT_TESTS if code in codes), None)
    if repeat is not None:
        summary = REPEAT_TESTS[repeat]
        day = base + datetime.timedelta(days=REPEAT_AFTER_DAYS)
    elif "repeat_fresh_sample" in codes:  # acidic urine: the repeat is a fresh sample
        summary = "Repeat B2M urine test with a fresh sample"
        day = base + datetime.timedelta(days=REPEAT_AFTER_DAYS)
    else:
        summary = "Book a follow-up about my B2M result"
        day = base + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS)
    return summary, max(day, today + datetime.timedelta(days=1))


def build_ics(guidance, *, host):
    """An RFC 5545 calendar with one all-day event. No lab value in any text."""
    summary, day = reminder_for(guidance, timezone.localdate())
    description = (
        "Take your B2M checklist (the PDF or the printed page) and your lab report. "
        "Ask your doctor the questions on the checklist. "
        "B2M Guide is education, not a diagnosis."
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//B2M Guide//Result reminder//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{uuid.uuid4()}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    # 9 am on the day (an all-day event starts at midnight, local time).
    alarm.add("trigger", datetime.timedelta(hours=9))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()


# --- Responses ---------------------------------------------------------------


def pdf_response(guidance, share=None, told=()):
    return attachment(
        build_pdf(guidance, share, told),
        "application/pdf",
        "b2m-checklist.pdf",
        shared=bool(share),
    )


def text_response(guidance, share=None, told=()):
    return attachment(
        build_text(guidance, share, told),
        "text/plain; charset=utf-8",
        "b2m-checklist.txt",
        shared=bool(share),
    )


def ics_response(request, guidance, *, shared=False):
    return attachment(
        build_ics(guidance, host=request.get_host().split(":")[0]),
        "text/calendar; charset=utf-8",
        "b2m-reminder.ics",
        shared=shared,
    )


def _from_post(request, respond):
    """Bind the re-sent answers as the result page does; a problem shows the form
    with its messages, never a 500. `respond(guidance, told)` makes the file."""
    from .views import answers_page  # the views use this module's result_tools

    answers = Answers.from_post(request.POST)
    submission = submission_for(answers)
    if not submission.is_valid():
        return private(answers_page(request, request.POST))
    try:
        guidance = guidance_for(submission.to_inputs())
    except ValueError:  # the forms should have caught it
        return private(answers_page(request, request.POST))
    return respond(guidance, told_for(answers, submission))


@require_POST
@bounded_pdf
def checklist_pdf(request):
    return _from_post(request, lambda guidance, told: pdf_response(guidance, told=told))


@require_POST
def checklist_txt(request):
    return _from_post(request, lambda guidance, told: text_response(guidance, told=told))


@require_POST
def reminder_ics(request):
    return _from_post(request, lambda guidance, told: ics_response(request, guidance))
