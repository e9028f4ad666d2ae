"""`POST /api/v1/interpret`: the interpreter as JSON, for clinicians' tools and tests.

The body is mapped onto the same forms the page uses, so both give the same
checks and messages; errors come back keyed by the body's own field paths.
Nothing in the body is stored or logged, unless it asks for a share link
("share": true: see sharing.py).
"""

import json
from decimal import Decimal

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt

from b2m_site.front import stateless
from b2m_site.views import api_method_not_allowed, api_not_found

from . import rules, units
from .forms import MAX_HISTORY, shorten
from .presenters import present
from .sharing import (
    RATE_LIMIT_MESSAGE,
    RETRY_AFTER_SECONDS,
    UNAVAILABLE_MESSAGE,
    ShareRateLimited,
    ShareUnavailable,
    create_share_for_api,
)
from .submission import Submission, history_prefix

MAX_BODY_BYTES = 16 * 1024

TOP_LEVEL = {"serum_b2m", "urine_b2m", "urine_ph", "egfr", "creatinine", "age", "sex",
             "test_date", "context", "history", "share"}  # fmt: skip
ANALYTE_KEYS = {"value", "unit", "upper_limit"}
HISTORY_KEYS = {"date", "serum_b2m", "urine_b2m"}
B2M_UNIT_CODES = [code for code, _ in units.UNIT_CHOICES]
CREATININE_UNIT_CODES = [code for code, _ in units.CREATININE_UNIT_CHOICES]


class BodyError(Exception):
    def __init__(self, errors):
        self.errors = errors


def bad_request(errors):
    return JsonResponse({"errors": errors}, status=400)


def body_too_large():
    """413, with the one limit the README gives, however large the body was."""
    message = (
        f"The body is too large: the limit is {MAX_BODY_BYTES // 1024} KB ({MAX_BODY_BYTES} bytes)."
    )
    return JsonResponse({"errors": {"body": [message]}}, status=413)


def _reject_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


class Mapper:
    """Flattens the JSON body into form data, collecting type errors by path."""

    def __init__(self):
        self.data = MultiValueDict()
        self.errors = {}
        self.paths = {}  # form field name -> body path

    def error(self, path, message):
        self.errors.setdefault(path, []).append(message)

    def number(self, value, path, field):
        self.paths[field] = path
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(path, "Must be a number.")
            return
        # Written out in full, as a patient would type it: the forms read plain
        # decimals only, and 8e-05 is a number the page accepts as 0.00008.
        self.data[field] = (
            format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)
        )

    def text(self, value, path, field):
        self.paths[field] = path
        if value is None:
            return
        if not isinstance(value, str):
            self.error(path, "Must be a string.")
            return
        self.data[field] = value

    def unit(self, value, path, field, normalize=units.normalize_unit):
        self.paths[field] = path
        if value is None:
            return
        if not isinstance(value, str):
            codes = CREATININE_UNIT_CODES if field == "creatinine_unit" else B2M_UNIT_CODES
            self.error(path, f"Must be a string: one of {', '.join(codes)}.")
            return
        try:
            self.data[field] = normalize(value)
        except units.UnknownUnitError as error:
            self.error(path, str(error))

    def obj(self, value, path, allowed):
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "Must be an object.")
            return {}
        for key in sorted(set(value) - allowed):
            self.error(f"{path}.{key}", "Unknown field.")
        return value

    def require_unit(self, body, path, codes):
        """A lab value means nothing without its unit: never guess one."""
        if body.get("value") is not None and body.get("unit") is None:
            self.error(
                f"{path}.unit",
                "Give the unit printed next to this value on the lab report "
                f"(one of {', '.join(codes)}).",
            )

    def analyte(self, value, path, prefix):
        # Today's blood result may give its range's lower limit too ("below the range").
        allowed = ANALYTE_KEYS | {"lower_limit"} if prefix == "serum" else ANALYTE_KEYS
        body = self.obj(value, path, allowed)
        if value is not None and isinstance(value, dict) and "value" not in value:
            self.error(f"{path}.value", "This field is required.")
        self.require_unit(body, path, B2M_UNIT_CODES)
        self.number(body.get("value"), f"{path}.value", f"{prefix}_value")
        self.unit(body.get("unit"), f"{path}.unit", f"{prefix}_unit")
        self.number(body.get("upper_limit"), f"{path}.upper_limit", f"{prefix}_upper_limit")
        if prefix == "serum":
            self.number(body.get("lower_limit"), f"{path}.lower_limit", f"{prefix}_lower_limit")

    def map(self, body):
        if not isinstance(body, dict):
            raise BodyError({"body": ["The body must be a JSON object."]})
        for key in sorted(set(body) - TOP_LEVEL):
            self.error(key, "Unknown field.")
        self.analyte(body.get("serum_b2m"), "serum_b2m", "serum")
        self.analyte(body.get("urine_b2m"), "urine_b2m", "urine")
        self.number(body.get("urine_ph"), "urine_ph", "urine_ph")
        self.number(body.get("egfr"), "egfr", "egfr")
        creatinine = self.obj(body.get("creatinine"), "creatinine", {"value", "unit"})
        self.require_unit(creatinine, "creatinine", CREATININE_UNIT_CODES)
        self.number(creatinine.get("value"), "creatinine.value", "creatinine_value")
        self.unit(
            creatinine.get("unit"),
            "creatinine.unit",
            "creatinine_unit",
            normalize=units.normalize_creatinine_unit,
        )
        self.number(body.get("age"), "age", "age")
        sex = body.get("sex")
        self.text(sex.strip().lower() if isinstance(sex, str) else sex, "sex", "sex")
        self.text(body.get("test_date"), "test_date", "test_date")
        self._context(body.get("context"))
        self._history(body.get("history"))
        share = body.get("share", False)
        if not isinstance(share, bool):
            self.error("share", "Must be true or false.")
        return share is True

    def _context(self, value):
        self.paths["context"] = "context"
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error("context", "Must be a list of context codes.")
            return
        unknown = [v for v in value if v not in rules.CONTEXT_CODES]
        if unknown:
            said = ", ".join(f"“{shorten(v)}”" for v in unknown[:3])
            more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            self.error(
                "context",
                f"Unknown context code(s): {said}{more}. "
                f"Known codes: {', '.join(rules.CONTEXT_CODES)}.",
            )
            return
        self.data.setlist("context", value)

    def _history(self, value):
        if value is None:
            return
        if not isinstance(value, list):
            self.error("history", "Must be a list of earlier results.")
            return
        if len(value) > MAX_HISTORY:
            self.error("history", f"Give at most {MAX_HISTORY} earlier results.")
            return
        for index, item in enumerate(value):
            path, prefix = f"history[{index}]", history_prefix(index)
            if item is None:
                self.error(path, "Must be an object: {date, serum_b2m or urine_b2m}.")
                continue
            entry = self.obj(item, path, HISTORY_KEYS)
            if isinstance(item, dict) and not ({"serum_b2m", "urine_b2m"} & set(item)):
                self.error(path, "Give serum_b2m or urine_b2m for each earlier result.")
            self.text(entry.get("date"), f"{path}.date", f"{prefix}-date")
            self.analyte(entry.get("serum_b2m"), f"{path}.serum_b2m", f"{prefix}-serum")
            self.analyte(entry.get("urine_b2m"), f"{path}.urine_b2m", f"{prefix}-urine")


# The page's words where they point at the page ("a urine B2M result below").
NEITHER_RESULT = "Give serum_b2m or urine_b2m, with its value and unit."


def _form_errors_by_path(submission, paths):
    errors = {}
    for name, found in submission.form.errors.as_data().items():
        path = paths.get(name, name if name != "__all__" else "body")
        for error in found:
            neither = name == "serum_value" and error.code == "required"
            errors.setdefault(path, []).extend([NEITHER_RESULT] if neither else error.messages)
    for index, entry in enumerate(submission.history_forms):
        prefix = history_prefix(index)
        for name, messages in entry.errors.items():
            path = paths.get(f"{prefix}-{name}", f"history[{index}]")
            errors.setdefault(path, []).extend(messages)
    return errors


@stateless  # no cookie, session, user or message: a short middleware list (b2m_site/front.py)
@csrf_exempt
def interpret(request):
    response = _interpret(request)
    # Answers hold lab values: no cache may keep them.
    patch_cache_control(response, private=True, no_store=True)
    return response


@stateless
@csrf_exempt
def unknown(request):
    """Every other address under /api/: a JSON 404 whatever the method, in DEBUG too."""
    return api_not_found(request)


def _interpret(request):
    if request.method != "POST":
        return api_method_not_allowed(request)
    if request.content_type != "application/json":
        # Also keeps other sites' plain form posts out: they cannot send this type
        # without the browser asking this site first (CORS), and it never agrees.
        return bad_request(
            {"body": ["Send the body as JSON, with the header Content-Type: application/json."]}
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
        return body_too_large()
    try:
        body = json.loads(request.body, parse_constant=_reject_constant)
    except RecursionError:
        return bad_request({"body": ["The body is nested too deeply."]})
    except (ValueError, UnicodeDecodeError):
        return bad_request({"body": ["The body is not valid JSON."]})

    mapper = Mapper()
    try:
        wants_share = mapper.map(body)
    except BodyError as error:
        return bad_request(error.errors)
    if mapper.errors:
        return bad_request(mapper.errors)

    submission = Submission(mapper.data, blank_rows=0, rendered=False)
    if not submission.is_valid():
        return bad_request(_form_errors_by_path(submission, mapper.paths))
    inputs = submission.to_inputs()
    try:
        result = rules.interpret(inputs)
    except ValueError as error:  # the forms should have caught it; never a 500
        return bad_request({"body": [str(error)]})
    guidance = present(result, inputs, for_page=wants_share)
    payload = guidance.as_api()
    if wants_share:
        try:
            payload.update(create_share_for_api(request, inputs, guidance))
        except ShareRateLimited:
            return JsonResponse({"errors": {"share": [RATE_LIMIT_MESSAGE]}}, status=429)
        except ShareUnavailable:
            response = JsonResponse({"errors": {"share": [UNAVAILABLE_MESSAGE]}}, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
    return JsonResponse(payload)
