import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned
from kotacerdas.core.roles import Role

# The programme began in 2017; an assignment planned far ahead is a typing error.
FIRST_YEAR, LAST_YEAR = 2017, 2100


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


class Mentor(Versioned):
    """A person of the ministry's expert team (narasumber, academics and practitioners) who guides
    cities through the bimtek. The ministry registers them; a login is optional (`user`, an account
    with the mentor role, reads the cities the mentor is assigned to)."""

    name = models.CharField(_("name"), max_length=150)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor",
        help_text=_("Optional: an account with the mentor role, to read the cities this mentor is assigned to."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="mentor_name_unique",
                violation_error_code="duplicate",
                violation_error_message=_("A mentor with this name is already registered."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class MentorAssignment(Versioned):
    """A mentor assigned by the ministry to guide a city, from one year to another (open-ended when empty)."""

    city_path = "city"

    mentor = models.ForeignKey(Mentor, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="assignments")
    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="mentor_assignments")
    from_year = models.PositiveSmallIntegerField(_("from year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    to_year = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Empty: until further notice."),
    )

    class Meta:
        ordering = ["city", "mentor__name"]
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "city"],
                name="mentor_assignment_unique",
                violation_error_code="duplicate",
                violation_error_message=_("This mentor is already assigned to this city."),
            ),
            models.CheckConstraint(
                condition=models.Q(to_year__isnull=True) | models.Q(from_year__lte=models.F("to_year")),
                name="mentor_assignment_years_ordered",
                violation_error_code="range_reversed",
                violation_error_message=_("The assignment cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.city}"

    @property
    def period(self) -> str:
        return f"{self.from_year}–{self.to_year}" if self.to_year else f"{self.from_year}–"
