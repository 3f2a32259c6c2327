"""Reading our own files back, as their real consumers would."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf
from docx import Document as open_docx

SOFFICE = shutil.which("soffice")


def pdf_text(content: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def docx_file(content: bytes):
    return open_docx(io.BytesIO(content))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def soffice_to_pdf(content: bytes, suffix: str) -> bytes:
    """LibreOffice converts the file to PDF (a private profile, so parallel runs do not collide)."""
    with tempfile.TemporaryDirectory(prefix="kc-soffice-") as tmp:
        source = Path(tmp) / f"book.{suffix}"
        source.write_bytes(content)
        result = subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            capture_output=True,
            timeout=240,
            text=True,
        )
        target = Path(tmp) / "book.pdf"
        assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
        return target.read_bytes()
