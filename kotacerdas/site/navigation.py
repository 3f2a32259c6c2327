"""The one navigation of a city, the same for every role that may see the city.

Each section is a URL name and the views it stays highlighted on (prefixes of the view name).
Add a section by adding a `Section` to a group (or a group): a URL name that does not exist yet is
left out, so a link appears once its app serves the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# Navigation labels carry their own context: the same English word may read differently elsewhere.


@dataclass(frozen=True)
class Section:
    url_name: str
    label: Promise
    # prefixes of the view names on which this section is the current one (the longest match wins)
    matches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    sections: tuple[Section, ...] = field(default_factory=tuple)


CITY_NAVIGATION: tuple[Group, ...] = (
    Group(
        "summary",
        pgettext_lazy("navigation", "Summary"),
        (Section("cities:dashboard", pgettext_lazy("navigation", "Summary"), ("cities:dashboard", "cities:edit", "cities:stage_")),),
    ),
    Group(
        "city",
        pgettext_lazy("navigation", "City and people"),
        (
            Section("cities:opd_list", pgettext_lazy("navigation", "Departments"), ("cities:opd_",)),
            Section("cities:body_list", pgettext_lazy("navigation", "Bodies"), ("cities:body_", "cities:member_")),
            Section("cities:stakeholder_list", pgettext_lazy("navigation", "Stakeholders"), ("cities:stakeholder_",)),
            Section("cities:commitment_list", pgettext_lazy("navigation", "Commitment"), ("cities:commitment_", "cities:signatory_")),
            Section("city_people:index", pgettext_lazy("navigation", "Mentors and assessors"), ("city_people:",)),
        ),
    ),
    Group(
        "records",
        pgettext_lazy("navigation", "Regulations and meetings"),
        (
            Section("governance:regulation_list", pgettext_lazy("navigation", "Regulations"), ("governance:regulation_",)),
            Section("governance:meeting_list", pgettext_lazy("navigation", "Meetings"), ("governance:meeting_",)),
            Section("governance:attachment_list", pgettext_lazy("navigation", "Attachments"), ("governance:attachment_",)),
        ),
    ),
    Group("bimtek", pgettext_lazy("navigation", "Bimtek"), (Section("bimtek:list", pgettext_lazy("navigation", "Bimtek"), ("bimtek:",)),)),
    Group(
        "plan",
        pgettext_lazy("navigation", "Plan"),
        (
            Section(
                "masterplan:detail",
                pgettext_lazy("navigation", "Masterplan"),
                ("masterplan:detail", "masterplan:create", "masterplan:edit", "masterplan:legalise"),
            ),
            Section("readiness:overview", pgettext_lazy("navigation", "Readiness"), ("readiness:",)),
            Section("readiness:strategies", pgettext_lazy("navigation", "Strategies"), ("readiness:strateg",)),
            Section(
                "masterplan:vision",
                pgettext_lazy("navigation", "Vision and mission"),
                ("masterplan:vision", "masterplan:mission_", "masterplan:objective_", "masterplan:target_"),
            ),
            Section("alignment:matrix", pgettext_lazy("navigation", "Alignment"), ("alignment:",)),
        ),
    ),
    Group(
        "programmes",
        pgettext_lazy("navigation", "Programmes"),
        (
            Section("programmes:list", pgettext_lazy("navigation", "Programmes"), ("programmes:",)),
            Section("programmes:quick_wins", pgettext_lazy("navigation", "Quick wins"), ("programmes:quick_win",)),
            Section("programmes:roadmap", pgettext_lazy("navigation", "Roadmap"), ("programmes:roadmap",)),
            Section("programmes:dashboard", pgettext_lazy("navigation", "Dashboard"), ("programmes:dashboard",)),
        ),
    ),
    Group(
        "monitoring",
        pgettext_lazy("navigation", "Monitoring"),
        (Section("monitoring:overview", pgettext_lazy("navigation", "Implementation"), ("monitoring:",)),),
    ),
    Group(
        "evaluation",
        pgettext_lazy("navigation", "Evaluation"),
        (Section("evaluation:index", pgettext_lazy("navigation", "Evaluation"), ("evaluation:",)),),
    ),
    Group(
        "documents",
        pgettext_lazy("navigation", "Documents"),
        (Section("books:documents", pgettext_lazy("navigation", "Documents"), ("books:",)),),
    ),
)


def _score(view_name: str, section: Section) -> int:
    """How specifically a section claims the current view: its longest matching prefix (0: not at all)."""
    return max((len(match) for match in section.matches if view_name.startswith(match)), default=0)


def city_menu(city_code: str, view_name: str = "") -> list[dict]:
    """The city's groups with their links (those whose page exists) and which one is current."""
    scored = [(group, section, _score(view_name, section)) for group in CITY_NAVIGATION for section in group.sections]
    top = max((score for _g, _s, score in scored), default=0)
    groups = []
    for group in CITY_NAVIGATION:
        links = []
        for section in group.sections:
            try:
                url = reverse(section.url_name, args=[city_code])
            except NoReverseMatch:
                continue
            score = next(s for g, sec, s in scored if sec is section)
            links.append({"url": url, "label": section.label, "active": bool(top) and score == top})
        if links:
            groups.append({"key": group.key, "label": group.label, "links": links, "active": any(link["active"] for link in links)})
    return groups


def section_label(view_name: str):
    """The label of the section a view belongs to ("" when none claims it)."""
    best = max(((_score(view_name, s), s) for g in CITY_NAVIGATION for s in g.sections), key=lambda pair: pair[0], default=(0, None))
    return best[1].label if best[0] else ""
