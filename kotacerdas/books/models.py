"""The masterplan package: Buku I–IV, commitment sheet, presentation (DOCX, PDF, PPTX), checklist, versions."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class MasterplanVersion(models.Model):
    """A frozen version of a masterplan: the plan data as it was (`snapshot`), numbered 1..n per masterplan.

    The snapshot is built by `books.versions.plan_snapshot` (the same selectors as the pages); the
    diff between two versions (or a version and the live plan) is `books.diff`.
    """

    city_path = "masterplan__city"

    masterplan = models.ForeignKey("masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    snapshot = models.JSONField(_("plan data"), encoder=DjangoJSONEncoder)
    is_legalised = models.BooleanField(_("legalised version"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("frozen by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        ordering = ["masterplan", "-number"]
        verbose_name = _("masterplan version")
        verbose_name_plural = _("masterplan versions")
        constraints = [
            models.UniqueConstraint(
                fields=["masterplan", "number"],
                name="version_number_unique_in_masterplan",
                violation_error_code="duplicate",
                violation_error_message=_("This masterplan already has a version with this number."),
            ),
            models.UniqueConstraint(
                fields=["masterplan"],
                condition=models.Q(is_legalised=True),
                name="one_legalised_version_per_masterplan",
                violation_error_code="duplicate",
                violation_error_message=_("Another version of this masterplan is already marked as the legalised one."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="version_number_positive",
                violation_error_code="out_of_range",
                violation_error_message=_("Version numbers start at 1."),
            ),
        ]

    def __str__(self) -> str:
        return _("Version %(number)d") % {"number": self.number}
