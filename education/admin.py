from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from . import publishing, workflow
from .admin_drafts import (
    WORKFLOW_STATE,
    DraftForm,
    EditedFromForm,
    HasDraftFilter,
    NewUntilApprovedAdmin,
    NoteForm,
    PublishForm,
    ReviewFilter,
    SaysWhatIsMissing,
    live_field,
    removed_warning,
    stored_version,
)
from .admin_tools import ContentVersionAdmin, LineEndingsMixin
from .markdown import sanitizer_losses
from .models import (
    GlossaryTerm,
    Reference,
    ReviewerProfile,
    ReviewState,
    Section,
    Status,
    Topic,
)

SECTION_GONE = (
    "This section was deleted by someone else since you opened the page, so nothing was "
    "saved. Copy your text, then reload the page."
)


SLUG_HINT = "small letters, numbers and hyphens, for example “kidneys-and-b2m”"


class SectionForm(SaysWhatIsMissing, forms.ModelForm):
    """A section of the page form, whose hidden fields' errors are said in plain words.

    Admin shows no error beside a hidden field: the editor would read "Please
    correct the error below." and find none. The only way those fields go wrong
    from a browser is the section (or its page) gone since the form was opened.
    """

    required_messages = {
        "title": "Enter this section's title: the heading patients see above its text.",
        "slug": "Enter this section's slug: its link name, /learn/<page>/#this-slug "
        f"({SLUG_HINT}).",
        "body": "Enter this section's text (Markdown). To remove the section, tick “Delete” "
        "instead.",
        "order": "Enter a number for this section's place on the page (lowest first).",
        "kind": "Choose what kind of section this is: Text, Key points or Get help sooner.",
    }

    def full_clean(self):
        super().full_clean()
        hidden = [
            name
            for name in getattr(self, "_errors", None) or {}
            if name in self.fields and self.fields[name].widget.is_hidden
        ]
        for name in hidden:
            del self._errors[name]
        if hidden:
            self.add_error(None, SECTION_GONE)


class SectionInline(LineEndingsMixin, admin.StackedInline):
    model = Section
    form = SectionForm
    extra = 0
    fields = ["order", "kind", "title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}


DRAFT_CHANGED = "The page changed after you opened this page. Read the changes again, then {then}."
DROP_READ_MORE = "Yes, result pages may lose these “Read more” links"
DROP_READ_MORE_REQUIRED = (
    f"Result pages would lose “Read more” links (listed above). Tick “{DROP_READ_MORE}” to go "
    "ahead, or change the draft so these sections keep their slugs."
)


class TopicPublishForm(PublishForm):
    """A page's minor fix: a reason and, when it drops "Read more" links, a confirmation."""

    drop_read_more = forms.BooleanField(
        label=DROP_READ_MORE,
        required=False,
        error_messages={"required": DROP_READ_MORE_REQUIRED},
    )

    def __init__(self, *args, losses=(), **kwargs):
        super().__init__(*args, **kwargs)
        if losses:
            self.fields["drop_read_more"].required = True
        else:
            del self.fields["drop_read_more"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "role", "user"]
    search_fields = ["display_name", "role", "user__username"]
    autocomplete_fields = ["user"]


class TopicForm(EditedFromForm):
    """A page's fields, refused when someone saved the page after this form was opened."""

    noun = "page"
    required_messages = {
        "title": "Enter the page's title: its heading, at the top of the page and on /learn/.",
        "summary": "Enter the summary: one plain sentence, shown under the title on the list "
        "of pages.",
        "slug": f"Enter the page's slug: its address, /learn/this-slug/ ({SLUG_HINT}).",
        "order": "Enter a number for the page's place in the list of pages (lowest first).",
    }

    class Meta:
        model = Topic
        fields = "__all__"

    def fingerprint(self, instance):
        return publishing.draft_digest(instance)


@admin.register(Topic)
class TopicAdmin(ContentVersionAdmin):
    list_display = [
        "title",
        "publication",
        "review_state",
        "order",
        "last_reviewed_on",
        "next_review_due",
        "updated_at",
    ]
    list_filter = ["status", "review_state", ReviewFilter]
    search_fields = ["title", "summary", "sections__title", "sections__body"]
    form = TopicForm
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    # A plain list of checkboxes (about 15 references): it works without JavaScript
    # and reads well in a screen reader; the two-box filter widget puts an aria-label
    # on a role-less <span> (axe: aria-prohibited-attr).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = [
        "publication",
        "workflow",
        "last_reviewed",
        "reviewed_by_name",
        "reviewed_by_role",
        "review_due",
    ]
    change_form_template = "admin/education/topic/change_form.html"
    fieldsets = [
        (None, {"fields": ["publication", "title", "summary", "edited_from"]}),
        (
            "Clinical review",
            {
                "description": "Recorded when a clinical reviewer approves the page, from "
                "their own account. Submit the draft for review to start one.",
                "fields": [
                    "workflow",
                    "last_reviewed",
                    "reviewed_by_name",
                    "reviewed_by_role",
                    "review_due",
                ],
            },
        ),
        ("References", {"fields": ["references"]}),
        ("Advanced options", {"classes": ["collapse"], "fields": ["slug", "order"]}),
    ]

    @admin.display(description="On the site")
    def publication(self, topic):
        if topic.pk is None:
            return "Not live yet. Save the page, preview it, then publish it."
        topic = stored_version(topic)
        live = publishing.live_of(topic)
        if live is None:
            return "Not live: the public cannot see this page."
        when = date_format(timezone.localtime(live.published_at), "j F Y, H:i")
        if publishing.has_unpublished_changes(topic):
            return f"Live since {when}, with draft changes the public does not see yet."
        return f"Live since {when}. No unpublished changes."

    # The review dates as the public page and the rest of admin write them ("31 December
    # 2026"), not as admin shows a bare date field ("Dec. 31, 2026").
    @admin.display(description="Last reviewed on")
    def last_reviewed(self, topic):
        # Admin prints a display method's None as "None", not "-".
        if topic.last_reviewed_on is None:
            return "Not yet reviewed by a clinician."
        return date_format(topic.last_reviewed_on, "j F Y")

    @admin.display(description="Next review due")
    def review_due(self, topic):
        return date_format(topic.next_review_due, "j F Y") if topic.next_review_due else "-"

    @admin.display(description="Review")
    def workflow(self, topic):
        state = topic.get_review_state_display()
        if topic.review_state == ReviewState.SUBMITTED and topic.submitted_by:
            when = date_format(timezone.localtime(topic.submitted_at), "j F Y, H:i")
            state += f" (submitted by {topic.submitted_by.get_username()}, {when})"
        if topic.review_note:
            state += f". Note: {topic.review_note}"
        return state

    # A restore or a recovery brings back the page's words (title, summary, sections,
    # sources); never whether it is on the site (that changes only by publishing or
    # Unpublish), its last clinical review or where its draft is in the review. The
    # restored words are the restorer's change: they are its last editor (so someone
    # else must approve it), and a submitted draft must be submitted again. (Terms and
    # wording keep theirs the same way: admin_drafts.LIVE_STATE and WORKFLOW_STATE.)
    kept_on_restore = (
        "status",
        "last_reviewed_on",
        "reviewed_by_name",
        "reviewed_by_role",
        "next_review_due",
        *WORKFLOW_STATE,
    )

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # Read before the old version is put back over the row.
        request._topic_before_restore = Topic.objects.filter(pk=version.object_id).first()
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def save_model(self, request, obj, form, change):
        if getattr(request, "b2m_restoring", None):
            before = getattr(request, "_topic_before_restore", None)
            if before is None:
                # Recovered after deletion: a live page cannot be deleted, so it was offline.
                obj.status = Status.DRAFT
            else:
                for name in self.kept_on_restore:
                    setattr(obj, name, getattr(before, name))
            obj.last_edited_by = request.user
            if obj.review_state == ReviewState.SUBMITTED or before is None:
                obj.review_state = ReviewState.EDITING
                obj.submitted_by, obj.submitted_at = None, None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        topic = form.instance
        request._page_saved = topic  # message_user says what the save did
        for formset in formsets:
            for section_form in formset.forms:
                data = getattr(section_form, "cleaned_data", None) or {}
                if not section_form.has_changed() or data.get("DELETE"):
                    continue
                losses = sanitizer_losses(data.get("body") or "")
                if losses:
                    where = f"Section “{data.get('title') or section_form.instance.title}”"
                    messages.warning(request, removed_warning(where, losses))
        if any(formset.has_changed() for formset in formsets):
            for warning in publishing.dead_links(topic):
                messages.warning(request, f"{warning} Your draft is saved; fix the link.")
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            # The reviewer approves what someone else last changed.
            fields = {"last_edited_by": request.user}
            if topic.review_state == ReviewState.SUBMITTED:
                # The draft under review changed: it must be submitted again.
                fields["review_state"] = ReviewState.EDITING
            Topic.objects.filter(pk=topic.pk).update(**fields)
            for name, value in fields.items():
                setattr(topic, name, value)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        topic = getattr(request, "_page_saved", None)
        if topic is not None and level == messages.SUCCESS:
            del request._page_saved
            message = self._saved_message(request, topic)
        return super().message_user(request, message, level, *args, **kwargs)

    def _saved_message(self, request, topic):
        """A Save changes the draft only: say so, as terms and wording do."""
        restoring = getattr(request, "b2m_restoring", None)
        if restoring and restoring[1]:
            return (
                "Recovered: the page is back in admin as it was when it was deleted. It is not "
                "on the site: preview it, then submit it for clinical review."
            )
        done = "Restored as a draft" if restoring else "Draft saved"
        if publishing.live_of(topic) is None:
            return (
                f"{done}. The page is not on the site: preview it, then submit it for "
                "clinical review."
            )
        if publishing.has_unpublished_changes(topic):
            return (
                f"{done}. Patients still see the live page. Preview the draft, then submit it "
                "for clinical review."
            )
        return (
            "Restored: that version is the same as the live page, so there is no draft."
            if restoring
            else "Saved: the page is the same as the live page, so there is no draft."
        )

    def get_actions(self, request):
        # No bulk delete: a live page goes offline only through Unpublish.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and publishing.live_of(obj) is not None:
            return False  # unpublish it first, after its confirmation page
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        topic = self.get_object(request, unquote(object_id))
        if (
            topic is not None
            and publishing.live_of(topic) is not None
            and super().has_delete_permission(request, topic)
        ):
            # Said in words on its page, beside "Unpublish…", not as the patients' 403
            # page (as for published terms and references).
            self.message_user(
                request,
                f"“{topic}” is on the public site, so it cannot be deleted: it would leave the "
                "site at once. Take it off the site first (“Unpublish…”, which names what will "
                "disappear); then it can be deleted.",
                messages.ERROR,
            )
            return redirect("admin:education_topic_change", topic.pk)
        return super().delete_view(request, object_id, extra_context)

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    # Publishing: the working copy goes live only through these views.

    def get_urls(self):
        def view(func):
            return self.admin_site.admin_view(func)

        return [
            path("<int:pk>/publish/", view(self.publish_view), name="education_topic_publish"),
            path("<int:pk>/discard/", view(self.discard_view), name="education_topic_discard"),
            path(
                "<int:pk>/unpublish/", view(self.unpublish_view), name="education_topic_unpublish"
            ),
            path("<int:pk>/submit/", view(self.submit_view), name="education_topic_submit"),
            path("<int:pk>/approve/", view(self.approve_view), name="education_topic_approve"),
            path(
                "<int:pk>/send-back/", view(self.send_back_view), name="education_topic_send_back"
            ),
            path(
                "<int:pk>/deleted-sections/",
                view(self.deleted_sections_view),
                name="education_topic_deleted_sections",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {}
        topic = self.get_object(request, unquote(object_id))
        if topic is not None:
            context = {
                "preview_url": reverse("education:topic_preview", args=[topic.pk]),
                "live": publishing.live_of(topic),
                "has_draft_changes": publishing.has_unpublished_changes(topic),
                "can_edit": self.has_change_permission(request, topic),
                "can_review": workflow.is_clinical_reviewer(request.user),
                "minor_fix_refusal": workflow.TOPICS.minor_fix_refusal(topic),
                "submit_refusal": workflow.TOPICS.submit_refusal(topic),
                # Said up front, not only when Approve is refused (publishing.publish).
                "glossary_refusal": publishing.glossary_refusal(topic),
                "waiting_terms": publishing.unpublished_glossary_links(topic),
                "read_more_losses": publishing.read_more_losses(topic),
            }
        context.update(extra_context or {})
        return super().change_view(request, object_id, form_url, context)

    def _topic_or_404(self, request, pk, review=False):
        topic = self.get_object(request, str(pk))
        if topic is None:
            raise Http404("No such page.")
        allowed = (
            workflow.is_clinical_reviewer(request.user)
            if review
            else self.has_change_permission(request, topic)
        )
        if not allowed:
            raise PermissionDenied
        return topic

    def _confirm(self, request, topic, template, status=200, **context):
        return TemplateResponse(
            request,
            template if "/" in template else f"admin/education/topic/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": topic,
                "topic": topic,
                "live": publishing.live_of(topic),
                "preview_url": reverse("education:topic_preview", args=[topic.pk]),
                "change_url": reverse("admin:education_topic_change", args=[topic.pk]),
                "send_back_url": reverse("admin:education_topic_send_back", args=[topic.pk]),
                "noun": "page",
                **context,
            },
            status=status,
        )

    def _done(self, request, topic, message):
        messages.success(request, message)
        return redirect("admin:education_topic_change", topic.pk)

    def _draft_context(self, topic):
        """The live-against-draft changes a reviewer or editor reads, and their fingerprint.

        With them: the result-page "Read more" links the draft would drop, and the
        other live pages that link to this one (those the draft breaks marked).
        """
        return {
            "changes_template": "admin/education/topic/draft_changes.html",
            "changes": publishing.draft_changes(topic),
            "draft_digest": publishing.draft_digest(topic),
            "links_template": "admin/education/topic/links_in.html",
            "read_more_losses": publishing.read_more_losses(topic),
            "linked_from": publishing.incoming_links(topic),
            "broken_links": publishing.links_broken_by_draft(topic),
            "dead_links": publishing.dead_links(topic),
            "drop_read_more_label": DROP_READ_MORE,
            "meaning_notes": workflow.TOPICS.meaning_notes(topic),
        }

    def _draft_changed(self, request, topic):
        # Someone saved the page again after this page was opened: what would go live
        # is not what this person read.
        return request.POST.get("draft") != publishing.draft_digest(topic)

    def publish_view(self, request, pk):
        """A minor fix: published by an editor with a reason, never shown as a review."""
        topic = self._topic_or_404(request, pk)
        refusal = workflow.TOPICS.minor_fix_refusal(topic)
        if refusal and request.method != "POST":
            messages.error(request, refusal)
            return redirect("admin:education_topic_change", topic.pk)
        form = TopicPublishForm(request.POST or None, losses=publishing.read_more_losses(topic))
        status = 200
        if request.method == "POST" and self._draft_changed(request, topic):
            form.is_valid()
            form.add_error(None, DRAFT_CHANGED.format(then="publish"))
            status = 409
        elif request.method == "POST" and form.is_valid():
            try:
                workflow.publish_minor_fix(
                    topic,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    drop_read_more=form.cleaned_data.get("drop_read_more", False),
                )
            except (publishing.PublishingError, workflow.WorkflowError) as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, topic, f"“{topic}” is live (minor fix).")
        return self._confirm(
            request,
            topic,
            "publish.html",
            form=form,
            title=f"Publish a minor fix to “{topic}”",
            has_draft_changes=publishing.has_unpublished_changes(topic),
            status=status,
            **self._draft_context(topic),
        )

    def submit_view(self, request, pk):
        topic = self._topic_or_404(request, pk)
        refusal = workflow.TOPICS.submit_refusal(topic)
        if refusal and request.method != "POST":
            messages.error(request, refusal)
            return redirect("admin:education_topic_change", topic.pk)
        form = NoteForm(request.POST or None, required=False)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.submit(topic, user=request.user, note=form.cleaned_data["note"])
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, topic, "Submitted: a clinical reviewer will check it.")
        return self._confirm(
            request,
            topic,
            "admin/review/submit.html",
            form=form,
            title=f"Submit “{topic}” for clinical review",
            has_draft_changes=publishing.has_unpublished_changes(topic),
        )

    def approve_view(self, request, pk):
        topic = self._topic_or_404(request, pk, review=True)
        error = None
        try:
            name, role = workflow.TOPICS.check_approve(topic, request.user)
        except workflow.WorkflowError as refused:
            error, name, role = str(refused), "", ""
        error = error or publishing.glossary_refusal(topic) or None
        status = 403 if error else 200
        losses = publishing.read_more_losses(topic)
        confirm_error = ""
        if request.method == "POST" and error is None:
            if self._draft_changed(request, topic):
                error, status = DRAFT_CHANGED.format(then="approve it"), 409
            elif losses and not request.POST.get("drop_read_more"):
                # Not a refusal: the page stays, with the box to tick.
                confirm_error, status = DROP_READ_MORE_REQUIRED, 400
            else:
                try:
                    workflow.approve(topic, user=request.user, drop_read_more=bool(losses))
                except (publishing.PublishingError, workflow.WorkflowError) as refused:
                    error, status = str(refused), 403
                else:
                    return self._done(request, topic, f"Approved: “{topic}” is live.")
        return self._confirm(
            request,
            topic,
            "admin/review/approve.html",
            error=error,
            confirm_error=confirm_error,
            reviewer_name=name,
            reviewer_role=role,
            today=timezone.localdate(),
            next_due=workflow.next_review_due(),
            title=f"Approve “{topic}”",
            status=status,
            **self._draft_context(topic),
            **self.sent_back_context(topic),
        )

    def send_back_view(self, request, pk):
        topic = self._topic_or_404(request, pk, review=True)
        form = NoteForm(request.POST or None, required=True)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.send_back(topic, user=request.user, comment=form.cleaned_data["note"])
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, topic, "Sent back to the editors with your comment.")
        return self._confirm(
            request,
            topic,
            "admin/review/send_back.html",
            form=form,
            title=f"Send “{topic}” back",
            **self.sent_back_context(topic),
        )

    def discard_view(self, request, pk):
        topic = self._topic_or_404(request, pk)
        live = publishing.live_of(topic)
        if live is None:
            messages.error(request, "This page has never been published: there is no live version.")
            return redirect("admin:education_topic_change", topic.pk)
        if request.method == "POST":
            try:
                publishing.discard_draft(topic, user=request.user)
            except publishing.PublishingError as error:
                messages.error(request, str(error))
                return redirect("admin:education_topic_change", topic.pk)
            return self._done(
                request, topic, "The draft was discarded: the page is back to its live version."
            )
        return self._confirm(
            request, topic, "discard.html", title=f"Discard the draft of “{topic}”"
        )

    def deleted_sections_view(self, request, pk):
        """Sections the page's history holds and its draft lost: bring one back on its own."""
        topic = self._topic_or_404(request, pk)
        if request.method == "POST":
            try:
                version_id = int(request.POST.get("version", ""))
            except ValueError:
                version_id = None
            try:
                section = publishing.bring_back_section(topic, version_id, user=request.user)
            except publishing.PublishingError as error:
                messages.error(request, str(error))
                return redirect("admin:education_topic_deleted_sections", topic.pk)
            if section.is_live:
                said = "The live page still has it, so the draft no longer removes it."
            else:
                said = (
                    "Patients do not see it until the draft goes live: preview it, then submit "
                    "it for clinical review."
                )
            return self._done(
                request, topic, f"The section “{section.title}” is back in the draft. {said}"
            )
        return self._confirm(
            request,
            topic,
            "deleted_sections.html",
            title=f"Deleted sections of “{topic}”",
            sections=publishing.deleted_sections(topic),
        )

    def unpublish_view(self, request, pk):
        topic = self._topic_or_404(request, pk)
        if publishing.live_of(topic) is None:
            messages.error(request, "This page is not live.")
            return redirect("admin:education_topic_change", topic.pk)
        if request.method == "POST":
            publishing.unpublish(topic, user=request.user)
            return self._done(
                request,
                topic,
                f"“{topic}” is offline. Its draft is kept; a clinical reviewer's approval "
                "brings it back.",
            )
        return self._confirm(
            request,
            topic,
            "unpublish.html",
            title=f"Take “{topic}” offline?",
            links=publishing.links_to(topic),
        )


class GlossaryTermForm(DraftForm):
    """A term's draft words and its address.

    A term that pages link to keeps its address. Whether it is on the glossary
    page is not in the form: a new term gets there only through a clinical
    review, and a live term leaves only through "Take off the site…", after a
    confirmation (admin_drafts.NewUntilApprovedAdmin).
    """

    OPTIONAL_DRAFT_FIELDS = ("also_known_as",)
    required_messages = {
        "draft_term": "Enter the term: the word as the glossary page shows it, for example "
        "“Glomerulus”.",
        "draft_definition": "Enter the definition: one to three short, plain sentences saying "
        "what the term means.",
        "slug": f"Enter the term's slug: its address, /glossary/#this-slug ({SLUG_HINT}).",
    }

    class Meta:
        model = GlossaryTerm
        fields = ["draft_term", "draft_definition", "draft_also_known_as", "slug"]

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        old = GlossaryTerm.objects.get(pk=self.instance.pk)
        if "slug" in data and data["slug"] != old.slug:
            uses = publishing.glossary_uses(old.slug)
            if uses:
                self.add_error(
                    "slug",
                    "Pages link to this term, so you cannot change its address: the links "
                    "would lead nowhere. Remove or change the links first. Linked from: "
                    f"{'; '.join(uses)}.",
                )
        return data


GLOSSARY_DRAFT_HELP = (
    "Save keeps your words as a draft: the glossary page shows the live words above until a "
    "clinical reviewer approves the draft. Use “Save draft and preview” to see it on the "
    "glossary, then “Submit for review”."
)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(NewUntilApprovedAdmin):
    """Glossary terms: drafts beside the live words, and the clinical review (admin_drafts.py).

    A term pages link to cannot be deleted, taken off the site or given a new
    slug (GlossaryTermForm, workflow.GlossaryWorkflow.blocking_uses,
    get_deleted_objects).
    """

    form = GlossaryTermForm
    workflow = workflow.GLOSSARY
    noun = "glossary term"
    delete_confirmation_template = "admin/education/glossaryterm/delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/education/glossaryterm/delete_selected_confirmation.html"
    )
    list_display = [
        "term",
        "slug",
        "status",
        "draft_waiting",
        "review_state",
        "next_review_due",
        "updated_at",
    ]
    list_filter = ["status", HasDraftFilter, "review_state", ReviewFilter]
    search_fields = [
        "term",
        "definition",
        "also_known_as",
        "draft_term",
        "draft_definition",
        "draft_also_known_as",
    ]
    prepopulated_fields = {"slug": ["draft_term"]}
    live_term = live_field("term", "Term")
    live_definition = live_field("definition", "Definition")
    live_also_known_as = live_field("also_known_as", "Also known as")

    advanced_fields = ["slug", "old_addresses"]
    readonly_fields = [*NewUntilApprovedAdmin.readonly_fields, "old_addresses"]
    markdown_fields = ("definition",)
    new_help = (
        "A new term is a draft: the glossary page shows it once a clinical reviewer approves it."
    )
    draft_help = GLOSSARY_DRAFT_HELP

    def preview_url(self, obj):
        return f"{reverse('education:glossary_preview')}#{obj.slug}"

    def dead_links(self, term):
        return publishing.definition_dead_links(term, term.draft_words()["definition"])

    @admin.display(description="Old addresses")
    def old_addresses(self, term):
        found = term.former_addresses if term.pk else []
        if not found:
            return "None: the term has had only this address while on the site."
        return "Still lead to this term: " + ", ".join(found)

    def moved_note(self, stored, obj):
        # An address is no draft word: it changes at once, on the glossary page too. The
        # old one keeps leading to the term (models.GlossaryTerm._keep_former_address).
        if stored.slug == obj.slug:
            return ""
        note = f"Its address changed from /glossary/#{stored.slug} to /glossary/#{obj.slug}"
        if stored.status == Status.PUBLISHED:
            return (
                f"{note}: live at once. Links to the old address still open this term on the "
                "glossary page."
            )
        return note + "."

    def disappears(self, term):
        return [f"the term “{term.term}” from the glossary page, at {term.get_absolute_url()}"]

    def get_deleted_objects(self, objs, request):
        # Pages that link to a term protect it, as a foreign key would: Django's
        # delete views then list them and refuse to delete.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for term in objs:
            protected.extend(
                f"{use} links to “{term.term}”" for use in publishing.glossary_uses(term.slug)
            )
        return deleted, counts, perms_needed, protected


def _https_links(field, **kwargs):
    # Links typed without a scheme are https (LineEndingsMixin does this in admin).
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ReferenceForm(DraftForm):
    """A reference's draft words (title, publisher, year, link) and its key."""

    OPTIONAL_DRAFT_FIELDS = ("year",)
    required_messages = {
        "draft_title": "Enter the title of the article, page or guideline.",
        "draft_publisher": "Enter the publisher: the authors and journal, or the organization "
        "that publishes it.",
        "draft_url": "Enter the link to the source, for example https://doi.org/10.1000/182.",
        "key": f"Enter a key: a short name for this source, used by no other ({SLUG_HINT}).",
    }

    class Meta:
        model = Reference
        fields = ["draft_title", "draft_publisher", "draft_year", "draft_url", "key"]
        formfield_callback = _https_links


REFERENCE_DRAFT_HELP = (
    "Save keeps your words as a draft: the pages that list this source show the live words "
    "above until a clinical reviewer approves the draft. Use “Save draft and preview” to see "
    "it in the list of sources, then “Submit for review”."
)


@admin.register(Reference)
class ReferenceAdmin(NewUntilApprovedAdmin):
    """References (a page's sources): drafts beside the live words, reviewed as glossary terms."""

    form = ReferenceForm
    workflow = workflow.REFERENCES
    noun = "reference"
    delete_confirmation_template = "admin/education/reference/delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/education/reference/delete_selected_confirmation.html"
    )
    list_display = [
        "title",
        "publisher",
        "year",
        "status",
        "draft_waiting",
        "review_state",
        "next_review_due",
    ]
    list_filter = ["status", HasDraftFilter, "review_state", ReviewFilter]
    search_fields = ["title", "publisher", "url", "draft_title", "draft_publisher", "draft_url"]
    prepopulated_fields = {"key": ["draft_title"]}
    live_title = live_field("title", "Title")
    live_publisher = live_field("publisher", "Publisher")
    live_year = live_field("year", "Year")
    live_url = live_field("url", "Link")

    advanced_fields = ["key"]
    new_help = "A new reference is a draft: pages list it once a clinical reviewer approves it."
    draft_help = REFERENCE_DRAFT_HELP

    def preview_url(self, obj):
        return f"{reverse('education:references_preview')}#reference-{obj.pk}"

    def _live_pages(self, reference):
        return list(reference.live_topics.order_by("order", "title"))

    def where_shown(self, reference):
        pages = self._live_pages(reference)
        if not pages:
            return "Not listed on any live page."
        return "Under “Sources” on " + "; ".join(
            f"“{page.title}” ({page.get_absolute_url()})" for page in pages
        )

    def get_deleted_objects(self, objs, request):
        # A published reference that live pages cite is protected, as a term that pages
        # link to is: Django's delete views (the button and the list's action) then
        # name those pages and refuse to delete.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for reference in objs:
            if reference.status == Status.PUBLISHED:
                protected.extend(
                    f"Live page “{page.title}” ({page.get_absolute_url()}) "
                    f"cites “{reference.title}”"
                    for page in self._live_pages(reference)
                )
        return deleted, counts, perms_needed, protected

    def disappears(self, reference):
        pages = self._live_pages(reference)
        if not pages:
            return [f"“{reference.title}”: no live page lists it now, so no page changes."]
        return [
            f"“{reference.title}” from the sources of the page “{page.title}” "
            f"({page.get_absolute_url()})"
            for page in pages
        ]
