"""SQLite: a read-only fts5vocab table over the search index, to look up in how many documents
a term occurs (related knowledge picks a text's distinctive words with it). It stores nothing;
PostgreSQL counts with its GIN index instead."""

from typing import Any

from django.db import migrations

FTS_TABLE = "knowledge_search_fts"
VOCAB_TABLE = "knowledge_search_vocab"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_TABLE} USING fts5vocab({FTS_TABLE}, row)"
            )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {VOCAB_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0005_search_index_derived_terms")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
