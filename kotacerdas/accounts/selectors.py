"""Reads of accounts: who has access to what, within what the reader may manage."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import Mentor, MentorAssignment, User
from kotacerdas.core import permissions
from kotacerdas.core.api import MAX_ID
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.roles import Role


def users_of(user, *, city_code: str = "", role: str = "", q: str = "") -> QuerySet:
    """The accounts `user` may see (the ministry every one, a coordinator their city's), filtered."""
    qs = User.objects.filter(permissions.users_scope(user)).select_related("city__region", "opd", "stakeholder")
    if city_code:
        qs = qs.filter(city__region_id=city_code)
    if role:
        qs = qs.filter(role=role)
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q))
    return qs.order_by("city__region__name", "role", "username")


def user_or_404(user, pk: int) -> User:
    """An account the reader may see; 404 for any other (no existence leak)."""
    return get_object_or_404(User.objects.filter(permissions.users_scope(user)).select_related("city__region", "opd", "stakeholder"), pk=pk)


# --- people: mentors and assessors with their cities ------------------------------------------


def _assignment_rows() -> QuerySet:
    return MentorAssignment.objects.select_related("mentor", "city__region").order_by("city__region__name", "mentor__name")


def mentors(*, q: str = "") -> QuerySet:
    """The mentor register (for the ministry and its assessors: `permissions.can_view_people`), each
    with its city assignments prefetched and counted."""
    rows = Mentor.objects.select_related("user").annotate(city_count=Count("assignments"))
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(institution__icontains=q) | Q(expertise__icontains=q))
    return rows.prefetch_related(Prefetch("assignments", queryset=_assignment_rows())).order_by("name")


def mentor_assignments(user, *, city=None, mentor=None) -> QuerySet:
    """Mentors' city assignments in the cities `user` may see."""
    rows = _assignment_rows().filter(permissions.city_scope(user, MentorAssignment.city_path))
    if city is not None:
        rows = rows.filter(city=city)
    if mentor is not None:
        rows = rows.filter(mentor=mentor)
    return rows


def assessors() -> QuerySet:
    """Accounts with the assessor role, each with the cities assigned to them per evaluation year
    (the evaluation's `Assignment`, reached through the relation it declares; newest year first)."""
    return (
        User.objects.filter(role=Role.ASSESSOR)
        .prefetch_related("evaluation_assignments__city__region", "evaluation_assignments__cycle__year")
        .order_by("first_name", "last_name", "username")
    )


def city_people(city) -> dict:
    """Who guides and who assesses a city: its mentors' assignments and its assessors per evaluation year."""
    return {
        "mentor_assignments": _assignment_rows().filter(city=city).select_related("mentor__user"),
        "assessor_assignments": city.evaluation_assignments.select_related("assessor", "cycle__year").order_by(
            "-cycle__year__year", "assessor__first_name", "assessor__username"
        ),
    }


def city_mentors(city) -> QuerySet:
    """The mentors assigned to a city: those a bimtek of the city may name."""
    return Mentor.objects.filter(assignments__city=city).order_by("name")


def registered_mentors(ids, *, field: str) -> list[Mentor]:
    """The mentors `ids` names, in that order (repeats dropped); an id of no registered mentor answers
    400 `unknown_reference` on `field`."""
    ids = list(dict.fromkeys(ids))
    found = Mentor.objects.in_bulk([pk for pk in ids if isinstance(pk, int) and 0 < pk <= MAX_ID])
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise ServiceError(
            CoreError.UNKNOWN_REFERENCE, _("No mentor with id %(ids)s is registered.") % {"ids": ", ".join(unknown)}, field=field
        )
    return [found[pk] for pk in ids]
