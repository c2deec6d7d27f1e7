"""Retrieval-augmented Q&A over Chinese policy documents, with verified verbatim quotes."""

from qa.engine import Engine, clean_question
from qa.errors import QAError
from qa.retrieve import Filters
from qa.types import Answer, Chunk, Citation, Document, Hit

__all__ = ["Answer", "Chunk", "Citation", "Document", "Engine", "Filters", "Hit", "QAError", "clean_question"]
