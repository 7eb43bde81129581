"""`dwarsverband neighbours [--top K] [--backend NAME] FILE.jsonl` (stable contract).

Reads lines {"id": "...", "text": "..."} and writes, in the same order, one line per input:
{"id": "...", "neighbours": [{"id": "...", "score": 0.73}, ...]} with the K most similar other
texts, best first. `-` reads standard input. Needs no database. Any malformed line is reported
with its line number on standard error, nothing is written to standard output and the exit
code is 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dwarsverband.matching.engine.backends import (
    DEFAULT_BACKEND,
    BackendUnavailable,
    backend_names,
    get_backend,
)
from dwarsverband.matching.engine.similarity import hybrid_neighbours

MAX_ERRORS_SHOWN = 50


def read_items(stream: TextIO) -> tuple[list[tuple[Any, str]], list[str]]:
    """The (id, text) pairs of a JSONL stream and the problems found, with line numbers."""
    items: list[tuple[Any, str]] = []
    errors: list[str] = []
    seen: dict[Any, int] = {}
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"regel {number}: geen geldige JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            errors.append(f"regel {number}: verwacht een object met 'id' en 'text'")
            continue
        identifier, text = record.get("id"), record.get("text")
        if isinstance(identifier, bool) or not isinstance(identifier, str | int):
            errors.append(f"regel {number}: 'id' ontbreekt of is geen tekst")
            continue
        if not isinstance(text, str):
            errors.append(f"regel {number}: 'text' ontbreekt of is geen tekst")
            continue
        if identifier in seen:
            errors.append(
                f"regel {number}: id {identifier!r} staat ook op regel {seen[identifier]}"
            )
            continue
        seen[identifier] = number
        items.append((identifier, text))
    return items, errors


class Command(BaseCommand):
    help = "Geef voor elke tekst in een JSONL-bestand de meest gelijkende andere teksten."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSONL-bestand met {'id', 'text'} per regel, of -")
        parser.add_argument("--top", type=int, default=5, help="aantal buren (standaard 5)")
        parser.add_argument(
            "--backend",
            default=DEFAULT_BACKEND,
            help=f"embeddingbackend: {', '.join(backend_names())} (standaard {DEFAULT_BACKEND})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        top = options["top"]
        if top < 1:
            raise CommandError("--top moet 1 of meer zijn.", returncode=2)
        source = options["file"]
        if source == "-":
            items, errors = read_items(sys.stdin)
        else:
            try:
                with Path(source).open(encoding="utf-8") as stream:
                    items, errors = read_items(stream)
            except OSError as error:
                raise CommandError(
                    f"Kan {source} niet lezen: {error.strerror}.", returncode=2
                ) from error
            except UnicodeDecodeError as error:
                raise CommandError(f"{source} is geen UTF-8.", returncode=2) from error
        if errors:
            for message in errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(message)
            if len(errors) > MAX_ERRORS_SHOWN:
                self.stderr.write(f"... en nog {len(errors) - MAX_ERRORS_SHOWN} fouten")
            raise CommandError(
                f"{len(errors)} ongeldige regel(s); er is niets geschreven.", returncode=2
            )
        try:
            backend = get_backend(options["backend"])
        except BackendUnavailable as error:
            raise CommandError(str(error), returncode=2) from error
        texts = [text for _identifier, text in items]
        vectors = (
            backend.embed(texts) if texts else np.zeros((0, backend.dimensions), dtype=np.float32)
        )
        found = hybrid_neighbours(texts, vectors, top) if texts else []
        lines = [
            json.dumps(
                {
                    "id": identifier,
                    "neighbours": [
                        {"id": items[n.index][0], "score": round(n.score, 4)} for n in neighbours
                    ],
                },
                ensure_ascii=False,
            )
            for (identifier, _text), neighbours in zip(items, found, strict=True)
        ]
        self.stdout.write("\n".join(lines) + ("\n" if lines else ""), ending="")
