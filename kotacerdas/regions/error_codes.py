"""Error codes of the region codes API (the generic ones are core's CoreError)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class RegionError(ErrorCode):
    INVALID_CODE = "invalid_code", 400, _("This is not a Kemendagri region code (81, 81.71, 81.71.01 or 81.71.01.1001).")
    LEVEL_NOT_BELOW_PARENT = "level_not_below_parent", 400, _("The level asked for is not below the parent region's level.")
