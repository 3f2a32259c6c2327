"""Error codes of the readiness analysis (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class ReadinessError(ErrorCode):
    NOT_ADOPTABLE = "not_adoptable", 400, _("Only SWOT, gap and strategy outputs of a bimtek can be adopted into the masterplan.")
    ALREADY_ADOPTED = "already_adopted", 409, _("This bimtek output has already been adopted.")
    OTHER_MASTERPLAN = (
        "other_masterplan",
        400,
        _("A strategy links the SWOT items and programmes of its own masterplan only, not those of another masterplan."),
    )
