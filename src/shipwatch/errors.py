"""Errors a user can cause. Each message names what went wrong, where, and what to do next.

The CLI prints ``str(error)`` on one line and exits with status 2; it never shows a traceback for these.
"""
from __future__ import annotations


class ShipwatchError(Exception):
    """Base class: a problem the user can fix. ``str()`` is the one-line message the CLI prints."""

    exit_code = 2


class InputError(ShipwatchError):
    """Bad input data: names the file, the line, the problem and the fix."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = str(path), line, problem, fix
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}; {fix}")


class UsageError(ShipwatchError):
    """A bad option or combination of options."""


class StoreError(ShipwatchError):
    """The DuckDB store cannot be opened or written (locked, corrupt, read-only)."""


class FetchError(ShipwatchError):
    """A live fetch (YouTube) failed after its retries."""


class MissingDependency(ShipwatchError):
    """An optional dependency is needed for the feature that was asked for."""

    def __init__(self, package: str, extra: str, feature: str):
        super().__init__(
            f"{feature} needs the optional package '{package}'; install it with: pip install 'shipwatch[{extra}]'"
        )


class RegistryError(ShipwatchError):
    """A people registry file is invalid."""


class GoldError(InputError):
    """A gold (labelled) file line does not follow the gold format."""
