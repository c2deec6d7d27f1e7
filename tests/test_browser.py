"""The chat in headless Chromium: typing a question, streamed answer, citations that
expand and copy, follow-ups, refusals, export, upload, and source markup that stays text."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port, wait_for_http

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("needs Chromium at /usr/bin/chromium (apt-get install -y chromium fonts-wqy-zenhei)", allow_module_level=True)
pytest.importorskip("gradio")
playwright_api = pytest.importorskip("playwright.sync_api")

import ui  # noqa: E402

SOURCES = Path(__file__).resolve().parent.parent / "sources"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CHAOZHOU = "潮州今年要为多少户特殊困难老年人家庭做适老化改造？"
EVIL_QUESTION = "汕头市测试街道今年要建设多少根智慧灯杆？"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = '<a href="javascript:window.__pwned=1">通知</a>'
EVIL_TEXT = (
    f"Title: 测试页面{IMG}\n"
    "URL: javascript:window.__pwned=1\n\n"
    f"汕头市测试街道今年要建设智慧灯杆320根{SCRIPT}，并安装{IMG}监控设备，详见{LINK}。\n"
    "汕头市测试街道将在年底前完成全部智慧灯杆的调试工作，确保覆盖主要道路和公共场所。\n"
)
TIMEOUT_MS = 120_000  # generous: CI machines may be busy






@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The chat over a copy of the real sources plus a page full of hostile markup."""
    sources = tmp_path_factory.mktemp("sources")
    for path in SOURCES.iterdir():
        if path.is_file():
            shutil.copyfile(path, sources / path.name)
    (sources / "zz_evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index")
    port = free_port()
    demo = ui.launch(sources=sources, index_dir=index_dir, host="127.0.0.1", port=port, block=False, quiet=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url)
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium from the system package."""
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture()
def page(browser, server: str) -> Iterator[object]:
    """A new browser session on the chat, once the index is ready; fails on any page error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="zh-CN",
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server)
    page.wait_for_selector("#qa-status :text('状态：就绪')", timeout=120_000)
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def ask(page, question: str) -> object:
    """Type a question, press Enter, and return the locator of the finished answer."""
    before = page.locator(".qa-answer:not(.qa-streaming)").count()
    page.locator("#qa-question textarea").fill(question)
    page.keyboard.press("Enter")
    answers = page.locator(".qa-answer:not(.qa-streaming)")
    page.wait_for_function(
        "n => document.querySelectorAll('.qa-answer:not(.qa-streaming)').length > n", arg=before, timeout=TIMEOUT_MS
    )
    return answers.nth(before)


def test_question_answer_citation_copy_and_screenshot(page, tmp_path: Path):
    # Record whether a half-written answer was ever on screen: the answer must stream.
    page.evaluate(
        """() => { window.__sawStreaming = false;
        new MutationObserver(() => { if (document.querySelector('.qa-streaming .qa-text')
            && document.querySelector('.qa-streaming .qa-text').textContent.length > 1) window.__sawStreaming = true; })
          .observe(document.body, {subtree: true, childList: true, characterData: true}); }"""
    )
    answer = ask(page, CHAOZHOU)
    assert page.evaluate("window.__sawStreaming") is True
    text = answer.locator(".qa-text").inner_text()
    assert "600户" in text and "[1]" in text
    cite = answer.locator(".qa-cite").first
    meta = cite.locator(".qa-meta").inner_text()
    assert "潮州市" in meta and "2024-05-06" in meta and "潮州" in meta
    assert "002_99746783e150fea8.txt 字符" in meta, "no URL: file name and character range instead"

    cite.locator("summary").click()
    mark = cite.locator("details[open] mark")
    mark.wait_for(state="visible")
    assert "600户" in mark.inner_text()
    assert len(cite.locator(".qa-passage").inner_text()) > len(mark.inner_text()), "the passage surrounds the quote"

    cite.locator(".qa-copy").click()
    page.wait_for_function("() => document.querySelector('.qa-copy').textContent === '已复制'", timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("「") and "600户" in copied and "——潮州市" in copied and "，2024-05-06，" in copied

    page.wait_for_timeout(300)
    shot = tmp_path / "ui-screenshot.png"
    page.screenshot(path=str(shot), full_page=True)
    shutil.copyfile(shot, "/tmp/ui-screenshot.png")
    assert shot.stat().st_size > 10_000


def test_follow_up_refusal_and_export(page):
    ask(page, CHAOZHOU)
    follow = ask(page, "那江门呢？")
    assert "1400户" in follow.locator(".qa-text").inner_text()
    assert "江门今年要为多少户" in follow.locator(".qa-rewrite").inner_text()

    refusal = ask(page, "广州今年要为多少户特殊困难老年人家庭做适老化改造？")
    assert "qa-refused" in (refusal.get_attribute("class") or "")
    assert refusal.locator(".qa-refusal").inner_text().lstrip("⚠ ").startswith("在现有资料中未找到")
    assert refusal.locator(".qa-label").first.inner_text() == "可能相关"

    page.locator("#qa-export").click()
    links = page.locator("#qa-downloads a")
    links.first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.querySelectorAll('#qa-downloads a').length >= 2", timeout=TIMEOUT_MS)
    names = page.locator("#qa-downloads").inner_text().replace("\n", "")
    assert re.search(r"问答记录-\d{8}-\d{6}\.md", names) and re.search(r"问答记录-\d{8}-\d{6}\.csv", names)
    csv_link = page.locator("#qa-downloads a", has_text=".csv").first
    if not csv_link.count():
        csv_link = links.nth(1)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        csv_link.click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows] == ["question", CHAOZHOU, "那江门呢？", "广州今年要为多少户特殊困难老年人家庭做适老化改造？"]
    assert "600户" in rows[1][2] and "1400户" in rows[2][2] and rows[3][1].startswith("在现有资料中未找到")


def test_source_markup_is_shown_as_text_and_never_runs(page):
    answer = ask(page, EVIL_QUESTION)
    answer.locator("summary").first.click()
    shown = answer.inner_text()
    assert "智慧灯杆320根" in shown
    assert SCRIPT in shown and IMG in shown and LINK in shown, "the markup is displayed as text"
    assert page.locator("#qa-chat script").count() == 0
    assert page.locator("#qa-chat img[src='x']").count() == 0
    assert page.locator("#qa-chat a[href^='javascript']").count() == 0
    assert page.locator("#qa-chat [onerror]").count() == 0
    # The title is shown in the sources table, as text too.
    assert "测试页面<img" in page.locator("#qa-sources").inner_text()
    page.wait_for_timeout(500)  # give a broken image's onerror the time it would need
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_upload_makes_a_new_file_answerable(page, tmp_path: Path):
    upload = tmp_path / "云浮测试通知.md"
    upload.write_text("# 云浮市测试镇通知\n\n云浮市测试镇今年计划新建篮球场37个，并配套建设健身步道。\n", encoding="utf-8")
    page.get_by_text("上传资料").click()
    page.locator("#qa-upload input[type=file]").set_input_files(str(upload))
    page.wait_for_selector("#qa-upload :text('云浮测试通知.md')", timeout=TIMEOUT_MS)
    page.get_by_role("button", name="上传并更新索引").click()
    page.wait_for_selector(":text('已加入 云浮测试通知.md')", timeout=TIMEOUT_MS)
    assert "云浮市测试镇通知" in page.locator("#qa-sources").inner_text()
    answer = ask(page, "云浮市测试镇今年计划新建多少个篮球场？")
    assert "37个" in answer.locator(".qa-text").inner_text()

    # Uploading the same name with other content asks for a rename instead of overwriting.
    upload.write_text("# 另一份\n\n云浮市测试镇今年计划新建足球场5个。\n", encoding="utf-8")
    page.locator("#qa-upload input[type=file]").set_input_files(str(upload))
    page.wait_for_selector("#qa-upload :text('云浮测试通知.md')", timeout=TIMEOUT_MS)
    page.get_by_role("button", name="上传并更新索引").click()
    page.wait_for_selector(":text('请改名后再上传')", timeout=TIMEOUT_MS)
