from django.contrib import admin
from django.db.models.constants import LOOKUP_SEP
from reversion.admin import VersionAdmin

from .models import LevelWording, Phrase, ShareLink


class NoAddOrDelete:
    """The engine decides which codes exist; editors own only their words."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LevelWording)
class LevelWordingAdmin(NoAddOrDelete, VersionAdmin):
    list_display = ["level", "label", "headline", "updated_at"]
    readonly_fields = ["level"]
    fields = ["level", "label", "headline", "summary"]
    search_fields = ["label", "headline", "summary"]


@admin.register(Phrase)
class PhraseAdmin(NoAddOrDelete, VersionAdmin):
    list_display = ["code", "kind", "text", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["code", "text"]
    readonly_fields = ["kind", "code"]
    fields = ["kind", "code", "text"]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    """How many links exist and when they end; never what they hold.

    A patient's numbers stay out of admin, for every user, superusers included:
    no field shows the stored inputs, guidance or snapshot; no lookup in the
    address (`?inputs__serum__value__startswith=3.1`), filter, search, ordering
    or action reaches them (only the dates can be filtered); and only hashes of
    tokens exist, so no one here can open a link.
    """

    # The only fields a query string may filter on: the dates, and not the contents.
    LOOKUP_FIELDS = ("created_at", "expires_at", "deleted_at")

    list_display = ["created_at", "expires_at", "status"]
    list_filter = [("deleted_at", admin.EmptyFieldListFilter)]
    date_hierarchy = "created_at"
    fields = ["created_at", "expires_at", "deleted_at", "status"]
    readonly_fields = fields
    search_fields = ()
    sortable_by = ("created_at", "expires_at")
    ordering = ["-created_at"]
    show_full_result_count = True

    @admin.display(description="Status")
    def status(self, link):
        if link.deleted_at:
            return "Deleted by its maker"
        return "Expired" if link.is_gone() else "Open"

    def lookup_allowed(self, lookup, value, request=None):
        field = lookup.split(LOOKUP_SEP, 1)[0]
        return field in self.LOOKUP_FIELDS and super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        return ()

    def get_search_results(self, request, queryset, search_term):
        return queryset, False

    def get_actions(self, request):
        # Deleting is the only bulk action; nothing exports or shows a link's contents.
        actions = super().get_actions(request)
        return {name: action for name, action in actions.items() if name == "delete_selected"}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("inputs", "guidance", "shown")
