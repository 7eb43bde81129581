"""Search index: the terms derived from a text are kept apart from its own, with less weight.

Compound parts and written-out abbreviations (`analysis.analyse`) move from `stemmed` to the new
`stemmed_derived`. On SQLite the FTS5 table is recreated with a `derived` column between `body`
and `tags` (and its facet index restored); on PostgreSQL the tsvector gets them with weight C.
Every document is analysed again with the current analysis, so ranking prefers a text's own
words ("woningen") over the part of a compound ("huurwoningen").

The tag encoding is copied here (not imported) so that this migration keeps meaning what it
meant when it was written.
"""

from collections.abc import Iterable
from typing import Any

from django.db import migrations, models

FTS_TABLE = "knowledge_search_fts"
FACET_INDEX = "knowledge_search_facets"
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"


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


def _facet_index(cursor: Any) -> None:
    """Adding or removing a column makes Django rebuild the SQLite table, which drops the facet
    index that migration 0003 created in SQL."""
    cursor.execute(
        f"CREATE INDEX IF NOT EXISTS {FACET_INDEX} ON knowledge_searchdocument "
        "(id, doc_type, year, organisation, themes)"
    )


def restore_facet_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _facet_index(cursor)


def _rebuild_fulltext(cursor: Any, vendor: str, *, derived_column: bool) -> None:
    if vendor == "postgresql":
        vector = (
            "setweight(to_tsvector('simple', stemmed_title), 'A') || "
            "setweight(to_tsvector('simple', stemmed), 'B')"
        )
        if derived_column:
            vector += " || setweight(to_tsvector('simple', stemmed_derived), 'C')"
        cursor.execute(f"UPDATE knowledge_searchdocument SET search_vector = {vector}")  # noqa: S608
        return
    if vendor != "sqlite":
        return
    _facet_index(cursor)
    columns = "title, body, derived, tags" if derived_column else "title, body, tags"
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    cursor.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, {TOKENIZE})")
    cursor.execute(
        "SELECT id, stemmed_title, stemmed, stemmed_derived, doc_type, year, organisation, "
        "themes, audience FROM knowledge_searchdocument"
    )
    rows = []
    for (
        pk,
        title,
        body,
        derived,
        doc_type,
        year,
        organisation,
        themes,
        audience,
    ) in cursor.fetchall():
        tags = _tags(doc_type, year, organisation, themes.split(), audience.split())
        rows.append((pk, title, body, derived, tags) if derived_column else (pk, title, body, tags))
    marks = ", ".join(["%s"] * (len(columns.split(",")) + 1))
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, {columns}) VALUES ({marks})",  # noqa: S608
        rows,
    )


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
        _rebuild_fulltext(cursor, schema_editor.connection.vendor, derived_column=True)


def backwards(apps: Any, schema_editor: Any) -> None:
    """Fold the derived terms back into `stemmed`, as before this migration."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE knowledge_searchdocument SET stemmed = stemmed || ' ' || stemmed_derived "
            "WHERE stemmed_derived <> ''"
        )
        _rebuild_fulltext(cursor, schema_editor.connection.vendor, derived_column=False)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_reanalyse_search_index_compounds")]

    operations = [
        # Runs last when the migration is reversed, after the column is gone again.
        migrations.RunPython(migrations.RunPython.noop, restore_facet_index, elidable=False),
        migrations.AddField(
            model_name="searchdocument",
            name="stemmed_derived",
            field=models.TextField(
                blank=True,
                default="",
                help_text=(
                    "Delen van samenstellingen en voluit geschreven afkortingen; "
                    "tellen minder zwaar bij het rangschikken."
                ),
                verbose_name="afgeleide zoektermen",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="stemmed",
            field=models.TextField(
                help_text="Gestamde zoektermen van de woorden zelf.",
                verbose_name="geanalyseerde tekst",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
