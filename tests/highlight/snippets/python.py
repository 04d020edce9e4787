#!/usr/bin/env python3
"""Build a tiny index of words per document."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

WORD = re.compile(r"[a-z']+", re.IGNORECASE)
MAX_WORDS = 10_000


@dataclass(frozen=True)
class Document:
    path: str
    body: str = ""
    tags: list[str] = field(default_factory=list)

    def words(self) -> list[str]:
        return [w.lower() for w in WORD.findall(self.body)]


class Index(dict):
    """Maps a word to the set of documents containing it."""

    def __init__(self, docs=None, *, limit: int = MAX_WORDS) -> None:
        super().__init__()
        self.limit = limit
        for doc in docs or ():
            self.add(doc)

    def add(self, doc: Document) -> None:
        counts = Counter(doc.words())
        for word, n in counts.most_common(self.limit):
            self.setdefault(word, set()).add((doc.path, n))

    async def refresh(self, source):
        async for doc in source:
            if doc is None or not doc.body:
                continue
            self.add(doc)

    def __repr__(self):
        return f"Index({len(self)} words, limit={self.limit!r})"


def ratio(a: int, b: int) -> float:
    try:
        return a / b * 100.0 if b else 0.0
    except ZeroDivisionError as exc:  # pragma: no cover
        raise ValueError("bad ratio") from exc
    finally:
        pass


if __name__ == "__main__":
    idx = Index([Document("a.md", "Hello hello world\n"), Document('b.md', 'Tabs\tand "quotes"')])
    print(idx, ratio(3, 4), 0x1F, 1e-3, 7j, b"bytes", True, None)
    lambda_ = lambda x, y=2: x ** y // 3 % 5
    assert isinstance(idx, dict) and len(idx) >= 0, "index must be a dict"
