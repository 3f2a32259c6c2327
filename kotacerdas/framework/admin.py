"""The framework in the admin, read-only.

Catalogues come from data/framework/framework.json (`load_reference` would overwrite hand edits),
and weights must add up to 100 and be audited: they are set on the framework page
(`evaluation_weights_set`), not here.
"""

from django.contrib import admin

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.framework import models as m


class CodedAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_id", "name_en", "order"]
    search_fields = ["code", "name_id", "name_en"]


class ElementInline(admin.TabularInline):  # read-only: Django disables inlines of a read-only parent
    model = m.Element
    fields = ["code", "name_id", "name_en", "order"]
    extra = 0


@admin.register(m.Dimension)
class DimensionAdmin(CodedAdmin):
    inlines = [ElementInline]


@admin.register(m.Element)
class ElementAdmin(CodedAdmin):
    list_display = ["code", "name_id", "name_en", "dimension"]
    list_filter = ["dimension"]
    list_select_related = ["dimension"]


class WeightInline(admin.TabularInline):
    model = m.EvaluationWeight
    fields = ["dimension", "weight"]
    extra = 0


@admin.register(m.EvaluationYear)
class EvaluationYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "source", "note"]
    inlines = [WeightInline]


@admin.register(m.EvaluationWeight)
class EvaluationWeightAdmin(ReadOnlyAdmin):
    list_display = ["year", "dimension", "weight"]
    list_filter = ["year"]
    list_select_related = ["year", "dimension"]


@admin.register(m.ReadinessRating)
class ReadinessRatingAdmin(ReadOnlyAdmin):
    list_display = ["value", "label_id", "label_en"]


@admin.register(m.StakeholderType)
class StakeholderTypeAdmin(CodedAdmin):
    list_display = [*CodedAdmin.list_display, "pentahelix"]
    list_filter = ["pentahelix"]


@admin.register(m.ProgrammeStatus)
class ProgrammeStatusAdmin(CodedAdmin):
    list_display = [*CodedAdmin.list_display, "counts_as_realised"]


@admin.register(m.Horizon)
class HorizonAdmin(CodedAdmin):
    list_display = [*CodedAdmin.list_display, "first_year", "last_year"]


@admin.register(m.QuickWinCriterion)
class QuickWinCriterionAdmin(CodedAdmin):
    list_display = [*CodedAdmin.list_display, "criteria_set", "max_score"]
    list_filter = ["criteria_set"]


@admin.register(m.PublishedWeightSet)
class PublishedWeightSetAdmin(CodedAdmin):
    list_display = [*CodedAdmin.list_display, "weights", "source"]


@admin.register(m.AdvisoryNumber)
class AdvisoryNumberAdmin(admin.ModelAdmin):
    """The one framework value the ministry edits here: a usual number pages warn above (empty: no warning).
    A reload of the reference data keeps it."""

    list_display = ["code", "name_id", "value"]
    fields = ["code", "name_id", "name_en", "value", "source"]
    readonly_fields = ["code", "name_id", "name_en", "source"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (m.EvaluationDimension, m.ReadinessLens, m.FundingSource, m.RegulationType, m.MeetingKind):
    admin.site.register(model, CodedAdmin)
