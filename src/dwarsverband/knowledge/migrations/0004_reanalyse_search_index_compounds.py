"""Re-analyse the search index: compounds now carry their parts, irregular plurals are singular,
abbreviations (Wmo, UWV) carry what they stand for and the other way round.

Every document's stemmed text is derived again from its title and body with the current
`analysis.index_text` (see `knowledge/compounds.py` and `knowledge/synonyms.py`), and the full-text structures follow: the
FTS5 rows' title and body on SQLite (their tags do not change), the tsvector on PostgreSQL.
Nothing else changes, so the migration has no reverse beyond leaving the text as it is.
"""

from typing import Any

from django.db import migrations

FTS_TABLE = "knowledge_search_fts"


def forwards(apps: Any, schema_editor: Any) -> None:
    from dwarsverband.knowledge.analysis import index_text

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, title, body FROM knowledge_searchdocument")
        rows = [
            (index_text(f"{title} {body}"), index_text(title), pk)
            for pk, title, body in cursor.fetchall()
        ]
        cursor.executemany(
            "UPDATE knowledge_searchdocument SET stemmed = %s, stemmed_title = %s WHERE id = %s",
            rows,
        )
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE knowledge_searchdocument SET search_vector = "
                "setweight(to_tsvector('simple', stemmed_title), 'A') || "
                "setweight(to_tsvector('simple', stemmed), 'B')"
            )
        elif schema_editor.connection.vendor == "sqlite":
            cursor.executemany(
                f"UPDATE {FTS_TABLE} SET title = %s, body = %s WHERE rowid = %s",  # noqa: S608
                [(title, body, pk) for body, title, pk in rows],
            )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_reanalyse_search_index_add_tags")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
