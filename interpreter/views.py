"""The checker's pages (journey.py explains how answers travel from page to page)."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import rules, slips
from .display import unit_label
from .downloads import result_tools
from .journey import (
    OPTIONAL_STEPS,
    Answers,
    can_add_history,
    check_for,
    first_invalid_step,
    next_history_index,
    settle_numbers,
    step_errors,
    step_field_names,
    step_of,
    submission_for,
)
from .presenters import present
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
# Kept only in the patient's own browser (never a shared cache), and checked
# with us before each use, so history navigation shows the page again instead
# of an error. See journey.py and the README ("Never losing answers").
BROWSER_ONLY = "private, no-cache"


def prefill_from(query):
    return {name: query[name] for name in PREFILL_FIELDS if query.get(name)}


def browser_only(response):
    response["Cache-Control"] = BROWSER_ONLY
    return response


def _page(request, template, context, status=200):
    return browser_only(render(request, template, context, status=status))


def render_step(
    request, answers, step, *, errors=(), focus=None, status=200, prefilled=False, changing=None
):
    submission = submission_for(answers)
    submission.is_valid()
    form = submission.form
    entry = None
    if step.startswith("earlier:"):
        index = int(step.split(":")[1])
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
    template = TEMPLATES["earlier" if step.startswith("earlier:") else step]
    return _page(request, template, context, status=status)


def _first_screen(request):
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
    }
    return _page(request, TEMPLATES["start"], context)


def check_page(request, answers, *, show_result=False, status=200):
    """The check page, or the first page with a problem, or (show_result) the result."""
    submission = submission_for(answers)
    invalid = first_invalid_step(submission)
    if invalid:
        errors = step_errors(submission, invalid)
        if not errors:  # a problem no field owns
            errors = [("main-content", m) for m in submission.form.non_field_errors()]
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
    return next((s for s in slips.find(submission.to_inputs()) if s.key == key), None)


@require_http_methods(["GET", "HEAD", "POST"])
def interpret_form(request):
    if request.method != "POST":
        return _first_screen(request)
    answers = Answers.from_post(request.POST)
    step = request.POST.get("step", "")
    go = request.POST.get("go", "")
    if step and step not in TEMPLATES and not step.startswith("earlier:"):
        step = ""
    if step and go in ("", "continue"):
        submission = submission_for(answers)
        submission.is_valid()
        errors = step_errors(submission, step)
        if errors:
            changing = request.POST.get("mode") == "change"
            return render_step(request, answers, step, errors=errors, changing=changing)
        settle_numbers(answers, submission, step)
        answers.compact_history()
        return check_page(request, answers)
    action, _, target = go.partition(":")
    if action == "skip" and step:
        answers = answers.without(step_field_names(step))
        answers.compact_history()
        return check_page(request, answers)
    if action == "edit" and (target in TEMPLATES or target.startswith("earlier:")):
        if target == "earlier:new":
            if not can_add_history(answers):
                return check_page(request, answers)
            target = f"earlier:{next_history_index(answers)}"
        return render_step(request, answers, target)
    if action == "remove" and target.startswith("earlier:"):
        answers = answers.without(step_field_names(target))
        answers.compact_history()
        return check_page(request, answers)
    if action in ("confirm", "fix", "correct"):
        slip = _slip(answers, target)
        if slip is None:
            return check_page(request, answers)
        if action == "correct":
            return render_step(request, answers, step_of(slip.field), focus=slip.field)
        if action == "fix":
            answers.update(slip.fix)
        else:
            answers.confirm(slip.key)
        return check_page(request, answers, show_result=True)
    if action == "check":
        return check_page(request, answers)
    # "See my result", and a form sent whole (an older page, or sent again).
    return check_page(request, answers, show_result=True)


def answers_page(request, data, *, status=400):
    """Answers that could not make a download or a share link: the page to fix them."""
    return check_page(request, Answers.from_post(data), status=status)
