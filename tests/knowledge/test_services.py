from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dwarsverband.knowledge import services
from dwarsverband.knowledge.constants import MAX_UPLOAD_BYTES, PublicationKind
from dwarsverband.knowledge.models import Passage, Publication, Signpost
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from tests.knowledge.pdfs import encrypted_pdf, image_only_pdf, report_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.COORDINATOR)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _create(user: User, content: bytes, filename: str = "rapport.pdf") -> Publication:
    return services.publication_create(
        user=user,
        title="Rapport over samenwerking",
        kind=PublicationKind.RESEARCH_REPORT,
        data={"authors": "A. Auteur"},
        filename=filename,
        content=content,
    )


def test_uploaded_pdf_becomes_a_publication_with_passages(coordinator: User) -> None:
    publication = _create(coordinator, report_pdf())

    passages = list(publication.passages.order_by("position"))
    assert [(p.number, p.page) for p in passages] == [
        ("1.1", 1),
        ("1.2", 1),
        ("2.1", 2),
        ("2.2", 3),
    ]
    assert publication.file.name.endswith(".pdf")
    assert publication.source_format == "pdf"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (image_only_pdf, "geen leesbare tekst"),
        (encrypted_pdf, "beveiligd"),
        (lambda: b"%PDF-1.7 kapot", "beschadigd"),
        (lambda: b"x" * (MAX_UPLOAD_BYTES + 1), "het maximum is 20 MB"),
    ],
    ids=["no-text-layer", "encrypted", "broken", "enormous"],
)
def test_bad_pdf_saves_nothing_and_says_why(
    coordinator: User, tmp_path: Path, content: Callable[[], bytes], message: str
) -> None:
    before = Publication.objects.count()
    with pytest.raises(ValidationError) as error:
        _create(coordinator, content())

    assert message in " ".join(error.value.message_dict["file"])
    assert Publication.objects.count() == before
    assert not any(tmp_path.rglob("*.pdf"))


def test_unknown_file_type_is_refused(coordinator: User) -> None:
    with pytest.raises(ValidationError, match="PDF-, Markdown"):
        _create(coordinator, b"tekst", filename="rapport.docx")


def test_only_coordinators_add_publications(make_user: Callable[..., User]) -> None:
    with pytest.raises(PermissionDenied):
        _create(make_user(PlatformRole.EDITOR), report_pdf())


def _edit(passage: Passage, **changes: Any) -> services.PassageEdit:
    values = {
        "passage_id": passage.pk,
        "number": passage.number,
        "chapter": passage.chapter,
        "page": passage.page,
        "text": passage.text,
    }
    values.update(changes)
    return services.PassageEdit(**values)


def test_coordinator_splits_and_merges_passages_and_anchors_stay(coordinator: User) -> None:
    publication = _create(coordinator, report_pdf())
    first, second, third, fourth = publication.passages.order_by("position")

    services.passages_update(
        user=coordinator,
        publication=publication,
        edits=[
            _edit(first, text="Eerste deel.\n---\nTweede deel."),
            _edit(second, merge_with_previous=True),
            _edit(third, delete=True),
            _edit(fourth, number="2.1"),
        ],
    )

    passages = list(publication.passages.order_by("position"))
    assert [(p.number, p.anchor) for p in passages] == [
        ("1.1", "passage-1-1"),
        ("1.1-2", "passage-1-1-2"),
        ("2.1", "passage-2-2"),
    ]
    assert passages[1].text.startswith("Tweede deel.")
    assert passages[1].text.endswith(second.text)


def test_cited_passage_cannot_be_deleted(coordinator: User, reference: None) -> None:
    signpost = Signpost.objects.filter(passages__isnull=False).first()
    assert signpost is not None
    passage = signpost.passages.first()
    assert passage is not None
    publication = passage.publication
    edits = [_edit(p, delete=p.pk == passage.pk) for p in publication.passages.all()]

    with pytest.raises(ValidationError, match="wordt aangehaald door wegwijzer"):
        services.passages_update(user=coordinator, publication=publication, edits=edits)

    assert Passage.objects.filter(pk=passage.pk).exists()


def test_publication_cited_by_signposts_is_not_deleted(coordinator: User, reference: None) -> None:
    publication = Publication.objects.get(slug="voorbeeld-samen-werken-aan-werk")

    with pytest.raises(ValidationError, match="wegwijzers halen er passages uit aan"):
        services.publication_delete(user=coordinator, publication=publication)

    assert publication.passages.exists()


def test_signpost_cannot_cite_a_passage_that_no_longer_exists(
    coordinator: User, reference: None
) -> None:
    other = _create(coordinator, report_pdf())
    gone = other.passages.first()
    assert gone is not None
    gone_id = gone.pk
    services.publication_delete(user=coordinator, publication=other)
    signpost = Signpost.objects.first()
    assert signpost is not None
    before = set(signpost.passages.values_list("pk", flat=True))

    with pytest.raises(ValidationError, match="niet meer bestaan"):
        services.signpost_set_passages(
            user=coordinator, signpost=signpost, passage_ids=[*before, gone_id]
        )

    assert set(signpost.passages.values_list("pk", flat=True)) == before


def test_too_large_upload_is_measured_with_a_decimal_comma(coordinator: User) -> None:
    with pytest.raises(ValidationError) as error:
        _create(coordinator, b"x" * (MAX_UPLOAD_BYTES + 1))

    assert "Het bestand is 20,1 MB; het maximum is 20 MB." in error.value.message_dict["file"]


def test_two_passages_with_the_same_number_are_refused(coordinator: User) -> None:
    publication = _create(coordinator, report_pdf())
    first, second, third, fourth = publication.passages.order_by("position")

    with pytest.raises(ValidationError, match=r"Het nummer 1\.1 komt meer dan eens voor"):
        services.passages_update(
            user=coordinator,
            publication=publication,
            edits=[_edit(first), _edit(second, number="1.1"), _edit(third), _edit(fourth)],
        )

    assert publication.passages.get(pk=second.pk).number == "1.2"


def test_error_in_a_split_off_passage_names_the_passage_and_the_field(
    coordinator: User,
) -> None:
    publication = _create(coordinator, report_pdf())
    first, *others = publication.passages.order_by("position")
    long_number = "1" * 20

    with pytest.raises(ValidationError) as error:
        services.passages_update(
            user=coordinator,
            publication=publication,
            edits=[_edit(first, number=long_number, text="Een.\n---\nTwee."), *map(_edit, others)],
        )

    assert error.value.messages == [
        f"Passage {long_number}-2, nummer: Zorg dat deze waarde niet meer dan 20 tekens bevat "
        "(het zijn er nu 22)."
    ]
    assert publication.passages.count() == 4


def test_split_off_passage_gets_a_valid_anchor_whatever_its_number(coordinator: User) -> None:
    publication = _create(coordinator, report_pdf())
    first, *others = publication.passages.order_by("position")

    services.passages_update(
        user=coordinator,
        publication=publication,
        edits=[_edit(first, number="§ 3/a", text="Een.\n---\nTwee."), *map(_edit, others)],
    )

    split_off = publication.passages.get(number="§ 3/a-2")
    assert split_off.anchor == "passage-3a-2"


def test_deleting_every_passage_is_refused(coordinator: User) -> None:
    publication = _create(coordinator, report_pdf())

    with pytest.raises(ValidationError, match="minstens één passage"):
        services.passages_update(
            user=coordinator,
            publication=publication,
            edits=[_edit(p, delete=True) for p in publication.passages.all()],
        )

    assert publication.passages.count() == 4


def test_first_passage_cannot_merge_with_a_previous_one(coordinator: User) -> None:
    publication = _create(coordinator, report_pdf())
    first, *others = publication.passages.order_by("position")

    with pytest.raises(ValidationError, match=r"Passage 1\.1 kan niet worden samengevoegd"):
        services.passages_update(
            user=coordinator,
            publication=publication,
            edits=[_edit(first, merge_with_previous=True), *map(_edit, others)],
        )
