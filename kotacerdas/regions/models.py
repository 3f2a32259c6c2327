from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("province")
    REGENCY = "regency", _("regency/city")
    DISTRICT = "district", _("district")
    VILLAGE = "village", _("village")


# Depth of a Kemendagri code: 81 / 81.71 / 81.71.01 / 81.71.01.1001
LEVEL_BY_PARTS = {1: Level.PROVINCE, 2: Level.REGENCY, 3: Level.DISTRICT, 4: Level.VILLAGE}


class Region(models.Model):
    """An administrative region with its official Kemendagri code (idn-area-data)."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # Optional point for maps (not in idn-area-data; shipped for demo districts, editable).
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Provinces: the IANA time zone (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura), data/regions/time_zones.csv.
    time_zone = models.CharField(_("time zone"), max_length=40, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["level", "parent"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="province", parent__isnull=True) | (~models.Q(level="province") & models.Q(parent__isnull=False)),
                name="region_parent_matches_level",
                violation_error_message=_("Only provinces have no parent region."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def zone_name(self) -> str:
        """The IANA time zone of this region: its own, else its province's ("" when unknown)."""
        region = self
        while region is not None:
            if region.time_zone:
                return region.time_zone
            region = region.parent if region.parent_id else None
        return ""
