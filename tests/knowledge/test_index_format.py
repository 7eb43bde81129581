"""Who may find a document without audience, and rebuilding an index of an older format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from dwarsverband.common.services import data_load_record, data_load_version
from dwarsverband.knowledge.constants import Visibility
from dwarsverband.knowledge.indexing import (
    INDEX_FORMAT,
    INDEX_LOAD_NAME,
    Document,
    index_documents,
    index_rebuild_if_outdated,
)
from dwarsverband.knowledge.models import SearchDocument
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from tests.knowledge.test_search import _publication, _titles

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


def _orphan(audience: frozenset[str]) -> None:
    index_documents(
        [
            Document(
                doc_type="passage",
                object_id="zonder-publiek",
                title="Zonder publiek",
                body="Een notitie over de vlorkverdeling.",
                url="/nergens",
                source="test:zonder-publiek",
                audience=audience,
            )
        ]
    )


def test_a_document_without_audience_is_for_coordinators_only(
    make_user: Callable[..., User],
) -> None:
    _orphan(frozenset())

    assert _titles("vlorkverdeling") == []
    assert _titles("vlorkverdeling", make_user(PlatformRole.EDITOR)) == []
    assert _titles("vlorkverdeling", make_user(PlatformRole.COORDINATOR)) == ["Zonder publiek"]


def test_a_publication_for_organisations_without_any_stays_out_of_sight(
    django_capture_on_commit_callbacks: Capture, make_user: Callable[..., User]
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Nog niet gedeeld",
        texts=["Concept over de plonkverdeling."],
        visibility=Visibility.ORGANISATIONS,
    )

    assert _titles("plonkverdeling") == []
    assert _titles("plonkverdeling", make_user(PlatformRole.READER)) == []
    assert "Nog niet gedeeld – passage 1" in _titles(
        "plonkverdeling", make_user(PlatformRole.COORDINATOR)
    )


def test_an_index_of_an_older_format_is_rebuilt_on_start(reference: None) -> None:
    data_load_record(name=INDEX_LOAD_NAME, version="1")
    _orphan(frozenset({"public"}))  # a leftover that a rebuild from the apps drops
    reports: list[str] = []

    index_rebuild_if_outdated(reports.append)

    assert not SearchDocument.objects.filter(source="test:zonder-publiek").exists()
    assert SearchDocument.objects.exists()
    assert data_load_version(name=INDEX_LOAD_NAME) == INDEX_FORMAT
    assert reports and "Zoekindex bijgewerkt" in reports[0]
    assert _titles("samenwerking", AnonymousUser())


def test_a_current_index_is_left_alone_on_start() -> None:
    data_load_record(name=INDEX_LOAD_NAME, version=INDEX_FORMAT)
    _orphan(frozenset({"public"}))

    index_rebuild_if_outdated(lambda line: None)

    assert SearchDocument.objects.filter(source="test:zonder-publiek").exists()


def test_a_long_audience_keeps_only_whole_keys() -> None:
    keys = frozenset(f"organisation:{n}" for n in range(1, 151))
    _orphan(keys)

    stored = SearchDocument.objects.get(source="test:zonder-publiek").audience

    assert len(stored) <= 1000
    assert stored.startswith(" ") and stored.endswith(" ")
    assert set(stored.split()) <= keys
