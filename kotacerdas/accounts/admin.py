"""Django admin of accounts: users (every change through accounts.services, audited) and API tokens (revocable).

The admin is no second write path: saving a user, setting a password or revoking a token calls the
same services as everything else, with the signed-in administrator as the actor.
"""

import copy

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kotacerdas.accounts import services
from kotacerdas.accounts.models import ApiToken, User
from kotacerdas.core import permissions
from kotacerdas.core.admin import ReadOnly
from kotacerdas.core.errors import ServiceError

ROLE_FIELDS = ("role", "city", "opd", "stakeholder", "organisation")


class ScopeCheckMixin:
    """Show the service's scope rules (a city for city roles, a department of that city …) on the form."""

    def clean(self):
        data = super().clean()
        if "role" in self.fields:
            try:
                services.check_user_scope(
                    role=data.get("role") or "", city=data.get("city"), opd=data.get("opd"), stakeholder=data.get("stakeholder")
                )
            except ServiceError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data


class UserForm(ScopeCheckMixin, UserChangeForm):
    pass


class NewUserForm(ScopeCheckMixin, AdminUserCreationForm):
    pass


class PasswordForm(AdminPasswordChangeForm):
    """Sets the password through `user_set_password`; `actor` is set per request by `UserAdmin.user_change_password`."""

    actor = None

    def save(self, commit=True):
        password = self.cleaned_data["password1"] if self.cleaned_data["set_usable_password"] else None
        return services.user_set_password(actor=self.actor, user=self.user, password=password)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserForm
    add_form = NewUserForm
    change_password_form = PasswordForm
    list_display = ["username", "get_full_name", "email", "role", "city", "opd", "stakeholder", "is_active"]
    list_filter = ["role", "is_active", "is_staff", "city"]
    search_fields = ["username", "first_name", "last_name", "email", "organisation"]
    list_select_related = ["city__region", "opd", "stakeholder"]
    autocomplete_fields = ["opd", "stakeholder"]
    raw_id_fields = ["city"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Role in Kota Cerdas"), {"fields": ROLE_FIELDS}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Role in Kota Cerdas"), {"fields": ROLE_FIELDS}),)

    def has_delete_permission(self, request, obj=None):
        """Accounts are deactivated (audited), not deleted: the audit trail keeps naming them."""
        return False

    def save_model(self, request, obj, form, change):
        """Create or change the account through accounts.services, acting as the signed-in administrator."""
        editable = services.USER_FIELDS | services.USER_M2M
        if change:
            fields = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
            user = services.user_update(actor=request.user, user=User.objects.get(pk=obj.pk), **fields)
        else:
            fields = {name: value for name, value in form.cleaned_data.items() if name in editable}
            password = form.cleaned_data.get("password1") if form.cleaned_data.get("set_usable_password") else None
            user = services.user_create(actor=request.user, password=password, **fields)
        obj.pk, obj._state.adding, obj._state.db = user.pk, False, user._state.db

    def save_related(self, request, form, formsets, change):
        """Groups and permissions were saved by the service in `save_model` (audited)."""

    def user_change_password(self, request, id, form_url=""):
        bound = copy.copy(self)  # this request's admin: its password form acts as the signed-in user
        bound.change_password_form = type("PasswordForm", (PasswordForm,), {"actor": request.user})
        return DjangoUserAdmin.user_change_password(bound, request, id, form_url)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnly, admin.ModelAdmin):
    """Tokens are issued with `manage.py issue_token`; here they can only be seen and revoked (audited)."""

    list_display = ["prefix", "user", "label", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "label", "user__username"]
    list_select_related = ["user"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_revoke_permission(self, request):
        return permissions.can_manage_reference(request.user)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        n = services.token_revoke_many(tokens=queryset, actor=request.user)
        self.message_user(request, ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", n) % {"n": n}, messages.SUCCESS)
