"""Django admin of accounts: users with their role and scope, API tokens (read-only, revocable)."""
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kotacerdas.accounts.models import ApiToken, User
from kotacerdas.accounts.services import token_revoke_many


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "email", "role", "city", "opd", "stakeholder", "is_active"]
    list_filter = ["role", "is_active", "is_staff", "city"]
    search_fields = ["username", "first_name", "last_name", "email", "organisation"]
    list_select_related = ["city__region", "opd", "stakeholder"]
    autocomplete_fields = ["opd", "stakeholder"]
    raw_id_fields = ["city"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Role in Kota Cerdas"), {"fields": ("role", "city", "opd", "stakeholder", "organisation")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Role in Kota Cerdas"), {"fields": ("role", "city", "opd", "stakeholder", "organisation")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `manage.py issue_token`; here they can only be seen and revoked."""

    list_display = ["prefix", "user", "label", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "label", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["user", "prefix", "label", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request, queryset):
        n = token_revoke_many(tokens=queryset, actor=request.user)
        self.message_user(request, ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", n) % {"n": n}, messages.SUCCESS)
