"""Property-based tests (hypothesis): invariants of decoding, cleaning, chunking and answering
that must hold for any text, Chinese-heavy or arbitrary Unicode."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import SOURCES, FakeEmbedder
from qa.chunking import DEFAULT_CHUNK_SIZE, MIN_BLOCK_CHARS, blocks, chunk_document
from qa.clean import body_spans
from qa.decode import UnreadableFile, decode_text
from qa.engine import Engine
from qa.errors import UsageError
from qa.ingest import SourceFile, read_document, sha256_bytes
from qa.metadata import safe_url
from qa.types import Document

SOURCE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
SOURCE_LINES = sorted({line for text in SOURCE_TEXTS for line in text.splitlines() if line.strip()})

cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
punctuation = st.sampled_from(list("，。！？；：、“”‘’（）《》【】—…·%"))
ascii_bits = st.sampled_from(list("abcxyzABC0123456789 .,;:!?-/()<>&'\"#@|"))
whitespace = st.sampled_from([" ", "\n", "\n", "\n\n", "\t", "\u3000", "\r\n", "\xa0", "  "])
chinese_text = st.lists(
    st.one_of(cjk, cjk, cjk, cjk, cjk, punctuation, ascii_bits, whitespace), max_size=600
).map("".join)
# Real lines of the sources (menus, headers, body) mixed with generated ones: realistic pages.
source_line = st.sampled_from(SOURCE_LINES)
page_text = st.lists(st.one_of(source_line, source_line, chinese_text), min_size=1, max_size=25).map("\n".join)
any_text = st.one_of(chinese_text, page_text, st.text(max_size=400))

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def document_of(text: str) -> Document:
    return Document("doc.txt", text, sha256_bytes(text.encode("utf-8", "surrogatepass")), "标题",
                    body_spans=tuple(body_spans(text)))


# -- cleaning and chunking ---------------------------------------------------------------------


@SETTINGS
@given(any_text)
@example("Title: 标题\nURL: https://a.cn/x\n\n正文第一句。\n\n第二段，https://b.cn 中间有链接。")
def test_body_spans_are_inside_the_text_ordered_and_trimmed(text: str) -> None:
    spans = body_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end


def covered(text: str, chunks, ranges: list[tuple[int, int]]) -> list[bool]:
    """Positions of ``text`` holding some chunk's text: at its offsets, or at another place in its
    block where the same text occurs (see test_repeated_piece_gets_its_own_offsets)."""
    marks = [False] * len(text)
    for chunk in chunks:
        block_start, block_end = next((a, b) for a, b in ranges if a <= chunk.start and chunk.end <= b)
        found = text.find(chunk.text, block_start, block_end)
        while found >= 0:
            for position in range(found, found + len(chunk.text)):
                marks[position] = True
            found = text.find(chunk.text, found + 1, block_end)
    return marks


@SETTINGS
@given(any_text, st.sampled_from([(DEFAULT_CHUNK_SIZE, 40), (60, 10), (25, 0), (300, 100)]))
@example("。" * 500, (25, 0))
@example("潮州" * 300, (60, 10))
@example("甲乙丙丁。\n\n甲乙丙丁。\n\n" * 40, (25, 0))
def test_chunks_have_exact_offsets_and_lose_no_body_text(text: str, size: tuple[int, int]) -> None:
    chunk_size, overlap = size
    document = document_of(text)
    chunks = chunk_document(document, first_id=7, chunk_size=chunk_size, overlap=overlap)
    assert [c.id for c in chunks] == list(range(7, 7 + len(chunks)))
    ranges = list(blocks(document))
    for chunk in chunks:
        assert chunk.source == "doc.txt"
        assert document.text[chunk.start : chunk.end] == chunk.text
        assert 0 < len(chunk.text) <= chunk_size
        assert any(start <= chunk.start and chunk.end <= end for start, end in ranges)
    marks = covered(text, chunks, ranges)
    crumbs = [(s, e) for s, e in ranges if len(text[s:e].strip()) < MIN_BLOCK_CHARS]  # too short to be passages
    if len(crumbs) == len(ranges):
        crumbs = []  # ... unless the document has nothing else
    for start, end in document.body_spans:
        lost = [text[i] for i in range(start, end)
                if not marks[i] and not text[i].isspace() and not any(s <= i < e for s, e in crumbs)]
        assert not lost, (lost[:20], text[start:end][:80])
    assert not [c for c in chunks if any(s <= c.start < e for s, e in crumbs)]


def test_repeated_piece_gets_its_own_offsets() -> None:
    text = ("  ▲会议现场\n\n  ▲会议现场\n2024年,我市将坚持以习近平新时代中国特色社会主义思想为指导,全面落实党的二十大、"
            "二十届二中全会和中央经济工作会议精神,深入学习贯彻习近平总书记视察广东重要讲话、重要指示精神,深入落实省委"
            "“1310”具体部署,落细落实市委工作要求,深化运用“千万工程”经验,巩固机制初成、成效初显的工作基础,紧紧围绕"
            "“三年初见成效”目标安排,以头号工程的力度,以势在必行、顺势而为的决心,统筹县域高质量发展、城镇提能升级、"
            "和美乡村建设和城乡融合发展。")
    chunks = chunk_document(document_of(text))
    assert len({(c.start, c.end) for c in chunks}) == len(chunks)
    assert [c.start for c in chunks if c.text == "▲会议现场"] == [2, 11]


@SETTINGS
@given(st.lists(source_line, min_size=1, max_size=40).map("\n".join))
def test_chunks_of_real_lines_are_in_document_order(text: str) -> None:
    chunks = chunk_document(document_of(text))
    starts = [c.start for c in chunks]
    assert starts == sorted(starts)


# -- decoding and reading files ------------------------------------------------------------------

readable_chinese = (
    st.lists(st.one_of(cjk, cjk, cjk, cjk, cjk, punctuation, ascii_bits, whitespace), min_size=40, max_size=600)
    .map("".join)
    .filter(lambda t: len("".join(t.split())) >= 20)
)


@settings(deadline=None, max_examples=80)
@given(readable_chinese, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_chinese_text_decodes_back_exactly(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == (text, None)


# GB text has no BOM: the encoding is inferred from the bytes (charset_normalizer, then a
# GB18030 preference), which works for text written the way Chinese is written. Text made of a
# few characters repeated (一一一…，，，) is ambiguous with Korean/Japanese code pages, so the
# strategy draws varied real text: slices of the sources, recombined and mixed with noise.
def slices(texts: list[str], shortest: int = 2, longest: int = 20):
    return st.tuples(st.sampled_from(texts), st.integers(0, 10**6), st.integers(shortest, longest)).map(
        lambda t: t[0][t[1] % max(1, len(t[0]) - t[2]) :][: t[2]]
    )


real_chinese = st.lists(
    st.one_of(slices(SOURCE_TEXTS, 20, 120), punctuation, ascii_bits, st.sampled_from([" ", "\n", "\n\n", "\t", "\u3000"])),
    min_size=1, max_size=12,
).map("".join).filter(lambda t: len({c for c in t if "\u4e00" <= c <= "\u9fff"}) >= 12)


@settings(deadline=None, max_examples=80, suppress_health_check=[HealthCheck.filter_too_much])
@given(real_chinese, st.sampled_from(["gbk", "gb18030"]))
# A scraped line that is mostly a link: ASCII says nothing about the code page.
@example("单。\n\n\nvideo: https://mp.weixin.qq.com/mp/readtemplate?t=pages/video_player_tmpl&action=mpvideo&auto="
         "濠江”推介发布会在深举行●汕汕铁路潮南站汕头南站接火送电,即将进入联调联试阶段●最高奖金2万元!潮汕人的音乐大赛!报名从速",
         "gb18030")
def test_gb_text_decodes_back_exactly(text: str, encoding: str) -> None:
    try:
        raw = text.encode(encoding)
        raw.decode("utf-8")
        assume(False)  # also valid UTF-8 (一一… is D2BB D2BB…): UTF-8 rightly wins there
    except UnicodeEncodeError:
        assume(False)  # e.g. \xa0 has no GBK form
    except UnicodeDecodeError:
        pass
    assert decode_text(raw) == (text, None)


@settings(deadline=None, max_examples=80)
@given(readable_chinese)
def test_truncated_chinese_text_loses_only_its_last_character(text: str) -> None:
    assume(text.rstrip()[-1] >= "\u4e00")
    text = text.rstrip()
    decoded, note = decode_text(text.encode("utf-8")[:-1])
    assert decoded == text[:-1] and note is not None and "truncated" in note


@settings(deadline=None, max_examples=300)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_decode_or_are_refused_cleanly(raw: bytes) -> None:
    try:
        text, _ = decode_text(raw)
    except UnreadableFile as exc:
        assert str(exc)
        return
    assert text.strip() and isinstance(text, str)
    text.encode("utf-8")  # no lone surrogates: everything downstream can write it


@settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_text, st.sampled_from(["https://gd.gov.cn/a/1.html", "javascript:alert(1)", "data:,x", "", "ftp://x.cn/"]))
def test_read_document_invariants(tmp_path: Path, text: str, url: str) -> None:
    path = tmp_path / "doc.txt"
    raw = (f"Title: 标题\nURL: {url}\n\n" + text).encode("utf-8", "surrogatepass") if url else text.encode("utf-8", "surrogatepass")
    path.write_bytes(raw)
    try:
        document = read_document(SourceFile(path, "doc.txt", sha256_bytes(raw)))
    except UnreadableFile:
        return
    assert document.text == raw.decode("utf-8").lstrip("\ufeff")
    assert document.url is None or (safe_url(document.url) == document.url and document.url.startswith("http"))
    previous_end = 0
    for start, end in document.body_spans:
        assert previous_end <= start < end <= len(document.text)
        previous_end = end
    json.dumps(document.__dict__, ensure_ascii=False)


# -- answers: quotes are verbatim, for any question and any corpus ---------------------------------




def check_answer(engine: Engine, question: str) -> None:
    try:
        answer = engine.ask(question)
    except UsageError:
        return
    index = engine.index
    for citation in answer.citations:
        document = index.documents[index.by_source[citation.source]]
        assert document.text[citation.start : citation.end] == citation.quote
        assert citation.quote in answer.answer
    for hit in answer.passages:
        document = index.documents[index.by_source[hit.chunk.source]]
        assert document.text[hit.chunk.start : hit.chunk.end] == hit.chunk.text
    assert json.loads(json.dumps(answer.to_json(), ensure_ascii=False)) == answer.to_json()


question_words = st.sampled_from(["多少", "哪些", "什么时候", "是否", "如何", "？", "和", "比较", "2024年", "2025年", "多少户", "GDP"])


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(slices(SOURCE_TEXTS), question_words), min_size=1, max_size=6).map("".join))
def test_answers_to_questions_from_source_words_quote_verbatim(engine: Engine, question: str) -> None:
    check_answer(engine, question)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), chinese_text))
def test_answers_to_arbitrary_questions_quote_verbatim(engine: Engine, question: str) -> None:
    check_answer(engine, question)


@settings(deadline=None, max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(page_text, min_size=1, max_size=3), st.data())
def test_any_corpus_builds_and_quotes_verbatim(pages: list[str], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as root:
        sources = Path(root) / "sources"
        sources.mkdir()
        for number, page in enumerate(pages):
            (sources / f"{number}.txt").write_text(page, encoding="utf-8")
        engine = Engine(sources, Path(root) / "index", embedder=FakeEmbedder(), warn=lambda message: None)
        try:
            engine.refresh()
        except Exception as exc:  # only "nothing readable" is acceptable
            assert type(exc).__name__ == "SourcesError", exc
            return
        for document in engine.index.documents:
            assert document.url is None or safe_url(document.url) == document.url
        for _ in range(3):
            check_answer(engine, data.draw(slices(pages)))
