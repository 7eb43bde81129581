"""Turn an uploaded PDF, Markdown or HTML file into numbered, citable passages.

A passage is a paragraph under the nearest heading. It is numbered within its chapter
("3.2" is the second passage of chapter 3; a numbered heading such as "3.1 Vertrouwen" sets the
chapter to 3), keeps the page it starts on (PDF) and gets an anchor made from its number, which
stays the same when a coordinator later edits the text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import PdfReadError

from dwarsverband.knowledge.constants import MAX_PASSAGES, MAX_PDF_PAGES, SourceFormat

NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.{0,120})$")
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:pagina\s+)?\d{1,4}\s*$", re.IGNORECASE)
MIN_TEXT_WORDS = 5


class ParseError(ValueError):
    """The file cannot be turned into passages; the message says why, in Dutch."""


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "paragraph"
    text: str
    level: int = 0
    page: int | None = None


@dataclass(frozen=True)
class PassageDraft:
    number: str
    anchor: str
    chapter: str
    page: int | None
    text: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def _is_heading_line(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 14
        and len(line) <= 120
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and line[:1].isupper() | line[:1].isdigit()
    )


def _opens_without_password(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens with the empty user password.

    Many published reports are 'secured' only with an owner password against copying or
    printing; every PDF reader opens them without asking, so they are readable here too.
    """
    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # unsupported (AES without a crypto library) or damaged: locked
        return False


def pdf_blocks(data: bytes) -> list[Block]:
    """Headings and paragraphs of a PDF with the page each starts on."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, TypeError, KeyError, OSError) as error:
        raise ParseError(
            _("Het PDF-bestand is beschadigd of geen PDF en kan niet worden gelezen.")
        ) from error
    if encrypted and not _opens_without_password(reader):
        raise ParseError(
            _(
                "Het PDF-bestand is beveiligd (versleuteld of met een wachtwoord). "
                "Sla het onbeveiligd op en probeer het opnieuw."
            )
        )
    try:
        page_count = len(reader.pages)
    except (PdfReadError, ValueError, TypeError, KeyError) as error:
        raise ParseError(
            _("Het PDF-bestand is beschadigd: de pagina's zijn niet te lezen.")
        ) from error
    if page_count > MAX_PDF_PAGES:
        raise ParseError(
            _("Het PDF-bestand heeft %(count)s pagina's; het maximum is %(max)s.")
            % {"count": page_count, "max": MAX_PDF_PAGES}
        )
    blocks: list[Block] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text(extraction_mode="layout")
        except Exception as error:  # pypdf raises many kinds of errors on damaged pages
            raise ParseError(
                _("Pagina %(page)s van het PDF-bestand is beschadigd en niet te lezen.")
                % {"page": number}
            ) from error
        paragraph: list[str] = []

        def flush(lines: list[str] = paragraph, page_number: int = number) -> None:
            if lines:
                blocks.append(Block("paragraph", _clean(" ".join(lines)), page=page_number))
                lines.clear()

        title_open = False  # the unnumbered first heading may wrap over several lines
        for raw in text.splitlines():
            line = _clean(raw)
            if not line:
                flush()
                title_open = False
                continue
            if PAGE_NUMBER_LINE.match(line):
                continue
            heading = NUMBERED_HEADING.match(line)
            if title_open and not heading and len(line) <= 120 and not line.endswith("."):
                blocks[-1] = Block("heading", f"{blocks[-1].text} {line}", level=1, page=number)
                continue
            title_open = False
            if not paragraph and _is_heading_line(line) and (heading or not blocks):
                level = heading.group(1).count(".") + 1 if heading else 1
                blocks.append(Block("heading", line, level=level, page=number))
                title_open = not heading
                continue
            paragraph.append(line)
        flush()
    if sum(len(block.text.split()) for block in blocks) < MIN_TEXT_WORDS:
        raise ParseError(
            _(
                "Het PDF-bestand bevat geen leesbare tekst; het is waarschijnlijk een scan "
                "zonder tekstlaag. Maak eerst een doorzoekbare PDF (met tekstherkenning)."
            )
        )
    return blocks


class _HTMLBlocks(HTMLParser):
    BLOCKS = {"p", "li", "blockquote", "pre", "td", "dd", "figcaption"}
    HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
    SKIP = {"script", "style", "nav", "head", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._kind: str | None = None
        self._level = 0
        self._skipping = 0

    def _flush(self) -> None:
        text = _clean("".join(self._buffer))
        if text and self._kind:
            self.blocks.append(Block(self._kind, text, level=self._level))
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.HEADINGS:
            self._flush()
            self._kind, self._level = "heading", self.HEADINGS[tag]
        elif tag in self.BLOCKS:
            self._flush()
            self._kind, self._level = "paragraph", 0
        elif tag == "br":
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.HEADINGS or tag in self.BLOCKS:
            self._flush()
            self._kind = None

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._kind is None and data.strip():
            self._kind, self._level = "paragraph", 0
        self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(text: str) -> list[Block]:
    parser = _HTMLBlocks()
    parser.feed(text)
    parser.close()
    if sum(len(block.text.split()) for block in parser.blocks) < MIN_TEXT_WORDS:
        raise ParseError(_("Het bestand bevat (bijna) geen tekst om in passages te verdelen."))
    return parser.blocks


def markdown_blocks(text: str) -> list[Block]:
    return html_blocks(markdown.markdown(text, extensions=["tables", "sane_lists"]))


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError(_("Het bestand is geen leesbare tekst (gebruik UTF-8)."))


def blocks_from_file(data: bytes, source_format: str) -> list[Block]:
    if source_format == SourceFormat.PDF:
        return pdf_blocks(data)
    if b"\x00" in data[:4096]:
        raise ParseError(
            _("Het bestand is geen tekstbestand. Kies een PDF-, Markdown- of HTML-bestand.")
        )
    text = decode_text(data)
    if source_format == SourceFormat.MARKDOWN:
        return markdown_blocks(text)
    return html_blocks(text)


def anchor_for(number: str, taken: set[str]) -> str:
    """A free anchor for a passage number: "3.2" gives passage-3-2, other characters are
    dropped as in any slug, and the result fits the anchor field with room for a suffix."""
    base = ("passage-" + slugify(number.replace(".", "-")))[:34].rstrip("-")
    anchor, suffix = base, 2
    while anchor in taken:
        anchor = f"{base}-{suffix}"
        suffix += 1
    taken.add(anchor)
    return anchor


def split_into_passages(blocks: list[Block]) -> list[PassageDraft]:
    """Number the paragraphs per chapter; headings set chapter and section title."""
    drafts: list[PassageDraft] = []
    taken: set[str] = set()
    chapter_number = 0
    chapter_label = ""
    counter = 0
    seen_paragraph = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            numbered = NUMBERED_HEADING.match(block.text)
            is_title = index == 0 and not numbered and block.level == 1
            if numbered:
                first = int(numbered.group(1).split(".")[0])
                if first != chapter_number:
                    chapter_number, counter = first, 0
                chapter_label = block.text
            elif is_title:
                continue
            elif block.level <= 2:
                chapter_number, counter = chapter_number + 1, 0
                chapter_label = f"{chapter_number} {block.text}"
            else:
                chapter_label = block.text
            continue
        seen_paragraph = True
        counter += 1
        number = f"{chapter_number}.{counter}" if chapter_number else str(counter)
        drafts.append(
            PassageDraft(
                number=number,
                anchor=anchor_for(number, taken),
                chapter=chapter_label[:300],
                page=block.page,
                text=block.text,
            )
        )
    if not seen_paragraph:
        raise ParseError(_("Er zijn geen alinea's gevonden om in passages te verdelen."))
    if len(drafts) > MAX_PASSAGES:
        raise ParseError(
            _("Het bestand levert %(count)s passages op; het maximum is %(max)s.")
            % {"count": len(drafts), "max": MAX_PASSAGES}
        )
    return drafts


def passages_from_file(data: bytes, source_format: str) -> list[PassageDraft]:
    return split_into_passages(blocks_from_file(data, source_format))
