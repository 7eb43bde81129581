"""The full-text index: an FTS5 table on SQLite, a GIN index on the tsvector on PostgreSQL."""

from typing import Any

from django.db import migrations

FTS_TABLE = "knowledge_search_fts"


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS knowledge_searchdocument_vector_gin "
            "ON knowledge_searchdocument USING gin (search_vector)"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_searchdocument_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_add_publications_roadmaps_and_search_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
