"""Django admin of the regulation register, meetings and attachments: read-only.

They are written only through governance.services (pages and API), which check the permission and
write the audit trail; files are opened through the permission-checked pages.
"""

from django.contrib import admin

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.governance.models import Attachment, Meeting, Regulation


@admin.register(Regulation)
class RegulationAdmin(ReadOnlyAdmin):
    list_display = ["title", "city", "type", "number", "issued_on", "status"]
    list_filter = ["status", "type"]
    search_fields = ["title", "number"]
    list_select_related = ["city__region", "type"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "city", "kind", "held_on", "place", "attendance_count"]
    list_filter = ["kind"]
    search_fields = ["title", "place"]
    list_select_related = ["city__region", "kind"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["description", "city", "subject", "original_name", "uploaded_at"]
    list_filter = ["subject"]
    search_fields = ["description", "original_name"]
    list_select_related = ["city__region"]
