"""Error codes of the accounts app (missing values answer CoreError's `required`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class AccountError(ErrorCode):
    SCOPE_MISMATCH = "scope_mismatch", 400, _("The account's department or stakeholder belongs to another city than the account.")
    NOT_A_MENTOR = "not_a_mentor", 400, _("A mentor's account must be an active account with the mentor role, linked to no other mentor.")
