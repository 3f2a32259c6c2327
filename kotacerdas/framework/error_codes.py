"""Error codes of the national framework (the generic ones are core's CoreError)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class FrameworkError(ErrorCode):
    WEIGHTS_NOT_100 = "weights_not_100", 400, _("The evaluation weights of a year must add up to 100 %.")
    WEIGHT_REPEATED = "weight_repeated", 400, _("An evaluation dimension has more than one weight.")
