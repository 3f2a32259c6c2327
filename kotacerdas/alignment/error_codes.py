"""Error codes of the official plans, their items, programme links and the item import.

Generic problems (a missing value, reversed years, a duplicate, an unknown id, a bad file) are
`CoreError`'s; these are the alignment rules of their own.
"""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class AlignmentError(ErrorCode):
    PLAN_PERIOD_TOO_LONG = (
        "plan_period_too_long",
        400,
        _(
            "The plan spans more years than its kind allows (RPJPD and RTRW 20, RPJMD, Renstra and priority programmes 5, "
            "RPJMN 4, RPD 3, RKPD and Renja one year)."
        ),
    )
    PLAN_OPD_NOT_ALLOWED = (
        "plan_opd_not_allowed",
        400,
        _("Only a Renstra or Renja belongs to a department; the other plans are the whole region's (the RPJMN the nation's)."),
    )
    PLAN_KIND_LOCKED = (
        "plan_kind_locked",
        400,
        _("The plan's items are coded for its kind: it cannot change between a plan coded after Permendagri 90/2019 and one that is not."),
    )
    NOMENCLATURE_CODE_INVALID = (
        "nomenclature_code_invalid",
        400,
        _("The code is not a Permendagri 90/2019 nomenclature code of the item's level."),
    )
    CODE_OUTSIDE_PARENT = "code_outside_parent", 400, _("The item's code does not extend the code of its parent.")
    PARENT_KIND_NOT_ALLOWED = (
        "parent_kind_not_allowed",
        400,
        _("The item cannot sit under this parent (vision → mission → goal → programme → activity → sub-activity)."),
    )
    PARENT_OTHER_PLAN = "parent_other_plan", 400, _("The parent item belongs to another plan.")
    PARENT_CYCLE = "parent_cycle", 400, _("An item cannot be placed under itself or under one of its own sub-items.")
    NOT_LINKABLE = "not_linkable", 400, _("A programme links to a mission, goal, programme, activity or sub-activity, not to the vision.")
    IMPORT_COLUMNS_MISSING = (
        "import_columns_missing",
        400,
        _("The workbook's first row does not name the columns kind, code, text, parent code."),
    )
    IMPORT_REJECTED = "import_rejected", 400, _("Nothing was imported: rows of the workbook have errors.")
