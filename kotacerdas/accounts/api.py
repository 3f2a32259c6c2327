"""API of the people the ministry engages (docs/api.md): the mentor register and mentors' city assignments.

The register (`/mentors`) is the ministry's and its assessors' to read, the ministry's to change; a
city's assignments (`/mentor-assignments`) are readable by signed-in users who may see the city (a
bimtek names its mentors among them, by `mentor_id`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kotacerdas.accounts import selectors, services
from kotacerdas.accounts.models import FIRST_YEAR, LAST_YEAR, Mentor, MentorAssignment, User
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency, permissions
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, user_of
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError

router = Router(tags=["people"])

YEAR = {"ge": FIRST_YEAR, "le": LAST_YEAR}


# --- schemas --------------------------------------------------------------------------------


class AccountMentorCityOut(Schema):
    assignment_id: int
    city_code: str
    city_name: str
    from_year: int
    to_year: int | None


class AccountMentorOut(Schema):
    id: int
    version: int
    name: str
    institution: str
    expertise: str
    email: str
    user_id: int | None
    cities: list[AccountMentorCityOut]


class AccountMentorPage(Schema):
    count: int
    items: list[AccountMentorOut]


class AccountMentorFilters(Paging):
    q: str = Field("", max_length=100, description="Text in the name, institution or expertise.")


class AccountMentorIn(Input):
    name: str = Field(..., max_length=150)
    institution: str = Field("", max_length=200)
    expertise: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    user_id: Id | None = Field(None, description="An active account with the mentor role (optional).")


class AccountMentorPatch(Input):
    name: str = absent(max_length=150)
    institution: str = absent(max_length=200)
    expertise: str = absent(max_length=200)
    email: str = absent(max_length=254)
    user_id: Id | None = absent(description="null: the mentor has no account.")


class AccountMentorAssignmentOut(Schema):
    id: int
    version: int
    mentor_id: int
    mentor_name: str
    city_code: str
    city_name: str
    from_year: int
    to_year: int | None


class AccountMentorAssignmentPage(Schema):
    count: int
    items: list[AccountMentorAssignmentOut]


class AccountMentorAssignmentFilters(Paging):
    city_code: str | None = Field(None, max_length=13, description="Kemendagri code of the region, e.g. 81.71.")
    mentor_id: Id | None = None


class AccountMentorAssignmentIn(Input):
    mentor_id: Id
    city_code: str = Field(..., max_length=13, examples=["81.71"])
    from_year: int = Field(..., **YEAR)
    to_year: int | None = Field(None, description="Empty: until further notice.", **YEAR)


class AccountMentorAssignmentPatch(Input):
    from_year: int = absent(**YEAR)
    to_year: int | None = absent(description="null: until further notice.", **YEAR)


# --- serialisers ----------------------------------------------------------------------------


def _mentor_out(m: Mentor) -> dict:
    return {
        "id": m.pk,
        "version": m.version,
        "name": m.name,
        "institution": m.institution,
        "expertise": m.expertise,
        "email": m.email,
        "user_id": m.user_id,
        "cities": [
            {"assignment_id": a.pk, "city_code": a.city.code, "city_name": a.city.name, "from_year": a.from_year, "to_year": a.to_year}
            for a in m.assignments.all()
        ],
    }


def _assignment_out(a: MentorAssignment) -> dict:
    return {
        "id": a.pk,
        "version": a.version,
        "mentor_id": a.mentor_id,
        "mentor_name": a.mentor.name,
        "city_code": a.city.code,
        "city_name": a.city.name,
        "from_year": a.from_year,
        "to_year": a.to_year,
    }


def _signed_in(user) -> None:
    if permissions.role_of(user) is None:
        raise PermissionDenied(CoreError.NOT_AUTHENTICATED.description)


def _register_reader(request):
    user = user_of(request)
    _signed_in(user)
    permissions.ensure(permissions.can_view_people(user), "people.view")
    return user


def _mentor(pk: int) -> Mentor:
    return get_object_or_404(selectors.mentors(), pk=pk)


def _account(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    account = User.objects.filter(pk=user_id).first()
    if account is None:
        raise ServiceError(CoreError.UNKNOWN_REFERENCE, _("No account with id %(id)s.") % {"id": user_id}, field="user_id")
    return account


def _city_in_body(user, code: str):
    city = city_selectors.visible_cities(user).filter(region_id=code).first()
    if city is None:
        raise ServiceError(CoreError.UNKNOWN_REFERENCE, _("No region with code %(code)s.") % {"code": code}, field="city_code")
    return city


def _assignment(user, assignment_id: int) -> MentorAssignment:
    return get_object_or_404(selectors.mentor_assignments(user), pk=assignment_id)


# --- mentors --------------------------------------------------------------------------------


@router.get("/mentors", response={200: AccountMentorPage, **ERROR_RESPONSES}, summary="The mentor register")
def list_mentors(request, filters: Query[AccountMentorFilters]):
    """Every mentor of the ministry's expert team with the regions assigned to them (the ministry and its assessors)."""
    _register_reader(request)
    return page(selectors.mentors(q=filters.q), filters, _mentor_out)


@router.post("/mentors", response={201: AccountMentorOut, **ERROR_RESPONSES}, summary="Register a mentor")
def create_mentor(request, payload: AccountMentorIn):
    user = user_of(request)
    _signed_in(user)
    data = payload.dict()
    data["user"] = _account(data.pop("user_id"))
    mentor = services.mentor_create(actor=user, **data)
    return Status(201, _mentor_out(_mentor(mentor.pk)))


@router.get("/mentors/{mentor_id}", response={200: AccountMentorOut, **ERROR_RESPONSES}, summary="One mentor")
def get_mentor(request, mentor_id: Id):
    _register_reader(request)
    return _mentor_out(_mentor(mentor_id))


@router.patch("/mentors/{mentor_id}", response={200: AccountMentorOut, **ERROR_RESPONSES}, summary="Change a mentor")
def update_mentor(request, mentor_id: Id, payload: AccountMentorPatch):
    user = _register_reader(request)
    mentor = _mentor(mentor_id)
    data = changes(payload)
    if "user_id" in data:
        data["user"] = _account(data.pop("user_id"))
    with concurrency.from_request(request, mentor):
        services.mentor_update(actor=user, mentor=mentor, **data)
    return _mentor_out(_mentor(mentor.pk))


@router.delete("/mentors/{mentor_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove a mentor")
def delete_mentor(request, mentor_id: Id):
    """Refused (409 `still_linked`) while the mentor is assigned to a region."""
    user = _register_reader(request)
    services.mentor_delete(actor=user, mentor=_mentor(mentor_id))
    return Status(204, None)


# --- mentor assignments ---------------------------------------------------------------------


@router.get("/mentor-assignments", response={200: AccountMentorAssignmentPage, **ERROR_RESPONSES}, summary="Mentors' regions")
def list_mentor_assignments(request, filters: Query[AccountMentorAssignmentFilters]):
    """Which mentor guides which region, in the regions the caller may see (signed-in users)."""
    user = user_of(request)
    _signed_in(user)
    city = city_selectors.city_or_404(user, filters.city_code) if filters.city_code else None
    rows = selectors.mentor_assignments(user, city=city)
    if filters.mentor_id is not None:
        rows = rows.filter(mentor_id=filters.mentor_id)
    return page(rows, filters, _assignment_out)


@router.post("/mentor-assignments", response={201: AccountMentorAssignmentOut, **ERROR_RESPONSES}, summary="Assign a mentor")
def create_mentor_assignment(request, payload: AccountMentorAssignmentIn):
    """The ministry assigns a registered mentor to a region (once per mentor and region; 409 `duplicate`)."""
    user = user_of(request)
    _signed_in(user)
    permissions.ensure(permissions.can_manage_people(user), "people.manage")
    city = _city_in_body(user, payload.city_code)
    (mentor,) = selectors.registered_mentors([payload.mentor_id], field="mentor_id")
    assignment = services.mentor_assignment_create(
        actor=user, mentor=mentor, city=city, from_year=payload.from_year, to_year=payload.to_year
    )
    return Status(201, _assignment_out(assignment))


@router.get("/mentor-assignments/{assignment_id}", response={200: AccountMentorAssignmentOut, **ERROR_RESPONSES}, summary="One assignment")
def get_mentor_assignment(request, assignment_id: Id):
    user = user_of(request)
    _signed_in(user)
    return _assignment_out(_assignment(user, assignment_id))


@router.patch(
    "/mentor-assignments/{assignment_id}",
    response={200: AccountMentorAssignmentOut, **ERROR_RESPONSES},
    summary="Change an assignment's years",
)
def update_mentor_assignment(request, assignment_id: Id, payload: AccountMentorAssignmentPatch):
    user = user_of(request)
    _signed_in(user)
    assignment = _assignment(user, assignment_id)
    with concurrency.from_request(request, assignment):
        services.mentor_assignment_update(actor=user, assignment=assignment, **changes(payload))
    return _assignment_out(_assignment(user, assignment.pk))


@router.delete("/mentor-assignments/{assignment_id}", response={204: None, **ERROR_RESPONSES}, summary="Unassign a mentor")
def delete_mentor_assignment(request, assignment_id: Id):
    """Refused (409 `still_linked`) while the mentor is named on one of the region's bimtek."""
    user = user_of(request)
    _signed_in(user)
    services.mentor_assignment_delete(actor=user, assignment=_assignment(user, assignment_id))
    return Status(204, None)
