import datetime

import reversion
from django.contrib import admin
from django.utils import timezone

from .admin_tools import ContentVersionAdmin, LineEndingsMixin
from .models import GlossaryTerm, Reference, Section, Status, Topic


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue for review"),
            ("soon", "Due in the next 30 days"),
            ("never", "Not yet reviewed by a clinician"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gte=today,
                next_review_due__lte=today + datetime.timedelta(days=30),
            )
        if self.value() == "never":
            return queryset.filter(last_reviewed_on__isnull=True)
        return queryset


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


@admin.action(description="Publish the selected items")
def make_published(modeladmin, request, queryset):
    _set_status(request, queryset, Status.PUBLISHED, "Published from the list.")


@admin.action(description="Move the selected items back to draft")
def make_draft(modeladmin, request, queryset):
    _set_status(request, queryset, Status.DRAFT, "Moved back to draft from the list.")


@admin.register(Topic)
class TopicAdmin(ContentVersionAdmin):
    list_display = ["title", "status", "order", "last_reviewed_on", "next_review_due", "updated_at"]
    list_filter = ["status", ReviewFilter]
    search_fields = ["title", "summary", "sections__title", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    actions = [make_published, make_draft]
    filter_horizontal = ["references"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "status"]}),
        (
            "Clinical review",
            {
                "description": "Fill these in only when a clinician has checked the page. "
                "The page then shows who reviewed it and when.",
                "fields": [
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

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ContentVersionAdmin):
    list_display = ["term", "slug", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["term", "definition", "also_known_as"]
    prepopulated_fields = {"slug": ["term"]}
    actions = [make_published, make_draft]
    fieldsets = [
        (None, {"fields": ["term", "definition", "also_known_as", "status"]}),
        ("Advanced options", {"classes": ["collapse"], "fields": ["slug"]}),
    ]


@admin.register(Reference)
class ReferenceAdmin(ContentVersionAdmin):
    list_display = ["title", "publisher", "year"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"key": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "publisher", "year", "url"]}),
        ("Advanced options", {"classes": ["collapse"], "fields": ["key"]}),
    ]
