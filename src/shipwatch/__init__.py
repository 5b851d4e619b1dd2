"""Shipwatch: measure the chemistry between two people the way fans judge it."""
__version__ = "0.1.0"

__all__ = ["analyze", "Result", "__version__"]


def __getattr__(name: str):
    # Lazy, so that importing one stage (a Spark or pool worker) does not pull in DuckDB and the report stack.
    if name in ("analyze", "Result"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'shipwatch' has no attribute {name!r}")
