from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site around the domain apps: home, about, layout and navigation, demo loading."""

    name = "kotacerdas.site"
    label = "kc_site"
    verbose_name = _("Site")

    def ready(self):
        from kotacerdas.core import audit

        # Child rows shown on their parent's audit trail (the site knows every app).
        audit.register_children(
            "programmes.programme",
            [
                ("programmes.programmeyear", "programme"),
                ("programmes.programmestakeholder", "programme"),
                ("programmes.quickwin", "programme"),
                ("programmes.evidence", "programme"),
                ("alignment.programmelink", "programme"),
            ],
        )
        audit.register_children("programmes.quickwin", [("programmes.quickwinscore", "quick_win")])
        audit.register_children("cities.body", [("cities.bodymember", "body")])
        audit.register_children("cities.commitment", [("cities.signatory", "commitment")])
        audit.register_children("bimtek.workshop", [("bimtek.participant", "workshop"), ("bimtek.output", "workshop")])
        audit.register_children("alignment.plandocument", [("alignment.planitem", "document")])
        audit.register_children("masterplan.mission", [("masterplan.objective", "mission")])
        audit.register_children("masterplan.objective", [("masterplan.target", "objective")])
