"""eventwire: turn news into sourced political event data (who did what to whom, when and where)."""

from eventwire.errors import EventwireError, InputError, ResourceError, StoreError
from eventwire.model import Actor, Article, DateRef, Event, Mention, Place, Quote, Reject, Sentence
from eventwire.pipeline import Pipeline, code
from eventwire.resources.loader import Resources, load_resources

__version__ = "0.1.0"
__all__ = [
    "Actor", "Article", "DateRef", "Event", "EventwireError", "InputError", "Mention", "Pipeline", "Place",
    "Quote", "Reject", "ResourceError", "Resources", "Sentence", "StoreError", "code", "load_resources",
]
