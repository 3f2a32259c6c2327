"""Implementation monitoring: indicators, realised values with evidence, verification, progress."""

from ninja import Router

router = Router(tags=["monitoring"])
