"""Seeded drawing: a fast ``random.Random``, weighted choice, rounding and word lists.

Everything the generator decides comes from one ``FastRandom(seed)``, drawn in a fixed order, so the
same seed gives the same data; changing the order of draws anywhere changes every later record.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

_T = TypeVar("_T")


def words(text: str) -> list[str]:
    return text.split()


def round_to(value: float, step: int) -> int:
    return round(value / step) * step


def codes_by_name(codelist: Any) -> dict[str, str]:
    """name → code for one code list (the code list object iterates over entries with .code/.name)."""
    return {entry.name: entry.code for entry in codelist}


class FastRandom(random.Random):
    """``random.Random`` whose ``randint`` and ``choice`` cost one ``random()`` call each.

    The standard ones draw rejection-sampled bits in Python and dominate the generator's profile;
    scaling one float is biased by less than 2**-40 here and just as deterministic for a seed.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: SupportsLenAndGetItem[_T]) -> _T:
        return seq[int(self.random() * len(seq))]


class Weighted:
    """Fast repeated weighted choice (cumulative weights computed once); pairs are (item, weight)."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.items = [p[0] for p in pairs]
        total = 0.0
        self.cumulative: list[float] = []
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect_right(self.cumulative, rng.random() * self.total)]
