"""Re-analyse the search index: past participles of strong verbs are indexed as infinitives.

"betrokken" is now indexed as "betrekken", "onderzocht" as "onderzoeken", "bijgedragen" as
"bijdragen" (`knowledge/verbs.py`). Every document's own, derived and title terms are derived
again from its title and body with the current analysis, and the full-text structures follow:
the FTS5 rows on SQLite (their tags do not change), the tsvector on PostgreSQL. Nothing else
changes, so going back leaves the text as it is.
"""

from typing import Any

from django.db import migrations

FTS_TABLE = "knowledge_search_fts"


def forwards(apps: Any, schema_editor: Any) -> None:
    from dwarsverband.knowledge.analysis import index_texts

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, title, body FROM knowledge_searchdocument")
        rows = [
            (*index_texts(f"{title} {body}"), index_texts(title)[0], pk)
            for pk, title, body in cursor.fetchall()
        ]
        cursor.executemany(
            "UPDATE knowledge_searchdocument SET stemmed = %s, stemmed_derived = %s, "
            "stemmed_title = %s WHERE id = %s",
            rows,
        )
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE knowledge_searchdocument SET search_vector = "
                "setweight(to_tsvector('simple', stemmed_title), 'A') || "
                "setweight(to_tsvector('simple', stemmed), 'B') || "
                "setweight(to_tsvector('simple', stemmed_derived), 'C')"
            )
        elif schema_editor.connection.vendor == "sqlite":
            cursor.executemany(
                f"UPDATE {FTS_TABLE} SET title = %s, body = %s, derived = %s "  # noqa: S608
                "WHERE rowid = %s",
                [(title, body, derived, pk) for body, derived, title, pk in rows],
            )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0006_search_vocabulary")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
