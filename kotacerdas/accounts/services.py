"""Accounts: users with their role and scope, API tokens. Every change is audited.

The audit trail of a user never holds the password hash: a snapshot leaves it out and records
only whether the password was set or changed.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.error_codes import AccountError
from kotacerdas.accounts.models import ApiToken, Mentor, MentorAssignment, User, hash_token
from kotacerdas.core import audit, permissions
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.roles import Role
from kotacerdas.core.services import UNCHANGED, given, record_create, record_delete, record_update, required_text

# What user_create / user_update may set (the password has its own service).
USER_FIELDS = {
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "city",
    "opd",
    "stakeholder",
    "organisation",
    "is_active",
    "is_staff",
    "is_superuser",
}
USER_M2M = {"groups", "user_permissions"}
CITY_ROLES = {Role.COORDINATOR, Role.OPD_OPERATOR, Role.STAKEHOLDER}


# --- users ----------------------------------------------------------------------------------


def check_user_scope(*, role: str, city, opd, stakeholder) -> None:
    """A city role needs its city; an operator its department; department and stakeholder lie in that city."""
    if role in CITY_ROLES and city is None:
        raise ServiceError(CoreError.REQUIRED, _("Coordinators, department operators and stakeholders belong to a city."), field="city")
    if role == Role.OPD_OPERATOR and opd is None:
        raise ServiceError(CoreError.REQUIRED, _("A department operator needs a department."), field="opd")
    if opd is not None and (city is None or opd.city_id != city.pk):
        raise ServiceError(AccountError.SCOPE_MISMATCH, _("The department must belong to the account's city."), field="opd")
    if stakeholder is not None and (city is None or stakeholder.city_id != city.pk):
        raise ServiceError(AccountError.SCOPE_MISMATCH, _("The stakeholder must belong to the account's city."), field="stakeholder")


@transaction.atomic
def user_create(*, actor, username: str, password: str | None = None, **fields) -> User:
    """Create an account (the ministry any; a coordinator their city's operators and stakeholders);
    without a password it cannot sign in until one is set (or a set-password link is used)."""
    _ensure_gives(actor, fields, role=fields.get("role", ""), city=fields.get("city"))
    m2m = _split(fields)
    user = User(username=username, **fields)
    check_user_scope(role=user.role, city=user.city, opd=user.opd, stakeholder=user.stakeholder)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    for name, values in m2m.items():
        getattr(user, name).set(values)
    audit.record(actor=actor, action="create", instance=user, after={**_snapshot(user), "has_password": bool(password)})
    return user


@transaction.atomic
def user_update(*, actor, user: User, **fields) -> User:
    """Change an account's role, scope, status or privileges, audited before/after: the ministry any
    account, a coordinator their city's operators and stakeholders (who stay such).

    `user` is the account as stored; `fields` are the changes (`groups` and `user_permissions` replace).
    """
    permissions.ensure(permissions.can_manage_user(actor, user), "user.manage")
    _ensure_gives(actor, fields, role=fields.get("role", user.role), city=fields.get("city", user.city))
    m2m = _split(fields)
    before = _snapshot(user)
    for field, value in fields.items():
        setattr(user, field, value)
    check_user_scope(role=user.role, city=user.city, opd=user.opd, stakeholder=user.stakeholder)
    user.full_clean()
    user.save()
    for name, values in m2m.items():
        getattr(user, name).set(values)
    after = _snapshot(user)
    if after != before:
        audit.record(actor=actor, action="update", instance=user, before=before, after=after)
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str | None) -> User:
    """Set an account's password, or disable password sign-in with `None`; the audit records only that it changed."""
    permissions.ensure(permissions.can_manage_user(actor, user), "user.manage")
    had_password = user.has_usable_password()
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    audit.record(
        actor=actor,
        action="update",
        instance=user,
        before={"has_password": had_password},
        after={"has_password": bool(password), "password_changed": True},
    )
    return user


@transaction.atomic
def user_change_own_password(*, actor, password: str) -> User:
    """A signed-in user sets their own password (the form checked the old one); audited without the hash."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to change your password."))
    had_password = actor.has_usable_password()
    actor.set_password(password)
    actor.save(update_fields=["password"])
    audit.record(
        actor=actor,
        action="update",
        instance=actor,
        before={"has_password": had_password},
        after={"has_password": True, "password_changed": True},
    )
    return actor


@transaction.atomic
def user_set_password_link(*, actor, user: User) -> str:
    """A one-time link (path) where `user` chooses their password: Django's password-reset token, valid
    for `PASSWORD_RESET_TIMEOUT` and spent once the password changes. Audited (the link itself is not kept)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    permissions.ensure(permissions.can_manage_user(actor, user), "user.manage")
    if not user.is_active:
        raise ServiceError(
            CoreError.CONFLICT, _("The account is deactivated: activate it before sending a set-password link."), field="is_active"
        )
    path = reverse("accounts:set_password", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
    audit.record(actor=actor, action="update", instance=user, before={}, after={"set_password_link_issued": True})
    return path


@transaction.atomic
def user_set_password_by_link(*, user: User, password: str) -> User:
    """The account's owner chooses their password through a valid one-time link (the view checked the token)."""
    had_password = user.has_usable_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(
        actor=user,
        action="update",
        instance=user,
        before={"has_password": had_password},
        after={"has_password": True, "password_changed": True},
    )
    return user


# Fields only the ministry sets: admin rights, groups and per-user permissions.
PRIVILEGED = {"is_staff", "is_superuser", "groups", "user_permissions"}


def _ensure_gives(actor, fields: dict, *, role: str, city) -> None:
    """The actor may give this role in this city, and (unless ministry) touches no admin privileges."""
    privileged = PRIVILEGED & {name for name, value in fields.items() if value}
    allowed = permissions.can_give_role(actor, role=role, city=city) and (permissions.is_national_admin(actor) or not privileged)
    permissions.ensure(allowed, "user.manage")


def _split(fields: dict) -> dict:
    """Check the fields may be set here; take the many-to-many ones out of `fields`."""
    extra = sorted(set(fields) - USER_FIELDS - USER_M2M)
    if extra:
        raise ServiceError(
            CoreError.NOT_EDITABLE, _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0]
        )
    return {name: fields.pop(name) for name in list(fields) if name in USER_M2M}


def _snapshot(user: User) -> dict:
    """The account for the audit trail, without the password hash and the sign-in bookkeeping."""
    data = audit.snapshot(user)
    for secret in ("password", "last_login"):
        data.pop(secret, None)
    return data


# --- API tokens -----------------------------------------------------------------------------


@transaction.atomic
def token_issue(*, user: User, label: str = "", actor=None, valid_days: int | None = None) -> str:
    """Create a token for `user` and return it; only its hash is kept, so show it once.
    With `valid_days` the token stops working that many days from now."""
    if valid_days is not None and valid_days < 1:
        raise ServiceError(CoreError.OUT_OF_RANGE, _("A token is valid for at least one day."), field="valid_days")
    raw = ApiToken.generate()
    expires_at = timezone.now() + datetime.timedelta(days=valid_days) if valid_days else None
    token = ApiToken.objects.create(user=user, key_hash=hash_token(raw), prefix=raw[:8], label=label, expires_at=expires_at)
    audit.record(
        actor=actor or user,
        action="create",
        instance=token,
        after={"user": user.username, "prefix": token.prefix, "label": label, "expires_at": expires_at.isoformat() if expires_at else None},
    )
    return raw


@transaction.atomic
def tokens_revoke(*, user: User, actor=None) -> int:
    """Revoke every live token of `user`; returns how many."""
    return token_revoke_many(tokens=ApiToken.objects.filter(user=user), actor=actor or user)


@transaction.atomic
def token_revoke_many(*, tokens, actor) -> int:
    """Revoke the live tokens among `tokens` (a queryset): a user their own, national admins any; returns how many."""
    live = list(tokens.select_for_update().filter(revoked_at__isnull=True))
    if not permissions.can_manage_reference(actor) and any(token.user_id != actor.pk for token in live):
        raise PermissionDenied(_("You may only revoke your own API tokens."))
    now = timezone.now()
    for token in live:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="update", instance=token, before={"revoked_at": None}, after={"revoked_at": now.isoformat()})
    return len(live)


# --- mentors and their city assignments ----------------------------------------------------------

MENTOR_TEXT_FIELDS = ("name", "institution", "expertise", "email")


def _mentor_data(fields: dict, *, instance: Mentor | None) -> dict:
    data = {name: (fields[name] or "").strip() for name in MENTOR_TEXT_FIELDS if name in fields}
    if "name" in data:
        data["name"] = " ".join(required_text(data["name"], "name", _("Give the mentor's name.")).split())
        same = Mentor.objects.filter(name__iexact=data["name"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            raise ServiceError(CoreError.DUPLICATE, _("A mentor named “%(name)s” is already registered.") % data, field="name")
    if fields.get("user") is not None:
        account = fields["user"]
        taken = Mentor.objects.filter(user=account).exclude(pk=getattr(instance, "pk", None)).exists()
        if account.role != Role.MENTOR or not account.is_active or taken:
            raise ServiceError(
                AccountError.NOT_A_MENTOR,
                _("%(user)s is not an active account with the mentor role, or is already another mentor's.") % {"user": account},
                field="user_id",
            )
    if "user" in fields:
        data["user"] = fields["user"]
    return data


@transaction.atomic
def mentor_create(*, actor, name: str, institution: str = "", expertise: str = "", email: str = "", user: User | None = None) -> Mentor:
    """Register a mentor of the ministry's expert team (optionally with their mentor account)."""
    permissions.ensure(permissions.can_manage_people(actor), "people.manage")
    data = _mentor_data({"name": name, "institution": institution, "expertise": expertise, "email": email, "user": user}, instance=None)
    return record_create(actor=actor, model=Mentor, data=data)


@transaction.atomic
def mentor_update(*, actor, mentor: Mentor, name=UNCHANGED, institution=UNCHANGED, expertise=UNCHANGED, email=UNCHANGED, user=UNCHANGED):
    permissions.ensure(permissions.can_manage_people(actor), "people.manage")
    fields = given(name=name, institution=institution, expertise=expertise, email=email, user=user)
    return record_update(actor=actor, instance=mentor, data=_mentor_data(fields, instance=mentor))


@transaction.atomic
def mentor_delete(*, actor, mentor: Mentor) -> None:
    """Remove a mentor from the register; refused while they are assigned to a city (unassign first)."""
    permissions.ensure(permissions.can_manage_people(actor), "people.manage")
    cities = mentor.assignments.count()
    if cities:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("%(mentor)s is still assigned to %(n)d region(s): remove the assignments first.") % {"mentor": mentor, "n": cities},
        )
    record_delete(actor=actor, instance=mentor)


def _check_years(from_year, to_year) -> None:
    if to_year is not None and from_year is not None and to_year < from_year:
        raise ServiceError(CoreError.RANGE_REVERSED, _("The assignment cannot end before it starts."), field="to_year")


@transaction.atomic
def mentor_assignment_create(*, actor, mentor: Mentor, city, from_year: int, to_year: int | None = None) -> MentorAssignment:
    """Assign a mentor to guide a city from `from_year` (to `to_year`; open-ended without). Once per mentor and city."""
    permissions.ensure(permissions.can_manage_people(actor), "people.manage")
    if MentorAssignment.objects.filter(mentor=mentor, city=city).exists():
        raise ServiceError(
            CoreError.DUPLICATE,
            _("%(mentor)s is already assigned to %(city)s: change that assignment's years instead.")
            % {"mentor": mentor, "city": city.name},
            field="mentor_id",
        )
    _check_years(from_year, to_year)
    return record_create(
        actor=actor, model=MentorAssignment, data={"mentor": mentor, "city": city, "from_year": from_year, "to_year": to_year}, city=city
    )


@transaction.atomic
def mentor_assignment_update(*, actor, assignment: MentorAssignment, from_year=UNCHANGED, to_year=UNCHANGED) -> MentorAssignment:
    """Change the years of an assignment (the mentor and the city stay: unassign and assign again to change them)."""
    permissions.ensure(permissions.can_manage_people(actor), "people.manage")
    fields = given(from_year=from_year, to_year=to_year)
    years = {"from_year": assignment.from_year, "to_year": assignment.to_year} | fields
    _check_years(years["from_year"], years["to_year"])
    return record_update(actor=actor, instance=assignment, data=fields, city=assignment.city)


@transaction.atomic
def mentor_assignment_delete(*, actor, assignment: MentorAssignment) -> None:
    """Unassign a mentor from a city; refused while they are named on one of the city's bimtek."""
    permissions.ensure(permissions.can_manage_people(actor), "people.manage")
    named = assignment.mentor.workshops.filter(masterplan__city=assignment.city).count()
    if named:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("%(mentor)s guided %(n)d bimtek of %(city)s: take them off those bimtek first.")
            % {"mentor": assignment.mentor, "n": named, "city": assignment.city.name},
        )
    record_delete(actor=actor, instance=assignment, city=assignment.city)
