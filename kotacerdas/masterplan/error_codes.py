"""Error codes of the masterplan and its vision tree (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class MasterplanError(ErrorCode):
    PERIOD_TOO_LONG = "period_too_long", 400, _("A masterplan covers at most ten years, unless a reason is given.")
    PERIOD_OUTSIDE_PROGRAMME = (
        "period_outside_programme",
        400,
        _("The masterplan's period is not the programme's 5–10 years and no reason says why."),
    )
    NOT_READY_TO_LEGALISE = "not_ready_to_legalise", 409, _("The masterplan lacks a vision, a programme or its cycle's commitment.")
    REVISION_REQUIRED = "revision_required", 409, _("The masterplan is legalised: open a revision to change it.")
    NOT_LEGALISED = "not_legalised", 409, _("Only a legalised masterplan is revised.")
    REVISION_OPEN = "revision_open", 409, _("The masterplan already has an open revision.")
    REVISION_CLOSED = "revision_closed", 409, _("The revision is already closed.")
    REGULATION_MISSING = (
        "regulation_missing",
        400,
        _("A legalised masterplan needs the number and date of its regulation (Perwali/Perbup)."),
    )
    TARGETS_OUTSIDE_PERIOD = "targets_outside_period", 409, _("Targets of the masterplan would fall outside its new period.")
    PROGRAMMES_OUTSIDE_PERIOD = "programmes_outside_period", 409, _("Programmes of the masterplan would fall outside its new period.")
