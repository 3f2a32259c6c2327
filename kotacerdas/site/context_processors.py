from kotacerdas.core import permissions


def navigation(request):
    """What the top bar shows: the city a city-level user works on, whether the user sees the whole
    country, and whether they manage accounts (the ministry all, a coordinator their city's team)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_city": None, "nav_national": False, "nav_manages_users": False}
    return {
        "nav_city": permissions.home_city(user),
        "nav_national": permissions.is_national(user),
        "nav_manages_users": permissions.can_manage_users_somewhere(user),
    }
