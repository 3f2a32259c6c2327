"""Error codes of the readiness analysis (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class ReadinessError(ErrorCode):
    NOT_ADOPTABLE = "not_adoptable", 400, _("Only SWOT and gap outputs of a bimtek can be adopted into the readiness analysis.")
    ALREADY_ADOPTED = "already_adopted", 409, _("This bimtek output has already been adopted.")
