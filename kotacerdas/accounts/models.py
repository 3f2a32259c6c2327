import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.roles import Role


class User(AbstractUser):
    """A person using Kota Cerdas; what they may do is decided in core.permissions."""

    city_path = "city"

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For city coordinators, department operators and stakeholders."),
    )
    opd = models.ForeignKey(
        "cities.Opd",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For department operators."),
    )
    stakeholder = models.ForeignKey(
        "cities.Stakeholder",
        verbose_name=_("stakeholder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For stakeholder accounts."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="opd_operator") | models.Q(opd__isnull=False, city__isnull=False),
                name="operator_has_city_and_opd",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=["coordinator", "stakeholder"]) | models.Q(city__isnull=False),
                name="city_role_has_city",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored."""

    city_path = "user__city"

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=8)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, help_text=_("Empty: valid until revoked."))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def generate() -> str:
        return "kc_" + secrets.token_urlsafe(32)
