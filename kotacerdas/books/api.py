"""The masterplan package: Buku I–IV, commitment sheet, presentation (DOCX, PDF, PPTX), checklist, versions."""

from ninja import Router

router = Router(tags=["books"])
