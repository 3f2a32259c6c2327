"""Error codes are declared once (docs/api.md, "Errors"): never a literal, never two spellings."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

from kotacerdas.core.errors import ErrorCode, ServiceError

PACKAGE = Path(settings.BASE_DIR) / "kotacerdas"
RAISERS = {"ServiceError", "TokenError"}


def _literal_codes(app: str) -> list[str]:
    """`ServiceError("some_code", …)` calls in an app's code (tests and migrations aside)."""
    found = []
    for path in sorted((PACKAGE / app).rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in RAISERS and node.args and isinstance(node.args[0], ast.Constant):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {name}({node.args[0].value!r})")
    return found


APPS = sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))


@pytest.mark.parametrize("app", APPS)
def test_app_raises_only_declared_codes(app):
    literals = _literal_codes(app)
    assert not literals, "declare these in the app's error_codes.py:\n" + "\n".join(literals)


def test_each_code_is_declared_once():
    from kotacerdas.core.errors import declared_codes

    declared_codes()  # imports every app's error_codes
    where = defaultdict(list)
    pending = list(ErrorCode.__subclasses__())
    while pending:
        enum_class = pending.pop()
        pending.extend(enum_class.__subclasses__())
        for member in enum_class:
            where[member.value].append(f"{enum_class.__module__}.{enum_class.__name__}.{member.name}")
    twice = {code: places for code, places in where.items() if len(places) > 1}
    assert not twice, twice


def test_a_literal_code_cannot_be_raised():
    with pytest.raises(TypeError):
        ServiceError("made_up_code", "?")


def test_the_openapi_document_lists_every_declared_code(client):
    from kotacerdas.core.errors import declared_codes

    document = client.get("/api/v1/openapi.json").json()
    codes = declared_codes()
    assert document["components"]["schemas"]["Error"]["properties"]["code"]["enum"] == sorted(codes)
    listed = {entry["code"]: entry["status"] for entry in document["x-error-codes"]}
    assert listed == {code: member.status for code, member in codes.items()}


def test_every_code_has_a_status_and_a_translated_description():
    from kotacerdas.core.errors import declared_codes

    for code, member in declared_codes().items():
        assert 400 <= member.status < 600, code
        assert str(member.description).strip(), code
