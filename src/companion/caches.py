"""Every module-level cache registers its `clear` here, so one call forgets them all: tests
call `reset_all()` before each test (tests/conftest.py), so none of them sees another's leftovers."""

from collections.abc import Callable

_clears: list[Callable[[], None]] = []


def register(clear: Callable[[], None]) -> None:
    _clears.append(clear)


def reset_all() -> None:
    for clear in _clears:
        clear()
