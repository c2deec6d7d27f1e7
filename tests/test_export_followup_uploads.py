"""Fast tests of the pure helpers behind the chat: report export, follow-up rewriting,
and upload validation."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from qa.errors import QAError, UsageError
from qa.export import (
    CSV_COLUMNS,
    Exchange,
    answer_html,
    answer_record,
    copy_text,
    csv_rows,
    safe_url,
    stream_pieces,
    to_csv,
    to_markdown,
    write_reports,
)
from qa.followup import is_followup, rewrite_followup
from qa.places import find_places
from qa.types import Answer, Chunk, Citation, Document, Hit
from qa.uploads import UploadError, check_size, max_upload_bytes, safe_name, save_upload

CHAOZHOU = "潮州今年要为多少户特殊困难老年人家庭做适老化改造？"
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


def _document(source: str, text: str, url: str | None, title: str = "潮州工作要点") -> Document:
    return Document(source=source, text=text, sha256="0" * 64, title=title, date="2024-05-06", url=url,
                    region="潮州", body_spans=((0, len(text)),))


def _answer(quote: str, prefix: str = "前文。", suffix: str = "后文。", url: str | None = "https://example.gov.cn/a.html",
            title: str = "潮州工作要点", question: str = CHAOZHOU) -> tuple[Answer, Document]:
    text = prefix + quote + suffix
    document = _document("002.txt", text, url, title)
    start = len(prefix)
    citation = Citation(1, "002.txt", title, "2024-05-06", url, quote, start, start + len(quote), "潮州")
    hit = Hit(Chunk(0, "002.txt", 0, len(text), text), 1.0)
    return Answer(question, f"「{quote}」[1]", False, (citation,), (hit,)), document


def _refusal() -> tuple[Answer, Document]:
    text = f"广州相关段落{EVIL}。"
    document = _document("evil.txt", text, "javascript:window.__pwned=1", title=f"标题{EVIL}")
    hit = Hit(Chunk(0, "evil.txt", 0, len(text), text), 0.5)
    return Answer("广州今年要做多少户？", "在现有资料中未找到关于“广州”的相关内容。以下段落可能相关，仅供参考。", True, (), (hit,)), document


# -- export -----------------------------------------------------------------------------


def test_safe_url_accepts_only_http_and_https():
    assert safe_url("https://example.gov.cn/a?b=1") == "https://example.gov.cn/a?b=1"
    assert safe_url("http://x.cn/") == "http://x.cn/"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>", "file:///etc/passwd", "//x.cn/a",
                "https://x.cn/a\"onmouseover=1", "https://x.cn/<script>", "https:///nohost", "", None, "vbscript:x"):
        assert safe_url(bad) is None, bad


def test_copy_text_format_with_and_without_url():
    answer, _ = _answer("全年不少于600户。")
    assert copy_text(answer.citations[0]) == "「全年不少于600户。」——潮州工作要点，2024-05-06，https://example.gov.cn/a.html"
    answer, _ = _answer("全年不少于600户。", url="javascript:alert(1)")
    assert copy_text(answer.citations[0]).endswith("，002.txt 字符 3–13")


def test_markdown_contents():
    answer, document = _answer("全年不少于600户。")
    markdown = to_markdown([Exchange(CHAOZHOU, answer)], {"002.txt": document})
    assert markdown.startswith("# 问答记录")
    assert f"## 1. {CHAOZHOU}" in markdown
    assert "> 「全年不少于600户。」\\[1\\]" in markdown
    assert "<https://example.gov.cn/a.html>" in markdown
    assert "002.txt 字符 3–13" in markdown
    assert "潮州工作要点，2024-05-06，潮州" in markdown


def test_markdown_escapes_html_and_markdown_and_unsafe_links():
    quote = f"要点{EVIL}**粗体**[链接](javascript:alert(1))"
    answer, document = _answer(quote, url="javascript:window.__pwned=1", title="标题<b>x</b>")
    refusal, evil_doc = _refusal()
    markdown = to_markdown([Exchange("问<i>题</i>", answer), Exchange("广州？", refusal)],
                           {"002.txt": document, "evil.txt": evil_doc})
    assert "<script>" not in markdown and "<img" not in markdown and "<b>" not in markdown and "<i>" not in markdown
    assert "&lt;script&gt;" in markdown
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown), "a link needs an unescaped ]("
    assert "<javascript:" not in markdown
    assert "\\*\\*粗体\\*\\*" in markdown and "\\[链接\\]" in markdown
    assert "可能相关" in markdown and "在现有资料中未找到" in markdown


def test_markdown_notes_a_rewritten_follow_up():
    answer, document = _answer("不少于1400户。", question="江门今年要为多少户特殊困难老年人家庭做适老化改造？")
    markdown = to_markdown([Exchange("那江门呢？", answer)], {"002.txt": document})
    assert "## 1. 那江门呢？" in markdown
    assert "按上文理解为：江门今年要为多少户" in markdown


def test_csv_columns_rows_and_formula_escaping(tmp_path: Path):
    answer, document = _answer("=HYPERLINK(\"http://evil\")全年不少于600户。")
    refusal, _ = _refusal()
    exchanges = [Exchange("@SUM(1)", answer), Exchange("广州？", refusal)]
    rows = list(csv.reader(io.StringIO(to_csv(exchanges))))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[0][:7] == ["question", "answer", "quote", "source title", "date", "URL", "character range"]
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1]))
    assert first["question"] == "'@SUM(1)"
    assert first["quote"] == "'=HYPERLINK(\"http://evil\")全年不少于600户。"
    assert first["source title"] == "潮州工作要点" and first["date"] == "2024-05-06"
    assert first["URL"] == "https://example.gov.cn/a.html"
    assert first["character range"] == f"3–{3 + len(answer.citations[0].quote)}"
    assert first["source file"] == "002.txt"
    refused = dict(zip(rows[0], rows[2]))
    assert refused["answer"].startswith("在现有资料中未找到") and refused["quote"] == "" and refused["URL"] == ""
    assert csv_rows(exchanges) == rows

    markdown_path, csv_path = write_reports(exchanges, tmp_path / "out", stem="report")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to read Chinese"
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == rows
    assert markdown_path.read_text(encoding="utf-8").startswith("# 问答记录")


def test_csv_drops_unsafe_urls():
    answer, _ = _answer("全年不少于600户。", url="javascript:alert(1)")
    rows = csv_rows([Exchange(CHAOZHOU, answer)])
    assert dict(zip(rows[0], rows[1]))["URL"] == ""


def test_answer_html_escapes_everything_and_marks_the_quote():
    quote = f"改造{EVIL}600户。"
    answer, document = _answer(quote, prefix="前文<b>粗</b>\n\n第二段。", url="javascript:window.__pwned=1", title=f"标题{EVIL}")
    rendered = answer_html(answer, {"002.txt": document}, asked=CHAOZHOU)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert 'href="javascript' not in rendered
    assert "&lt;script&gt;" in rendered
    assert "\n" not in rendered, "one line keeps the chat's Markdown renderer out of the HTML"
    assert "<details>" in rendered and "<mark>改造&lt;script&gt;" in rendered
    assert "002.txt 字符" in rendered  # no safe link: file name and range instead
    assert 'class="qa-copy"' in rendered and 'class="qa-copy-text"' in rendered


def test_answer_html_links_http_sources():
    answer, document = _answer("全年不少于600户。")
    rendered = answer_html(answer, {"002.txt": document})
    assert '<a href="https://example.gov.cn/a.html" target="_blank" rel="noopener noreferrer nofollow">' in rendered
    assert "2024-05-06" in rendered and "潮州" in rendered and "潮州工作要点" in rendered


def test_refusal_html_looks_like_one():
    refusal, document = _refusal()
    rendered = answer_html(refusal, {"evil.txt": document})
    assert "qa-refused" in rendered and "在现有资料中未找到" in rendered and "可能相关" in rendered
    assert "<script" not in rendered and "<img" not in rendered and 'href="javascript' not in rendered


def test_answer_record_for_the_api():
    answer, _ = _answer("全年不少于600户。")
    record = answer_record(answer, asked="那潮州呢？")
    assert record["question"] == "那潮州呢？" and record["answered_question"] == CHAOZHOU
    assert record["citations"][0]["quote"] == "全年不少于600户。" and record["citations"][0]["n"] == 1
    assert record["related"] == [] and record["refused"] is False


def test_stream_pieces_grow_and_keep_markers_whole():
    text = "「开展特殊困难老年人家庭适老化改造工作,全年不少于600户。」[1]\n「第二句。」[2]"
    pieces = stream_pieces(text, size=8)
    assert pieces[-1] == text and len(pieces) > 3
    assert all(b.startswith(a) for a, b in zip(pieces, pieces[1:]))
    assert not any(piece.endswith(("[", "[1", "[2")) for piece in pieces)
    assert stream_pieces("") == [""]


# -- follow-ups -------------------------------------------------------------------------


def test_followup_names_the_new_place_not_the_old():
    rewritten = rewrite_followup(CHAOZHOU, "那江门呢？")
    assert "江门" in rewritten and "潮州" not in rewritten
    assert rewritten == "江门今年要为多少户特殊困难老年人家庭做适老化改造？"
    assert find_places(rewritten) == ["江门"]


@pytest.mark.parametrize(
    ("previous", "followup", "expected"),
    [
        ("潮州今年要做多少户适老化改造？", "江门呢", "江门今年要做多少户适老化改造？"),
        ("潮州今年要做多少户适老化改造？", "那么江门的情况如何？", "江门今年要做多少户适老化改造？"),
        ("濠江区1—8月完成工业投资额多少？", "那潮南区呢？", "潮南区1—8月完成工业投资额多少？"),
        ("潮州今年要做多少户适老化改造？", "2023年呢？", "潮州2023年要做多少户适老化改造？"),
        ("2024年潮州要做多少户？", "2023呢", "2023年潮州要做多少户？"),
        ("潮州今年要做多少户适老化改造？", "那江门2023年呢？", "江门2023年要做多少户适老化改造？"),
        ("今年要做多少户适老化改造？", "那江门呢", "江门今年要做多少户适老化改造？"),
        ("潮州全年不少于2000户吗？", "那江门呢？", "江门全年不少于2000户吗？"),
    ],
)
def test_followup_rewrites(previous: str, followup: str, expected: str):
    assert rewrite_followup(previous, followup) == expected


@pytest.mark.parametrize("question", ["江门的GDP超百亿镇街目标是多少个？", "濠江区1—8月完成工业投资额多少？", "那是什么？", "你好"])
def test_standalone_questions_are_left_alone(question: str):
    assert not is_followup(question)
    assert rewrite_followup(CHAOZHOU, question) == question


def test_followup_without_a_previous_question_is_unchanged():
    assert rewrite_followup(None, "那江门呢？") == "那江门呢？"
    assert rewrite_followup("", "那江门呢？") == "那江门呢？"


# -- uploads ----------------------------------------------------------------------------


def _file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_upload_errors_are_usage_errors():
    assert issubclass(UploadError, UsageError) and issubclass(UploadError, QAError)


@pytest.mark.parametrize("name", ["报告.txt", "a.md", "page.HTML", "doc.pdf", "f.docx", "docs/b.txt"])
def test_safe_names(name: str):
    assert safe_name(name) == name.split("/")[-1]


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("evil.exe", "不支持"),
        ("noext", "不支持"),
        ("../x.txt", ".."),
        ("a/../../x.txt", ".."),
        ("..\\x.txt", ".."),
        ("/etc/passwd.txt", "绝对路径"),
        ("C:\\Windows\\x.txt", "绝对路径"),
        ("\\\\server\\share\\x.txt", "绝对路径"),
        (".hidden.txt", "隐藏"),
        ("docs/.env.txt", "隐藏"),
        ("", "为空"),
        ("a\x00.txt", "空字符"),
        ("x" * 200 + ".txt", "缩短"),
    ],
)
def test_unsafe_names_are_refused_with_advice(name: str, hint: str):
    with pytest.raises(UploadError, match=re.escape(hint)):
        safe_name(name)


def test_size_limit_from_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QA_UPLOAD_MAX_MB", "1")
    assert max_upload_bytes() == 2**20
    with pytest.raises(UploadError, match="QA_UPLOAD_MAX_MB"):
        check_size(2**20 + 1)
    check_size(2**20)
    with pytest.raises(UploadError, match="空"):
        check_size(0)
    monkeypatch.setenv("QA_UPLOAD_MAX_MB", "lots")
    with pytest.raises(UploadError, match="不是数字"):
        max_upload_bytes()
    monkeypatch.delenv("QA_UPLOAD_MAX_MB")
    assert max_upload_bytes() == 20 * 2**20


def test_save_upload_writes_atomically_and_refuses_bad_files(tmp_path: Path):
    sources = tmp_path / "sources"
    sources.mkdir()
    incoming = tmp_path / "incoming"
    upload = _file(incoming, "新文件.txt", "江门今年新建公园10个。".encode())
    saved = save_upload(sources, upload)
    assert saved.path == sources / "新文件.txt" and not saved.unchanged
    assert saved.path.read_bytes() == upload.read_bytes()
    assert sorted(p.name for p in sources.iterdir()) == ["新文件.txt"], "no temporary file left behind"

    with pytest.raises(UploadError, match="MB"):
        save_upload(sources, _file(incoming, "big.txt", b"x" * 2048), limit=1024)
    with pytest.raises(UploadError, match="不支持"):
        save_upload(sources, _file(incoming, "run.sh", b"echo hi"))
    with pytest.raises(UploadError, match=r"\.\."):
        save_upload(sources, upload, name="../x.txt")
    with pytest.raises(UploadError, match="绝对路径"):
        save_upload(sources, upload, name=str(tmp_path / "outside.txt"))
    with pytest.raises(UploadError, match="隐藏"):
        save_upload(sources, _file(incoming, ".secret.txt", b"hidden"))
    with pytest.raises(UploadError, match="不是 .pdf 格式"):
        save_upload(sources, _file(incoming, "fake.pdf", b"not a pdf"))
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "outside.txt").exists()
    assert sorted(p.name for p in sources.iterdir()) == ["新文件.txt"]


def test_save_upload_collision(tmp_path: Path):
    sources = tmp_path / "sources"
    sources.mkdir()
    original = _file(tmp_path / "a", "same.txt", "原来的内容。".encode())
    save_upload(sources, original)
    again = save_upload(sources, original)
    assert again.unchanged, "the same bytes under the same name are accepted as already there"

    different = _file(tmp_path / "b", "same.txt", "另一份内容。".encode())
    with pytest.raises(UploadError, match="改名"):
        save_upload(sources, different)
    assert (sources / "same.txt").read_text(encoding="utf-8") == "原来的内容。"

    replaced = save_upload(sources, different, overwrite=True)
    assert not replaced.unchanged
    assert (sources / "same.txt").read_text(encoding="utf-8") == "另一份内容。"
    assert sorted(p.name for p in sources.iterdir()) == ["same.txt"]
    assert oct(os.stat(sources / "same.txt").st_mode & 0o777) == "0o644"
