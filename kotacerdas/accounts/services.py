"""Accounts: API tokens."""
from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.models import ApiToken, User, hash_token
from kotacerdas.core import audit


@transaction.atomic
def token_issue(*, user: User, label: str = "", actor=None) -> str:
    """Create a token for `user` and return it; only its hash is kept, so show it once."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=user, key_hash=hash_token(raw), prefix=raw[:8], label=label)
    audit.record(actor=actor or user, action="create", instance=token, after={"user": user.username, "prefix": token.prefix, "label": label})
    return raw


@transaction.atomic
def tokens_revoke(*, user: User, actor=None) -> int:
    """Revoke every live token of `user`; returns how many."""
    return token_revoke_many(tokens=ApiToken.objects.filter(user=user), actor=actor or user)


@transaction.atomic
def token_revoke_many(*, tokens, actor) -> int:
    """Revoke the live tokens among `tokens` (a queryset); returns how many."""
    live = list(tokens.select_for_update().filter(revoked_at__isnull=True))
    now = timezone.now()
    for token in live:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="update", instance=token, before={"revoked_at": None}, after={"revoked_at": now.isoformat()})
    return len(live)
