"""Error codes of the cities app (the generic ones — duplicate, required, date_in_future … — are CoreError's)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class CityError(ErrorCode):
    NOT_A_REGENCY = "not_a_regency", 400, _("Only regencies and cities take part in the programme, not provinces or districts.")
    DATE_BEFORE_PROGRAMME = "date_before_programme", 400, _("The date is before the programme began (2017).")
    DATE_BEFORE_CYCLE = "date_before_cycle", 400, _("The date is before the work of its masterplan cycle could start.")
    COHORT_MORE_SELECTED_THAN_ASSESSED = (
        "cohort_more_selected_than_assessed",
        400,
        _("A cohort cannot have more regencies/cities selected than assessed."),
    )
    COHORT_MORE_ASSESSED_THAN_INVITED = (
        "cohort_more_assessed_than_invited",
        400,
        _("A cohort cannot have more regencies/cities assessed than invited."),
    )
    COHORT_MORE_SELECTED_THAN_INVITED = (
        "cohort_more_selected_than_invited",
        400,
        _("A cohort cannot have more regencies/cities selected than invited."),
    )
