"""The checker's pages (journey.py explains how answers travel from page to page)."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from . import answers_cookie, rules
from .display import unit_label
from .downloads import result_tools
from .forms import InterpretForm
from .journey import (
    OPTIONAL_STEPS,
    STEP_FIELDS,
    Answers,
    can_add_history,
    check_for,
    earlier_index,
    first_invalid_step,
    next_history_index,
    notes_for,
    settle_numbers,
    situation_groups,
    slips_in,
    step_errors,
    step_field_names,
    step_of,
    submission_for,
    unplaced_errors,
    valid_step,
)
from .presenters import present
from .sharing import answers_made_here
from .submission import Submission, history_prefix

# A clinician may send a link that fills in units and the report's limits.
# Lab values themselves are never read from a link.
PREFILL_FIELDS = ("serum_unit", "serum_upper_limit", "urine_unit", "urine_upper_limit")
TEMPLATES = {
    "start": "interpreter/form.html",
    "kidney": "interpreter/step_kidney.html",
    "earlier": "interpreter/step_earlier.html",
    "situations": "interpreter/step_situations.html",
}
# A page made by a POST (answers too big for the cookie, a download's mistakes):
# kept only in the patient's own browser, never a shared cache.
BROWSER_ONLY = "private, no-cache"
# A page made by a GET from the answers cookie: kept nowhere, not even the
# browser's disk cache. Back and reload simply ask again (a GET), so nothing is
# lost, and once the answers are gone ("Start again", two hours) no copy is left.
# See answers_cookie.py and the README ("Never losing answers").
NEVER_KEPT = "private, no-store"
# The pages with a "Start again" button (go=clear:<page>), where "No, keep my answers"
# returns.
CLEAR_FROM = ("start", "check", "result")
# The `focus` of one option of a radio or checkbox list (journey.choice_focus).
_CHOICE_FOCUS = re.compile(r"(kind|context)_(\d)")
EMPTY_EARLIER = (
    "Enter the date of the earlier test and its result, or press Skip this if you have none."
)


def prefill_from(query):
    return {name: query[name] for name in PREFILL_FIELDS if query.get(name)}


def browser_only(response):
    response["Cache-Control"] = BROWSER_ONLY
    return response


def browser_never_keeps(response):
    response["Cache-Control"] = NEVER_KEPT
    patch_vary_headers(response, ["Cookie"])
    return response


def _page(request, template, context, status=200):
    # The journey this page belongs to goes back with every form (answers_hidden.html).
    context.setdefault("journey", getattr(request, "journey", ""))
    return browser_only(render(request, template, context, status=status))


def render_step(
    request, answers, step, *, errors=(), focus=None, status=200, prefilled=False, changing=None
):
    submission = submission_for(answers)
    submission.is_valid()
    form = submission.form
    entry = None
    if step.startswith("earlier:"):
        index = earlier_index(step)
        entry = next(
            (e for e in submission.history_forms if e.prefix == history_prefix(index)), None
        )
        if entry is None:
            from .forms import HistoryEntryForm

            entry = HistoryEntryForm(prefix=history_prefix(index))
    if entry is not None:
        for analyte in ("serum", "urine"):
            unit = form.cleaned_data.get(f"{analyte}_unit") if form.is_bound else None
            if unit and f"{analyte}_value" in entry.fields:
                field = entry.fields[f"{analyte}_value"]
                field.label = f"{field.label}, in {unit_label(unit)}"
                field.help_text = "In the same unit as today's result."
    if focus:
        widget_form = entry if focus.startswith("history-") else form
        name = focus.split("-")[-1] if focus.startswith("history-") else focus
        option = _CHOICE_FOCUS.fullmatch(name)
        if option:  # one option of a list ("kind_1"), not every option
            widget_form.fields[option[1]].widget.focus_index = int(option[2])
        else:
            widget_form.fields[name].widget.attrs["autofocus"] = True
    context = {
        "step": step,
        "submission": submission,
        "form": form,
        "entry": entry,
        "errors": list(errors),
        "hidden": answers.hidden(exclude=step_field_names(step)),
        "prefilled": prefilled,
        # Changing answers already given (no "Skip"), or adding new ones.
        "changing": any(name in answers.values for name in step_field_names(step))
        if changing is None
        else changing,
        "has_urine": answers.get("kind") in ("urine", "both"),
        "has_serum": answers.get("kind") in ("serum", "both", ""),
    }
    if step == "situations":
        context["situation_groups"] = situation_groups(form)
    template = TEMPLATES["earlier" if step.startswith("earlier:") else step]
    return _page(request, template, context, status=status)


def _kept_elsewhere(journeys, journey):
    """The check address of the newest other journey with a result typed, if any: a
    fresh start links back to it, so an empty form never looks like lost answers."""
    for other, values in journeys:
        if other != journey and (values.get("serum_value") or values.get("urine_value")):
            return _address(other, "check")
    return ""


def _first_screen(request, journey, *, gone=False, kept=""):
    initial = prefill_from(request.GET)
    for analyte in ("serum", "urine"):
        limit = initial.pop(f"{analyte}_upper_limit", None)
        if limit:
            initial[f"{analyte}_range"] = limit
    urine_only = any(k.startswith("urine") for k in initial) and not any(
        k.startswith("serum") for k in initial
    )
    initial["kind"] = "urine" if urine_only else "serum"
    submission = Submission(initial=initial, page=True)
    context = {
        "step": "start",
        "submission": submission,
        "form": submission.form,
        "errors": [],
        "hidden": [],
        "prefilled": bool(prefill_from(request.GET)),
        "journey": journey,
        # This page's answers are no longer kept (changed, expired, or Start again).
        "gone": gone,
        "kept_url": kept,
    }
    return _page(request, TEMPLATES["start"], context)


def check_page(request, answers, *, show_result=False, status=200):
    """The check page, or the first page with a problem, or (show_result) the result."""
    submission = submission_for(answers)
    invalid = first_invalid_step(submission)
    if invalid:
        errors = step_errors(submission, invalid)
        if not errors:  # a problem no field on a page owns
            errors = [("main-content", m) for m in unplaced_errors(submission)]
        return render_step(request, answers, invalid, errors=errors, status=status)
    check = check_for(answers, submission)
    if show_result and not check.slips:
        return result_page(request, answers, submission)
    context = {
        "answers": answers,
        "hidden": answers.hidden(),
        "rows": check.rows,
        "slips": check.slips,
        "slip": check.slips[0] if check.slips else None,
        "optional_steps": OPTIONAL_STEPS,
        "can_add_history": can_add_history(answers),
        "asked_for_result": show_result,
        "notes": notes_for(answers),
    }
    return _page(request, "interpreter/check.html", context, status=status)


def result_page(request, answers, submission):
    inputs = submission.to_inputs()
    guidance = present(rules.interpret(inputs), inputs)
    check = check_for(answers, submission)
    context = {
        "guidance": guidance,
        "submission": submission,
        "told": check.rows,
        "hidden": answers.hidden(),
        **result_tools(submission),
    }
    context["resend"] = answers.hidden()
    return _page(request, "interpreter/result.html", context)


def _slip(answers, key):
    submission = submission_for(answers)
    if first_invalid_step(submission):
        return None
    return next((s for s in slips_in(submission) if s.key == key), None)


@dataclass
class Go:
    """Where a step sends the patient: the answers, and the page (`at`) to show them on."""

    answers: Answers
    at: str
    focus: str = ""
    # A step being added (not changed) keeps its "Skip this" while it shows a mistake.
    adding: bool = False
    # "Continue" on a new earlier result with nothing typed: said, not silently ignored.
    empty: bool = False
    # The Start-again question's "No, keep my answers" goes back to this page.
    back: str = ""


def _step_post(request, answers):
    """Where a POST sends the patient: the next page, or this step again with its mistakes."""
    # A step or target no page of ours sends (tampered, or an older page) is ignored:
    # the answers are then read as a form sent whole.
    step = valid_step(request.POST.get("step", ""))
    go = request.POST.get("go", "")
    # What the last step said is said once; its removed earlier result waits only for Undo.
    removed = answers.take_notes()
    if step and go in ("", "continue"):
        submission = submission_for(answers)
        submission.is_valid()
        errors = step_errors(submission, step)
        if errors:
            # Kept like any answer and shown at this step's GET address, so Back and
            # Forward past it later land on a page, never "Confirm Form Resubmission".
            return Go(answers, step, adding=request.POST.get("mode") == "add")
        adding = request.POST.get("mode") == "add"
        blank = not any(name in answers.values for name in step_field_names(step))
        if adding and blank and earlier_index(step) is not None:
            return Go(answers, step, adding=True, empty=True)
        settle_numbers(answers, submission, step)
        answers.compact_history()
        return Go(answers, "check")
    action, _, target = go.partition(":")
    if action == "skip" and step:
        answers = answers.without(step_field_names(step))
        answers.compact_history()
        return Go(answers, "check")
    if action == "edit" and not target.startswith("earlier:"):
        # "Change test date" (edit:start:test_date): the page, with focus on that field.
        target, _, focus = target.partition(":")
        if target in TEMPLATES:
            return Go(answers, target, focus=_valid_focus(target, focus))
    if action == "edit" and target.startswith("earlier:"):
        if target == "earlier:new":
            if not can_add_history(answers):
                return Go(answers, "check")
            target = f"earlier:{next_history_index(answers)}"
        # "Change earlier result from 1 June 2026" (edit:earlier:0:history-0-date).
        target, _, focus = target.partition(":")[2].partition(":")
        target = f"earlier:{target}"
        return Go(answers, target, focus=_valid_focus(target, focus))
    if action == "remove":
        if earlier_index(target) is not None:
            answers.remove_history(earlier_index(target))
        return Go(answers, "check")
    if action == "undo":
        answers.put_back(removed)
        return Go(answers, "check")
    if action in ("confirm", "fix", "correct"):
        slip = _slip(answers, target)
        if slip is None:
            return Go(answers, "check")
        if action == "correct":
            return Go(answers, step_of(slip.field), focus=slip.field)
        if action == "fix":
            # "No, it is 160 µg/L": the changed answer is shown on the check page first,
            # with a note saying what changed, before any result.
            answers.update(slip.fix)
            for name in slip.fix:
                answers.note(f"fixed:{name}")
            return Go(answers, "check")
        answers.confirm(slip.key)
        return Go(answers, "result")
    if action == "check":
        return Go(answers, "check")
    if action == "clear":
        # "Start again" asks first; only its "Yes" (go=new) forgets the answers.
        # "No" goes back to the page it was pressed on (clear:result, clear:start).
        return Go(answers, "clear", back=target if target in CLEAR_FROM else "")
    # "See my result", and a form sent whole (an older page, or sent again).
    return Go(answers, "result")


def _address(journey, at="start", focus="", adding=False, empty=False, back=""):
    """The GET address of a page: where the patient is, never a value."""
    query = {"j": journey}
    if at != "start":
        query["at"] = at
    if back:
        query["from"] = back
    if focus:
        query["focus"] = focus
    if adding:
        query["adding"] = "1"
    if empty:
        query["empty"] = "1"
    return f"{answers_cookie.path()}?{urlencode(query)}"


def _valid_at(at, answers):
    if at in ("start", "check", "result", "kidney", "situations", "clear"):
        return True
    index = earlier_index(at)  # below MAX_HISTORY
    return index is not None and index <= next_history_index(answers)


def _valid_focus(at, focus):
    index = earlier_index(at)
    if focus and index is not None:
        # An earlier result's own fields ("No, let me correct it" on its slip).
        names = ("date", "serum_value", "urine_value")
        return focus if focus in {f"{history_prefix(index)}-{name}" for name in names} else ""
    if not focus or at.startswith("earlier:") or at not in STEP_FIELDS:
        return ""
    option = _CHOICE_FOCUS.fullmatch(focus)
    if option and option[1] in STEP_FIELDS[at]:
        # One option of a radio or checkbox list: "kind_1" is the element id_kind_1.
        field = InterpretForm.base_fields.get(option[1])
        choices = getattr(field, "choices", ())
        return focus if int(option[2]) < len(choices) else ""
    return focus if focus in STEP_FIELDS[at] and focus in InterpretForm.base_fields else ""


def _show(request, go, prefilled=False):
    """The page `go.at` for `go.answers` (the GET side of a step), with the mistakes
    in this step's answers, if any, in its error summary."""
    answers, at, focus = go.answers, go.at, go.focus
    if at == "clear":
        keep = _address(request.journey, go.back if go.back in CLEAR_FROM else "check")
        return _page(request, "interpreter/start_again.html", {"keep_url": keep})
    if at == "check":
        return check_page(request, answers)
    if at == "result":
        return check_page(request, answers, show_result=True)
    submission = submission_for(answers)
    submission.is_valid()
    errors = step_errors(submission, at)
    index = earlier_index(at)
    if go.empty and index is not None and not errors:
        if not any(name in answers.values for name in step_field_names(at)):
            errors = [(f"id_{history_prefix(index)}-date", EMPTY_EARLIER)]
    return render_step(
        request,
        answers,
        at,
        errors=errors,
        focus="" if errors else focus,
        prefilled=prefilled,
        changing=False if go.adding else None,
    )


def at_result(request):
    return request.GET.get("at") == "result"


def _get(request):
    journey = answers_cookie.journey_id(request.GET.get("j"))
    request.journey = journey or ""
    if journey is None:
        # A fresh start: a new journey, named in the address so that Back finds it.
        # Only a clinician's units and limits go on: never anything else from a link.
        query = {**prefill_from(request.GET), "j": answers_cookie.new_journey()}
        return HttpResponseRedirect(f"{answers_cookie.path()}?{urlencode(query)}", status=303)
    journeys, unreadable = answers_cookie.read(request)
    values = dict(journeys).get(journey)
    if values is None and at_result(request):
        # "Back to my result" from a share link's page, after the cookie's two hours.
        restored = answers_made_here(request, journey)
        values = restored.values if restored is not None else None
    at = request.GET.get("at", "start")
    prefilled = bool(prefill_from(request.GET))
    if values is None:
        gone = unreadable or at != "start"
        kept = _kept_elsewhere(journeys, journey)
        response = _first_screen(request, journey, gone=gone, kept=kept)
        if unreadable:
            answers_cookie.forget(response)
    else:
        answers = Answers.from_post(Answers(values).query_dict())
        if not _valid_at(at, answers):
            at = "check"
        focus = _valid_focus(at, request.GET.get("focus"))
        adding = request.GET.get("adding") == "1"
        empty = request.GET.get("empty") == "1"
        back = request.GET.get("from", "")
        response = _show(request, Go(answers, at, focus, adding, empty, back), prefilled)
        # Two hours from the last page seen, not from the first.
        _, value = answers_cookie.with_journey(journeys, journey, values)
        if value:
            answers_cookie.store(response, value)
    return browser_never_keeps(response)


@require_http_methods(["GET", "HEAD", "POST"])
def interpret_form(request):
    if request.method != "POST":
        return _get(request)
    request.journey = answers_cookie.journey_id(request.POST.get("j")) or ""
    answers = Answers.from_post(request.POST)
    if request.POST.get("go") == "new":
        response = HttpResponseRedirect(_address(answers_cookie.new_journey()), status=303)
        answers_cookie.forget(response)
        return response
    outcome = _step_post(request, answers)
    if outcome.at in ("check", "result") and first_invalid_step(submission_for(outcome.answers)):
        # A problem elsewhere (a form sent whole, a test date now after an earlier
        # result): the check address shows the first page with a problem.
        outcome.at = "check"
    journey = request.journey or answers_cookie.new_journey()
    journeys, _ = answers_cookie.read(request)
    _, value = answers_cookie.with_journey(journeys, journey, outcome.answers.values)
    if value is None:
        # Too much to keep in a cookie: show the page in this answer instead (it
        # still carries every answer; only its reload asks to send them again).
        return _show(request, outcome)
    address = _address(
        journey, outcome.at, outcome.focus, outcome.adding, outcome.empty, outcome.back
    )
    response = HttpResponseRedirect(address, status=303)
    answers_cookie.store(response, value)
    return response


def answers_page(request, data, *, status=400):
    """Answers that could not make a download or a share link: the page to fix them."""
    request.journey = answers_cookie.journey_id(data.get("j")) or ""
    return check_page(request, Answers.from_post(data), status=status)
