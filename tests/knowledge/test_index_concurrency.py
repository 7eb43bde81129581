"""Two app servers starting at once rebuild an outdated index once (real PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from dwarsverband.common.services import data_load_record, data_load_version
from dwarsverband.knowledge.indexing import (
    INDEX_FORMAT,
    INDEX_LOAD_NAME,
    index_rebuild_if_outdated,
)
from dwarsverband.knowledge.models import SearchDocument

pytestmark = pytest.mark.django_db(transaction=True)

STARTS = 4


def test_servers_starting_together_rebuild_the_index_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers by itself")
    data_load_record(name=INDEX_LOAD_NAME, version="1")
    barrier = threading.Barrier(STARTS)
    errors: list[BaseException] = []
    reports: list[str] = []

    def start() -> None:
        try:
            barrier.wait()
            index_rebuild_if_outdated(reports.append)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(STARTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(reports) == 1
    assert data_load_version(name=INDEX_LOAD_NAME) == INDEX_FORMAT
    keys = list(SearchDocument.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
