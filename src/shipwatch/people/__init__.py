"""The people registry: people, their names, real couples and on-screen pairs."""
from .registry import Couple, Person, Registry, couple_id, load_registry, name_key

__all__ = ["Couple", "Person", "Registry", "couple_id", "load_registry", "name_key"]
