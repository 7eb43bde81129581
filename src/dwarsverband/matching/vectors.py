"""Embeddings through the database cache: a text is embedded once per model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dwarsverband.matching.engine.backends import EmbeddingBackend, get_backend, text_hash
from dwarsverband.matching.models import EmbeddingVector

LOOKUP_CHUNK = 500


def vectors_for_texts(
    *, texts: Sequence[str], backend: EmbeddingBackend | None = None
) -> np.ndarray:
    """Normalised vectors for the texts, from the cache where possible; new ones are stored."""
    backend = backend or get_backend()
    hashes = [text_hash(text) for text in texts]
    found: dict[str, np.ndarray] = {}
    unique = list(dict.fromkeys(hashes))
    for start in range(0, len(unique), LOOKUP_CHUNK):
        chunk = unique[start : start + LOOKUP_CHUNK]
        for digest, blob in EmbeddingVector.objects.filter(
            model_name=backend.name, text_hash__in=chunk
        ).values_list("text_hash", "vector"):
            found[digest] = np.frombuffer(bytes(blob), dtype=np.float32)
    missing = {digest: text for digest, text in zip(hashes, texts, strict=True)}
    missing = {digest: text for digest, text in missing.items() if digest not in found}
    if missing:
        fresh = backend.embed(list(missing.values()))
        rows = []
        for digest, vector in zip(missing, fresh, strict=True):
            found[digest] = vector.astype(np.float32)
            rows.append(
                EmbeddingVector(
                    model_name=backend.name,
                    text_hash=digest,
                    vector=vector.astype(np.float32).tobytes(),
                )
            )
        EmbeddingVector.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    if not texts:
        return np.zeros((0, backend.dimensions), dtype=np.float32)
    return np.vstack([found[digest] for digest in hashes])
