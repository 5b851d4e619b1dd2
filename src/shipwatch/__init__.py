"""Shipwatch: measure the chemistry between two people the way fans judge it."""
__version__ = "0.1.0"

from .api import Result, analyze  # noqa: E402

__all__ = ["analyze", "Result", "__version__"]
