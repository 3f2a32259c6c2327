from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BooksConfig(AppConfig):
    name = "kotacerdas.books"
    verbose_name = _("Books")
