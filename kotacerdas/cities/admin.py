"""Django admin of cities: read-only (labels come from verbose_name).

A city's records are written only through cities.services (pages and API), which check the
permission and write the audit trail; the admin shows them and links to them, nothing more.
"""

from django.contrib import admin

from kotacerdas.cities.models import Body, BodyMember, City, Cohort, Commitment, Opd, Signatory, StageEvent, Stakeholder
from kotacerdas.core.admin import ReadOnly, ReadOnlyAdmin


class StageEventInline(ReadOnly, admin.TabularInline):
    model = StageEvent
    extra = 0


class BodyMemberInline(ReadOnly, admin.TabularInline):
    model = BodyMember
    extra = 0


class SignatoryInline(ReadOnly, admin.TabularInline):
    model = Signatory
    extra = 0


@admin.register(City)
class CityAdmin(ReadOnlyAdmin):
    list_display = ["region", "cohort", "stage", "mou_date", "is_published", "is_demo"]
    list_filter = ["stage", "cohort", "is_published", "is_demo"]
    search_fields = ["region__code", "region__name", "mou_number"]
    list_select_related = ["region", "cohort"]
    inlines = [StageEventInline]


@admin.register(Cohort)
class CohortAdmin(ReadOnlyAdmin):
    list_display = ["year", "stage_number", "name", "invited_count", "assessed_count", "selected_count"]
    search_fields = ["name", "selection_criteria", "source_note"]


@admin.register(StageEvent)
class StageEventAdmin(ReadOnlyAdmin):
    list_display = ["city", "stage", "reached_on", "note"]
    list_filter = ["stage"]
    search_fields = ["city__region__name", "note"]
    list_select_related = ["city__region"]
    date_hierarchy = "reached_on"


@admin.register(Opd)
class OpdAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "city", "head_name", "is_leading_sector"]
    list_filter = ["is_leading_sector", "city"]
    search_fields = ["name", "short_name", "head_name", "city__region__name"]
    list_select_related = ["city__region"]


@admin.register(Body)
class BodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "city", "decree_number", "decree_date"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "decree_number", "city__region__name"]
    list_select_related = ["city__region"]
    inlines = [BodyMemberInline]


@admin.register(BodyMember)
class BodyMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "role", "body", "organisation", "order"]
    list_filter = ["body__kind"]
    search_fields = ["name", "role", "organisation", "body__name"]
    list_select_related = ["body"]


@admin.register(Stakeholder)
class StakeholderAdmin(ReadOnlyAdmin):
    list_display = ["name", "type", "city", "contact_person", "email", "phone"]
    list_filter = ["type", "city"]
    search_fields = ["name", "contact_person", "email", "city__region__name"]
    list_select_related = ["city__region", "type"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["city", "signed_on", "place"]
    list_filter = ["signed_on"]
    search_fields = ["city__region__name", "place", "text"]
    list_select_related = ["city__region"]
    inlines = [SignatoryInline]


@admin.register(Signatory)
class SignatoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "role", "organisation", "kind", "commitment"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "organisation"]
    list_select_related = ["commitment__city__region"]
