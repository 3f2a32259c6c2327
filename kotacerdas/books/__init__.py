"""The masterplan package: Buku I–IV, commitment sheet, presentation (DOCX, PDF, PPTX), checklist, versions."""
