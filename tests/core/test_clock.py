"""The hybrid logical clock: monotonic, ordered as text, tolerant of clocks set back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from huimin_desktop.stamps.clock import HybridLogicalClock, Stamp

STATION_A = "a" * 32
STATION_B = "b" * 32


def test_stamps_strictly_increase_when_the_wall_clock_stands_still() -> None:
    clock = HybridLogicalClock(STATION_A, wall=lambda: 1_000)
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len({str(s) for s in stamps}) == 5
    assert [s.counter for s in stamps] == [0, 1, 2, 3, 4]


def test_clock_set_back_does_not_go_backwards() -> None:
    times = iter([5_000, 1_000, 1_000])
    clock = HybridLogicalClock(STATION_A, wall=lambda: next(times))
    first, second, third = clock.now(), clock.now(), clock.now()
    assert first < second < third
    assert second.ms == 5_000


def test_resuming_from_a_stored_ordinal_stays_ahead() -> None:
    clock = HybridLogicalClock(STATION_A, wall=lambda: 9_000)
    stamp = clock.now()
    resumed = HybridLogicalClock(STATION_A, last=stamp.ordinal, wall=lambda: 10)
    assert resumed.now() > stamp


def test_observing_a_remote_stamp_moves_the_clock_past_it() -> None:
    clock = HybridLogicalClock(STATION_A, wall=lambda: 100)
    remote = Stamp(50_000, 7, STATION_B)
    clock.observe(remote)
    assert (clock.now().ms, clock.now().counter) > (remote.ms, remote.counter)


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HybridLogicalClock(STATION_A, last=(1_000 << 16) | 0xFFFF, wall=lambda: 1_000)
    stamp = clock.now()
    assert (stamp.ms, stamp.counter) == (1_001, 0)


@given(
    st.tuples(st.integers(0, 2**48 - 1), st.integers(0, 0xFFFF), st.sampled_from([STATION_A, STATION_B])),
    st.tuples(st.integers(0, 2**48 - 1), st.integers(0, 0xFFFF), st.sampled_from([STATION_A, STATION_B])),
)
def test_text_order_equals_stamp_order(a: tuple[int, int, str], b: tuple[int, int, str]) -> None:
    first, second = Stamp(*a), Stamp(*b)
    assert (str(first) < str(second)) == (first < second)
    assert Stamp.parse(str(first)) == first
