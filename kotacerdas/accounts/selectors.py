"""Reads of accounts: who has access to what, within what the reader may manage."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kotacerdas.accounts.models import User
from kotacerdas.core import permissions


def users_of(user, *, city_code: str = "", role: str = "", q: str = "") -> QuerySet:
    """The accounts `user` may see (the ministry every one, a coordinator their city's), filtered."""
    qs = User.objects.filter(permissions.users_scope(user)).select_related("city__region", "opd", "stakeholder")
    if city_code:
        qs = qs.filter(city__region_id=city_code)
    if role:
        qs = qs.filter(role=role)
    if q:
        from django.db.models import Q

        qs = qs.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q))
    return qs.order_by("city__region__name", "role", "username")


def user_or_404(user, pk: int) -> User:
    """An account the reader may see; 404 for any other (no existence leak)."""
    return get_object_or_404(User.objects.filter(permissions.users_scope(user)).select_related("city__region", "opd", "stakeholder"), pk=pk)
