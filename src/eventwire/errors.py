"""One base exception with a few coded subclasses; every message says what and what to do."""

from __future__ import annotations


class EventwireError(Exception):
    """Base error. `code` is a short stable identifier users can search for."""

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        text = f"[{self.code}] {where}: {message}" if where else f"[{self.code}] {message}"
        super().__init__(text)
        self.reason = message


class InputError(EventwireError):
    """A document or record could not be read (binary, empty, bad encoding, malformed JSON)."""

    code = "E100"


class TooLargeError(InputError):
    """A document over the article size limit (eventwire.limits); split it or raise the limit."""

    code = "E117"


class ResourceError(EventwireError):
    """A dictionary or data file is missing or invalid."""

    code = "E200"


class StoreError(EventwireError):
    """The database could not be opened or written."""

    code = "E300"


class QueryError(EventwireError):
    """A query parameter is invalid (a bad date, an unknown code, a page size out of range); `param` names it."""

    code = "E400"

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.reason = message


class EngineError(EventwireError):
    """An engine could not run: an unknown engine or worker count, a missing extra (dask), an unreachable
    scheduler, a partition that failed on the cluster, a shard that cannot be read."""

    code = "E500"
