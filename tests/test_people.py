"""Who a sentence speaks of: people named with their posts, and 他/她 read back to them."""

from __future__ import annotations

from conftest import SOURCES

from qa.people import introduction, post_holders, spoken_of

REPORT = "座谈会上，汕头市委书记温湛滨多次强调产业。濠江区委书记李飞表示，要抓项目。会后，他走访了企业。"


def test_posts_are_read_with_the_names_they_precede():
    assert post_holders(REPORT) == {"温湛滨": ("汕头市委书记",), "李飞": ("濠江区委书记",)}
    assert post_holders("其他地区的做法值得学习。") == {}


def test_a_pronoun_speaks_of_the_person_named_last():
    start = REPORT.index("会后")
    assert spoken_of(REPORT, start, len(REPORT)) == ("李飞", "濠江区委书记")
    named = REPORT.index("濠江区委书记")
    assert spoken_of(REPORT, named, start) == ("濠江区委书记",)


def test_other_and_they_are_not_a_person():
    text = "汕头市委书记温湛滨作报告。其他区县也要跟进。他们表示支持。"
    start = text.index("其他")
    assert spoken_of(text, start, len(text)) == ()


def test_the_real_report_names_its_officials():
    text = (SOURCES / "001_a2e3b4959ada6c7b.txt").read_text(encoding="utf-8")
    holders = post_holders(text)
    assert holders["温湛滨"] == ("汕头市委书记",) and holders["李飞"] == ("濠江区委书记",)
    start = text.index("他在会议中提出")
    assert "汕头市委书记" in spoken_of(text, start, start + 30)


def test_a_pronoun_is_read_back_to_where_the_page_gave_the_post():
    start = REPORT.index("会后")
    assert REPORT[introduction(REPORT, start, len(REPORT)):].startswith("李飞表示")
    named = REPORT.index("濠江区委书记")
    assert introduction(REPORT, named, start) is None  # names its speaker itself
    other = "汕头市委书记温湛滨作报告。其他区县也要跟进。"
    assert introduction(other, other.index("其他"), len(other)) is None
