"""Error codes of the programme registry (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class ProgrammeError(ErrorCode):
    ELEMENT_NOT_IN_DIMENSION = "element_not_in_dimension", 400, _("The element does not belong to the programme's dimension.")
    REGION_OUTSIDE_CITY = "region_outside_city", 400, _("The district is not one of the city's districts.")
    VILLAGE_NOT_IN_DISTRICT = "village_not_in_district", 400, _("The village is not in the programme's district.")
    NOT_A_QUICK_WIN = "not_a_quick_win", 400, _("The programme is not marked as a quick win.")
    IMPORT_REJECTED = "programme_import_rejected", 400, _("The spreadsheet has errors: nothing was imported.")
    FUNDING_NOT_MATCHING_BUDGET = (
        "funding_not_matching_budget",
        400,
        _("The funding shares of a programme year do not add up to the year's budget."),
    )
    STEP_OUTSIDE_YEARS = "step_outside_years", 400, _("An action-plan step's year is outside the programme's years.")
    STEP_OPD_NOT_IN_PROGRAMME = (
        "step_opd_not_in_programme",
        400,
        _("An action-plan step's department is neither the lead nor a supporting department of the programme."),
    )
