"""The checker's answers, kept between pages in the patient's own browser (a signed cookie).

Each step is a POST that carries every answer (hidden fields, journey.py). When
a step is answered, the answers go into this cookie and the browser is sent on
(303) to a GET address that only says where the patient is, never a value:
`/interpret/?j=<journey>&at=check`. That GET page is built from the cookie, so
reload, Back and Forward send a plain GET: no "Confirm Form Resubmission",
no ERR_CACHE_MISS, and Back to the first screen shows it filled in without
JavaScript.

- **Signed, not encrypted.** The answers are the patient's own, in the
  patient's own browser; signing (django.core.signing, its own salt) only
  stops a changed or forged cookie from being read, and the forms check every
  value again on each page anyway. The signature carries a timestamp, so a
  cookie kept past LIFETIME is refused here even if the browser still sends it.
- **One cookie, a few journeys.** A journey is one run through the checker in
  one tab, named by a random id in the page address (`j`). The cookie keeps the
  most recent journeys (newest first, at most MAX_JOURNEYS, and never more than
  MAX_BYTES), so two tabs each keep their own answers and a page always shows
  the answers of its own journey, never another tab's.
- **Read by the checker's view only** (views.py); nothing else reads COOKIE_NAME.

The cookie's attributes are set in `store` and explained in the README
("Never losing answers, and the privacy promise").
"""

import re
import secrets
import zlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

COOKIE_NAME = "b2m_answers"
SALT = "interpreter.answers-cookie"
SHAPE = 1  # bump when the stored shape changes: older cookies are then refused calmly
# Two hours after the patient's last page in the checker (each page renews it).
LIFETIME = 2 * 60 * 60
MAX_JOURNEYS = 4
# Browsers keep a cookie of up to 4,096 bytes (name, value and attributes);
# older journeys are dropped to stay well under that.
MAX_BYTES = 3800
_JOURNEY = re.compile(r"[A-Za-z0-9_-]{8,16}")  # fullmatch: no trailing newline


class Unreadable(Exception):
    """The cookie was there but cannot be used: changed, expired or of an older shape."""


def path():
    return reverse("interpreter:form")


def new_journey():
    return secrets.token_urlsafe(6)


def journey_id(value):
    """`value` if it looks like one of our journey ids, else None."""
    return value if isinstance(value, str) and _JOURNEY.fullmatch(value) else None


def encode(journeys):
    """The cookie value for [(journey id, {name: [values]}), ...], newest first."""
    return signing.dumps(
        {"v": SHAPE, "j": [[j, values] for j, values in journeys]},
        salt=SALT,
        compress=True,
    )


def decode(value):
    """[(journey id, {name: [values]}), ...] from a cookie value, or Unreadable."""
    try:
        data = signing.loads(value, salt=SALT, max_age=LIFETIME)
    except (signing.BadSignature, ValueError, zlib.error) as error:
        raise Unreadable(type(error).__name__) from None
    if not isinstance(data, dict) or data.get("v") != SHAPE or not isinstance(data.get("j"), list):
        raise Unreadable("shape")
    journeys = []
    for item in data["j"]:
        if not (isinstance(item, list) and len(item) == 2 and journey_id(item[0])):
            raise Unreadable("shape")
        values = item[1]
        if not isinstance(values, dict) or not all(
            isinstance(k, str) and isinstance(vs, list) and all(isinstance(v, str) for v in vs)
            for k, vs in values.items()
        ):
            raise Unreadable("shape")
        journeys.append((item[0], values))
    return journeys


def read(request):
    """(journeys, problem): the journeys kept in this browser; problem is True when a
    cookie was sent that could not be used (changed, expired, older shape)."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return [], False
    try:
        return decode(value), False
    except Unreadable:
        return [], True


def with_journey(journeys, journey, values):
    """The journeys with `journey` newest and holding `values`, trimmed to fit; None if
    even this journey alone does not fit in a cookie."""
    kept = [(journey, values)] + [(j, v) for j, v in journeys if j != journey]
    kept = kept[:MAX_JOURNEYS]
    while kept:
        value = encode(kept)
        if len(value) <= MAX_BYTES:
            return kept, value
        if len(kept) == 1:
            return None, None
        kept.pop()
    return None, None


def store(response, value):
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=LIFETIME,
        path=path(),
        # Same as the session cookie: Secure whenever the site is served over HTTPS.
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response):
    response.delete_cookie(COOKIE_NAME, path=path(), samesite="Lax")
