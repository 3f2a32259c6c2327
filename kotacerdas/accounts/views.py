"""Accounts pages: the ministry manages every account, a city coordinator their city's team
(department operators and stakeholders); everyone changes their own password. The people pages: the
ministry's register of mentors with their city assignments and its assessors' cities per year; a city's
mentors and assessors."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kotacerdas.accounts import selectors, services
from kotacerdas.accounts.forms import MentorAssignmentForm, MentorForm, NewUserForm, SetPasswordForm, UserForm
from kotacerdas.accounts.models import Mentor, MentorAssignment, User
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import Role

FIELDS = ("username", "first_name", "last_name", "email", "role", "city", "opd", "stakeholder", "organisation", "is_active")


def _fields(request, data: dict) -> dict:
    fields = {name: data[name] for name in FIELDS if name in data}
    if not permissions.is_national_admin(request.user):
        fields["city"] = request.user.city  # a coordinator's team is their city's
    if fields.get("role") != Role.OPD_OPERATOR and fields.get("role") != Role.COORDINATOR:
        fields["opd"] = None
    if fields.get("role") != Role.STAKEHOLDER:
        fields["stakeholder"] = None
    if fields.get("role") in {Role.NATIONAL_ADMIN, Role.ASSESSOR, Role.MENTOR, ""}:
        fields["city"] = None
    return fields


@login_required
def user_list(request):
    """Who has access to what: the accounts the visitor manages, with their role and scope."""
    permissions.ensure(permissions.can_manage_users_somewhere(request.user), "user.list")
    role = request.GET.get("role", "")
    q = request.GET.get("q", "").strip()
    page = paginate(request, selectors.users_of(request.user, role=role if role in Role.values else "", q=q), 50)
    for account in page:
        account.manageable = permissions.can_manage_user(request.user, account)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": page,
            "roles": Role.choices,
            "role": role,
            "q": q,
            "national": permissions.is_national_admin(request.user),
            "team_city": None if permissions.is_national_admin(request.user) else request.user.city,
        },
    )


@login_required
def user_create(request):
    permissions.ensure(permissions.can_manage_users_somewhere(request.user), "user.list")
    form = NewUserForm(request.POST or None, actor=request.user, initial={"is_active": True})
    if request.method == "POST":
        user = write_from_form(
            form,
            lambda data: services.user_create(actor=request.user, password=data.get("password") or None, **_fields(request, data)),
        )
        if user:
            messages.success(request, _("Account %(user)s created.") % {"user": user.username})
            if not form.cleaned_data.get("password"):
                request.session["set_password_link"] = services.user_set_password_link(actor=request.user, user=user)
            return redirect("accounts:user_edit", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "account": None})


@login_required
def user_edit(request, pk: int):
    account = selectors.user_or_404(request.user, pk)
    permissions.ensure(permissions.can_manage_user(request.user, account), "user.manage")
    initial = {name: getattr(account, name) for name in FIELDS}
    form = UserForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST":
        stored = User.objects.get(pk=account.pk)
        if write_from_form(form, lambda data: services.user_update(actor=request.user, user=stored, **_changed(request, data, initial))):
            messages.success(request, _("Account %(user)s saved.") % {"user": stored.username})
            return redirect("accounts:user_edit", pk=account.pk)
    link = request.session.pop("set_password_link", None)
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "account": account,
            "password_form": SetPasswordForm(user=account, auto_id="pw-%s"),
            "set_password_link": request.build_absolute_uri(link) if link else None,
        },
    )


def _changed(request, data: dict, initial: dict) -> dict:
    """Only what the form changed (so a coordinator's save never touches fields they may not set)."""
    fields = _fields(request, data)
    return {name: value for name, value in fields.items() if initial.get(name) != value}


@login_required
@require_POST
def user_password(request, pk: int):
    """Set an account's password, or issue a one-time set-password link shown on screen."""
    account = selectors.user_or_404(request.user, pk)
    permissions.ensure(permissions.can_manage_user(request.user, account), "user.manage")
    stored = User.objects.get(pk=account.pk)
    if "link" in request.POST:
        try:
            request.session["set_password_link"] = services.user_set_password_link(actor=request.user, user=stored)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Give this one-time link to %(user)s: it lets them choose their password once.") % {"user": stored})
        return redirect("accounts:user_edit", pk=account.pk)
    form = SetPasswordForm(request.POST, user=stored, auto_id="pw-%s")
    if write_from_form(form, lambda data: services.user_set_password(actor=request.user, user=stored, password=data["password"])):
        messages.success(request, _("Password of %(user)s set. Tell them to change it after signing in.") % {"user": stored})
        return redirect("accounts:user_edit", pk=account.pk)
    initial = {name: getattr(account, name) for name in FIELDS}
    return render(
        request,
        "accounts/user_form.html",
        {"form": UserForm(actor=request.user, initial=initial), "account": account, "password_form": form},
        status=400,
    )


@login_required
def password_change(request):
    """Everyone signed in changes their own password (the old one first)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and write_from_form(
        form, lambda data: services.user_change_own_password(actor=request.user, password=data["new_password1"])
    ):
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("site:home")
    return render(request, "accounts/password_change.html", {"form": form})


@never_cache
def set_password(request, uidb64: str, token: str):
    """The one-time link: the account's owner chooses a password; a used or expired link says so."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/set_password.html", {"valid": False}, status=410)
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and write_from_form(
        form, lambda data: services.user_set_password_by_link(user=user, password=data["password"])
    ):
        messages.success(request, _("Your password is set: sign in with it now."))
        return redirect("login")
    return render(request, "accounts/set_password.html", {"valid": True, "form": form, "account": user})


# --- people: mentors and assessors ------------------------------------------------------------

MENTORS_PER_PAGE = 25


def _people_page(request, assign_form=None, status=200):
    permissions.ensure(permissions.can_view_people(request.user), "people.view")
    can_manage = permissions.can_manage_people(request.user)
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "accounts/people.html",
        {
            "mentors": paginate(request, selectors.mentors(q=q), MENTORS_PER_PAGE, param="mp"),
            "q": q,
            "assessors": selectors.assessors(),
            "can_manage": can_manage,
            "assign_form": assign_form or (MentorAssignmentForm() if can_manage else None),
        },
        status=status,
    )


@login_required
def people(request):
    """Who guides and who assesses which region: the mentor register with each mentor's regions, the assessors' regions per year."""
    return _people_page(request)


@login_required
@require_POST
def mentor_assign(request):
    permissions.ensure(permissions.can_manage_people(request.user), "people.manage")
    form = MentorAssignmentForm(request.POST)
    assignment = write_from_form(
        form,
        lambda data: services.mentor_assignment_create(
            actor=request.user, mentor=data["mentor"], city=data["city"], from_year=data["from_year"], to_year=data["to_year"]
        ),
    )
    if assignment is None:
        return _people_page(request, assign_form=form, status=400)
    messages.success(request, _("%(mentor)s is assigned to %(city)s.") % {"mentor": assignment.mentor, "city": assignment.city.name})
    return redirect("people:index")


@login_required
@require_POST
def mentor_unassign(request, pk: int):
    permissions.ensure(permissions.can_manage_people(request.user), "people.manage")
    assignment = get_object_or_404(MentorAssignment.objects.select_related("mentor", "city__region"), pk=pk)
    try:
        with transaction.atomic():
            services.mentor_assignment_delete(actor=request.user, assignment=assignment)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("%(mentor)s is no longer assigned to %(city)s.") % {"mentor": assignment.mentor, "city": assignment.city.name}
        )
    if request.POST.get("back") == "city":
        return redirect("city_people:index", assignment.city.code)
    return redirect("people:index")


@login_required
def mentor_create(request):
    permissions.ensure(permissions.can_manage_people(request.user), "people.manage")
    form = MentorForm(request.POST or None)
    if request.method == "POST":
        mentor = write_from_form(form, lambda data: services.mentor_create(actor=request.user, **data))
        if mentor:
            messages.success(request, _("%(mentor)s is registered.") % {"mentor": mentor})
            return redirect("people:index")
    return render(request, "accounts/mentor_form.html", {"form": form, "mentor": None})


@login_required
def mentor_edit(request, pk: int):
    permissions.ensure(permissions.can_manage_people(request.user), "people.manage")
    mentor = get_object_or_404(Mentor, pk=pk)
    initial = {name: getattr(mentor, name) for name in MentorForm.base_fields}
    form = track_version(MentorForm(request.POST or None, initial=initial, mentor=mentor), mentor)
    if request.method == "POST" and write_from_form(
        form, lambda data: services.mentor_update(actor=request.user, mentor=mentor, **{name: data[name] for name in form.changed_data})
    ):
        messages.success(request, _("%(mentor)s is saved.") % {"mentor": mentor})
        return redirect("people:index")
    return render(request, "accounts/mentor_form.html", {"form": form, "mentor": mentor})


@login_required
@require_POST
def mentor_delete(request, pk: int):
    permissions.ensure(permissions.can_manage_people(request.user), "people.manage")
    mentor = get_object_or_404(Mentor, pk=pk)
    try:
        with transaction.atomic():
            services.mentor_delete(actor=request.user, mentor=mentor)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("people:mentor_edit", pk=mentor.pk)
    messages.success(request, _("%(mentor)s is removed from the register.") % {"mentor": mentor})
    return redirect("people:index")


def city_people(request, code: str):
    """A region's mentors (with their years) and its assessors per evaluation year: signed-in users who may
    see the region (the public, who reaches it from the region's navigation, is asked to sign in)."""
    city = city_selectors.city_or_404(request.user, code)
    if not permissions.can_view_city_people(request.user, city):
        return render(request, "accounts/city_people.html", {"city": city, "sign_in": True})
    return render(
        request,
        "accounts/city_people.html",
        {"city": city, **selectors.city_people(city), "can_manage": permissions.can_manage_people(request.user)},
    )
