"""Error codes of monitoring (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class MonitoringError(ErrorCode):
    NOT_A_NUMBER = "not_a_number", 400, _("A numeric indicator was given a value that is not a number.")
    YEAR_OUTSIDE_PROGRAMME = "year_outside_programme", 400, _("The year lies outside the programme's years.")
    ALREADY_VERIFIED = "already_verified", 409, _("The realised value is verified: return it before changing it.")
    NOT_AWAITING_REVIEW = "not_awaiting_review", 409, _("The realised value is not waiting for verification.")
    NO_PROGRAMME_YEAR = "no_programme_year", 400, _("The programme has no yearly budget row for this year.")
