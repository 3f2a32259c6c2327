from django.contrib import admin

from kotacerdas.core.models import AuditEvent, ReferenceDataset


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services and loaders: visible, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
