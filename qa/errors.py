"""The project's exception family. Messages say what went wrong and what to do."""

from __future__ import annotations


class QAError(Exception):
    """Base of every error the library raises on purpose; its message is user-facing."""

    exit_code = 1


class UsageError(QAError):
    """A bad question or argument from the caller."""

    exit_code = 2


class SourcesError(QAError):
    """The sources folder is missing, empty, or holds nothing readable."""


class IndexCorruptError(QAError):
    """The index on disk is missing pieces or fails its checksums."""


class ModelMismatchError(QAError):
    """The index was built with a different embedding model than the one asked for."""


class ModelLoadError(QAError):
    """An embedding or reranking model could not be loaded."""


class MissingExtraError(QAError):
    """An optional dependency is needed for this file type or feature."""


class IndexBusyError(QAError):
    """Another process is building the same index."""
