"""Domain errors, each with a stable code. Library code raises these; the CLI and API translate them."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: ``code`` is stable (documented), ``str(err)`` is the human message."""

    code = "SR000"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"[{self.code}] {where}{message}")
        self.message = message


class InputError(SitrepError):
    """An input file or line cannot be read as an article."""

    code = "SR100"


class EmptyInputError(InputError):
    code = "SR101"


class BinaryInputError(InputError):
    code = "SR102"


class EncodingError(InputError):
    code = "SR103"


class JsonLineError(InputError):
    code = "SR104"


class UnsupportedInputError(InputError):
    code = "SR105"


class InputTooLargeError(InputError):
    code = "SR106"


class MetadataError(InputError):
    code = "SR110"


class ProcessingError(InputError):
    """Extraction failed on one document (a bug met by this input); the batch goes on without it."""

    code = "SR120"


class ProcessingTimeoutError(ProcessingError):
    """Extraction of one document ran past its time budget; the batch goes on without it."""

    code = "SR121"


class DataError(SitrepError):
    """A packaged knowledge file (actors, triggers, numbers ...) is invalid."""

    code = "SR200"


class GazetteerError(SitrepError):
    code = "SR300"


class GazetteerImportError(GazetteerError):
    code = "SR301"


class EvalError(SitrepError):
    code = "SR400"


class StoreError(SitrepError):
    code = "SR500"


class OutputError(SitrepError):
    """Output cannot be written in the requested form (e.g. an unknown format)."""

    code = "SR600"
