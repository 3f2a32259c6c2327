from django.contrib import admin

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.regions.models import Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    """Official codes are loaded by `load_reference` (idn-area-data): read-only here."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    show_full_result_count = False  # 91,599 rows: skip the second COUNT(*)
