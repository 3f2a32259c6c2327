"""Account forms: the team of a city (coordinators) or every account (the ministry)."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import FIRST_YEAR, LAST_YEAR, Mentor, User
from kotacerdas.cities.models import City, Opd, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.roles import Role


class UserForm(forms.Form):
    """Who the person is, their role and what it binds them to (a department or a stakeholder)."""

    username = forms.CharField(label=_("Username"), max_length=150, help_text=_("Letters, digits and @ . + - _ only."))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"))
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)
    opd = forms.ModelChoiceField(label=_("Department (for department operators)"), queryset=Opd.objects.none(), required=False)
    stakeholder = forms.ModelChoiceField(
        label=_("Stakeholder (for stakeholder accounts)"), queryset=Stakeholder.objects.none(), required=False
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("Active (may sign in)"), required=False, initial=True)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.national = permissions.is_national_admin(actor)
        if self.national:
            self.fields["role"].choices = Role.choices
            self.fields["city"].queryset = City.objects.select_related("region").order_by("region__name")
            self.fields["opd"].queryset = Opd.objects.select_related("city__region").order_by("city__region__name", "name")
            self.fields["stakeholder"].queryset = Stakeholder.objects.select_related("city__region").order_by("city__region__name", "name")
            self.fields["opd"].label_from_instance = lambda o: f"{o.city.name} · {o.name}"
            self.fields["stakeholder"].label_from_instance = lambda s: f"{s.city.name} · {s.name}"
        else:
            self.fields["role"].choices = [(r.value, r.label) for r in Role if r in permissions.TEAM_ROLES]
            del self.fields["city"]
            self.fields["opd"].queryset = Opd.objects.filter(city_id=actor.city_id).order_by("name")
            self.fields["stakeholder"].queryset = Stakeholder.objects.filter(city_id=actor.city_id).order_by("name")


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to give the person a one-time link where they choose their own password."),
    )

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            password_validation.validate_password(password, User(username=self.data.get("username", "")))
        return password


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password


class MentorForm(forms.Form):
    """A person of the ministry's expert team; the account is optional (an account with the mentor role)."""

    name = forms.CharField(label=_("Name"), max_length=150)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    expertise = forms.CharField(label=_("Expertise"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    user = forms.ModelChoiceField(
        label=_("Account"),
        queryset=None,
        required=False,
        help_text=_("Optional: an active account with the mentor role. It then reads the regions this mentor is assigned to."),
    )

    def __init__(self, *args, mentor: Mentor | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        free = User.objects.filter(role=Role.MENTOR, is_active=True, mentor__isnull=True)
        if mentor is not None and mentor.user_id:
            free = free | User.objects.filter(pk=mentor.user_id)
        self.fields["user"].queryset = free.order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.username} ({u.get_full_name()})" if u.get_full_name() else u.username


class MentorAssignmentForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Mentor.objects.order_by("name"))
    city = forms.ModelChoiceField(label=_("Region"), queryset=City.objects.select_related("region").order_by("region__name"))
    from_year = forms.IntegerField(label=_("From year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    to_year = forms.IntegerField(
        label=_("To year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False, help_text=_("Empty: until further notice.")
    )
