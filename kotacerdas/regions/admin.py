from django.contrib import admin

from kotacerdas.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Official codes are loaded by `load_reference` (idn-area-data): read-only here."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    show_full_result_count = False  # 91,599 rows: skip the second COUNT(*)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
