"""Guidance instead of dead ends: the page a city without a masterplan shows on its plan pages, and a
clear refusal (not a login page) when a signed-in non-staff user opens the Django admin."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.masterplan.selectors import NoMasterplan
from kotacerdas.site.navigation import section_label


class GuidanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match and match.app_name == "admin" and user is not None and user.is_authenticated and not (user.is_active and user.is_staff):
            raise PermissionDenied(
                _(
                    "The administration (Django admin) is for the ministry's staff. Everything a city needs is in the "
                    "application itself: use the menu above (your city, its sections, and “Team” for the accounts of your departments and stakeholders)."
                )
            )
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, NoMasterplan) or request.path.startswith("/api/"):
            return None
        city = exception.city
        match = request.resolver_match
        return render(
            request,
            "site/needs_masterplan.html",
            {
                "city": city,
                "section": section_label(match.view_name if match else ""),
                "can_manage": permissions.can_manage_city(request.user, city),
            },
            status=200 if request.method in {"GET", "HEAD"} else 409,
        )
