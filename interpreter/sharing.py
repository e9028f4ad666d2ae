"""Opt-in share links: /r/<token>/, its downloads, and deleting it.

A link is made only when a patient presses "Create a share link" (or an API
client sends `"share": true`). It stores the engine's inputs, the guidance as
the API gave it, and a snapshot of the result exactly as the patient saw it
(snapshot.py), nothing about the person. The page, its PDF and its text file
are drawn from the snapshot, so a link shows what its maker saw, whatever the
rules or the wording say later. When what the guide says for the same numbers
has changed since (rebuilt from the stored inputs with today's rules and live
wording), all three say so and offer "what the guide says today" at
/r/<token>/today/. Stored inputs that a later version cannot read never stop a
link from opening: the snapshot still shows, and the page explains.

Only hashes of the token and of the delete key are stored (models.hash_token).
The creator's session keeps the hashes of the links they made, which is what
lets them delete a link from its page; the delete link shown once after
creation works anywhere. Tokens never reach a log (b2m_site.middleware masks
/r/ paths) and shared pages are never cached, indexed or sent as a referrer.
"""

import datetime
import functools
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from b2m_site.cache import CacheUnavailable
from b2m_site.limits import bounded_pdf

from . import answers_cookie, downloads, rules, snapshot
from .display import Typed
from .journey import Answers, answers_from_inputs, slips_in, submission_for, told_for
from .models import ShareLink
from .presenters import told_us

logger = logging.getLogger(__name__)

SESSION_KEY = "share_links"
JOURNEYS_KEY = "share_journeys"  # {link hash: the checker journey it was made from}
SESSION_LIMIT = 50  # the newest links a session can still delete
CREATED_TAG = "share-created"
RATE_GROUP = "share-link"
RATE_LIMIT_MESSAGE = (
    "You have made several share links in a short time, so we have paused making "
    "new ones for a while. Please try again in an hour. You can still download "
    "or print the checklist."
)
UNAVAILABLE_HEADING = "We cannot make share links right now"
UNAVAILABLE_MESSAGE = (
    "We cannot make share links right now because part of our service is not "
    "answering. Please try again in a few minutes. You can still download or "
    "print the checklist."
)
RETRY_AFTER_SECONDS = 60


# --- Stored inputs --------------------------------------------------------------


NUMBER_FIELDS = ("value", "upper_limit", "lower_limit")


def _measurement_json(m):
    if m is None:
        return None
    data = {"value": m.value, "unit": m.unit, "upper_limit": m.upper_limit}
    if m.lower_limit is not None:
        data["lower_limit"] = m.lower_limit
    # The digits as typed ("3.0", "1.0"), so the link says them back as the result page
    # did; a number alone comes back from JSON as 3.0 and would be said as "3".
    typed = {name: getattr(m, name).typed for name in NUMBER_FIELDS if _is_typed(m, name)}
    if typed:
        data["typed"] = typed
    return data


def _is_typed(m, name):
    return isinstance(getattr(m, name), Typed)


def _measurement(data):
    if data is None:
        return None
    data = dict(data)
    typed = data.pop("typed", None) or {}
    for name, digits in typed.items():
        # Only digits that still read as the stored number (links made before, or
        # edited by hand, fall back to the number itself).
        if name in NUMBER_FIELDS and data.get(name) is not None:
            try:
                number = Typed(digits)
            except (TypeError, ValueError):
                continue
            if number == data[name]:
                data[name] = number
    return rules.Measurement(**data)


def inputs_to_json(inputs):
    """The engine's inputs as JSON: numbers, unit codes and ISO dates, nothing else."""
    creatinine = inputs.creatinine
    return {
        "serum": _measurement_json(inputs.serum),
        "urine": _measurement_json(inputs.urine),
        "urine_ph": inputs.urine_ph,
        "egfr": inputs.egfr,
        "creatinine": None
        if creatinine is None
        else {
            "value": creatinine.value,
            "unit": creatinine.unit,
            "age": creatinine.age,
            "sex": creatinine.sex,
        },
        "test_date": inputs.test_date.isoformat() if inputs.test_date else None,
        "history": [
            {
                "date": point.date.isoformat(),
                "serum": _measurement_json(point.serum),
                "urine": _measurement_json(point.urine),
            }
            for point in inputs.history
        ],
        "context": sorted(inputs.context),
    }


def inputs_from_json(data):
    creatinine = data.get("creatinine")
    test_date = data.get("test_date")
    return rules.Inputs(
        serum=_measurement(data.get("serum")),
        urine=_measurement(data.get("urine")),
        urine_ph=data.get("urine_ph"),
        egfr=data.get("egfr"),
        creatinine=None if creatinine is None else rules.Creatinine(**creatinine),
        test_date=datetime.date.fromisoformat(test_date) if test_date else None,
        history=tuple(
            rules.HistoryPoint(
                date=datetime.date.fromisoformat(point["date"]),
                serum=_measurement(point.get("serum")),
                urine=_measurement(point.get("urine")),
            )
            for point in data.get("history", ())
        ),
        context=frozenset(data.get("context", ())),
    )


# --- Making links -----------------------------------------------------------------


class ShareRateLimited(Exception):
    """This client made too many links lately (settings.SHARE_LINK_RATE)."""


class ShareUnavailable(Exception):
    """No link can be made now: the rate limiter cannot count (its cache is down)
    or the database cannot store the link."""


def _share_rate(group, request):
    return settings.SHARE_LINK_RATE


def check_rate(request):
    """Count one link for this client's address; raise past the limit.

    When the counters cannot be reached the limit cannot be checked, so no link
    is made (ShareUnavailable): never unlimited, never a 500.
    """
    try:
        limited = is_ratelimited(
            request, group=RATE_GROUP, key="ip", rate=_share_rate, increment=True
        )
    except CacheUnavailable:
        raise ShareUnavailable from None
    if limited:
        raise ShareRateLimited


def make_link(request, inputs, guidance, told=None):
    """Check the rate limit, then store a link. Returns (link, token, delete_key).

    `guidance` is the presenter's output the patient was shown and `told` the
    answers in words they were shown (presenters.told_us; worked out from the
    inputs when not given, as for the API): the link keeps both as a snapshot,
    and the guidance's API form beside it.
    """
    check_rate(request)
    if told is None:
        told = told_us(inputs)
    try:
        # In a savepoint, so a failed insert never breaks a surrounding transaction.
        with transaction.atomic():
            return ShareLink.objects.create_link(
                inputs=inputs_to_json(inputs),
                guidance=guidance.as_api(),
                shown=snapshot.make(guidance, told),
                days=settings.SHARE_LINK_DAYS,
            )
    except (OperationalError, InterfaceError):
        # With the counters in Redis the limit can be checked while the database
        # is down: the patient still gets the share page's own answer (downloads
        # offered), not the general "briefly unavailable" page.
        raise ShareUnavailable from None


def share_path(token):
    return reverse("interpreter:share", args=[token])


def delete_path(token, key):
    return f"{reverse('interpreter:share_delete', args=[token])}?{urlencode({'key': key})}"


def create_share_for_api(request, inputs, guidance):
    """`"share": true` in the API: the link's path and last day.

    Raises ShareRateLimited or ShareUnavailable.
    """
    link, token, key = make_link(request, inputs, guidance)
    return {
        "share_url": share_path(token),
        "share_expires": link.last_day.isoformat(),
        "share_delete_url": delete_path(token, key),
    }


def _remember(request, link, journey=""):
    made = [h for h in request.session.get(SESSION_KEY, []) if h != link.token_hash]
    request.session[SESSION_KEY] = [*made, link.token_hash][-SESSION_LIMIT:]
    if journey:
        _remember_journey(request, link.token_hash, journey)


def _remember_journey(request, token_hash, journey):
    """Which checker journey (its 8-character id, never a value) a link was made from,
    for its maker's "Back to my result"."""
    made = request.session.get(SESSION_KEY, [])
    journeys = {h: j for h, j in request.session.get(JOURNEYS_KEY, {}).items() if h in made}
    request.session[JOURNEYS_KEY] = {**journeys, token_hash: journey}


def back_address(request, link):
    """The maker's "Back to my result": a plain GET to the result page of the journey
    the link was made from. It names only the journey; the answers come from the
    patient's own answers cookie, or, once that has gone, from this link (views._get).
    A GET, so the share page keeps `no-referrer` (a form would post `Origin: null`)."""
    journey = request.session.get(JOURNEYS_KEY, {}).get(link.token_hash)
    if not journey:  # a link made before journeys were remembered
        journey = answers_cookie.new_journey()
        _remember_journey(request, link.token_hash, journey)
    return f"{answers_cookie.path()}?{urlencode({'j': journey, 'at': 'result'})}"


def answers_made_here(request, journey):
    """The answers of a live link this browser made from `journey`, or None: "Back to
    my result" after the answers cookie's two hours still finds the result. The link
    holds them already (its maker chose to store them); nothing new is stored."""
    made = request.session.get(SESSION_KEY, [])
    for token_hash, made_from in request.session.get(JOURNEYS_KEY, {}).items():
        if made_from != journey or token_hash not in made:
            continue
        link = ShareLink.objects.filter(token_hash=token_hash).first()
        if link is None or link.is_gone():
            return None
        return _answers_of(link)
    return None


def _forget(request, link):
    made = request.session.get(SESSION_KEY, [])
    if link.token_hash in made:
        request.session[SESSION_KEY] = [h for h in made if h != link.token_hash]


def _made_here(request, link):
    return link.token_hash in request.session.get(SESSION_KEY, [])


def _form_page(request, submission):
    from .views import answers_page  # the views import downloads, which sharing uses

    return downloads.private(answers_page(request, request.POST))


@require_POST
def create(request):
    """The result page's "Create a share link" button: store, then show the link.

    The answers are read as the result page read them (journey.Answers), so the
    link keeps the same guidance and the same answers in words (ranges as typed).
    """
    answers = Answers.from_post(request.POST)
    submission = submission_for(answers)
    if not submission.is_valid():
        return _form_page(request, submission)
    journey = answers_cookie.journey_id(request.POST.get("j")) or ""
    # A refused link's "Back to my result" posts the answers back into their own journey.
    resend = [("j", journey)] if journey else []
    inputs = submission.to_inputs()
    try:
        guidance = downloads.guidance_for(inputs)
        link, token, key = make_link(request, inputs, guidance, told_for(answers, submission))
    except ValueError:  # the forms should have caught it
        return _form_page(request, submission)
    except ShareRateLimited:
        context = {
            "message": RATE_LIMIT_MESSAGE,
            "resend": resend + downloads.resend_fields(submission),
        }
        return downloads.private(
            render(request, "interpreter/share_limited.html", context, status=429)
        )
    except ShareUnavailable:
        context = {
            "heading": UNAVAILABLE_HEADING,
            "message": UNAVAILABLE_MESSAGE,
            "resend": resend + downloads.resend_fields(submission),
        }
        response = render(request, "interpreter/share_limited.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return downloads.private(response)
    _remember(request, link, journey)
    # Shown once on the link's page; messages live in a signed cookie, not the database.
    messages.success(request, delete_path(token, key), extra_tags=CREATED_TAG)
    return redirect(share_path(token))


# --- Opening links ----------------------------------------------------------------


def shared(view):
    """Headers for every answer about a link: never cached, indexed, or sent on as a referrer."""

    @functools.wraps(view)
    def wrapper(request, token, *args, **kwargs):
        return downloads.private(view(request, token, *args, **kwargs), shared=True)

    return wrapper


class LinkGone(Exception):
    def __init__(self, status, reason):
        self.status = status
        self.reason = reason


# What reading inputs stored by another version can raise: a missing or renamed
# key, a value of another type, a code this engine no longer knows.
READ_ERRORS = (AttributeError, KeyError, LookupError, TypeError, ValueError)


def _find(token):
    """The live link for `token`, or LinkGone (404 unknown, 410 expired or deleted)."""
    link = ShareLink.objects.for_token(token)
    if link is None:
        raise LinkGone(404, "unknown")
    if link.is_gone():
        raise LinkGone(410, "deleted" if link.deleted_at else "expired")
    return link


@dataclass
class Opened:
    """A link with what it showed its maker and what the guide says today."""

    link: ShareLink
    made: object  # the snapshot (snapshot.Frozen); None for links made before snapshots
    today: object  # presenters.Guidance from the stored inputs; None when they cannot be read

    @property
    def changed(self):
        """Whether today's guidance for the same numbers differs from what was shown."""
        if self.made is None or self.today is None:
            return True
        return not snapshot.same(self.link.shown, self.today)


def _open(token):
    """The link for `token` with its two readings, or LinkGone."""
    link = _find(token)
    made = snapshot.read(link.shown)
    try:
        today = downloads.guidance_for(inputs_from_json(link.inputs))
    except READ_ERRORS:
        # Stored by an older version in a shape this one cannot read.
        logger.warning("A share link's stored inputs could not be read (link id %s)", link.pk)
        today = None
    if made is None and today is None:
        raise LinkGone(410, "unreadable")
    return Opened(link=link, made=made, today=today)


def _gone_page(request, gone):
    return render(
        request, "interpreter/link_gone.html", {"reason": gone.reason}, status=gone.status
    )


def opens_link(view, *, today=False):
    """Resolve the token for `view(request, opened, guidance, share, token=)`.

    `guidance` is what the link showed its maker, or with `today` what the guide
    says today for the same numbers (each falls back to the other when it is
    missing). Answers 404/410 when the link cannot open.
    """

    @shared
    @functools.wraps(view)
    def wrapper(request, token):
        try:
            opened = _open(token)
        except LinkGone as gone:
            return _gone_page(request, gone)
        showing_today = opened.made is None or (today and opened.today is not None)
        guidance = opened.today if showing_today else opened.made
        share = _share_info(request, opened, token, showing_today)
        return view(request, opened, guidance, share, token=token)

    return wrapper


def _today(view):
    return opens_link(view, today=True)


def _date(value):
    return f"{value:%-d %B %Y}"


def _notice(request, opened, token, showing_today):
    """What the page, PDF and text file say about the guidance changing since, or None."""
    made_on = _date(timezone.localdate(opened.link.created_at))
    now = rules.RULES_VERSION
    earlier = opened.made or opened.link.guidance or {}
    then = earlier.get("rules_version") if isinstance(earlier, dict) else None
    versions = f" (rules version {then}, now {now})" if then and then != now else ""
    absolute = request.build_absolute_uri
    if opened.made is None:
        # Made before links kept a snapshot: only today's reading exists.
        lines = [
            f"This link was made on {made_on}, before B2M Guide kept a copy of each shared "
            f"result, so this shows what the guide says today for the same numbers.",
        ]
        headline = earlier.get("headline") if isinstance(earlier, dict) else None
        if versions or (headline and headline != opened.today.headline):
            lines.append(f"Our guidance has been updated since the link was made{versions}.")
            if headline and headline != opened.today.headline:
                lines.append(f"When the link was made, it said: “{headline}”")
        return downloads.ShareNotice(lines=lines)
    if showing_today:
        if opened.changed:
            lines = [
                f"This is what B2M Guide says today for the numbers in this link. "
                f"It is different from what was shown when the link was made, on {made_on}"
                f"{versions}.",
            ]
        else:
            lines = [
                f"This is what B2M Guide says today for the numbers in this link. "
                f"It is the same as what was shown when the link was made, on {made_on}.",
            ]
        link = ("See the result as it was shown", absolute(share_path(token)))
        return downloads.ShareNotice(lines=lines, link_label=link[0], link_url=link[1])
    if not opened.changed:
        return None
    lines = [f"This is the result exactly as it was shown when this link was made, on {made_on}."]
    if opened.today is None:
        lines.append(
            "B2M Guide has changed since then, and cannot read the numbers stored with this "
            "link any more, so it cannot show what the guide says today. To check, type the "
            "numbers from the lab report into the checker."
        )
        return downloads.ShareNotice(lines=lines)
    lines.append(f"What B2M Guide says for the same numbers has changed since then{versions}.")
    return downloads.ShareNotice(
        lines=lines,
        link_label="See what the guide says today",
        link_url=absolute(reverse("interpreter:share_today", args=[token])),
    )


def _share_info(request, opened, token, showing_today):
    return downloads.ShareInfo(
        url=request.build_absolute_uri(share_path(token)),
        last_day=opened.link.last_day,
        made_on=timezone.localdate(opened.link.created_at),
        notice=_notice(request, opened, token, showing_today),
        today=showing_today and opened.made is not None,
    )


def _just_created(request, token):
    """This link's delete link from the "created" message, as an absolute URL, if any."""
    prefix = reverse("interpreter:share_delete", args=[token])
    for message in messages.get_messages(request):
        if CREATED_TAG in message.extra_tags and message.message.startswith(prefix):
            return request.build_absolute_uri(message.message)
    return None


def _told(link):
    """The patient's answers in words as its maker saw them (the snapshot), or for
    a link made before snapshots kept them, from its stored inputs (none if unreadable)."""
    told = snapshot.read_told(link.shown)
    if told is not None:
        return told
    try:
        return told_us(inputs_from_json(link.inputs))
    except (KeyError, TypeError, ValueError, AttributeError):
        return []


def _page(request, opened, guidance, share, *, token):
    link = opened.link
    context = {
        "told": _told(link),
        "guidance": guidance,
        "link": link,
        "link_token": token,
        "share": share,
        "qr": downloads.qr_svg(share.url),
        "made_here": _made_here(request, link),
        "delete_url": _just_created(request, token),
    }
    if context["made_here"]:
        context["back_url"] = back_address(request, link)
    # Anyone but the device that made it is addressed as the clinician it was sent to.
    context["clinician_view"] = not context["made_here"]
    return render(request, "interpreter/share.html", context)


def _pdf(request, opened, guidance, share, *, token):
    return downloads.pdf_response(guidance, share, told=_told(opened.link))


def _txt(request, opened, guidance, share, *, token):
    return downloads.text_response(guidance, share, told=_told(opened.link))


page = require_safe(opens_link(_page))
share_pdf = require_safe(bounded_pdf(opens_link(_pdf)))
share_txt = require_safe(opens_link(_txt))
today_page = require_safe(_today(_page))
today_pdf = require_safe(bounded_pdf(_today(_pdf)))
today_txt = require_safe(_today(_txt))


@require_safe
@opens_link
def share_ics(request, opened, guidance, share, *, token):
    return downloads.ics_response(request, guidance, shared=True)


def _posts_back(view):
    """The share headers, but a same-origin referrer, for a page whose form posts to us.

    Under `no-referrer` a browser sends `Origin: null` with a form's POST, and
    Django's CSRF check rightly refuses that. `same-origin` still sends nothing
    to any other site.
    """

    @functools.wraps(view)
    def wrapper(request, token):
        response = view(request, token)
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


def _answers_of(link):
    """The maker's answers as the link holds them, or None if they cannot be read.

    Every "Is that right?" was answered "Yes" before the result could be shared, so
    those answers come back confirmed: going back to them never asks again.
    """
    try:
        answers = answers_from_inputs(inputs_from_json(link.inputs))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    for slip in slips_in(submission_for(answers)):
        answers.confirm(slip.key)
    return answers


@require_http_methods(["GET", "HEAD", "POST"])  # declared, so a PUT is a 405, not a CSRF 403
@_posts_back
@shared
def delete(request, token):
    """Confirm (GET), then delete (POST). Allowed from the creator's session or with the key."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        link = _find(token)
    except LinkGone as gone:
        return _gone_page(request, gone)
    key = request.POST.get("key") or request.GET.get("key") or ""
    if not (_made_here(request, link) or link.delete_key_matches(key)):
        return render(request, "interpreter/share_delete.html", {"allowed": False}, status=403)
    if request.method == "POST":
        answers = _answers_of(link)
        link.mark_deleted()
        _forget(request, link)
        # The maker's numbers go back into their own page (never stored again), so
        # "Back to my answers" returns to them.
        context = {"deleted": True, "hidden": answers.hidden() if answers else []}
        return render(request, "interpreter/share_delete.html", context)
    context = {"allowed": True, "link": link, "key": key, "share_url": share_path(token)}
    return render(request, "interpreter/share_delete.html", context)
