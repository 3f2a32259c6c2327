"""Error codes of the masterplan and its vision tree (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class MasterplanError(ErrorCode):
    PERIOD_TOO_LONG = "period_too_long", 400, _("A masterplan covers at most ten years.")
    REGULATION_MISSING = (
        "regulation_missing",
        400,
        _("A legalised masterplan needs the number and date of its regulation (Perwali/Perbup)."),
    )
    TARGETS_OUTSIDE_PERIOD = "targets_outside_period", 409, _("Targets of the masterplan would fall outside its new period.")
    PROGRAMMES_OUTSIDE_PERIOD = "programmes_outside_period", 409, _("Programmes of the masterplan would fall outside its new period.")
