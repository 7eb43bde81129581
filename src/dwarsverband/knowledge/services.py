"""Writes for publications, passages and roadmaps. Every write checks permissions and is atomic."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dwarsverband.knowledge.constants import MAX_UPLOAD_BYTES, SourceFormat
from dwarsverband.knowledge.models import Passage, Publication, Signpost
from dwarsverband.knowledge.parsing import ParseError, PassageDraft, anchor_for, passages_from_file
from dwarsverband.organisations.permissions import user_is_coordinator

SPLIT_MARKER = "---"


def megabytes(size: int) -> str:
    """A file size in MB the Dutch way, rounded up to one decimal ("20,1"): a file just over
    the limit must not read as exactly the limit."""
    return formats.number_format(math.ceil(size * 10 / 1024 / 1024) / 10, decimal_pos=1)


def _require_coordinator(user: Any) -> None:
    if not user_is_coordinator(user):
        raise PermissionDenied(_("Alleen coördinatoren beheren publicaties en routekaarten."))


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "publicatie"
    slug, suffix = base, 2
    while Publication.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def source_format_for(filename: str) -> str:
    name = filename.lower()
    if name.endswith(".pdf"):
        return SourceFormat.PDF
    if name.endswith((".md", ".markdown", ".txt")):
        return SourceFormat.MARKDOWN
    if name.endswith((".html", ".htm")):
        return SourceFormat.HTML
    raise ValidationError({"file": _("Kies een PDF-, Markdown- (.md) of HTML-bestand (.html).")})


def passages_create(*, publication: Publication, drafts: Iterable[PassageDraft]) -> list[Passage]:
    passages = []
    for position, draft in enumerate(drafts, start=1):
        passage = Passage(
            publication=publication,
            position=position,
            number=draft.number,
            anchor=draft.anchor,
            chapter=draft.chapter,
            page=draft.page,
            text=draft.text,
        )
        passage.full_clean(exclude=["publication"])
        passages.append(passage)
    Passage.objects.bulk_create(passages)
    return passages


@transaction.atomic
def publication_create(
    *,
    user: Any,
    title: str,
    kind: str,
    data: dict[str, Any],
    filename: str,
    content: bytes,
) -> Publication:
    """Add a publication from an uploaded file, split into passages; all or nothing.

    Raises ValidationError with a Dutch message (field "file") when the file is too large,
    of the wrong kind, damaged, encrypted or without text.
    """
    _require_coordinator(user)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("Het bestand is %(size)s MB; het maximum is %(max)s MB.")
                % {
                    "size": megabytes(len(content)),
                    "max": MAX_UPLOAD_BYTES // 1024 // 1024,
                }
            }
        )
    source_format = source_format_for(filename)
    try:
        drafts = passages_from_file(content, source_format)
    except ParseError as error:
        raise ValidationError({"file": str(error)}) from error
    publication = Publication(
        title=title,
        slug=_unique_slug(title),
        kind=kind,
        authors=data.get("authors", ""),
        published_on=data.get("published_on"),
        summary=data.get("summary", ""),
        visibility=data.get("visibility") or Publication._meta.get_field("visibility").default,
        source_format=source_format,
        is_example=bool(data.get("is_example", False)),
    )
    publication.full_clean(exclude=["file"])
    publication.file.save(filename, ContentFile(content), save=False)
    publication.save()
    publication.organisations.set(data.get("organisations", []))
    publication.themes.set(data.get("themes", []))
    # Bulk-created passages send no signals; the publication's own save indexes them on commit.
    passages_create(publication=publication, drafts=drafts)
    return publication


@dataclass(frozen=True)
class PassageEdit:
    passage_id: int
    number: str
    chapter: str
    page: int | None
    text: str
    merge_with_previous: bool = False
    delete: bool = False


@transaction.atomic
def passages_update(*, user: Any, publication: Publication, edits: list[PassageEdit]) -> None:
    """Correct the split: edit, delete, merge with the previous passage, or split on '---'.

    Existing passages keep their anchors; a passage split off gets a new anchor. Passages
    cited by a signpost cannot be deleted or merged away.
    """
    _require_coordinator(user)
    passages = {p.pk: p for p in publication.passages.all()}
    ordered = sorted(edits, key=lambda edit: passages[edit.passage_id].position)
    taken = {p.anchor for p in passages.values()}
    result: list[Passage] = []
    removed: list[Passage] = []
    for edit in ordered:
        passage = passages[edit.passage_id]
        if edit.merge_with_previous and not edit.delete and not result:
            raise ValidationError(
                _(
                    "Passage %(number)s kan niet worden samengevoegd met de vorige: er staat "
                    "geen passage voor. Haal het vinkje ‘samenvoegen’ weg."
                )
                % {"number": edit.number or passage.number}
            )
        if edit.delete or edit.merge_with_previous:
            cited = list(passage.signposts.all())
            if cited:
                raise ValidationError(
                    _(
                        "Passage %(number)s wordt aangehaald door wegwijzer ‘%(signpost)s’ en "
                        "kan niet worden verwijderd of samengevoegd."
                    )
                    % {"number": passage.number, "signpost": cited[0].title}
                )
            if not edit.delete:
                result[-1].text = f"{result[-1].text}\n\n{edit.text.strip()}"
            removed.append(passage)
            continue
        pieces = [piece.strip() for piece in edit.text.split(f"\n{SPLIT_MARKER}")]
        pieces = [piece.strip("- \n") for piece in pieces if piece.strip("- \n")]
        if not pieces:
            raise ValidationError(
                _("Passage %(number)s is leeg. Vink ‘verwijderen’ aan om een passage weg te halen.")
                % {"number": edit.number or passage.number}
            )
        passage.number, passage.chapter, passage.page = edit.number, edit.chapter, edit.page
        passage.text = pieces[0]
        result.append(passage)
        for index, piece in enumerate(pieces[1:], start=2):
            number = f"{edit.number}-{index}"
            result.append(
                Passage(
                    publication=publication,
                    number=number,
                    anchor=anchor_for(number, taken),
                    chapter=edit.chapter,
                    page=edit.page,
                    text=piece,
                )
            )
    if not result:
        raise ValidationError(
            _(
                "Een publicatie houdt minstens één passage. Wilt u alles weghalen, verwijder "
                "dan de hele publicatie."
            )
        )
    numbers = Counter(passage.number for passage in result)
    doubles = sorted(number for number, count in numbers.items() if count > 1)
    if doubles:
        raise ValidationError(
            _(
                "Het nummer %(numbers)s komt meer dan eens voor. Geef elke passage een eigen "
                "nummer, zodat een verwijzing naar één passage leidt."
            )
            % {"numbers": ", ".join(doubles)}
        )
    for passage in removed:
        passage.delete()
    # Positions are unique only in practice; give everyone a fresh position in one pass.
    for position, passage in enumerate(result, start=1):
        passage.position = position
        _clean_passage(passage)
        passage.save()


def _clean_passage(passage: Passage) -> None:
    """full_clean, with messages that say which passage and which field are wrong."""
    try:
        passage.full_clean(exclude=["publication"])
    except ValidationError as error:
        raise ValidationError(
            [
                _passage_error(passage, field, message)
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error


def _passage_error(passage: Passage, field: str, message: str) -> str:
    names = {field.name: str(field.verbose_name) for field in Passage._meta.fields}
    if field not in names:
        return _("Passage %(number)s: %(message)s") % {
            "number": passage.number,
            "message": message,
        }
    return _("Passage %(number)s, %(field)s: %(message)s") % {
        "number": passage.number,
        "field": names[field],
        "message": message,
    }


@transaction.atomic
def publication_delete(*, user: Any, publication: Publication) -> None:
    """Delete a publication, unless signposts still cite its passages (they would lose sources)."""
    _require_coordinator(user)
    cited = Signpost.objects.filter(passages__publication=publication).distinct()
    if cited.exists():
        names = ", ".join(f"‘{signpost.title}’" for signpost in cited[:5])
        raise ValidationError(
            _(
                "Deze publicatie kan niet worden verwijderd: wegwijzers halen er passages uit "
                "aan (%(signposts)s). Haal die verwijzingen eerst weg."
            )
            % {"signposts": names}
        )
    publication.delete()


@transaction.atomic
def signpost_set_passages(*, user: Any, signpost: Signpost, passage_ids: list[int]) -> None:
    """Set the passages a signpost cites; every one must still exist."""
    _require_coordinator(user)
    found = set(Passage.objects.filter(pk__in=passage_ids).values_list("pk", flat=True))
    missing = [str(pk) for pk in passage_ids if pk not in found]
    if missing:
        raise ValidationError(
            _(
                "De wegwijzer verwijst naar passages die niet meer bestaan (nummer %(ids)s); "
                "de publicatie is waarschijnlijk verwijderd. Kies andere passages."
            )
            % {"ids": ", ".join(missing)}
        )
    signpost.passages.set(passage_ids)
