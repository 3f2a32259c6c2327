"""The roles a user can have; what each may do is decided in `core.permissions`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National admin (ministry)")
    ASSESSOR = "assessor", _("Assessor")
    MENTOR = "mentor", _("Mentor (ministry's expert team)")
    COORDINATOR = "coordinator", _("City coordinator")
    OPD_OPERATOR = "opd_operator", _("Department operator")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
