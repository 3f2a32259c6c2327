"""Error codes of the governance app (regulations, meetings, attachments); generic ones are CoreError's."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class GovernanceError(ErrorCode):
    REGULATION_INCOMPLETE = "regulation_incomplete", 400, _("An enacted or revoked regulation needs its number and date.")
    REGULATION_NOT_ENACTED = "regulation_not_enacted", 409, _("Only an enacted regulation closes a masterplan revision.")
    REGULATION_OTHER_MASTERPLAN = (
        "regulation_other_masterplan",
        409,
        _("The regulation concerns another masterplan than the revision it would close."),
    )
    ATTENDANCE_MISSING = (
        "attendance_missing",
        400,
        _("A meeting needs its attendance: the departments or stakeholders present, or a count."),
    )
    ATTACHMENT_SUBJECT = "attachment_subject", 400, _("An attachment names exactly the one record its kind of subject asks for.")
