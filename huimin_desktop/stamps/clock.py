"""Hybrid logical clock: change stamps that order edits across stations with unreliable clocks.

A stamp is (wall-clock milliseconds, counter, station id). Its text form is fixed-width lowercase hex
followed by the station id, so comparing two stamps as strings orders them as the tuples would, in
Python and in SQL alike. The counter lets one station make many changes within the same millisecond
and keeps the clock monotonic when the laptop's clock jumps backwards.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_MS_HEX = 12  # 2**48 ms is the year 10889
_COUNTER_HEX = 4
_MAX_COUNTER = 16**_COUNTER_HEX - 1
STAMP_PREFIX_LEN = _MS_HEX + _COUNTER_HEX


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int
    station: str

    def __str__(self) -> str:
        return f"{self.ms:0{_MS_HEX}x}{self.counter:0{_COUNTER_HEX}x}{self.station}"

    @property
    def ordinal(self) -> int:
        """The station-independent part as one integer (used as the local change sequence)."""
        return (self.ms << (4 * _COUNTER_HEX)) | self.counter

    @classmethod
    def parse(cls, text: str) -> Stamp:
        if len(text) <= STAMP_PREFIX_LEN:
            raise ValueError(f"not a change stamp: {text!r}")
        ms = int(text[:_MS_HEX], 16)
        counter = int(text[_MS_HEX:STAMP_PREFIX_LEN], 16)
        return cls(ms, counter, text[STAMP_PREFIX_LEN:])


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """Issues strictly increasing stamps for one station; thread-safe.

    ``observe`` folds in a stamp received from another station so that a later local edit always
    orders after anything this station has seen (the HLC receive rule).
    """

    def __init__(self, station: str, last: int = 0, wall: Callable[[], int] = wall_clock_ms) -> None:
        self.station = station
        self._ms, self._counter = divmod(last, _MAX_COUNTER + 1)
        self._wall = wall
        self._lock = threading.Lock()

    @property
    def last_ordinal(self) -> int:
        return (self._ms << (4 * _COUNTER_HEX)) | self._counter

    def now(self) -> Stamp:
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._advance_counter()
            return Stamp(self._ms, self._counter, self.station)

    def observe(self, stamp: Stamp) -> None:
        with self._lock:
            if (stamp.ms, stamp.counter) > (self._ms, self._counter):
                self._ms, self._counter = stamp.ms, stamp.counter

    def _advance_counter(self) -> None:
        if self._counter < _MAX_COUNTER:
            self._counter += 1
        else:  # 65536 stamps in one millisecond: borrow the next millisecond
            self._ms, self._counter = self._ms + 1, 0
