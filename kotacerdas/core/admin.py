from django.contrib import admin

from kotacerdas.core.models import AuditEvent, ReferenceDataset


class ReadOnly:
    """Mixin for a ModelAdmin or an inline: records written only by services and loaders (which
    audit them) are visible here, never added, changed or deleted by hand (a POST answers 403)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A ModelAdmin of read-only records."""


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "model", "object_repr", "city"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "actor_name", "object_pk"]
    list_select_related = ["city__region"]
    date_hierarchy = "at"


@admin.register(ReferenceDataset)
class ReferenceDatasetAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "licence", "row_count", "loaded_at"]
