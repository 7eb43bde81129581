"""Re-analyse the search index, and on SQLite give FTS5 a `tags` column and facets an index.

Every document's stemmed text is derived again from its title and body with the current
`analysis.index_text` (the spelling step was added), and the full-text structures follow: on
SQLite the FTS5 table is recreated with a `tags` column (filter values, and the audience of
restricted documents, as tokens; see search_backends.document_tags) next to a narrow covering
index for facet counts; on PostgreSQL the tsvector is recomputed.

The tag encoding is copied here (not imported) so that this migration keeps meaning what it
meant when it was written.
"""

from collections.abc import Iterable
from typing import Any

from django.db import migrations

FTS_TABLE = "knowledge_search_fts"
FACET_INDEX = "knowledge_search_facets"


def _tag(kind: str, value: str) -> str:
    return f"{kind}x{value.encode().hex()}"


def _tags(
    doc_type: str,
    year: int | None,
    organisation: str,
    themes: Iterable[str],
    audience: Iterable[str],
) -> str:
    keys = set(audience)
    tokens = [] if keys <= {"public"} else [_tag("r", "1")]
    tokens += [_tag("a", key) for key in sorted(keys) if key != "public"]
    tokens.append(_tag("t", doc_type))
    if year:
        tokens.append(_tag("y", str(year)))
    if organisation:
        tokens.append(_tag("o", organisation))
    tokens += [_tag("h", slug) for slug in sorted(set(themes))]
    return " ".join(tokens)


def _reanalyse(cursor: Any) -> None:
    from dwarsverband.knowledge.analysis import index_text

    cursor.execute("SELECT id, title, body FROM knowledge_searchdocument")
    rows = [
        (index_text(f"{title} {body}"), index_text(title), pk)
        for pk, title, body in cursor.fetchall()
    ]
    cursor.executemany(
        "UPDATE knowledge_searchdocument SET stemmed = %s, stemmed_title = %s WHERE id = %s",
        rows,
    )


def forwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        _reanalyse(cursor)
        if vendor == "postgresql":
            cursor.execute(
                "UPDATE knowledge_searchdocument SET search_vector = "
                "setweight(to_tsvector('simple', stemmed_title), 'A') || "
                "setweight(to_tsvector('simple', stemmed), 'B')"
            )
    if vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, body, tags, tokenize = 'unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {FACET_INDEX} ON knowledge_searchdocument "
            "(id, doc_type, year, organisation, themes)"
        )
        cursor.execute(
            "SELECT id, stemmed_title, stemmed, doc_type, year, organisation, themes, audience "
            "FROM knowledge_searchdocument"
        )
        rows = [
            (pk, title, body, _tags(doc_type, year, organisation, themes.split(), audience.split()))
            for pk, title, body, doc_type, year, organisation, themes, audience in cursor.fetchall()
        ]
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, tags) VALUES (%s, %s, %s, %s)",  # noqa: S608
            rows,
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {FACET_INDEX}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) "  # noqa: S608
            "SELECT id, stemmed_title, stemmed FROM knowledge_searchdocument"
        )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_add_fulltext_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
