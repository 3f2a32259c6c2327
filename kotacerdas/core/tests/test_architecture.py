"""The architecture contract (docs/conventions.md): an app imports only the apps below it."""

import os
from pathlib import Path

from django.conf import settings
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports


def test_no_app_imports_an_app_above_it(capsys):
    root = Path(settings.BASE_DIR)
    previous = Path.cwd()
    os.chdir(root)  # import-linter finds the package from the working directory
    try:
        status = lint_imports(config_filename=str(root / "pyproject.toml"), no_cache=True, no_logo=True)
    finally:
        os.chdir(previous)
    assert status == EXIT_STATUS_SUCCESS, capsys.readouterr().out
