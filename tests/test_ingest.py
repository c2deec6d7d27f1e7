"""Ingestion on the real sources: cleaning, metadata, chunk offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.chunking import chunk_document
from qa.errors import SourcesError
from qa.ingest import load_documents
from qa.metadata import date_from_url, iso_date

from conftest import SOURCES

# Navigation, comment widgets, footers and page chrome seen in the seeds.
JUNK = ["xuexi", "redian", "路过", "雷人", "鲜花", "鸡蛋", "暂时没有评论", "全部评论", "ICP", "Copyright",
        "版面导航", "放大 缩小", "到底线", "Powered", "关于我们", "服务热线", "人气:", "\n分享", ".jpg", "video:",
        "濠江热文", "上一版", "下一篇", "联系电话", "声明:"]


@pytest.fixture(scope="module")
def documents():
    return {d.source: d for d in load_documents(SOURCES)}


def test_every_seed_is_read(documents):
    assert sorted(documents) == sorted(p.name for p in SOURCES.glob("*.txt"))


def test_chunks_carry_exact_offsets_and_no_junk(documents):
    for document in documents.values():
        chunks = chunk_document(document)
        assert chunks, document.source
        for chunk in chunks:
            assert document.text[chunk.start : chunk.end] == chunk.text
            assert len(chunk.text) <= 220
            for junk in JUNK:
                assert junk not in chunk.text, (document.source, junk, chunk.text)


def test_repeated_article_body_is_kept_once(documents):
    document = documents["000_3bdecfe32d9120a6.txt"]
    sentence = "1月6日，中共汕头市第十二届委员会第九次全体会议暨市委经济工作会议召开。"
    assert document.text.count(sentence) == 2  # the page repeats the article
    assert document.body().count(sentence) == 1
    body_chars = sum(end - start for start, end in document.body_spans)
    assert body_chars < 0.55 * len(document.text)


def test_teaser_and_footer_are_dropped_but_dateline_kept(documents):
    body = documents["001_a2e3b4959ada6c7b.txt"].body()
    assert "摘要" not in body
    assert "2023-10-1" in body  # the dateline under the headline
    assert "2024-5-1" not in body  # the page footer's timestamp
    assert "2024 年 8 月 14 日" in documents["003_862d51d958bf0661.txt"].body()


def test_metadata_from_sidecar_and_text(documents):
    expected = {
        "000_3bdecfe32d9120a6.txt": ("2025-01-06", "汕头"),
        "001_a2e3b4959ada6c7b.txt": ("2023-10-01", "汕头"),
        "002_99746783e150fea8.txt": ("2024-05-06", "潮州"),
        "003_862d51d958bf0661.txt": ("2024-08-14", "江门"),
        "004_01f00fd820d3936d.txt": ("2023-06-18", "佛山"),
    }
    for source, (date, region) in expected.items():
        assert (documents[source].date, documents[source].region) == (date, region)
    assert documents["000_3bdecfe32d9120a6.txt"].url.startswith("https://")


def test_metadata_inferred_without_sidecar(sources_copy: Path):
    (sources_copy / "metadata.toml").unlink()
    documents = {d.source: d for d in load_documents(sources_copy)}
    assert documents["000_3bdecfe32d9120a6.txt"].date == "2025-01-06"  # from the URL path
    assert documents["001_a2e3b4959ada6c7b.txt"].date == "2023-10-01"  # 2023-10-1 in the text
    assert documents["003_862d51d958bf0661.txt"].date == "2024-08-14"  # 2024 年 8 月 14 日
    assert documents["003_862d51d958bf0661.txt"].title == "2024年江门市“百千万工程”工作要点出台"
    assert documents["004_01f00fd820d3936d.txt"].issuer == "禅城区张槎街道办事处"
    assert documents["002_99746783e150fea8.txt"].issuer.endswith("指挥部")
    assert {d.region for d in documents.values()} == {"汕头", "潮州", "江门", "佛山"}


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2024年5月6日", "2024-05-06"), ("2024 年 8 月 14 日", "2024-08-14"), ("2023-06-18", "2023-06-18"),
     ("2023-10-1", "2023-10-01"), ("2024年5月", "2024-05"), ("2024", "2024"), ("明天", None)],
)
def test_iso_dates(text, iso):
    assert iso_date(text) == iso


def test_date_in_url_path():
    assert date_from_url("https://x.cn/a/202501/06/AP1.html") == "2025-01-06"
    assert date_from_url("https://x.cn/news/123.html") is None


def test_missing_or_empty_sources_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SourcesError, match="does not exist"):
        load_documents(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourcesError, match="no readable documents"):
        load_documents(tmp_path / "empty")


def test_unreadable_file_is_skipped_with_one_warning(sources_copy: Path):
    (sources_copy / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (sources_copy / "empty.md").write_text("", encoding="utf-8")
    warnings: list[str] = []
    documents = load_documents(sources_copy, warn=warnings.append)
    assert len(documents) == 5
    assert sorted(w.split(":")[0] for w in warnings) == ["skipped broken.txt", "skipped empty.md"]


def test_html_source_is_read_without_markup(tmp_path: Path):
    page = ("<html><head><title>潮州测试页面</title><script>alert(1)</script></head><body><nav>首页 新闻 政务</nav>"
            "<p>潮州市今年计划完成特殊困难老年人家庭适老化改造不少于600户，并推进长者饭堂建设。</p></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (document,) = load_documents(tmp_path)
    assert document.title == "潮州测试页面"
    assert "alert" not in document.body() and "600户" in document.body()


LIST_PAGE = """<html><head><title>韶关典型村拟认定名单的公示</title></head><body>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li></ul>
<div class="article">
<p>本次认定工作自2024年8月启动，各县区共推荐村41个，
经<strong>11名</strong>专家评审，拟认定以下村为典型村：</p>
<table><tr><th>序号</th><th>县区</th><th>村名</th><th>类型</th><th>主要特色</th></tr>
<tr><td>1</td><td>浈江区</td><td>大塘村</td><td>典型村</td><td>2023年村集体经济收入126万元</td></tr>
<tr><td>2</td><td>乐昌市</td><td>云岩村</td><td>典型村</td><td>2023年村集体经济收入83万元</td></tr></table>
</div>
<div class="comment"><h3>网友评论</h3><p>希望我们村明年也能入选，加油！</p></div>
<div class="links"><p>分享到微信</p><p>RSS订阅</p><p>版权所有：韶关市人民政府</p></div>
</body></html>"""


def test_html_reads_as_a_reader_sees_it(tmp_path: Path):
    (tmp_path / "list.html").write_text(LIST_PAGE, encoding="utf-8")
    (document,) = load_documents(tmp_path)
    body = document.body()
    # Inline markup and source line breaks stay inside their paragraph.
    assert "各县区共推荐村41个， 经11名专家评审" in body
    # A data table's row is one line of cells, kept though it has four separators.
    assert "1 | 浈江区 | 大塘村 | 典型村 | 2023年村集体经济收入126万元" in body.splitlines()
    # The page's comment widget is not its text.
    assert "加油" not in document.text
    # A crumb of the page is no passage of its own.
    assert all("RSS" not in chunk.text for chunk in chunk_document(document))
