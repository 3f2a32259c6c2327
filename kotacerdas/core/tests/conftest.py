"""The tally of the API property run in ``test_openapi.py``, printed in the session's summary."""

import time
from collections import Counter
from dataclasses import dataclass, field

import pytest


@dataclass
class ApiRun:
    """Answers of the property run: per status; per role, operation and phase (status classes)."""

    started: float = field(default_factory=time.monotonic)
    statuses: Counter = field(default_factory=Counter)
    by_role: dict = field(default_factory=dict)
    by_operation: dict = field(default_factory=dict)
    by_phase: dict = field(default_factory=dict)

    def record(self, role: str, operation: str, status: int, phase: str) -> None:
        status_class = f"{status // 100}xx"
        self.statuses[status] += 1
        self.by_role.setdefault(role, Counter())[status_class] += 1
        self.by_operation.setdefault(operation, Counter())[status_class] += 1
        self.by_phase.setdefault(phase, Counter())[status_class] += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def summary(self) -> list[str]:
        classes = Counter()
        for status, n in self.statuses.items():
            classes[f"{status // 100}xx"] += n
        never_ok = sorted(label for label, counts in self.by_operation.items() if not counts.get("2xx"))
        seconds = time.monotonic() - self.started
        return [
            f"{self.requests} requests to {len(self.by_operation)} operations as {len(self.by_role)} roles in {seconds:.0f} s",
            "by class:  " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())),
            "by status: " + ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())),
            *(f"{role}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) for role, counts in self.by_role.items()),
            *(f"{phase} phase: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) for phase, counts in self.by_phase.items()),
            f"operations never answering 2xx (any role): {len(never_ok)}",
            *(f"  {label}" for label in never_ok),
        ]


_RUN = pytest.StashKey[ApiRun]()


@pytest.fixture(scope="module")
def api_run(request):
    """The tally of the module's property run (printed at the end of the session)."""
    run = ApiRun()
    request.config.stash[_RUN] = run
    return run


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    run = config.stash.get(_RUN, None)
    if run is not None and run.requests:
        terminalreporter.section("API property run (kotacerdas/core/tests/test_openapi.py)")
        for line in run.summary():
            terminalreporter.write_line(line)
