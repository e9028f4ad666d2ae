import reversion
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
    DraftForm,
    DraftReviewAdmin,
    HasDraftFilter,
    NoteForm,
    PublishForm,
    ReviewFilter,
    live_field,
)
from .admin_tools import ContentVersionAdmin, LineEndingsMixin
from .models import GlossaryTerm, Reference, ReviewerProfile, ReviewState, Section, Status, Topic


class SectionInline(LineEndingsMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = ["order", "kind", "title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}


def _set_status(request, queryset, status, comment):
    # Save one by one inside a revision so the change can be seen and undone.
    for obj in queryset:
        with reversion.create_revision():
            obj.status = status
            obj.save()
            reversion.set_user(request.user)
            reversion.set_comment(comment)


@admin.action(description="Move the selected items back to draft")
def make_draft(modeladmin, request, queryset):
    # A glossary term that pages link to stays: as a draft it would leave the
    # glossary page and its links would lead nowhere.
    in_use = [term for term in queryset if publishing.glossary_uses(term.slug)]
    for term in in_use:
        messages.error(
            request,
            f"“{term}” stays published: pages link to it. Remove the links first "
            "(open the term to see where they are).",
        )
    queryset = queryset.exclude(pk__in=[term.pk for term in in_use])
    _set_status(request, queryset, Status.DRAFT, "Moved back to draft from the list.")


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "role", "user"]
    search_fields = ["display_name", "role", "user__username"]
    autocomplete_fields = ["user"]


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
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    # A plain list of checkboxes (about 15 references): it works without JavaScript
    # and reads well in a screen reader; the two-box filter widget puts an aria-label
    # on a role-less <span> (axe: aria-prohibited-attr).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = [
        "publication",
        "workflow",
        "last_reviewed_on",
        "reviewed_by_name",
        "reviewed_by_role",
        "next_review_due",
    ]
    change_form_template = "admin/education/topic/change_form.html"
    fieldsets = [
        (None, {"fields": ["publication", "title", "summary"]}),
        (
            "Clinical review",
            {
                "description": "Recorded when a clinical reviewer approves the page, from "
                "their own account. Submit the draft for review to start one.",
                "fields": [
                    "workflow",
                    "last_reviewed_on",
                    "reviewed_by_name",
                    "reviewed_by_role",
                    "next_review_due",
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
        live = publishing.live_of(topic)
        if live is None:
            return "Not live: the public cannot see this page."
        when = date_format(timezone.localtime(live.published_at), "j F Y, H:i")
        if publishing.has_unpublished_changes(topic):
            return f"Live since {when}, with draft changes the public does not see yet."
        return f"Live since {when}. No unpublished changes."

    @admin.display(description="Review")
    def workflow(self, topic):
        state = topic.get_review_state_display()
        if topic.review_state == ReviewState.SUBMITTED and topic.submitted_by:
            when = date_format(timezone.localtime(topic.submitted_at), "j F Y, H:i")
            state += f" (submitted by {topic.submitted_by.get_username()}, {when})"
        if topic.review_note:
            state += f". Note: {topic.review_note}"
        return state

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        topic = form.instance
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            # The reviewer approves what someone else last changed.
            fields = {"last_edited_by": request.user}
            if topic.review_state == ReviewState.SUBMITTED:
                # The draft under review changed: it must be submitted again.
                fields["review_state"] = ReviewState.EDITING
            Topic.objects.filter(pk=topic.pk).update(**fields)
            for name, value in fields.items():
                setattr(topic, name, value)

    def get_actions(self, request):
        # No bulk delete: a live page goes offline only through Unpublish.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and publishing.live_of(obj) is not None:
            return False  # unpublish it first, after its confirmation page
        return super().has_delete_permission(request, obj)

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

    def publish_view(self, request, pk):
        """A minor fix: published by an editor with a reason, never shown as a review."""
        topic = self._topic_or_404(request, pk)
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.publish_minor_fix(
                    topic, user=request.user, reason=form.cleaned_data["reason"]
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
        )

    def submit_view(self, request, pk):
        topic = self._topic_or_404(request, pk)
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
        if request.method == "POST" and error is None:
            try:
                workflow.approve(topic, user=request.user)
            except (publishing.PublishingError, workflow.WorkflowError) as refused:
                error = str(refused)
            else:
                return self._done(request, topic, f"Approved: “{topic}” is live.")
        return self._confirm(
            request,
            topic,
            "admin/review/approve.html",
            error=error,
            reviewer_name=name,
            reviewer_role=role,
            today=timezone.localdate(),
            next_due=workflow.next_review_due(),
            title=f"Approve “{topic}”",
            status=403 if error else 200,
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
            request, topic, "admin/review/send_back.html", form=form, title=f"Send “{topic}” back"
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
                f"“{topic}” is offline. Its draft is kept; publish it to bring it back.",
            )
        return self._confirm(
            request,
            topic,
            "unpublish.html",
            title=f"Take “{topic}” offline?",
            links=publishing.links_to(topic),
        )


class GlossaryTermForm(DraftForm):
    """A term's draft words, its address and whether it is on the glossary page.

    A term that pages link to keeps its address and stays on the glossary page;
    a new term reaches the glossary page only through a clinical review.
    """

    OPTIONAL_DRAFT_FIELDS = ("also_known_as",)

    class Meta:
        model = GlossaryTerm
        fields = ["draft_term", "draft_definition", "draft_also_known_as", "slug", "status"]

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        old = GlossaryTerm.objects.get(pk=self.instance.pk)
        if data.get("status") == Status.PUBLISHED and old.status == Status.DRAFT:
            self.add_error(
                "status",
                "A new term goes on the glossary page only when a clinical reviewer approves "
                "it: use “Submit for review”.",
            )
        leaving = []
        if "slug" in data and data["slug"] != old.slug:
            leaving.append(("slug", "change its address"))
        if data.get("status") == Status.DRAFT and old.status == Status.PUBLISHED:
            leaving.append(("status", "move it back to draft"))
        uses = publishing.glossary_uses(old.slug) if leaving else []
        for field, what in leaving if uses else []:
            self.add_error(
                field,
                f"Pages link to this term, so you cannot {what}: the links would lead "
                f"nowhere. Remove or change the links first. Linked from: {'; '.join(uses)}.",
            )
        return data


GLOSSARY_DRAFT_HELP = (
    "Save keeps your words as a draft: the glossary page shows the live words above until a "
    "clinical reviewer approves the draft. Use “Save draft and preview” to see it on the "
    "glossary, then “Submit for review”."
)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(DraftReviewAdmin):
    """Glossary terms: drafts beside the live words, and the clinical review (admin_drafts.py).

    A term pages link to cannot be deleted, moved back to draft or given a new
    slug (GlossaryTermForm, make_draft, get_deleted_objects).
    """

    form = GlossaryTermForm
    workflow = workflow.GLOSSARY
    noun = "glossary term"
    # A restore brings old words back as a draft; it never takes a term off the glossary.
    live_state = (*DraftReviewAdmin.live_state, "status")
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
    actions = [make_draft]
    live_term = live_field("term", "Term")
    live_definition = live_field("definition", "Definition")
    live_also_known_as = live_field("also_known_as", "Also known as")
    readonly_fields = [
        "publish_status",
        "review_status",
        "live_term",
        "live_definition",
        "live_also_known_as",
    ]

    def get_fieldsets(self, request, obj=None):
        draft = ["draft_term", "draft_definition", "draft_also_known_as"]
        advanced = ("Advanced options", {"classes": ["collapse"], "fields": ["slug"]})
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": draft,
                        "description": "A new term is a draft: the glossary "
                        "page shows it once a clinical reviewer approves it.",
                    },
                ),
                advanced,
            ]
        return [
            (None, {"fields": ["publish_status", "review_status", "status"]}),
            (
                "Live: what patients see now",
                {"fields": ["live_term", "live_definition", "live_also_known_as"]},
            ),
            ("Draft", {"fields": draft, "description": GLOSSARY_DRAFT_HELP}),
            advanced,
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["fields"] = ["draft_term", "draft_definition", "draft_also_known_as", "slug"]
        return super().get_form(request, obj, change, **kwargs)

    def save_new(self, request, obj, form):
        super().save_new(request, obj, form)
        obj.status = Status.DRAFT  # on the glossary page only once a clinical reviewer approves

    def preview_url(self, obj):
        return f"{reverse('education:glossary_preview')}#{obj.slug}"

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return redirect(self.preview_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def get_deleted_objects(self, objs, request):
        # Pages that link to a term protect it, as a foreign key would: Django's
        # delete views then list them and refuse to delete.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for term in objs:
            protected.extend(
                f"{use} links to “{term.term}”" for use in publishing.glossary_uses(term.slug)
            )
        return deleted, counts, perms_needed, protected


@admin.register(Reference)
class ReferenceAdmin(ContentVersionAdmin):
    list_display = ["title", "publisher", "year"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"key": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "publisher", "year", "url"]}),
        ("Advanced options", {"classes": ["collapse"], "fields": ["key"]}),
    ]
