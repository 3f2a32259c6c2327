"""Error codes of the cities app (the generic ones — duplicate, required, date_in_future … — are CoreError's)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class CityError(ErrorCode):
    NOT_A_REGENCY = "not_a_regency", 400, _("Only regencies and cities take part in the programme, not provinces or districts.")
    STAGE_OUT_OF_ORDER = "stage_out_of_order", 400, _("The date does not fit the order of the lifecycle stages already recorded.")
