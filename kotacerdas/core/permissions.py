"""Who may do what: the one place every page, endpoint, service and selector asks.

Roles (accounts.Role):
- national admin (ministry): everything, national reference data included;
- assessor: reads every city (scores come with the evaluation), writes nothing of a city's;
- mentor (the ministry's expert team guiding a city's bimtek): reads published cities and the cities
  assigned to them for the current year (`accounts.MentorAssignment`), writes nothing of a city's;
- city coordinator (Diskominfo/Bappeda): reads and writes everything of their own city;
- department (OPD) operator: reads their city, writes their own department's records
  (its head, the programmes it leads, bimtek outputs it proposes);
- stakeholder: reads their city, writes their own contributions (their contact
  details, bimtek outputs they propose);
- anonymous public: published cities only, read only.

Out-of-scope records 404 (`cities.selectors.city_or_404`, `core.api.resolve`); visible but not writable ones 403 (`ensure`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.roles import Role


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.NATIONAL_ADMIN
    return user.role or None


def is_national_admin(user) -> bool:
    return role_of(user) == Role.NATIONAL_ADMIN


def is_national(user) -> bool:
    """Ministry staff and assessors see every city."""
    return role_of(user) in {Role.NATIONAL_ADMIN, Role.ASSESSOR}


def home_city(user):
    """The city a city-level user works on (None for national users and the public)."""
    if role_of(user) in {Role.COORDINATOR, Role.OPD_OPERATOR, Role.STAKEHOLDER}:
        return user.city
    return None


def mentored_cities(user):
    """The ids of the cities a mentor is assigned to this year, as a subquery (None for anyone else).
    The mentor record is reached through the relation `accounts.Mentor.user` declares (cached on the user)."""
    mentor = getattr(user, "mentor", None) if role_of(user) == Role.MENTOR else None
    if mentor is None:
        return None
    year = timezone.localdate().year
    current = mentor.assignments.filter(Q(to_year__isnull=True) | Q(to_year__gte=year), from_year__lte=year)
    return current.values("city_id")


def city_scope(user, path: str = "") -> Q:
    """The cities this user may see, as a filter on a model reached by `path` (`""` for City itself,
    else a model's `city_path`): selectors and resolvers scope every query with it."""
    if is_national(user):
        return Q()
    if home_city(user) is not None:
        return Q(**{path or "pk": user.city_id})
    published = Q(**{f"{path}__is_published" if path else "is_published": True})
    mentored = mentored_cities(user)
    if mentored is not None:
        return published | Q(**{f"{path}__in" if path else "pk__in": mentored})
    return published


def can_view_city(user, city) -> bool:
    if is_national(user):
        return True
    if home_city(user) is not None:
        return user.city_id == city.pk
    mentored = mentored_cities(user)
    return city.is_published or (mentored is not None and mentored.filter(city_id=city.pk).exists())


def can_manage_city(user, city) -> bool:
    role = role_of(user)
    return role == Role.NATIONAL_ADMIN or (role == Role.COORDINATOR and user.city_id == city.pk)


def can_edit_opd(user, opd) -> bool:
    """Records owned by one department: its own data and the programmes it leads."""
    if can_manage_city(user, opd.city):
        return True
    return role_of(user) == Role.OPD_OPERATOR and user.opd_id == opd.pk


def can_edit_stakeholder(user, stakeholder) -> bool:
    if can_manage_city(user, stakeholder.city):
        return True
    return role_of(user) == Role.STAKEHOLDER and user.stakeholder_id == stakeholder.pk


def can_edit_programme(user, programme) -> bool:
    city = programme.masterplan.city
    if can_manage_city(user, city):
        return True
    return (
        role_of(user) == Role.OPD_OPERATOR
        and user.city_id == city.pk
        and programme.lead_opd_id is not None
        and programme.lead_opd_id == user.opd_id
    )


def can_create_programme(user, city, lead_opd) -> bool:
    """Coordinators create any programme; operators only ones their department leads."""
    if can_manage_city(user, city):
        return True
    return role_of(user) == Role.OPD_OPERATOR and user.city_id == city.pk and lead_opd is not None and lead_opd.pk == user.opd_id


def can_import_programmes(user, city) -> bool:
    """Import programmes from a workbook: whoever may create one (each row is then checked like a form)."""
    return can_create_programme(user, city, getattr(user, "opd", None))


def can_contribute_output(user, city, *, opd=None, stakeholder=None) -> bool:
    """Bimtek outputs: coordinators record any; operators and stakeholders their own proposals."""
    if can_manage_city(user, city):
        return True
    role = role_of(user)
    if role == Role.OPD_OPERATOR and user.city_id == city.pk:
        return opd is not None and opd.pk == user.opd_id and stakeholder is None
    if role == Role.STAKEHOLDER and user.city_id == city.pk:
        return stakeholder is not None and stakeholder.pk == user.stakeholder_id and opd is None
    return False


def can_manage_reference(user) -> bool:
    """National reference data: framework weights, cohorts, new cities."""
    return is_national_admin(user)


def can_manage_cohorts(user) -> bool:
    """The programme's cohorts (year, stage, published counts, selection criteria): the ministry's national admins."""
    return is_national_admin(user)


def can_view_audit(user, city) -> bool:
    """The audit trail of a city's records: signed-in users who may see the city."""
    return role_of(user) is not None and can_view_city(user, city)


_MESSAGES = {
    "city.manage": lambda: _("Only the city's coordinators and the ministry may change this city's records."),
    "opd.edit": lambda: _("You may only change records of your own department."),
    "stakeholder.edit": lambda: _("You may only change your own organisation's records."),
    "programme.edit": lambda: _("You may only change programmes led by your own department."),
    "programme.create": lambda: _("You may only create programmes led by your own department."),
    "output.contribute": lambda: _("You may only record proposals of your own department or organisation."),
    "reference.manage": lambda: _("Only the ministry's national administrators may change national reference data."),
    "audit.view": lambda: _("You may not see this audit trail."),
    "cohort.manage": lambda: _("Only the ministry's national administrators may record and change the programme's cohorts."),
}


def ensure(allowed: bool, action: str) -> None:
    """Raise a translated PermissionDenied naming what was refused."""
    if not allowed:
        raise PermissionDenied(_MESSAGES[action]())


# --- books ---


def can_manage_versions(user, city) -> bool:
    """Freeze a version of the city's masterplan, mark the legalised one: the city's coordinators and the ministry."""
    return can_manage_city(user, city)


_MESSAGES["versions.manage"] = lambda: _("Only the city's coordinators and the ministry may freeze versions of its masterplan.")


def can_fix_book_gaps(user, city) -> bool:
    """Be sent from the books' checklist to the pages that fill its gaps (most of them the city's
    masterplan, bodies and registers): the city's coordinators and the ministry."""
    return can_manage_city(user, city)


def can_build_package(user, city) -> bool:
    """Build the whole masterplan package in the background (a job with a downloadable zip): signed-in users who may see the city."""
    return role_of(user) is not None and can_view_city(user, city)


_MESSAGES["books.package"] = lambda: _("Sign in with an account of this city to build its package.")


# --- monitoring ---


def can_edit_indicators(user, programme) -> bool:
    """Indicators, targets, realised values, their evidence and the realised budget of a programme:
    the coordinators and the ministry, and the operators of the department leading it."""
    return can_edit_programme(user, programme)


def can_verify_realisation(user, city) -> bool:
    """Verifying or returning realised values: the city's coordinators and the ministry."""
    return can_manage_city(user, city)


_MESSAGES.update(
    {
        "monitoring.edit": lambda: _("You may only record indicators and realised values of programmes your department leads."),
        "monitoring.verify": lambda: _("Only the city's coordinators and the ministry may verify realised values."),
    }
)


# --- accounts ---

# The roles a city coordinator gives to their city's team (the ministry gives any role).
TEAM_ROLES = frozenset({Role.OPD_OPERATOR, Role.STAKEHOLDER})


def can_manage_users_somewhere(user) -> bool:
    """Whether the user manages any accounts (the ministry: all; a coordinator: their city's team)."""
    return role_of(user) in {Role.NATIONAL_ADMIN, Role.COORDINATOR}


def users_scope(user) -> Q:
    """The accounts a user may list: the ministry every one, a coordinator those of their city, nobody else any."""
    role = role_of(user)
    if role == Role.NATIONAL_ADMIN:
        return Q()
    if role == Role.COORDINATOR and user.city_id:
        return Q(city_id=user.city_id)
    return Q(pk__in=[])


def can_give_role(user, *, role: str, city, is_staff: bool = False, is_superuser: bool = False) -> bool:
    """May `user` make (or keep) an account with this role in this city? Coordinators: department
    operators and stakeholders of their own city, without admin rights; the ministry: anyone."""
    actor_role = role_of(user)
    if actor_role == Role.NATIONAL_ADMIN:
        return True
    return (
        actor_role == Role.COORDINATOR
        and role in TEAM_ROLES
        and city is not None
        and city.pk == user.city_id
        and not is_staff
        and not is_superuser
    )


def can_manage_user(user, account) -> bool:
    """Change, deactivate or set the password of `account`: the ministry any; a coordinator the
    operators and stakeholders of their city (never their own or another coordinator's account)."""
    if account is None:
        return False
    if is_national_admin(user):
        return True
    if account.pk == getattr(user, "pk", None) or account.is_superuser:
        return False
    return can_give_role(user, role=account.role, city=account.city, is_staff=account.is_staff)


_MESSAGES.update(
    {
        "user.manage": lambda: _(
            "Only the ministry manages these accounts; a city coordinator manages the department operators and stakeholders of their own city."
        ),
        "user.list": lambda: _("Only the ministry and city coordinators manage accounts."),
    }
)


# --- people: mentors and their assignments ---


def can_manage_people(user) -> bool:
    """The mentor register and mentors' city assignments: the ministry's national administrators."""
    return is_national_admin(user)


def can_view_people(user) -> bool:
    """The ministry's people page (every mentor and assessor with their cities): the ministry and its assessors."""
    return is_national(user)


def can_view_city_people(user, city) -> bool:
    """A region's mentors and assessors: signed-in users who may see the region (names of people are not public)."""
    return role_of(user) is not None and can_view_city(user, city)


_MESSAGES.update(
    {
        "people.manage": lambda: _("Only the ministry registers mentors and assigns them to cities."),
        "people.view": lambda: _("Only the ministry and its assessors see the register of mentors and assessors."),
    }
)


# --- evaluation ---
# The ministry runs the annual evaluation (years, rounds, assignments, publication, letters,
# imported results); an assessor scores only the cities assigned to them for that year and never
# edits a city's own records; the city's coordinator writes the self-assessment; the owner
# department's operator (or the coordinator) works on a follow-up. Scores, indices and findings of a
# round reach city users and the public only once the ministry has published it.


def can_manage_evaluation(user) -> bool:
    """Evaluation years and rounds, assessor assignments, publication, results letters, imported results."""
    return is_national_admin(user)


def can_score_city(user, city, cycle) -> bool:
    """Scores and findings of a city's round: the ministry, or an assessor assigned to the city for that year."""
    if is_national_admin(user):
        return True
    return role_of(user) == Role.ASSESSOR and cycle.assignments.filter(assessor=user, city=city).exists()


def can_self_assess(user, city) -> bool:
    """The city's self-assessment and its submission: the city's coordinators (and the ministry)."""
    return can_manage_city(user, city)


def can_see_unpublished_scores(user) -> bool:
    """Scores and findings before publication: the ministry and its assessors only."""
    return is_national(user)


def can_work_on_follow_up(user, follow_up) -> bool:
    """A follow-up: the city's coordinators, or an operator of the department that owns it."""
    if can_manage_city(user, follow_up.city):
        return True
    return (
        role_of(user) == Role.OPD_OPERATOR
        and user.city_id == follow_up.city_id
        and follow_up.owner_opd_id is not None
        and follow_up.owner_opd_id == user.opd_id
    )


_MESSAGES.update(
    {
        "evaluation.manage": lambda: _("Only the ministry may run the annual evaluation."),
        "evaluation.score": lambda: _("Only the ministry and the assessors assigned to this city for the year may score it."),
        "evaluation.self_assess": lambda: _("Only the city's coordinators may write the self-assessment."),
        "evaluation.follow_up": lambda: _("Only the city's coordinators and the owner department may work on this follow-up."),
    }
)


# --- jobs ---


def can_view_job(user, job) -> bool:
    """A background job and its result: whoever started it, the coordinators of its city, the ministry's admins."""
    if role_of(user) is None:
        return False
    if job.actor_id == user.pk or is_national_admin(user):
        return True
    return job.city is not None and can_manage_city(user, job.city)


def can_export_city(user, city) -> bool:
    """All of a city's records and files in one archive: its coordinators and the ministry's admins."""
    return can_manage_city(user, city)


_MESSAGES["city.export"] = lambda: _("Only the city's coordinators and the ministry may export all of a city's records.")


# --- governance ---


def can_manage_governance(user, city) -> bool:
    """The regulation register, meetings and attachments: the city's coordinators and the ministry."""
    return can_manage_city(user, city)


def can_view_governance(user, city) -> bool:
    """Meetings, their minutes, attachments and draft regulations: signed-in users who may see the city
    (the public sees enacted and revoked regulations only: those are public documents)."""
    return role_of(user) is not None and can_view_city(user, city)


_MESSAGES.update(
    {
        "governance.manage": lambda: _(
            "Only the city's coordinators and the ministry may change its regulations, meetings and attachments."
        ),
        "governance.view": lambda: _("Sign in with an account that may see this city to read its meetings and attachments."),
    }
)
