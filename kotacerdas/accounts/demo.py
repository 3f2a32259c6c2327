"""Demo users, one per role (password: DEMO_PASSWORD)."""

from kotacerdas.accounts.models import Role, User

DEMO_PASSWORD = "kotacerdas-demo"

# (username, role, full name, what they are) — city users belong to Kota Ambon; every name is fictitious
# (family name “Contoh”, as cities.demo.fictitious_name).
USERS = [
    ("kementerian", Role.NATIONAL_ADMIN, "Sari W. Contoh", "national admin, Komdigi"),
    ("penilai", Role.ASSESSOR, "Bambang P. Contoh", "assessor (pembimbing)"),
    # The first mentor of the bimtek demo (bimtek.demo.MENTORS) signs in with this account.
    ("pembimbing", Role.MENTOR, "Yohanes F. Contoh", "mentor of the ministry's expert team (narasumber)"),
    ("koordinator.ambon", Role.COORDINATOR, "Maria L. Contoh", "city coordinator, Diskominfosandi Kota Ambon"),
    ("operator.dinkes", Role.OPD_OPERATOR, "Yohana S. Contoh", "operator, Dinas Kesehatan Kota Ambon"),
    ("operator.dishub", Role.OPD_OPERATOR, "Abdul L. Contoh", "operator, Dinas Perhubungan Kota Ambon"),
    ("mitra.telkom", Role.STAKEHOLDER, "Marthen L. Contoh", "stakeholder, PT Telkom Indonesia Witel Maluku"),
]
OPD_OF = {"koordinator.ambon": "Diskominfosandi", "operator.dinkes": "Dinkes", "operator.dishub": "Dishub"}
STAKEHOLDER_OF = {"mitra.telkom": "PT Telkom Indonesia (Persero) Witel Maluku"}


def seed(*, city, password: str | None) -> list[tuple[str, str]]:
    """Create the demo users once; returns (username, description) for printing.

    With `password=None` nobody can sign in as them (a demo on a shared server); `make run`
    passes the public DEMO_PASSWORD.
    """
    for username, role, full_name, _what in USERS:
        if User.objects.filter(username=username).exists():
            continue
        first, _sep, last = full_name.rpartition(" ")
        user = User(username=username, role=role, first_name=first, last_name=last, email=f"{username}@contoh.go.id")
        if role in {Role.COORDINATOR, Role.OPD_OPERATOR, Role.STAKEHOLDER}:
            user.city = city
        if username in OPD_OF:
            user.opd = city.opds.get(short_name=OPD_OF[username])
        if username in STAKEHOLDER_OF:
            user.stakeholder = city.stakeholders.get(name=STAKEHOLDER_OF[username])
        if role == Role.NATIONAL_ADMIN:
            user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.full_clean()
        user.save()
    return [(u, what) for u, _r, _n, what in USERS]


def system_actor() -> User:
    """The account demo data is written by (shown in the audit trail)."""
    user, created = User.objects.get_or_create(
        username="demo-loader", defaults={"role": Role.NATIONAL_ADMIN, "first_name": "Demo", "last_name": "Loader"}
    )
    if created:  # nobody can sign in as the loader
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
