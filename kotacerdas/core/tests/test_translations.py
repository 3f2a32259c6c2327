"""Every app that shows text ships a complete, compiled, up-to-date Indonesian translation.

Fix a failure from the app's folder (`kotacerdas/<app>`):
    ../../.venv/bin/python ../../manage.py makemessages -l id --no-obsolete
    (translate every msgstr in locale/id/LC_MESSAGES/django.po, remove "#, fuzzy")
    ../../.venv/bin/python ../../manage.py compilemessages
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

PACKAGE_DIR = Path(settings.BASE_DIR) / "kotacerdas"
GETTEXT_CALL = re.compile(r"\b(?:gettext|gettext_lazy|ngettext|ngettext_lazy|pgettext|pgettext_lazy|_)\(")
TEMPLATE_TAG = re.compile(r"{%\s*(?:translate|trans|blocktranslate|blocktrans)\b")


def _app_dir(app: str) -> Path:
    return PACKAGE_DIR / app


def _has_strings(app: str) -> bool:
    """Templates with translate tags, or Python (outside tests and migrations) calling gettext."""
    root = _app_dir(app)
    for path in root.rglob("*"):
        parts = set(path.relative_to(root).parts)
        if parts & {"tests", "migrations", "locale"} or not path.is_file():
            continue
        if path.suffix == ".py" and GETTEXT_CALL.search(path.read_text(encoding="utf-8")):
            return True
        if path.suffix in {".html", ".txt"} and TEMPLATE_TAG.search(path.read_text(encoding="utf-8")):
            return True
    return False


# Every Kota Cerdas app in INSTALLED_APPS plus any app folder that already ships a catalogue.
REQUIRED = {config.name.removeprefix("kotacerdas.") for config in apps.get_app_configs() if config.name.startswith("kotacerdas.")}
WITH_CATALOGUE = {p.parents[3].name for p in PACKAGE_DIR.glob("*/locale/id/LC_MESSAGES/django.po")}
APPS = sorted(app for app in REQUIRED | WITH_CATALOGUE if _has_strings(app))


def _po_path(app: str) -> Path:
    return _app_dir(app) / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _catalogue(app: str) -> polib.POFile:
    path = _po_path(app)
    assert path.exists(), f"{app}: no Indonesian catalogue at {path.relative_to(settings.BASE_DIR)} (run makemessages -l id)"
    return polib.pofile(str(path))


def _key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _where(entry) -> str:
    """The source files using the string, else its line in the catalogue."""
    if entry.occurrences:
        return ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:3])
    return f"django.po line {entry.linenum}"


def _listing(app: str, problem: str, entries) -> str:
    lines = "\n".join(f"  - {e.msgid!r} ({_where(e)})" for e in entries)
    return f"{app}: {len(entries)} {problem}:\n{lines}"


@pytest.mark.parametrize("app", APPS)
def test_every_string_is_translated(app):
    po = _catalogue(app)
    untranslated = [e for e in po.untranslated_entries() if not e.obsolete]
    assert not untranslated, _listing(app, "untranslated string(s)", untranslated)


@pytest.mark.parametrize("app", APPS)
def test_no_fuzzy_translation(app):
    po = _catalogue(app)
    assert not po.metadata_is_fuzzy, f"{app}: the catalogue header is marked fuzzy (remove '#, fuzzy' at the top)"
    fuzzy = po.fuzzy_entries()
    assert not fuzzy, _listing(app, "fuzzy translation(s) to check", fuzzy)


@pytest.mark.parametrize("app", APPS)
def test_compiled_catalogue_matches_the_po(app):
    po = _catalogue(app)
    mo_path = _po_path(app).with_suffix(".mo")
    assert mo_path.exists(), f"{app}: {mo_path.name} is missing (run compilemessages)"
    compiled = {_key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(mo_path)) if e.msgid}
    source = {_key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po.translated_entries() if not e.obsolete}
    stale = sorted(k[1] for k in source.keys() ^ compiled.keys() | {k for k in source.keys() & compiled.keys() if source[k] != compiled[k]})
    assert not stale, f"{app}: django.mo is older than django.po (run compilemessages); differs for:\n" + "\n".join(
        f"  - {s!r}" for s in stale
    )


@pytest.mark.parametrize("app", APPS)
def test_catalogue_has_every_string_of_the_code(app, tmp_path, monkeypatch):
    if not (shutil.which("xgettext") and shutil.which("msgfmt")):
        pytest.skip("GNU gettext (xgettext, msgfmt) is not installed: cannot extract the strings of the code")
    committed = {_key(e) for e in _catalogue(app)}
    copy = tmp_path / app
    shutil.copytree(_app_dir(app), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["id"], no_obsolete=True, verbosity=0)
    extracted = polib.pofile(str(copy / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    missing = [e for e in extracted if _key(e) not in committed]
    assert not missing, _listing(app, "string(s) in the code but not in django.po (run makemessages, then translate)", missing)


# --- terminology (docs/glossary.md) -------------------------------------------------------------

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
BACKTICKED = re.compile(r"`([^`]+)`")


class TermRule:
    """A term of the glossary's “Terms not to use” table: whole word, in any or exact case, unless
    the occurrence lies inside one of the allowed phrases (matched in any case)."""

    def __init__(self, term: str, exact: bool, allowed: list[str], instead: str):
        self.term, self.instead = term, instead
        self.pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", 0 if exact else re.IGNORECASE)
        self.allowed = [re.compile(re.escape(phrase), re.IGNORECASE) for phrase in allowed]

    def findings(self, text: str) -> list[str]:
        covered = [m.span() for phrase in self.allowed for m in phrase.finditer(text)]
        return [m.group(0) for m in self.pattern.finditer(text) if not any(start <= m.start() and m.end() <= end for start, end in covered)]


def glossary_rules(path: Path = GLOSSARY) -> list[TermRule]:
    """Parse the table under “## Terms not to use”: | Term | Case | Write instead | Allowed phrases |."""
    section = path.read_text(encoding="utf-8").split("## Terms not to use", 1)[1]
    rules = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        terms, case, instead, allowed = cells
        for term in BACKTICKED.findall(terms):
            rules.append(TermRule(term, case.lower() == "exact", BACKTICKED.findall(allowed), instead))
    return rules


def term_findings(text: str, rules: list[TermRule]) -> list[str]:
    return [f"“{hit}” (write {rule.instead})" for rule in rules for hit in rule.findings(text)]


def test_the_glossary_lists_its_rules_precisely():
    rules = glossary_rules()
    assert {"kota", "lensa", "angkatan", "aksi", "keluaran", "bisnis", "roadmap", "long-list", "bukti"} <= {r.term for r in rules}
    assert term_findings("Tahun angkatan", rules) and term_findings("Lensa kesiapan", rules) and term_findings("Roadmap 2020", rules)
    assert term_findings("Koordinator kota", rules) and term_findings("Dimensi kota cerdas", rules) and term_findings("Aksi", rules)
    for fine in [
        "Rencana aksi per program",
        "Kabupaten/Kota peserta",
        "kabupaten atau kota",
        "Peraturan Wali Kota atau Peraturan Bupati",
        "Tentang Kota Cerdas",
        "indikator keluaran",
        "Branding wajah kota",
        "transaksi",  # “aksi” inside a word
        "Peta jalan",
    ]:
        assert not term_findings(fine, rules), fine


@pytest.mark.parametrize("app", APPS)
def test_catalogue_follows_the_glossary(app):
    rules = glossary_rules()
    wrong = []
    for entry in _catalogue(app):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            for finding in term_findings(text, rules):
                wrong.append(f"  - {entry.msgid!r} => {text!r}: {finding}")
    assert not wrong, f"{app}: {len(wrong)} translation(s) use a term docs/glossary.md rules out:\n" + "\n".join(wrong)


def _indonesian_reference_texts():
    import json

    data = json.loads((Path(settings.BASE_DIR) / "data" / "framework" / "framework.json").read_text(encoding="utf-8"))

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, key)
        elif isinstance(node, str) and key.endswith("_id"):
            yield node

    return list(walk(data))


def test_reference_data_follows_the_glossary():
    rules = glossary_rules()
    wrong = [f"{text!r}: {f}" for text in _indonesian_reference_texts() for f in term_findings(text, rules)]
    assert not wrong, "data/framework/framework.json uses terms docs/glossary.md rules out:\n" + "\n".join(wrong)


DEMO_MODULES = ["cities", "accounts", "masterplan", "bimtek", "programmes", "readiness", "alignment"]


def _string_constants(path: Path) -> list[str]:
    import ast

    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


@pytest.mark.parametrize("app", DEMO_MODULES)
def test_demo_texts_follow_the_glossary(app):
    """The Ambon demo's Indonesian texts; “kota” is right there (Ambon is a city: pusat kota, taman kota)."""
    rules = [r for r in glossary_rules() if r.term != "kota"]
    path = PACKAGE_DIR / app / "demo.py"
    wrong = [f"{text[:80]!r}: {f}" for text in _string_constants(path) for f in term_findings(text, rules)]
    assert not wrong, f"{app}/demo.py uses terms docs/glossary.md rules out:\n" + "\n".join(wrong)
