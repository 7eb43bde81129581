"""PDF files for the tests, made on the spot with WeasyPrint and pypdf."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from weasyprint import HTML


def text_pdf(html: str) -> bytes:
    return bytes(HTML(string=html).write_pdf())


def report_pdf() -> bytes:
    """Three pages: a title, chapter 1 on page 1, chapter 2 with a section on pages 2 and 3."""
    return text_pdf(
        """
        <h1>Regionale samenwerking in de praktijk</h1>
        <h2>1 Inleiding</h2>
        <p>Gemeenten werken samen met woningcorporaties en het UWV aan de regionale
        arbeidsmarkt. Deze alinea loopt over meer dan een regel, zodat het samenvoegen van
        regels tot een passage wordt getest.</p>
        <p>Een tweede alinea over samenwerkingen tussen buurgemeenten.</p>
        <h2 style="break-before: page">2 Bevindingen</h2>
        <p>Vertrouwen groeit door elkaar regelmatig te ontmoeten.</p>
        <h3 style="break-before: page">2.1 Rollen</h3>
        <p>De burgemeester verbindt, de wethouder draagt de portefeuille.</p>
        """
    )


def image_only_pdf() -> bytes:
    """A PDF whose pages carry no text layer (like a scan)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(report_pdf()))
    writer.encrypt(user_password="geheim", owner_password="nog-geheimer")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def broken_pdf() -> bytes:
    return report_pdf()[:300]
