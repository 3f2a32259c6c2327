"""docs/api.md, enforced: every router of every app follows the one API convention."""

from __future__ import annotations

import re
import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from kotacerdas.api import api
from kotacerdas.core.api import Input

# The schema-name prefix of each app (docs/api.md, "Schemas").
PREFIXES = {
    "regions": "Region",
    "framework": "Framework",
    "cities": "City",
    "accounts": "Account",
    "masterplan": "Masterplan",
    "bimtek": "Bimtek",
    "programmes": "Programme",
    "readiness": "Readiness",
    "alignment": "Alignment",
    "monitoring": "Monitoring",
    "evaluation": "Evaluation",
    "books": "Book",
    "jobs": "Job",
    "governance": "Governance",
    "core": "Audit",
}
KERNEL_SCHEMAS = {"Error", "FieldError", "Paging"}
VERBS = {
    "list",
    "get",
    "create",
    "update",
    "delete",
    "replace",
    "add",
    "remove",
    "record",
    "mark",
    "adopt",
    "link",
    "unlink",
    "import",
    "export",
    "check",
    "move",
    "score",
    "select",
    "summarise",
    "compare",
    "set",
}


def _operations():
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield path, operation


def _app(operation) -> str:
    return operation.view_func.__module__.split(".")[1]


def _models_in(annotation, seen: set) -> None:
    """Every pydantic model reachable from a type annotation."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models_in(arg, seen)


def _schemas_of(operation) -> set[type[BaseModel]]:
    found: set = set()
    for wrapper in [*operation.models, *filter(None, operation.response_models.values())]:
        for field in wrapper.model_fields.values():
            _models_in(field.annotation, found)
    return {m for m in found if not m.__module__.startswith(("ninja.", "abc"))}


def _bodies_of(operation) -> list[type[BaseModel]]:
    bodies = []
    for wrapper in operation.models:
        if getattr(wrapper, "__ninja_param_source__", None) == "body":
            bodies.extend(f.annotation for f in wrapper.model_fields.values() if isinstance(f.annotation, type))
    return bodies


def _by_app():
    grouped = defaultdict(list)
    for path, operation in _operations():
        grouped[_app(operation)].append((path, operation))
    return grouped


APPS = sorted(_by_app())


def _check(app: str) -> list[str]:
    problems = []
    for path, operation in _by_app()[app]:
        name = operation.view_func.__name__
        where = f"{'/'.join(operation.methods)} {path} ({name})"
        verb = name.split("_", 1)[0]
        if verb not in VERBS or not re.fullmatch(r"[a-z]+_[a-z0-9_]+", name):
            problems.append(f"{where}: operation id is not verb_noun with a known verb")
        for schema in _schemas_of(operation):
            if schema.__name__ in KERNEL_SCHEMAS:
                continue
            if not schema.__name__.startswith(PREFIXES[schema.__module__.split(".")[1]]):
                problems.append(f"{where}: schema {schema.__name__} lacks its app's prefix")
            for field, info in schema.model_fields.items():
                alias = info.alias or field
                if alias == "name_id":
                    problems.append(f"{where}: {schema.__name__}.name_id (use name + name_en)")
        for body in _bodies_of(operation):
            if not issubclass(body, Input):
                problems.append(f"{where}: body {body.__name__} does not derive from core.api.Input")
        response = operation.response_models.get(200) or operation.response_models.get(201)
        if "GET" in operation.methods and response is not None:
            inner = response.model_fields["response"].annotation
            if typing.get_origin(inner) is list:
                problems.append(f"{where}: a list answers {{count, items}}, not a bare array")
            elif isinstance(inner, type) and set(getattr(inner, "model_fields", {})) == {"count", "items"}:
                query = {f for wrapper in operation.models for f in wrapper.model_fields}
                params = set()
                for wrapper in operation.models:
                    for f in wrapper.model_fields.values():
                        params |= set(getattr(f.annotation, "model_fields", {}) or {})
                if not {"limit", "offset"} <= params | query:
                    problems.append(f"{where}: a list without limit/offset (core.api.Paging)")
    return problems


@pytest.mark.parametrize("app", APPS)
def test_app_follows_the_api_convention(app):
    problems = _check(app)
    assert not problems, "\n".join(problems)


def test_operation_ids_are_unique():
    names = defaultdict(list)
    for path, operation in _operations():
        names[operation.view_func.__name__].append(path)
    duplicates = {name: paths for name, paths in names.items() if len(paths) > 1 and len(set(paths)) > 1}
    assert not duplicates, duplicates


def test_schema_names_are_unique():
    """Two schemas with one name would make the OpenAPI document describe one with the other's fields."""
    classes = defaultdict(set)
    for _path, operation in _operations():
        for schema in _schemas_of(operation):
            classes[schema.__name__].add(f"{schema.__module__}.{schema.__qualname__}")
    duplicates = {name: sorted(where) for name, where in classes.items() if len(where) > 1}
    assert not duplicates, duplicates
