"""Compare any two saved versions of an object side by side.

Why difflib and not django-reversion-compare: our versions hold a page and its
sections in one revision, and editors want to see which sentence changed, not
a whole body marked as different. difflib (standard library) lines the two
versions up sentence by sentence, shows only the sentences that differ, and
marks the changed words inside them with <del> and <ins>. Nothing here needs
JavaScript or inline styles, so admin's Content-Security-Policy stays strict,
and no extra package has to follow Django and django-reversion upgrades.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Version

# Generated or bookkeeping fields an editor never writes.
SKIPPED_FIELDS = {"updated_at", "id"}

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def sentences(text):
    return [part for part in _SENTENCE_END.split(text or "") if part.strip()]


def _marked(tokens, tag):
    return "".join(f"<{tag}>{escape(t)}</{tag}>" if t.strip() else escape(t) for t in tokens)


# difflib lines up every word of a changed block with every word of its
# replacement, in quadratic time without its junk heuristic (which would hide
# changes to common words). Past these sizes a block is shown whole, removed and
# added, and long texts are lined up only where they differ: a 60 KB section
# rewritten took minutes to compare, so History and the approve page timed out.
# (Times at each limit measured on this 2-core machine.)
MAX_MARKED_TOKENS = 2000  # words, spaces and signs a side: about 0.5 s
MAX_SENTENCE_PAIRS = 16_000_000  # 4,000 sentences a side: about 1 s


def mark_words(old, new):
    """(old, new) as safe HTML with removed words in <del> and added words in <ins>."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) > MAX_MARKED_TOKENS or len(b) > MAX_MARKED_TOKENS:
        return mark_safe(_marked(a, "del")), mark_safe(_marked(b, "ins"))
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(escape("".join(a[i1:i2])))
            right.append(escape("".join(b[j1:j2])))
            continue
        left.append(_marked(a[i1:i2], "del"))
        right.append(_marked(b[j1:j2], "ins"))
    return mark_safe("".join(left)), mark_safe("".join(right))


def diff_text(old, new):
    """Only the sentences that differ, as (old HTML, new HTML) pairs."""
    a, b = sentences(old), sentences(new)
    if len(a) * len(b) > MAX_SENTENCE_PAIRS:
        return _diff_long(a, b)
    rows = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            rows.append(mark_words(" ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return rows


def _diff_long(a, b):
    """diff_text for very long texts, in linear time.

    Sentences are compared position by position while both texts have the same
    number of them (an edit inside sentences), else only the differing middle
    (after the common start and end) is shown as one block.
    """
    if len(a) == len(b):
        return [mark_words(x, y) for x, y in zip(a, b, strict=True) if x != y]
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    rows = [mark_words(" ".join(a[start : len(a) - end]), " ".join(b[start : len(b) - end]))]
    return [row for row in rows if row != ("", "")]


_MARKED = re.compile(r"<(ins|del)>(.*?)</\1>")


def unmarked(html):
    """A `diff_text` side as plain text again (marks gone, escapes undone)."""
    from html import unescape

    return unescape(re.sub(r"</?(?:ins|del)>", "", html))


def changed_words(rows):
    """(words removed, words added) in `diff_text` rows."""
    removed = added = 0
    for left, right in rows:
        removed += sum(1 for _t, token in _MARKED.findall(left) if re.search(r"\w", token))
        added += sum(1 for _t, token in _MARKED.findall(right) if re.search(r"\w", token))
    return removed, added


@dataclass
class Change:
    label: str
    rows: list = field(default_factory=list)


def _display(model, name, value):
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return "" if value is None else str(value)
    if model_field.many_to_many:
        related = model_field.related_model._default_manager.filter(pk__in=value or [])
        return "; ".join(sorted(str(obj) for obj in related))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    # Dates read as everywhere else on the site ("31 December 2026"), not "2026-12-31",
    # whose digits and dashes the word marking would split apart.
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return "" if value is None else str(value)


def _compared_fields(model):
    names = [
        f.name
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and not f.is_relation and f.name not in SKIPPED_FIELDS
    ]
    return names + [f.name for f in model._meta.many_to_many if f.editable]


def _objects_in(version):
    """{(model, object_id): version} for the object and what its revision followed."""
    found = {}
    for other in version.revision.version_set.select_related("content_type"):
        model = other.content_type.model_class()
        if model is not None:
            found[(model, other.object_id)] = other
    return found


def _name(model, data):
    for key in ("title", "term", "label", "code", "level"):
        if data.get(key):
            return f"{model._meta.verbose_name.capitalize()} “{data[key]}”"
    return model._meta.verbose_name.capitalize()


def compare_versions(old, new):
    """The changes from version `old` to version `new` of the same object."""
    main = (old.content_type.model_class(), old.object_id)
    before, after = _objects_in(old), _objects_in(new)
    # The object itself first, then what it follows in a stable order.
    keys = sorted(set(before) | set(after), key=lambda k: (k != main, k[0]._meta.label, k[1]))
    changes = []
    for key in keys:
        model, _ = key
        if (key in before) != (key in after) and key != main:
            present = after.get(key) or before.get(key)
            data = present.field_dict
            verb = "added" if key in after else "removed"
            text = "\n".join(
                _display(model, name, data.get(name)) for name in _compared_fields(model)
            )
            rows = diff_text("" if verb == "added" else text, text if verb == "added" else "")
            changes.append(Change(f"{_name(model, data)} {verb}", rows))
            continue
        old_data = before[key].field_dict if key in before else {}
        new_data = after[key].field_dict if key in after else {}
        prefix = "" if key == main else f"{_name(model, new_data or old_data)}: "
        for name in _compared_fields(model):
            was = _display(model, name, old_data.get(name))
            now = _display(model, name, new_data.get(name))
            if was != now:
                label = model._meta.get_field(name).verbose_name.capitalize()
                changes.append(Change(prefix + label, diff_text(was, now)))
    return changes


# A page's live version against its draft (publishing.live_snapshot, working_snapshot):
# what a reviewer approves and what a minor fix publishes.
_PAGE_FIELDS = (
    ("title", "Title"),
    ("summary", "Summary"),
    ("slug", "Address (slug)"),
    ("order", "Place in the list of pages"),
)
_SECTION_FIELDS = (
    ("title", "Title"),
    ("slug", "Link name (slug)"),
    ("kind", "Kind"),
    ("body", "Body"),
)


def _key(section):
    return section.get("id") or section["slug"]


def _section_text(data):
    return "\n".join(str(data.get(name, "")) for name, _ in _SECTION_FIELDS)


def compare_snapshots(live, draft, reference_names=None):
    """The changes from a page's live snapshot (None: not live) to its draft snapshot.

    Sections are matched by id, so a moved or renamed section reads as changed, not
    as one removed and another added. `reference_names` maps a reference's pk to
    how it is listed.
    """
    live = live or {"sections": [], "references": []}
    changes = []
    for name, label in _PAGE_FIELDS:
        was, now = str(live.get(name, "")), str(draft.get(name, ""))
        if was != now:
            changes.append(Change(label, diff_text(was, now)))
    before = {_key(s): s for s in live["sections"]}
    after = {_key(s): s for s in draft["sections"]}
    for section in draft["sections"]:
        old = before.get(_key(section))
        if old is None:
            rows = diff_text("", _section_text(section))
            changes.append(Change(f"Section “{section['title']}” added", rows))
            continue
        for name, label in _SECTION_FIELDS:
            was, now = str(old.get(name, "")), str(section.get(name, ""))
            if was != now:
                changes.append(
                    Change(f"Section “{section['title']}”: {label}", diff_text(was, now))
                )
    for section in live["sections"]:
        if _key(section) not in after:
            rows = diff_text(_section_text(section), "")
            changes.append(Change(f"Section “{section['title']}” removed", rows))
    was = [s["title"] for s in live["sections"] if _key(s) in after]
    now = [after[_key(s)]["title"] for s in draft["sections"] if _key(s) in before]
    if [before_key for before_key in map(_key, live["sections"]) if before_key in after] != [
        k for k in map(_key, draft["sections"]) if k in before
    ]:
        changes.append(Change("Order of the sections", diff_text("\n".join(was), "\n".join(now))))
    names = reference_names or {}
    was = "\n".join(sorted(names.get(pk, str(pk)) for pk in live["references"]))
    now = "\n".join(sorted(names.get(pk, str(pk)) for pk in draft["references"]))
    if was != now:
        changes.append(Change("Sources", diff_text(was, now)))
    return changes


def compare_view(model_admin, request, object_id):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    object_id = unquote(object_id)
    versions = list(
        Version.objects.get_for_object_reference(model_admin.model, object_id)
        .select_related("revision", "revision__user")
        .order_by("-pk")
    )
    if not versions:
        raise Http404("This item has no saved versions.")
    by_pk = {str(v.pk): v for v in versions}
    error = None
    old_pk, new_pk = request.GET.get("from"), request.GET.get("to")
    if old_pk or new_pk:
        if old_pk not in by_pk or new_pk not in by_pk:
            error = "Choose two saved versions of this item from its history to compare."
    if not error and not (old_pk or new_pk):
        new_pk = str(versions[0].pk)
        old_pk = str(versions[1].pk if len(versions) > 1 else versions[0].pk)
    old = by_pk.get(old_pk)
    new = by_pk.get(new_pk)
    if old and new and old.revision.date_created > new.revision.date_created:
        old, new = new, old  # always older on the left
    opts = model_admin.model._meta
    obj = model_admin.get_object(request, object_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "object_id": object_id,
        "original": obj if obj is not None else versions[0].object_repr,
        "title": f"Compare versions of {versions[0].object_repr}",
        "versions": versions,
        "old": old,
        "new": new,
        "error": error,
        "changes": compare_versions(old, new) if (old and new and not error) else [],
    }
    return TemplateResponse(
        request, "admin/education/compare.html", context, status=400 if error else 200
    )
