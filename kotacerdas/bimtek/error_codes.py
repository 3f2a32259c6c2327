"""Error codes of the bimtek (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class BimtekError(ErrorCode):
    NOT_YET_HELD = "not_yet_held", 400, _("The bimtek has not ended yet, so it cannot be marked as held.")
    OUT_OF_SEQUENCE = "out_of_sequence", 409, _("Bimtek I–IV take place in order: the dates overlap a lower- or higher-numbered bimtek.")
    ATTENDANCE_CONTRADICTS = "attendance_contradicts", 400, _("A participant cannot be both present and absent.")
    TWO_PROPOSERS = "two_proposers", 400, _("An output is proposed by one department or one stakeholder, not both.")
    MENTOR_NOT_ASSIGNED = "mentor_not_assigned", 400, _("A bimtek's mentors are chosen among the mentors assigned to its region.")
