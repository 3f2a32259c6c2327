from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site around the domain apps: home, about, layout and navigation, demo loading."""

    name = "kotacerdas.site"
    label = "kc_site"
    verbose_name = _("Site")
