from kotacerdas.core import permissions


def navigation(request):
    """The city the signed-in user works on, for the navigation bar."""
    user = getattr(request, "user", None)
    return {"nav_city": permissions.home_city(user) if user is not None else None}
