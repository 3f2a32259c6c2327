from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """An editable record's version: 1 when created, one more at every change that alters it
    (`core.services.record_update`). Pages post it back and the API sends it as the `ETag`, so a
    change based on an older version is refused (`core.concurrency`) instead of silently
    overwriting someone else's."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write: who did what to which record, when, with the values before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's name survives the account's deletion.
    actor_name = models.CharField(_("actor name"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=100)  # app_label.modelname
    object_pk = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    # Scope: the city the record belongs to (null for national reference data).
    city = models.ForeignKey("cities.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["model", "object_pk"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field that differs (the version number aside)."""
        before, after = self.before or {}, self.after or {}
        keys = sorted((set(before) | set(after)) - {"version"})
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class ReferenceDataset(models.Model):
    """Which version of a reference data set is loaded, with its source and licence."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    version = models.CharField(_("version"), max_length=50)
    source = models.CharField(_("source"), max_length=300)
    licence = models.CharField(_("licence"), max_length=200)
    attribution = models.TextField(_("attribution"), blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("reference data set")
        verbose_name_plural = _("reference data sets")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
