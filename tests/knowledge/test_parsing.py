from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from pypdf import PdfWriter

from dwarsverband.knowledge.parsing import ParseError, passages_from_file
from tests.knowledge.pdfs import broken_pdf, encrypted_pdf, image_only_pdf, report_pdf


def test_pdf_is_split_into_numbered_passages_with_pages() -> None:
    passages = passages_from_file(report_pdf(), "pdf")

    assert [(p.number, p.page) for p in passages] == [
        ("1.1", 1),
        ("1.2", 1),
        ("2.1", 2),
        ("2.2", 3),
    ]
    assert passages[0].chapter == "1 Inleiding"
    assert passages[3].chapter == "2.1 Rollen"
    assert passages[0].text.startswith("Gemeenten werken samen met woningcorporaties")
    assert "regels tot een passage wordt getest." in passages[0].text
    assert [p.anchor for p in passages] == [
        "passage-1-1",
        "passage-1-2",
        "passage-2-1",
        "passage-2-2",
    ]


def test_markdown_chapters_number_passages_and_skip_the_title() -> None:
    text = (
        "# Titel van het rapport\n\nInleidende zin zonder hoofdstuk.\n\n## Aanpak\n\n"
        "Eerste alinea over de aanpak.\n\n- een punt in een lijst\n\n### Details\n\n"
        "Alinea onder een subkop.\n\n## Resultaten\n\nDe resultaten."
    )
    passages = passages_from_file(text.encode(), "markdown")

    assert [(p.number, p.chapter) for p in passages] == [
        ("1", ""),
        ("1.1", "1 Aanpak"),
        ("1.2", "1 Aanpak"),
        ("1.3", "Details"),
        ("2.1", "2 Resultaten"),
    ]
    assert all(p.page is None for p in passages)


def test_html_ignores_scripts_and_navigation() -> None:
    html = (
        "<html><head><title>x</title><script>var a = 1;</script></head><body><nav>Menu</nav>"
        "<h2>1 Inleiding</h2><p>Een alinea met <b>nadruk</b> en een <a href='#'>link</a>.</p>"
        "</body></html>"
    )
    passages = passages_from_file(html.encode(), "html")

    assert [(p.number, p.text) for p in passages] == [("1.1", "Een alinea met nadruk en een link.")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (image_only_pdf, "geen leesbare tekst"),
        (encrypted_pdf, "beveiligd"),
        (broken_pdf, "beschadigd"),
        (lambda: b"dit is geen pdf", "beschadigd"),
    ],
    ids=["no-text-layer", "encrypted", "truncated", "not-a-pdf"],
)
def test_unusable_pdfs_give_a_clear_dutch_message(data: Callable[[], bytes], message: str) -> None:
    with pytest.raises(ParseError, match=message):
        passages_from_file(data(), "pdf")


def test_binary_file_posing_as_markdown_is_refused() -> None:
    with pytest.raises(ParseError, match="geen tekstbestand"):
        passages_from_file(b"\x00\x01\x02" * 100, "markdown")


def test_pdf_secured_only_against_copying_opens_and_is_split() -> None:
    """An owner password without a user password only restricts copying or printing; every
    PDF reader opens such a file, so the upload must too."""
    writer = PdfWriter(clone_from=io.BytesIO(report_pdf()))
    writer.encrypt(user_password="", owner_password="alleen-voor-de-uitgever")
    buffer = io.BytesIO()
    writer.write(buffer)

    passages = passages_from_file(buffer.getvalue(), "pdf")

    assert [p.number for p in passages] == ["1.1", "1.2", "2.1", "2.2"]
