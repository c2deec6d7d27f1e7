"""The chat server end to end: started in-process on a free port over the real sources,
driven through gradio_client as a program (the /ask API) and as a chat session (/chat)."""

from __future__ import annotations

import csv
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import free_port, wait_for_http

pytestmark = pytest.mark.slow

gr = pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")

import ui  # noqa: E402  (after the skip, so a missing Gradio skips rather than errors)

SOURCES = Path(__file__).resolve().parent.parent / "sources"
CHAOZHOU = "潮州今年要为多少户特殊困难老年人家庭做适老化改造？"
JIANGMEN = "江门今年要为多少户特殊困难老年人家庭做适老化改造？"
GUANGZHOU = "广州今年要为多少户特殊困难老年人家庭做适老化改造？"
# Eight questions, each with a figure only its own answer contains.
CONCURRENT = (
    (CHAOZHOU, "600户"),
    (JIANGMEN, "1400户"),
    ("江门的GDP超百亿镇街目标是多少个？", "12个"),
    ("濠江区1—8月完成工业投资额多少？", "42亿元"),
    ("张槎街道力争2025年GDP达到多少？", "680亿元"),
    ("江门要求每个圩镇植树多少株？", "1000株"),
    ("饶平县重点项目库至少要有几个项目？", "25个"),
    ("深圳汕头产业合作园区的启动区面积有多大？", "7.2平方公里"),
)






def last_text(history: list) -> str:
    """The text of the last chat message (Gradio 6 gives content as a list of parts)."""
    content = history[-1]["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh index folder for this module (never the project's own index/)."""
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="module")
def server(index_dir: Path) -> Iterator[str]:
    """The chat over the real sources with a fresh index, at a local URL."""
    port = free_port()
    demo = ui.launch(sources=SOURCES, index_dir=index_dir, host="127.0.0.1", port=port, block=False, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url)
        yield url
    finally:
        demo.close()


@pytest.fixture()
def client(server: str):
    """A fresh client: its own Gradio session."""
    return gradio_client.Client(server, verbose=False)


def test_page_serves_the_chat_in_chinese(server: str):
    with urllib.request.urlopen(server, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "政策文件问答" in page


def test_ask_api_quotes_with_citations(client):
    text, record = client.predict(CHAOZHOU, 5, "hybrid", "", api_name="/ask")
    assert "600户" in text and "[1]" in text
    assert record["refused"] is False
    citation = record["citations"][0]
    assert "600户" in citation["quote"]
    assert citation["source"] == "002_99746783e150fea8.txt" and citation["region"] == "潮州"
    assert citation["title"].startswith("潮州市") and citation["date"] == "2024-05-06"
    assert citation["end"] - citation["start"] == len(citation["quote"])
    assert citation["copy"].startswith("「") and "——" in citation["copy"]


def test_ask_api_follow_up_with_previous_question(client):
    text, record = client.predict("那江门呢？", 5, "hybrid", CHAOZHOU, api_name="/ask")
    assert "1400户" in text and "600户" not in text
    assert record["answered_question"] == JIANGMEN
    assert record["citations"][0]["region"] == "江门"


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_ask_api_modes_and_k(client, mode: str):
    text, record = client.predict(CHAOZHOU, 8, mode, "", api_name="/ask")
    assert record["answered_question"] == CHAOZHOU
    if mode != "dense":  # the bundled English model ranks Chinese poorly on its own
        assert "600户" in text


def test_ask_api_rejects_bad_input(client):
    with pytest.raises(Exception, match="未知的检索方式"):
        client.predict(CHAOZHOU, 5, "magic", "", api_name="/ask")
    with pytest.raises(Exception, match="empty"):
        client.predict("   ", 5, "hybrid", "", api_name="/ask")


def test_refusal_for_a_place_not_in_the_sources(client):
    text, record = client.predict(GUANGZHOU, 5, "hybrid", "", api_name="/ask")
    assert record["refused"] is True and text.startswith("在现有资料中未找到")
    assert record["citations"] == [] and record["related"], "a refusal still shows the closest passages"
    history, _ = client.predict(GUANGZHOU, [], 5, "hybrid", [], [], api_name="/chat")
    shown = last_text(history)
    assert "qa-refused" in shown and "在现有资料中未找到" in shown and "可能相关" in shown


def test_chat_session_streams_answers_follow_ups_and_exports(client):
    job = client.submit(CHAOZHOU, [], 5, "hybrid", [], [], api_name="/chat")
    updates = [last_text(history) for history, _ in job]
    assert len(updates) >= 3, "the answer streams in pieces"
    final = updates[-1]
    assert "600户" in final and "[1]" in final and "<details>" in final and "<mark>" in final
    assert any("qa-streaming" in update and "600户" not in update for update in updates), "text grows while streaming"
    history = job.outputs()[-1][0]

    history, _ = client.predict("那江门呢？", history, 5, "hybrid", [], [], api_name="/chat")
    answer = last_text(history)
    assert "1400户" in answer and "按上文理解为：江门今年要为多少户" in answer
    assert "潮州" not in answer.split("qa-cites")[0].replace("按上文理解为", "")

    files = client.predict(api_name="/export")
    paths = sorted(Path(f) for f in files)
    csv_path = next(p for p in paths if p.suffix == ".csv")
    markdown_path = next(p for p in paths if p.suffix == ".md")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["question"] for row in rows] == [CHAOZHOU, "那江门呢？"]
    assert "600户" in rows[0]["quote"] and "1400户" in rows[1]["quote"]
    markdown = markdown_path.read_text(encoding="utf-8")
    assert "600户" in markdown and "1400户" in markdown and "按上文理解为" in markdown


def test_sessions_do_not_share_follow_up_state(server: str):
    first = gradio_client.Client(server, verbose=False)
    second = gradio_client.Client(server, verbose=False)
    first.predict(CHAOZHOU, [], 5, "hybrid", [], [], api_name="/chat")
    history, _ = second.predict("那江门呢？", [], 5, "hybrid", [], [], api_name="/chat")
    assert "按上文理解为" not in last_text(history), "another user's question is not this session's context"


def test_filters_restrict_to_chosen_documents_and_regions(client):
    history, _ = client.predict(CHAOZHOU, [], 5, "hybrid", [], ["江门"], api_name="/chat")
    assert "qa-refused" in last_text(history)
    history, _ = client.predict(CHAOZHOU, [], 5, "hybrid", ["002_99746783e150fea8.txt"], [], api_name="/chat")
    assert "600户" in last_text(history)


def test_eight_concurrent_users_get_their_own_answers(server: str):
    barrier = threading.Barrier(len(CONCURRENT))

    def one(item: tuple[str, str]) -> tuple[str, str, str, str]:
        question, expected = item
        client = gradio_client.Client(server, verbose=False)
        barrier.wait(timeout=60)
        history, _ = client.predict(question, [], 5, "hybrid", [], [], api_name="/chat")
        text, _ = client.predict(question, 5, "hybrid", "", api_name="/ask")
        return question, expected, last_text(history), text

    began = time.perf_counter()
    with ThreadPoolExecutor(len(CONCURRENT)) as pool:
        results = list(pool.map(one, CONCURRENT))
    elapsed = time.perf_counter() - began
    for question, expected, chat_html, text in results:
        assert expected in chat_html, (question, chat_html[:300])
        assert expected in text, (question, text)
        others = [e for _, e in CONCURRENT if e != expected and e not in expected]
        assert not any(other in text for other in others), (question, text)
    assert elapsed < 60


def test_read_auth(tmp_path: Path):
    assert ui.read_auth({}) is None
    assert ui.read_auth({"QA_AUTH": "alice:s3cret"}) == [("alice", "s3cret")]
    users = tmp_path / "users"
    users.write_text("# team\nbob:pw1\n\ncarol:p:w2\n", encoding="utf-8")
    assert ui.read_auth({"QA_AUTH_FILE": str(users)}) == [("bob", "pw1"), ("carol", "p:w2")]
    with pytest.raises(ui.AuthConfigError, match="user:password"):
        ui.read_auth({"QA_AUTH": "nocolon"})
    with pytest.raises(ui.AuthConfigError, match="QA_AUTH_FILE"):
        ui.read_auth({"QA_AUTH_FILE": str(tmp_path / "missing")})


def test_auth_from_environment(server: str, index_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QA_AUTH", "alice:s3cret")  # a second server on the same, already built, index
    port = free_port()
    demo = ui.launch(sources=SOURCES, index_dir=index_dir, host="127.0.0.1", port=port, block=False, quiet=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url)
        with pytest.raises(Exception):
            gradio_client.Client(url, verbose=False).predict(CHAOZHOU, 5, "hybrid", "", api_name="/ask")
        client = gradio_client.Client(url, auth=("alice", "s3cret"), verbose=False)
        text, _ = client.predict(CHAOZHOU, 5, "hybrid", "", api_name="/ask")
        assert "600户" in text
    finally:
        demo.close()
