"""Split a document's body into passages with exact offsets into its text."""

from __future__ import annotations

from collections.abc import Iterator

from qa.types import Chunk, Document

# Paragraph, line, Chinese then Western sentence ends, clause breaks, then characters.
SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "!", "?", ";", "，", ",", "、", ""]
DEFAULT_CHUNK_SIZE = 220
DEFAULT_OVERLAP = 40
# A block shorter than this, cut off from the text around it by page chrome, is a crumb of the page
# (RSS订阅, 隐私声明): as a passage it would rank high on its document's title alone. A document of
# crumbs only keeps them.
MIN_BLOCK_CHARS = 12


def blocks(document: Document) -> Iterator[tuple[int, int]]:
    """Runs of body spans separated only by whitespace, as (start, end) ranges."""
    current: tuple[int, int] | None = None
    for start, end in document.body_spans:
        if current is not None and not document.text[current[1] : start].strip():
            current = (current[0], end)
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def chunk_document(
    document: Document,
    first_id: int = 0,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    overlap: int = DEFAULT_OVERLAP,
) -> list[Chunk]:
    """Passages of at most ``chunk_size`` characters; ``document.text[c.start:c.end] == c.text``."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        keep_separator="end",
        chunk_size=chunk_size,
        chunk_overlap=overlap,
        add_start_index=True,
        strip_whitespace=True,
    )
    chunks: list[Chunk] = []
    found = list(blocks(document))
    if any(len(document.text[start:end].strip()) >= MIN_BLOCK_CHARS for start, end in found):
        found = [(start, end) for start, end in found if len(document.text[start:end].strip()) >= MIN_BLOCK_CHARS]
    for block_start, block_end in found:
        block = document.text[block_start:block_end]
        previous = block_start - 1  # pieces come in order: each starts after the one before
        for piece in splitter.create_documents([block]):
            text = piece.page_content
            start = block_start + int(piece.metadata["start_index"])
            if start <= previous or document.text[start : start + len(text)] != text:
                # The splitter finds a piece by searching from an estimate, so a repeated piece
                # can be given an earlier copy's place; search from after the previous piece.
                start = document.text.find(text, previous + 1, block_end)
                if start < 0:
                    continue
            previous = start
            chunks.append(Chunk(first_id + len(chunks), document.source, start, start + len(text), text))
    return chunks
