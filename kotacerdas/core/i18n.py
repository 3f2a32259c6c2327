"""Bilingual content: reference data and names that need Indonesian and English."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def is_english() -> bool:
    return (get_language() or "id").startswith("en")


def in_language(indonesian: str, english: str) -> str:
    """The text in the interface's language: the English when it is English and there is one."""
    return english if is_english() and english else indonesian


class BilingualName(models.Model):
    """A name in Indonesian (required) and English (falls back to Indonesian)."""

    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if is_english() and self.name_en:
            return self.name_en
        return self.name_id
