"""Answers on the real sources with the real default model: figures quoted verbatim, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from qa.answer import (
    FIGURE_OF_KIND,
    PAGE_FACT_LINES,
    candidates,
    coined_names,
    figure_contexts,
    figure_text,
    gives_a_name,
    gives_the_figure,
    measures_other,
    mentions_term,
    missing_terms,
    names_the_counted,
    only_counts,
    quoted_names,
    specific_terms,
    totals_a_list_with,
)
from qa.errors import UsageError
from qa.lexical import NEW_WORD_GRAM, abbreviated_words, index_tokens, official_forms, tokenize
from qa.amounts import amounts_in, thresholds_in
from qa.dialect import as_mandarin
from qa.question import as_open_question, does_the_act, read_question, split_comparison
from qa.retrieve import Filters


def _ask(engine, question):
    answer = engine.ask(question)
    for citation in answer.citations:
        document = engine.index.documents[engine.index.by_source[citation.source]]
        assert document.text[citation.start : citation.end] == citation.quote
    return answer


@pytest.mark.parametrize(
    ("question", "figure", "source"),
    [
        ("潮州今年要为多少户特殊困难老年人家庭做适老化改造？", "600户", "002_99746783e150fea8.txt"),
        ("江门今年的适老化改造要完成多少户？", "1400户", "003_862d51d958bf0661.txt"),
        ("濠江区1—8月完成工业投资额多少？", "42亿元", "001_a2e3b4959ada6c7b.txt"),
        ("张槎街道力争到2025年GDP达到多少？", "680亿元", "004_01f00fd820d3936d.txt"),
        ("汕头力争美丽宜居村占比达到多少？", "85%", "000_3bdecfe32d9120a6.txt"),
        ("江门每个行政村要植树多少株？", "100株", "003_862d51d958bf0661.txt"),
        ("饶平县的县域重点项目库不少于多少个项目？", "25个", "002_99746783e150fea8.txt"),
        ("深圳汕头产业合作园区启动区有多大？", "7.2平方公里", "000_3bdecfe32d9120a6.txt"),
        ("汕头与深圳共建的产业园区，启动区面积多大？", "7.2平方公里", "000_3bdecfe32d9120a6.txt"),  # 产业园区 written 产业合作园区
        ("江门力争GDP超百亿的镇街有多少个？", "12个", "003_862d51d958bf0661.txt"),
        ("江门今年力争GDP超50亿的镇街有多少个？", "27个", "003_862d51d958bf0661.txt"),
        ("潮州的通知是哪天印发的？", "2024年5月6日", "002_99746783e150fea8.txt"),
        ("江门工作要点出台的报道是哪天见报的？", "2024 年 8 月 14 日", "003_862d51d958bf0661.txt"),
        ("潮州今年要完成多少户适老化改造？", "600户", "002_99746783e150fea8.txt"),  # 全年不少于600户: subject in the clause before
        ("濠江区靠现有产业基础成立了几个产业联盟？", "五大产业联盟", "001_a2e3b4959ada6c7b.txt"),  # a count written 五大
        ("汕头市委全会上谁代表市委常委会作报告？", "温湛滨", "000_3bdecfe32d9120a6.txt"),
        ("温湛滨代表市委常委会作报告是哪天？", "1月6日", "000_3bdecfe32d9120a6.txt"),  # date and act in two sentences
        ("张槎何永庆说的今年整备产业用地500亩，是哪一年的目标？", "2023-06-18", "004_01f00fd820d3936d.txt"),  # 今年, dateline
        ("林曼解读的乡村振兴重点工作实施方案是哪一年的？", "2023年", "004_01f00fd820d3936d.txt"),  # the year of a plan's title
        ("张槎街道党工委书记姓名是什么？", "何永庆", "004_01f00fd820d3936d.txt"),
        ("潮州今年要抓好多少个新建、改扩建或学校项目？", "18个学校项目", "002_99746783e150fea8.txt"),  # the last of several
        ("张槎今年要建成多少平方米的都市型产业载体？", "75万平方米", "004_01f00fd820d3936d.txt"),  # unit, 的, then the measure
    ],
)
def test_figure_is_quoted_from_the_right_source(real_engine, question, figure, source):
    answer = _ask(real_engine, question)
    assert not answer.refused, answer.answer
    assert figure in answer.answer
    assert answer.citations[0].source == source
    assert answer.citations[0].title and answer.citations[0].date


def test_answer_text_marks_quotes_and_citations(real_engine):
    answer = _ask(real_engine, "潮州今年要为多少户特殊困难老年人家庭做适老化改造？")
    citation = answer.citations[0]
    assert answer.answer.startswith("「") and "[1]" in answer.answer
    assert citation.n == 1 and citation.date == "2024-05-06" and citation.region == "潮州"
    data = answer.to_json()
    assert data["citations"][0]["quote"] == citation.quote and data["passages"]


def test_comparison_quotes_each_side(real_engine):
    answer = _ask(real_engine, "潮州和江门今年分别要完成多少户适老化改造？")
    assert "600户" in answer.answer and "1400户" in answer.answer
    assert {c.source for c in answer.citations} == {"002_99746783e150fea8.txt", "003_862d51d958bf0661.txt"}


@pytest.mark.parametrize(
    "question",
    [
        "广州今年要完成多少户适老化改造？",  # a place the sources do not cover
        "汕头今年要完成多少户适老化改造？",  # a city that does not state this figure
        "潮州今年力争GDP超百亿的镇街有多少个？",  # a figure only another city states
        "张槎街道到2030年的GDP目标是多少？",  # a year no source speaks of
        "江门今年规上食品工业产值要突破多少亿元？",  # only 潮州 states it; 江门 gives 规上工业总产值
        "潮州今年要新增多少个公办基础教育学位？",  # only 江门 states it
        "南山区给濠江区拨了多少对口帮扶资金？",  # money asked; the passage counts trips (11次)
        "潮州的工作要点是哪一天经指挥部会议审议通过的？",  # a day asked; the passage gives none
        "潮州市百千万工程指挥部的总指挥是谁？",  # a post the sources never name
        "江门今年力争GDP超200亿元的镇街有多少个？",  # the sources state 百亿 and 50亿 thresholds only
        "江门市指挥部是哪一天印发2024年工作要点的？",  # the paper says only 日前印发; its dateline is the report's
        "濠江区的区长是谁？",
        # A neighbouring measure in the same sentence carries the figure, not the one asked:
        "潮州对65岁以上老人家庭医生签约服务率的要求是多少？",  # 医养结合服务率 38%
        "江门今年要新增多少个普通高中学位？",  # 公办基础教育学位 1.4万个
        "濠江区前8个月规上工业增加值增长多少？",  # 工业投资额 比增67%
        "潮州今年安排了多少市级财政专项资金支持百千万工程？",  # 营收5亿元以上农业企业
        "潮州2024年要新认定多少家高新技术企业？",  # 农业企业 2家
        "濠江区1—8月固定资产投资完成多少？",  # 工业投资额 42亿元
        "潮州要培育多少家年营收10亿元以上的农业企业？",  # 5亿元 and 1亿元 thresholds only
        "汕头市委全会由谁主持？",  # the page says who reported, not who chaired
        "江门GDP超百亿的那12个镇街分别是哪些？",  # the page says how many, not which
        "濠江区海上风电产业平均每个项目投资多少亿元？",  # the page gives the total of 10 projects
        "潮州今年要打造几条乡村振兴示范带？",  # the page says 一批
        "张槎街道大会上代表莲塘村作表态发言的人叫什么名字？",  # the page names the village, not the speaker
        "潮州今年要新增培育多少家高新技术企业？",  # 1个…产业带 counts another thing
        "禅城区到2025年GDP要达到多少？",  # 680亿元 is 张槎街道's, a part of 禅城区
        "南澳县要创建的国家5A级旅游景区具体叫什么名字？",  # the page names no 景区
        "濠江落地的海上风电项目里，齿轮箱项目的投资额是多少？",  # 80亿元 is all 10 projects'
        "张槎街道2023年GDP实际完成了多少？",  # a page of 2023 says 到2025年…680亿元: 2025's
        "江门今年全市GDP目标是多少亿元？",  # GDP超百亿镇街12个 counts towns; it gives no GDP
    ],
)
def test_refuses_what_the_sources_do_not_say(real_engine, question):
    answer = _ask(real_engine, question)
    assert answer.refused, answer.answer
    assert answer.answer.startswith("在现有资料中未找到")
    assert not answer.citations and answer.passages


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("濠江区1—8月工业投资额是多少？", "money"),
        ("南山区投入了多少帮扶资金？", "money"),
        ("汕头美丽宜居村占比要达到多少？", "share"),
        ("启动区有多大面积？", "area"),
        ("江门要完成多少户适老化改造？", "count"),
        ("要培养多少名医学生？", "people"),
        ("总投资19.86亿元的学校项目有多少个？", "count"),  # the unit after 多少 decides
        ("1—8月规上工业增加值增长了多少？", "growth"),
        ("濠江区区委书记是谁？", None),
    ],
)
def test_figure_questions_name_the_kind_of_figure(question, kind):
    assert read_question(question).figure_kind == kind


def test_figures_a_question_states_are_kept_apart_from_dates():
    assert read_question("江门力争GDP超200亿元的镇街有多少个？").stated_figures == ("200亿",)
    assert read_question("濠江区2023年1—8月工业投资额是多少？").stated_figures == ()
    assert read_question("总投资19.86亿元的学校项目有几个？").stated_figures == ("19.86亿",)
    assert read_question("潮州[31m今年要做多少户？").stated_figures == ()  # a stray colour code is no figure


def test_who_questions_answer_with_the_post_asked():
    assert read_question("濠江区现任区委书记叫什么名字？").asked_role == "书记"
    assert read_question("指挥部的总指挥是谁？").asked_role == "总指挥"
    assert read_question("区委书记提出了什么要求？").asked_role is None


def test_a_city_and_its_own_district_are_a_setting_not_two_sides():
    assert read_question("汕头在濠江区举行的“工业立市、产业强市”现场会上发言的区委书记是谁？").kind != "comparison"
    assert read_question("潮州和江门的适老化改造目标是多少户？").kind == "comparison"
    assert read_question("汕头市委全会和濠江区现场会分别在哪天召开？").kind == "comparison"


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("潮州2024年老年人家庭医生签约服务率目标是多少？", ("老年人", "家庭医生签约", "服务率")),
        ("潮州对老人家庭医生签约服务率的要求是多少？", ("老人", "家庭医生签约", "服务率")),
        ("潮州2024年计划新认定多少家高新技术企业？", ("高新技术", "企业")),
        ("濠江海上风电产业链项目的总投资规模是多少？", ("海上风电", "产业链", "项目", "投资")),  # 规模 is the kind
        ("江门安排多少名医生下沉到基层？", ()),  # the clause goes on after the noun: no measure read
        ("潮州安排了多少市级财政专项资金支持百千万工程？", ("市级", "财政", "专项资金")),  # ... unless it is the verb's subject
        ("潮州要最少建成几条外观改善的样板街道？", ()),  # ... and not the start of a phrase 的 goes on to
        ("潮州今年要抓好多少个新建、改扩建或学校项目？", ("学校", "项目")),  # the last of several things joined
        ("汕头市2025年地区生产总值的增长目标定为多少？", ("地区", "生产总值")),  # through 的 and 增长目标
        ("濠江区委书记是谁？", ()),  # not a figure question
    ],
)
def test_figure_questions_name_what_they_measure(question, words):
    assert read_question(question).measure_words == words


def test_a_figure_is_read_with_the_words_of_its_clause():
    contexts = figure_contexts("1—8月,全区完成工业投资额42亿元,比增67%", FIGURE_OF_KIND["growth"])
    assert [(c.before, c.previous) for c in contexts] == [("比增", "全区完成工业投资额42亿元")]
    share = FIGURE_OF_KIND["share"]
    sentence = "推进家庭医生签约服务,65岁及以上老年人医养结合服务率提高到38%。"
    assert measures_other(read_question("潮州的家庭医生签约服务率要达到多少？"), sentence, share)
    assert not measures_other(read_question("潮州的医养结合服务率要达到多少？"), sentence, share)
    count = FIGURE_OF_KIND["count"]
    assert not measures_other(read_question("潮州的适老化改造要做多少户？"), "开展适老化改造工作,全年不少于600户。", count)


def test_sides_asked_in_clauses_of_their_own_are_split_by_clause():
    question = read_question("在风貌提升上，潮州选哪些地区打造示范带，江门又以哪些通道沿线的镇村为重点？")
    assert question.kind == "comparison"
    assert split_comparison(question) == [
        ("潮州", "在风貌提升上，潮州选哪些地区打造示范带"),
        ("江门", "在风貌提升上，江门又以哪些通道沿线的镇村为重点？"),
    ]
    both = read_question("汕头和江门都提到县城，汕头要打造什么样的县城，江门让哪个市试点？")
    assert [side for _, side in split_comparison(both)] == ["汕头都提到县城，汕头要打造什么样的县城", "江门都提到县城，江门让哪个市试点？"]


def test_comparison_sides_keep_their_names_and_share_the_setting():
    shared = read_question("濠江区和张槎街道推进“百千万工程”，分别把什么作为重中之重或主要途径？")
    assert [side for _, side in split_comparison(shared)] == [
        "濠江区推进“百千万工程”，分别把什么作为重中之重或主要途径？",
        "张槎街道推进“百千万工程”，分别把什么作为重中之重或主要途径？",
    ]
    own = read_question("汕头市委全会和江门工作要点在动员企业帮扶镇村方面，都提到要深化哪项行动？")
    assert own.kind == "comparison"
    assert [side for _, side in split_comparison(own)] == [
        "汕头市委全会在动员企业帮扶镇村方面，都提到要深化哪项行动？",
        "江门工作要点在动员企业帮扶镇村方面，都提到要深化哪项行动？",
    ]
    within = read_question("在旅游景区创建上，汕头南澳县和江门赤坎华侨古镇各瞄准什么级别？")
    assert [side for _, side in split_comparison(within)][0] == "在旅游景区创建上，汕头南澳县各瞄准什么级别？"
    # A kind of town after the last side is what both are asked, not a town of the last side.
    kind = read_question("平远和龙川现有的省级典型镇分别是哪个镇？")
    assert [side for _, side in split_comparison(kind)] == ["平远现有的省级典型镇分别是哪个镇？", "龙川现有的省级典型镇分别是哪个镇？"]


def test_comparison_sides_share_a_partner_and_a_closing_clause():
    partner = read_question("潮州和汕头与深圳共建的产业合作园区分别叫什么？")
    assert [side for _, side in split_comparison(partner)] == [
        "潮州与深圳共建的产业合作园区分别叫什么？",
        "汕头与深圳共建的产业合作园区分别叫什么？",
    ]
    listed = read_question("潮州、汕头与江门分别提出了什么？")  # no joint work: 江门 is a third side
    assert [place for place, _ in split_comparison(listed)] == ["潮州", "汕头", "江门"]
    clause = read_question("潮州的深潮协作与江门的横向产业协作，对应的合作城市分别是哪里？")
    assert [side for _, side in split_comparison(clause)] == [
        "潮州深潮协作，对应的合作城市分别是哪里？",
        "江门的横向产业协作，对应的合作城市分别是哪里？",
    ]


def test_short_forms_name_the_words_they_abbreviate(real_engine):
    assert abbreviated_words("实施城乡居保“镇村通”工程", "城乡居民养老保险的经办服务") == {"城乡居民", "养老保险"}
    assert abbreviated_words("规上工业增加值增长5%", "规模以上工业增加值增长多少？") >= {"规模", "以上"}
    assert abbreviated_words("汕头市委全会召开", "汕头市委开了什么会？") == frozenset()  # a split, not a short form
    assert abbreviated_words("推动乡村振兴", "乡村振兴战略怎么推进？") == frozenset()
    assert "居保" in real_engine.index.lexical.short_forms("城乡居民养老保险的经办服务")


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("潮州的城乡居民养老保险服务怎样延伸到镇村？", "镇村通"),  # the source says 城乡居保
        ("潮州要改善韩江两侧沿岸的风貌，这项工作怎么提？", "一江两岸"),  # ... 两岸
    ],
)
def test_a_question_in_full_words_finds_the_short_form(real_engine, question, quoted):
    answer = _ask(real_engine, question)
    assert not answer.refused and quoted in answer.answer


def test_the_year_asked_counts_as_evidence(real_engine):
    # Not refused because other years' sentences share more of the question's general words.
    answer = _ask(real_engine, "张槎街道会议为2027年提出了什么目标？")
    assert not answer.refused and "到2027年" in answer.answer


def test_either_word_of_an_alternative_may_answer():
    question = read_question("张槎把什么作为重中之重或主要途径？")
    assert {"重中之重", "主要途径"} <= set(question.alternatives)


def test_counts_inside_quoted_names_are_not_figures():
    count = FIGURE_OF_KIND["count"]
    assert not count.search(figure_text("调研了“四个一体化”海上风电装备制造产业园项目"))
    assert count.search(figure_text("落地项目10个")) and count.search(figure_text("建成“七个一”工程5个"))
    assert not count.search(figure_text("打造一批乡村振兴示范带", exact=True))  # 一批 is no number
    assert count.search(figure_text("打造一批乡村振兴示范带"))  # ... but tells how much, when asked how they differ
    assert read_question("潮州要打造几条示范带？").asks_exact_number
    assert not read_question("潮州点名的几个千强镇是哪些？").asks_exact_number


def test_dates_are_not_the_figure_asked():
    question = read_question("潮州提出了哪些量化的目标数值？")
    assert question.wants_number
    assert not gives_the_figure(question, "2024年,我市将坚持以习近平新时代中国特色社会主义思想为指导")
    assert not gives_the_figure(question, "1—8月,全区召开了现场会。")
    assert gives_the_figure(question, "力争2025年美丽宜居村占比85%以上。")
    assert gives_the_figure(read_question("这是第几场现场会？"), "9月26日,汕头市第八场现场会在濠江区举行。")
    assert figure_text("用3年时间,6个月内完成") == "用3年时间,6个月内完成"


def test_ordinals_say_which_not_how_many(real_engine):
    question = read_question("汕头的第三批建筑业央企助力项目有多少个？")
    assert not gives_the_figure(question, "实施第三批建筑业央企助力项目,带动国企和民企深度参与县镇村建设。")
    assert gives_the_figure(question, "实施第三批建筑业央企助力项目12个。")
    assert _ask(real_engine, question.text).refused  # the source names the batch, not how many


def test_a_count_in_another_unit_counts_something_else():
    question = read_question("潮州要求每个镇街至少开展几项自主改革？")
    assert not gives_the_figure(question, "每个镇街至少完成打造2条风貌提升示范街。")
    assert gives_the_figure(question, "每个镇街至少开展3项自主改革。")
    assert gives_the_figure(read_question("江门要建多少个示范点？"), "建成示范点5处。")  # 个 counts anything


def test_a_figure_in_a_list_measures_only_its_own_item():
    question = read_question("江门达到推荐标准的基层医疗机构，占比目标是多少？")
    assert question.measure_words == ("基层", "医疗机构")  # the share of what the clause before names
    sentence = "达到推荐标准的基层医疗机构新增5家、基本标准机构占比不低于85%。"
    assert not gives_the_figure(question, sentence)
    assert gives_the_figure(question, "达到推荐标准的基层医疗机构占比不低于60%、基本标准机构新增5家。")


def test_a_how_question_naming_a_measure_asks_no_figure():
    assert not read_question("潮州打算怎样解决工业园区规模小的问题？").wants_number
    assert not read_question("汕头希望要素在城乡之间达到什么样的状态？").wants_number
    assert read_question("潮州怎样提高签约服务率，要达到多少？").wants_number
    assert read_question("江门行政村与企业结对的比例目标是什么？").wants_number


@pytest.mark.parametrize(
    ("question", "head", "quoted"),
    [
        ("濠江区引导在外乡亲回来投资，实施的是什么工程？", "工程", "乡贤回归工程"),
        ("潮州荣获的国际称号是什么？", "称号", "世界美食之都"),
        ("张槎按亩产评价用地的理念是怎么表述的？", "理念", "亩均论英雄"),
    ],
)
def test_a_question_for_a_name_is_answered_by_the_quoted_name(real_engine, question, head, quoted):
    assert read_question(question).named_head == head
    answer = _ask(real_engine, question)
    assert not answer.refused and quoted in answer.answer


def test_the_corpus_subject_is_not_the_name_asked():
    assert quoted_names("推进“百千万工程”,实施“乡贤回归工程”", "工程") == ["百千万工程", "乡贤回归工程"]
    assert read_question("江门的GDP是多少？").named_head is None
    assert read_question("南澳县要创建的5A级景区叫什么名字？").named_head == "景区"


def test_a_post_asked_is_answered_by_what_its_holder_said(real_engine):
    # The report names 温湛滨 as 汕头市委书记 once; the sentence that answers says only 他.
    answer = _ask(real_engine, "汕头市委书记在濠江要求园区建设重视什么概念，以免重复投放？")
    assert not answer.refused and "产业融合" in answer.answer
    # The quote says 他: the sentence that names him, with his post, is quoted before it.
    first, second = answer.citations
    assert "汕头市委书记温湛滨" in first.quote and second.quote.startswith("他") and first.end < second.start


def test_the_members_of_a_count_must_be_named():
    assert names_the_counted("完成蓬江潮连中心学校、江海产业新城学校等11个新(改、扩)建项目", "11个")
    assert not names_the_counted("力争今年gdp超百亿镇街12个以上、超50亿镇街27个以上", "12个")
    assert names_the_counted("盘整更新千亩连片区2个,分别位于莲塘村和下朗村", "2个")
    assert read_question("饶平县重点项目库里具体有哪些项目？").asked_members == "项目"
    assert only_counts("建立县域重点项目库,其中,潮安区不少于28个项目、饶平县不少于25个项目", "项目")
    assert not only_counts("推进a项目、b项目等28个项目", "项目")


def test_comparisons_quote_each_side_when_both_places_state_it(real_engine):
    answer = _ask(real_engine, "濠江区和张槎街道分别把什么作为推进百千万工程的重中之重或主要途径？")
    assert {c.source for c in answer.citations} == {"001_a2e3b4959ada6c7b.txt", "004_01f00fd820d3936d.txt"}
    answer = _ask(real_engine, "同样临港，汕头的濠江区和潮州的饶平县各自的发展定位是什么？")
    assert "港城融合示范区" in answer.answer and "临港新城" in answer.answer


def test_a_comparison_in_two_clauses_quotes_each_side(real_engine):
    answer = _ask(real_engine, "在教育方面，潮州要抓多少个学校项目，江门又要新增多少公办基础教育学位？")
    assert "18个学校项目" in answer.answer and "1.4万个" in answer.answer


def test_compound_terms_match_across_an_inserted_word():
    assert mentions_term("加快推动深圳汕头产业合作园区建设", "产业园区")
    assert not mentions_term("规上工业总产值超4000亿元", "食品工业")
    assert not mentions_term("产业带建设，打造园区", "产业园区")  # the halves in different clauses
    assert mentions_term("抓好18个学校项目", "建设项目")  # 建设 is too common to narrow 项目 down
    assert mentions_term("对撂荒耕地复耕复种的，每亩补助800元", "撂荒地")  # a word, one character, its head
    assert not mentions_term("建设乡村振兴示范带", "示范村")
    assert mentions_term("驻镇帮镇扶村工作队员", "帮扶") and not mentions_term("帮助扶持", "帮扶")


def test_filters_restrict_the_sources(real_engine):
    answer = real_engine.ask("适老化改造要完成多少户？", filters=Filters(regions=frozenset({"江门"})))
    assert {h.chunk.source for h in answer.passages} == {"003_862d51d958bf0661.txt"}
    assert "1400户" in answer.answer
    dated = real_engine.ask("适老化改造", filters=Filters(date_from="2024-06-01"))
    assert all(h.chunk.source == "003_862d51d958bf0661.txt" or h.chunk.source == "000_3bdecfe32d9120a6.txt" for h in dated.passages)


def test_dense_ranking_is_left_out_when_the_model_does_not_cover_chinese(real_engine):
    embedding = real_engine.index.manifest["embedding"]
    assert embedding["model"] == "bundled:all-MiniLM-L6-v2" and embedding["dimension"] == 384
    assert embedding["coverage"] < 0.9 and not embedding["dense_in_fusion"]
    notice = real_engine.dense_notice()
    assert "QA_EMBED_MODEL" in notice
    # Dense retrieval still works when asked for explicitly: the real model embeds the query.
    assert real_engine.ask("适老化改造", mode="dense").passages


@pytest.mark.parametrize("question", ["", "   \n\t", "问" * 2001])
def test_bad_questions_are_usage_errors(real_engine, question):
    with pytest.raises(UsageError):
        real_engine.ask(question)


# Paragraphs on other topics, so that a short test page's own words are not taken for the corpus'
# subject (a word in more than COMMON_IN_CORPUS of the passages).
PADDING = "".join(f"{topic}持续推进，镇村面貌明显改善，群众满意度不断提高，长效管护机制逐步建立。" * 3 + "\n"
                  for topic in ("农村人居环境整治", "高标准农田建设", "荔枝龙眼产业", "驻镇帮镇扶村", "古村活化利用", "河涌水环境治理"))


def _small_engine(tmp_path, texts, metadata=""):
    from conftest import FakeEmbedder

    from qa.engine import Engine

    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in texts.items():
        (sources / name).write_text(text, encoding="utf-8")
    if metadata:
        (sources / "metadata.toml").write_text(metadata, encoding="utf-8")
    engine = Engine(sources, tmp_path / "index", embedder=FakeEmbedder())
    engine.refresh()
    return engine


MEETING = """梅州市召开“百千万工程”推进大会
发布时间：2024-03-18
一、2023年工作取得阶段性成效
　　罗春明在工作报告中介绍，全市通过“县招镇用”方式为乡镇卫生院招聘医护人员320名，新增全科医生87名。
二、2024年重点任务
　　（一）到2025年，县域经济明显增强。农村居民人均可支配收入达到2.6万元；每个镇建成1个示范点。
　　（二）做好服务。成立由市委书记、市长任总指挥的市“百千万工程”指挥部。全市发展乡村民宿600家。
"""


def _metadata(name: str, title: str, date: str, region: str) -> str:
    """A sources folder's metadata.toml entry for one file."""
    return f'["{name}"]\ntitle = "{title}"\ndate = "{date}"\nregion = "{region}"\n'


def _page_engine(tmp_path, name, page, title, date, region):
    """An engine on one test page, padded with ``PADDING``, and its metadata."""
    return _small_engine(tmp_path, {name: page + PADDING}, _metadata(name, title, date, region))


MEETING_META = _metadata("meizhou.txt", "梅州市召开“百千万工程”推进大会", "2024-03-18", "梅州")


def test_a_year_stated_by_a_heading_dates_the_sentences_under_it(tmp_path):
    engine = _small_engine(tmp_path, {"meizhou.txt": MEETING}, MEETING_META)
    answer = _ask(engine, "梅州2023年为乡镇卫生院招聘了多少名医护人员？")
    assert not answer.refused and "320名" in answer.answer
    answer = _ask(engine, "梅州到2025年农村居民人均可支配收入要达到多少？")
    assert not answer.refused and "2.6万元" in answer.answer
    assert _ask(engine, "梅州2022年为乡镇卫生院招聘了多少名医护人员？").refused
    assert _ask(engine, "梅州2024年为乡镇卫生院招聘了多少名医护人员？").refused  # the page's year, the heading's 2023


def test_a_target_dated_only_by_its_heading_is_quoted_with_the_heading(tmp_path):
    engine = _small_engine(tmp_path, {"meizhou.txt": MEETING}, MEETING_META)
    answer = _ask(engine, "梅州打算什么时候让农村居民人均可支配收入达到2.6万元？")
    heading, target = answer.citations
    assert heading.quote.startswith("（一）到2025年") and "2.6万元" in target.quote
    assert _ask(engine, "梅州农村居民人均可支配收入是哪一年达到2.6万元的？").refused  # done, not aimed at
    assert read_question("这份工作要点的成文日期是哪天？").asks_publication_date  # the document's own date


def test_count_words_and_programme_names_are_read_as_written(tmp_path):
    engine = _small_engine(tmp_path, {"meizhou.txt": MEETING}, MEETING_META)
    answer = _ask(engine, "梅州要发展多少家乡村民宿？")  # not 家乡 + 村民 + 宿
    assert not answer.refused and "600家" in answer.answer
    assert "□" not in figure_text("“百千万工程”重点项目年度计划投资520亿元")  # 百千万 names, it does not count
    assert figure_text("“七个一”工程").count("□") == 2


def test_a_post_held_ex_officio_answers_who_holds_it_not_who_holds_the_other(tmp_path):
    engine = _small_engine(tmp_path, {"meizhou.txt": MEETING}, MEETING_META)
    answer = _ask(engine, "梅州百千万工程指挥部的总指挥由谁担任？")
    assert not answer.refused and "市委书记、市长任总指挥" in answer.answer
    assert _ask(engine, "梅州的市委书记是谁？").refused  # the post is named, its holder is not


def test_a_name_jieba_cuts_two_ways_is_still_found():
    # jieba guesses 罗春明作 in one sentence and 罗春明 in another: the character pairs match.
    report = index_tokens("市委副书记罗春明作工作报告。")
    assert "罗春明" not in report and f"{NEW_WORD_GRAM}春明" in report
    assert f"{NEW_WORD_GRAM}春明" in index_tokens("罗春明是什么职务")
    assert not [t for t in index_tokens("推进百千万工程") if t.startswith(NEW_WORD_GRAM)]  # known words add none


def test_a_year_ends_a_word(real_engine):
    # jieba reads 2025年定了 as 2025 + 年定 + 了: the year is cut off first, 年底 stays one word.
    assert "年定" not in index_tokens("汕头和张槎各自给2025年定了什么目标？")
    assert "年底" in index_tokens("到2023年底，村集体经济收入达到46万元")
    answer = _ask(real_engine, "汕头和张槎各自给2025年定了什么目标？")
    assert "85%" in answer.answer and "680亿元" in answer.answer  # 力争 states a target


def test_a_measure_is_found_in_its_other_name(real_engine):
    # 地区生产总值 is written GDP; the count suffix of 总值 is not cut off before the register is read.
    assert "680亿元" in _ask(real_engine, "张槎到2025年地区生产总值要达到多少？").answer
    assert _ask(real_engine, "汕头市2025年地区生产总值的增长目标定为多少？").refused  # 85% is 美丽宜居村's


def test_a_threshold_that_picks_a_class_is_not_a_figure():
    assert "百亿" not in figure_text("力争今年GDP超百亿镇街12个以上") and "12个" in figure_text("力争今年GDP超百亿镇街12个以上")
    assert "5亿元" not in figure_text("年营收超5亿元的农业企业达到10家")
    assert "1.4万个" in figure_text("新增公办基础教育学位超1.4万个")  # a count, not a threshold
    assert "800亿元" in figure_text("GDP超过800亿元，增长5%")


def test_a_figure_for_a_list_is_not_one_members():
    sentence = "海上风电产业已落地风电整机、发电机、齿轮箱等产业链上下游项目10个、总投资约80亿元。"
    assert totals_a_list_with(sentence, "齿轮箱项目的投资额是多少？")
    assert not totals_a_list_with(sentence, "发电机、齿轮箱等项目总投资多少？")  # the list itself asked
    assert not totals_a_list_with(sentence, "海上风电项目总投资多少？")


def test_a_name_asked_must_be_given():
    asked = "南澳县要创建的国家5A级旅游景区具体叫什么名字？"
    assert read_question(asked).asks_name_of == "景区"
    assert not gives_a_name("加快创建国家5A级旅游景区，打造古镇旅游区", "景区", asked)
    assert gives_a_name("加快创建南澳岛国家5A级旅游景区", "景区", asked)  # words of its own
    assert gives_a_name("完善“1+6+N”基层社会治理工作体系", "体系", "基层社会治理工作体系叫什么名字")  # quoted
    assert gives_a_name("加快推动深圳汕头产业合作园区建设", "园区", "汕头与深圳共建的产业合作园区叫什么名字")  # places
    assert read_question("这种做法叫什么？").asks_name_of is None and read_question("发言人叫什么名字").asks_name_of is None


def test_the_act_asked_is_the_act_done():
    assert read_question("推进大会是谁主持的？").who_verb == "主持"
    assert does_the_act("市长黄振宇主持会议", "主持")
    assert not does_the_act("坚持“县域是主战场”", "主持")
    assert does_the_act("由市委书记、市长任总指挥", "担任")


def test_a_post_asked_is_the_post_given_with_the_name(real_engine):
    question = read_question("温湛滨在汕头担任什么职务？")
    assert question.asks_post and not read_question("温湛滨强调了什么？").asks_post
    answer = _ask(real_engine, "温湛滨在汕头担任什么职务？")
    assert not answer.refused and "市委书记温湛滨" in answer.citations[0].quote


FEATURE = """茂名：两镇一村的蝶变
发布时间：2024-06-20
茂名今年实现每个乡镇卫生院至少有2名全科医生，建成村级长者饭堂120个。
近日，记者走进高州市荔香镇和化州市东山镇橘园村，记录下它们的蝶变故事。
“路灯都装不起。”橘园村党支部书记梁国栋说。
记者：说到黄花坑村，它有什么变化？
陈志远：黄花坑村是我们的“样板”。几年前，村集体经济收入只有8万元。到2023年底，村集体经济收入达到46万元。
2023年，茂名市确定中心镇18个。全年到位驻镇帮镇扶村资金7.2亿元，实施帮扶项目980个。
上半年，中心镇共完成投资42.3亿元，同比增长15.6%。
"""
FEATURE_META = _metadata("maoming.txt", "茂名：两镇一村的蝶变", "2024-06-20", "茂名")


def test_what_a_paragraph_is_about_holds_for_its_later_sentences(tmp_path):
    engine = _small_engine(tmp_path, {"maoming.txt": FEATURE}, FEATURE_META)
    # The village a paragraph opens with, and the year it opens with, stand for its later sentences.
    assert "46万元" in _ask(engine, "黄花坑村到2023年底村集体收入有多少？").answer
    assert "7.2亿元" in _ask(engine, "茂名2023年驻镇帮镇扶村资金到位了多少？").answer
    assert _ask(engine, "茂名2022年驻镇帮镇扶村资金到位了多少？").refused
    # A village the page places in a county is in that county (化州市东山镇橘园村).
    assert "梁国栋" in _ask(engine, "化州橘园村的党支部书记是哪位？").answer
    assert _ask(engine, "高州橘园村的党支部书记是哪位？").refused
    # 18个中心镇 names the set asked about; the page says how many once.
    assert read_question("茂名18个中心镇上半年完成投资多少？").counted_subjects == ("18个",)
    assert "42.3亿元" in _ask(engine, "茂名18个中心镇上半年完成投资多少？").answer
    assert _ask(engine, "茂名25个中心镇上半年完成投资多少？").refused


def test_everyday_words_find_their_official_forms(tmp_path):
    assert "医生" in official_forms("大夫") and official_forms("医生") == ()
    assert "国企" in official_forms("国有企业") and "gdp" in official_forms("地区生产总值")  # read normalised
    for line in (ROOT / "qa" / "data" / "register.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            everyday, official = line.split("\t")
            assert everyday not in official.split() and len(everyday) >= 2, line
    engine = _small_engine(tmp_path, {"maoming.txt": FEATURE}, FEATURE_META)
    assert "2名全科医生" in _ask(engine, "茂名每个乡镇卫生院最少要有几个全科大夫？").answer
    assert "120个" in _ask(engine, "茂名要给老人建多少个村级饭堂？").answer


NOTICE = """韶关市2024年推进“百千万工程”重点任务清单
发布时间：2024-04-12
一、产业发展
1. 加快建设南岭陶瓷产业园二期，力争全市陶瓷产业产值突破300亿元。
牵头单位：仁化县人民政府
配合单位：市工业和信息化局
完成时限：2024年12月底前
2. 完成全市6个中心镇的镇域规划编制，明确功能定位和空间布局。
牵头单位：市自然资源局
完成时限：2024年9月底前
二、统计监测
表1 上半年县域主要指标
指标 | 数值 | 同比
县域规模以上工业增加值 | 312.5亿元 | 6.9%
表2 一季度县域主要指标
指标 | 数值 | 同比
县域规模以上工业增加值 | 148.3亿元 | 6.2%
附件：韶关市镇街考评得分一览表（2024年上半年）.xlsx
"""
NOTICE_META = _metadata("shaoguan.txt", "韶关市2024年推进“百千万工程”重点任务清单", "2024-04-12", "韶关")


def test_a_task_is_quoted_with_its_field_lines_and_a_table_row_with_its_caption(tmp_path):
    engine = _small_engine(tmp_path, {"shaoguan.txt": NOTICE}, NOTICE_META)
    # Who leads a task and by when are lines of their own after it: quoted with the task.
    answer = _ask(engine, "南岭陶瓷产业园二期由哪个单位牵头？")
    assert "牵头单位：仁化县人民政府" in answer.answer and "陶瓷产业园二期" in answer.answer
    answer = _ask(engine, "韶关6个中心镇的镇域规划要在什么时候前完成？")
    assert "2024年9月底前" in answer.answer and "12月底前" not in answer.answer
    # A row's caption says which part of the year its figures are of.
    assert "6.2%" in _ask(engine, "韶关一季度县域规上工业增加值同比增长多少？").answer
    assert "6.9%" in _ask(engine, "韶关上半年县域规上工业增加值同比增长多少？").answer
    assert _ask(engine, "韶关前三季度县域规上工业增加值同比增长多少？").refused
    # A download link is not page text.
    document = engine.index.documents[0]
    assert all(".xlsx" not in document.text[s:e] for s, e in document.body_spans)


BRIEFING = """韶关市“百千万工程”新闻发布会实录
发布时间：2024-06-18
主持人：下面请李明县长介绍乳源县的有关情况。

李明（乳源县人民政府县长）：
各位记者朋友，大家好！
2023年，全县接待游客520万人次，实现旅游收入31.6亿元。全县现有规模以上工业企业96家。

主持人：谢谢李县长。
分县看，乐昌市、南雄市自然村生活污水治理率已超过85%，是全市较高的。截至6月底，全市自然村生活污水治理率达到78.6%。
2023年，全市完成“百千万工程”项目投资231亿元，7个镇入选典型镇培育名单。
斗门村文化广场由广东粤海建设有限公司承建，总投资300万元。溪头村冷链仓储中心由对口帮扶资金支持，总投资1200万元。
溪头村与企业共建南岭预制菜产业园。产业园一期已引进企业27家，上半年实现产值18.4亿元。
2023年，南岭白蕉海鲈全产业链产值突破150亿元。力争到2027年，南岭白蕉海鲈全产业链产值达到200亿元。
"""
BRIEFING_META = _metadata("briefing.txt", "韶关市“百千万工程”新闻发布会实录", "2024-06-18", "韶关")


def test_a_speakers_turn_and_a_paragraph_say_which_place_a_figure_is_of(tmp_path):
    engine = _small_engine(tmp_path, {"briefing.txt": BRIEFING}, BRIEFING_META)
    # 全县 in the turn of 乳源县's 县长 is 乳源县; another county of the same city has no figure here.
    assert "31.6亿元" in _ask(engine, "乳源县2023年旅游收入是多少？").answer
    assert "96家" in _ask(engine, "乳源县的规上工业企业有多少家？").answer
    assert _ask(engine, "翁源县2023年旅游收入是多少？").refused
    # A breakdown by counties is not the city's own figure.
    answer = _ask(engine, "韶关自然村生活污水治理率达到多少？")
    assert "78.6%" in answer.answer and "85%" not in answer.answer


def test_a_figure_answers_only_what_it_counts_and_in_the_mood_asked(tmp_path):
    engine = _small_engine(tmp_path, {"briefing.txt": BRIEFING}, BRIEFING_META)
    # 7个镇 counts towns, not the 项目 asked.
    assert _ask(engine, "韶关2023年一共实施了多少个百千万工程项目？").refused
    # A reached figure, unless the question asks for the target.
    answer = _ask(engine, "南岭白蕉海鲈全产业链产值是多少？")
    assert "150亿元" in answer.answer and "200亿元" not in answer.answer
    assert "200亿元" in _ask(engine, "南岭白蕉海鲈全产业链产值到2027年的目标是多少？").answer
    # 产业园一期 names the 预制菜产业园 the sentence before named in full.
    assert "18.4亿元" in _ask(engine, "南岭预制菜产业园上半年产值是多少？").answer


def test_which_body_did_it_needs_a_sentence_that_does_the_act(tmp_path):
    engine = _small_engine(tmp_path, {"briefing.txt": BRIEFING}, BRIEFING_META)
    assert read_question("冷链仓储中心是哪家企业承建的？").who_verb == "承建"
    assert "广东粤海建设有限公司" in _ask(engine, "斗门村文化广场是哪家企业承建的？").answer
    assert _ask(engine, "溪头村冷链仓储中心是哪家企业承建的？").refused
    # 哪个投资更大 compares: 更大 is no topic a sentence must name.
    question = read_question("斗门村文化广场和溪头村冷链仓储中心，哪个投资更大？")
    assert "更大" in question.terms and "更大" not in specific_terms(question, engine.index)


def test_a_comparison_side_without_a_measure_of_its_own_asks_the_one_before():
    sides = dict(split_comparison(read_question("潮州的规上工业增加值是多少？江门呢？")))
    assert set(sides) == {"潮州", "江门"}
    assert "规上工业增加值" in sides["江门"] and "多少" in sides["江门"]
    sides = dict(split_comparison(read_question("阳江今年自然村生活污水治理率的目标是多少？肇庆上半年实际已经到多少了？")))
    assert "自然村生活污水治理率" in sides["肇庆"] and "目标" not in sides["肇庆"]


def test_a_count_may_be_said_in_a_kindred_measure_word():
    boats = read_question("海湾镇渔港改造后能停多少条船？")
    assert gives_the_figure(boats, "改造后的渔港可停泊渔船从300艘增加到850艘。")
    assert not gives_the_figure(boats, "改造后的渔港新建防波堤1.6公里，新增泊位12个。")
    assert not gives_the_figure(read_question("今年要推进几项改革？"), "建成2条示范街。")


def test_where_a_figure_goes_is_not_what_it_measures_and_a_short_form_names_its_measure():
    assert read_question("湛江每年想吸引民间资本往农业农村投多少钱？").measure_words == ()
    assert read_question("潮州那18个学校项目里，市级财政拨了多少钱？").measure_words == ("市级", "财政")
    students = read_question("江门给基层输送多少名医学院学生？")
    assert gives_the_figure(students, "订单定向培养60名本科、专科医学生。")  # 医学生: 医学院 + 学生
    assert not gives_the_figure(students, "组织100名以上执业医师到基层服务1年以上。")


REPORT = """首页 > 新闻 > 本地
韶关市召开“百千万工程”现场推进会
来源：韶关日报  发布时间：2024-06-18 09:30
6月17日，韶关市在乳源县召开“百千万工程”现场推进会，与会人员实地观摩了乳源县大桥镇等6个点位。
会议要求，各地要把县域作为主战场，加快补齐镇村短板。
（记者 林晓 通讯员 韶宣）
"""
REPORT_META = _metadata("report.txt", "韶关市召开“百千万工程”现场推进会", "2024-06-18", "韶关")


def test_who_wrote_a_page_and_where_it_comes_from_are_read_from_its_own_lines(tmp_path):
    engine = _small_engine(tmp_path, {"report.txt": REPORT}, REPORT_META)
    assert read_question("韶关现场推进会那篇报道是哪个记者写的？").asks_page_fact == "byline"
    assert "林晓" in _ask(engine, "韶关现场推进会那篇报道是哪个记者写的？").answer
    assert "韶关日报" in _ask(engine, "韶关现场推进会这篇报道的信息来源是哪家媒体？").answer
    # A sentence about a reporter's visit is no byline.
    assert not PAGE_FACT_LINES["byline"].search("近日，记者走进高州市荔香镇。")


BULLETIN = """清新区“百千万工程”前三季度工作通报
发布时间：2024-10-20
一、镇街考评
（一）综合考评得分。排名前三位的是：太和镇（92.6分）、山塘镇（91.8分）、三坑镇（90.4分）。排名后两位的是：石潭镇（71.3分）、浸潭镇（68.2分）。
二、经济运行
1—8月，全区完成工业投资额42亿元，比增67%。
前三季度，全区实现地区生产总值318.56亿元，按不变价格计算，同比增长4.2%，增速比上半年（3.6%）提高0.6个百分点。
三、村级集体经济
2023年，大塘村村集体收入达到86万元，三年前还不足20万元。
今年全区新建改造高标准农田20万亩，新创建典型村8个。
解读人：区农业农村局副局长 梁伟强
10月18日，全区召开推进会，各镇村干部共86人参加会议。
2025年全区主要预期目标是：地区生产总值增长6%左右。
"""
BULLETIN_META = _metadata("qingxin.txt", "清新区“百千万工程”前三季度工作通报", "2024-10-20", "清远")


def test_rankings_and_parts_of_the_year_answer_only_what_they_say(tmp_path):
    engine = _small_engine(tmp_path, {"qingxin.txt": BULLETIN}, BULLETIN_META)
    # 排第一 asks the top of a ranking, 排名最后 its bottom.
    answer = _ask(engine, "清新综合考评排第一的是哪个镇？")
    assert "太和镇" in answer.answer and "石潭镇" not in answer.answer
    assert "浸潭镇" in _ask(engine, "清新综合考评排名最后的是哪个镇？").answer
    answer = _ask(engine, "清新综合考评得分最低的是哪个镇？")  # the most of something: a ranking's end
    assert "浸潭镇" in answer.answer and "太和镇" not in answer.answer
    # 比去年同期增长 measures what stands before 比; a whole year is not answered by 1—8月.
    assert read_question("工业投资比去年同期增长了多少？").measure_words == ("工业", "投资")
    assert "67%" in _ask(engine, "清新1—8月的工业投资比去年同期增长了多少？").answer
    assert _ask(engine, "清新全年的工业投资额是多少？").refused
    # A part of the year compared with, its figure in brackets, is given; its subject two clauses back.
    assert "3.6%" in _ask(engine, "清新上半年GDP增速是多少？").answer
    assert read_question("增加值较去年同期提高了多少个百分点？").figure_kind == "growth"


def test_this_year_and_field_lines(tmp_path):
    engine = _small_engine(tmp_path, {"qingxin.txt": BULLETIN}, BULLETIN_META)
    # 今年 is the page's year: a sentence of 2023 does not answer it.
    assert _ask(engine, "大塘村今年村集体收入有多少？").refused
    assert "86万元" in _ask(engine, "大塘村2023年村集体收入有多少？").answer
    assert "20万亩" in _ask(engine, "清新今年新建高标准农田的任务是多少亩？").answer
    # A field line answers who holds the role it labels.
    assert "梁伟强" in _ask(engine, "这份通报的解读人是谁？").answer
    assert "86人" in _ask(engine, "清新那次推进会一共有多少人参会？").answer
    # What was done (实际增长了多少) is not answered by a target, though the target's year comes first.
    assert _ask(engine, "清新2025年GDP实际增长了多少？").refused
    assert "6%左右" in _ask(engine, "清新2025年GDP预期增长多少？").answer
    assert figure_text("全面落实省委“1310”具体部署").count("□") == len("“1310”")


SHENSHAN = """深汕乡村见闻
发布时间：2024-10-22
合作区今年启动乡村CEO计划，首批9名乡村CEO已于9月上旬分赴9个村上岗，薪酬由合作区财政和村集体共同承担。
合作区农业农村局局长温建华表示，今年确定了渔湾村、石角村、青溪村和鹅埠镇新田村4个首批典型村。
村民黄阿妹是村里第一批开民宿的人。2021年，她把自家的三层小楼改造成民宿“海湾小筑”，共有8间客房。
今年3月，由深圳企业投资建设的茶叶加工厂正式投产，年加工能力达到150吨。
去年合作区共选派驻镇帮镇扶村工作队员326人。
与会人员调研了海丰新材有限公司、鹅埠食品厂和小漠渔港。鹅埠食品厂主要生产水产预制菜，年产值1.2亿元。
合作区今年实施第二批央企助力项目，带动国企和民企参与镇村建设。
"""
SHENSHAN_META = _metadata("shenshan.txt", "深汕乡村见闻", "2024-10-22", "深圳")


def test_names_of_places_and_things_and_the_milestone_asked(tmp_path):
    engine = _small_engine(tmp_path, {"shenshan.txt": SHENSHAN}, SHENSHAN_META)
    # 哪几个典型村 wants the villages named, not 分赴9个村.
    answer = _ask(engine, "深汕今年首批定了哪几个典型村？")
    assert "渔湾村" in answer.answer and "乡村CEO" not in answer.answer
    # 民宿“海湾小筑”: the kind, then its name in quotes.
    assert "海湾小筑" in _ask(engine, "黄阿妹开的民宿叫什么名字？").answer
    # 投产 does not say when building began.
    assert _ask(engine, "那个茶叶加工厂是什么时候开工建设的？").refused
    assert "今年3月" in _ask(engine, "那个茶叶加工厂是什么时候投产的？").answer
    # 帮镇扶村 says 帮扶, spread over where it is done.
    assert "326人" in _ask(engine, "深汕去年派了多少驻镇帮扶的工作队员？").answer
    # What a firm makes needs a sentence that says it, not one that lists the firm among others.
    assert _ask(engine, "海丰新材有限公司主要生产什么产品？").refused
    assert "水产预制菜" in _ask(engine, "鹅埠食品厂主要生产什么？").answer
    # A programme named after the members asked (央企助力项目) names none of them.
    assert _ask(engine, "深汕第二批央企助力项目具体是哪些央企？").refused
    # 多少人参会 is answered by a count of people who attended, not by 工作队员326人.
    assert read_question("那次会一共有多少人参会？").counted_act == "参会"
    assert _ask(engine, "深汕那次现场会一共有多少人参会？").refused


def test_a_villages_figure_is_not_the_whole_places(tmp_path):
    page = SHENSHAN.replace("去年合作区", "今年前三季度，青溪村接待游客3.5万人次。"
                            "今年前三季度，合作区共接待游客486.3万人次，实现旅游收入21.7亿元。\n去年合作区")
    engine = _small_engine(tmp_path, {"shenshan.txt": page}, SHENSHAN_META)
    answer = _ask(engine, "深汕今年前三季度接待了多少游客？")
    assert "486.3万人次" in answer.answer and "3.5万人次" not in answer.answer


def test_comparison_sides_are_the_places_asked_about():
    sides = dict(split_comparison(read_question("韶关大塘村和梅州石坝村去年村集体收入各是多少？")))
    assert sides == {"韶关": "韶关大塘村去年村集体收入各是多少？", "梅州": "梅州石坝村去年村集体收入各是多少？"}
    # 深圳哪个区 is where the answer lies, not a side.
    question = read_question("濠江对口帮扶找的是深圳哪个区？江门横向产业协作对接的又是哪个市？")
    assert [place for place, _ in split_comparison(question)] == ["濠江", "江门"]
    # The town after the last side is that side's; a measure named after 多少 is borrowed by a side without one.
    sides = dict(split_comparison(read_question("遂溪和曲江白沙湾镇的预制菜产值分别是多少？")))
    assert "白沙湾镇" not in sides["遂溪"] and "预制菜产值" in sides["遂溪"] and "白沙湾镇" in sides["曲江"]
    sides = dict(split_comparison(read_question("三水到去年底累计建了多少高标准农田，从化截至9月底又累计建了多少？")))
    assert "高标准农田" in sides["从化"] and "去年" not in sides["从化"]  # it has a time of its own
    assert "前三季度" in dict(split_comparison(read_question("从化今年前三季度接待了多少游客？深汕呢？")))["深汕"]
    assert read_question("三水的城乡居民收入比是多少？").figure_kind == "ratio"  # 1.71 is no money
    assert [p for p, _ in split_comparison(read_question("从化和深汕的农村生活污水治理率分别是多少？"))] == ["从化", "深汕"]


CASES = """梅州市“百千万工程”典型案例
发布时间：2024-08-10
案例一：大埔县青溪湾镇茶岭村——“蜜柚+茶旅”双轮驱动
【主要做法】
建设村级电商服务站1个，2023年通过直播电商销售蜜柚、茶叶等农产品1860万元。
种了30多年茶的村民罗秀英说，她家8亩茶园去年收入超过6万元。
案例二：兴宁市宁塘镇石坝村——“小田并大田”做活土地文章
【取得成效】
2023年，石坝村村集体经济收入达到132万元，农户每亩年保底租金650元。
"""
CASES_META = _metadata("cases.txt", "梅州市“百千万工程”典型案例", "2024-08-10", "梅州")


def test_a_case_title_says_whose_figures_follow_and_one_familys_figure_is_not_a_villages(tmp_path):
    # Other pages beside it, so that a village's name is rare in the corpus, as in any real one.
    engine = _small_engine(tmp_path, {"cases.txt": CASES, "qingxin.txt": BULLETIN, "shenshan.txt": SHENSHAN},
                           CASES_META + BULLETIN_META + SHENSHAN_META)
    assert "1860万元" in _ask(engine, "茶岭村去年靠直播电商卖了多少农产品？").answer
    assert _ask(engine, "石坝村去年靠直播电商卖了多少农产品？").refused  # the sentence is under 茶岭村's title
    assert _ask(engine, "茶岭村的茶园有多大？").refused  # 她家8亩茶园 is one family's


MARKDOWN = """# 台山凤岭镇：侨乡变“新”记

记者 李明

## 一、2023年工作回顾

全镇接待游客**42.6万人次**，带动村集体增收380万元。

> 以前村里年轻人都往外跑，现在不一样了，好多人回来开民宿、做直播。

## 二、2024年重点任务

力争全年接待游客突破50万人次。
"""


def test_a_markdown_page_keeps_its_headings_and_quotes(tmp_path):
    engine = _small_engine(tmp_path, {"fengling.md": MARKDOWN},
                           _metadata("fengling.md", "台山凤岭镇：侨乡变“新”记", "2024-05-10", "江门"))
    assert "42.6万人次" in _ask(engine, "凤岭镇2023年接待游客多少？").answer  # dated by its ## heading
    assert _ask(engine, "凤岭镇2022年接待游客多少？").refused
    document = engine.index.documents[0]
    assert any("好多人回来开民宿" in document.text[s:e] for s, e in document.body_spans)  # a quote, not a breadcrumb


def test_the_body_that_issued_a_page_says_which_place_it_is_about(tmp_path):
    page = "关于以“荔枝+”全链条发展推动镇村联动富民的经验做法\n2023年，全市农村居民人均可支配收入24815元，比上年增长7.6%。\n"
    meta = ('["gaozhou.txt"]\ntitle = "关于以“荔枝+”全链条发展推动镇村联动富民的经验做法"\ndate = "2024-05-17"\n'
            'issuer = "中共高州市委农村工作领导小组办公室"\nregion = "茂名"\n')
    engine = _small_engine(tmp_path, {"gaozhou.txt": page}, meta)
    assert "24815元" in _ask(engine, "高州去年农村居民人均可支配收入是多少？").answer
    assert _ask(engine, "信宜去年农村居民人均可支配收入是多少？").refused


def test_a_signed_date_is_the_one_under_the_issuer(tmp_path):
    page = ("高州市“荔枝+”经验做法\n发布时间：2024-05-22\n"
            "2023年，全市荔枝种植面积稳定在56万亩，荔枝产业综合产值突破120亿元，带动农户增收明显。\n"
            "中共高州市委农村工作领导小组办公室\n2024年5月17日\n")
    engine = _small_engine(tmp_path, {"gaozhou.txt": page}, _metadata("gaozhou.txt", "高州市“荔枝+”经验做法", "2024-05-22", "茂名"))
    assert read_question("这份材料的落款日期是哪天？").asks_signed_date
    answer = _ask(engine, "高州那份经验做法的落款日期是哪天？")
    assert "5月17日" in answer.answer and "05-22" not in answer.answer


def test_a_list_question_quotes_every_enumerated_item(tmp_path):
    page = ("高州市“荔枝+”经验做法\n发布时间：2024-05-22\n"
            "（二）延伸“荔枝+”链条，提升产业附加值。一是“荔枝+加工”。引进和培育荔枝加工企业37家，开发荔枝干等产品40余种。"
            "二是“荔枝+电商”。建成镇村电商服务站126个，2023年荔枝网络销售额达到21.6亿元。"
            "三是“荔枝+文旅”。打造荔枝文化公园3个，年接待游客120万人次。\n")
    engine = _small_engine(tmp_path, {"gaozhou.txt": page}, _metadata("gaozhou.txt", "高州市“荔枝+”经验做法", "2024-05-22", "茂名"))
    answer = _ask(engine, "高州的“荔枝+”具体往哪几个方向延伸了？")
    assert all(item in answer.answer for item in ("荔枝+加工", "荔枝+电商", "荔枝+文旅"))


TOWN_TABLE = """<html><head><title>和平县“百千万工程”推进会</title></head><body>
<div class="nav">首页 | 政务公开 | 工作动态</div>
<h1>和平县召开“百千万工程”典型镇村建设现场推进会</h1>
<p>7月16日，和平县召开“百千万工程”典型镇村建设现场推进会。在林寨镇兴井村，古建筑群改造成民宿，今年上半年带动村集体增收28万元。</p>
<p>2024年上半年和平县各镇“百千万工程”主要指标完成情况</p>
<table>
<tr><td>镇名</td><td>实施项目（个）</td><td>完成投资（万元）</td><td>农村生活污水治理率（%）</td></tr>
<tr><td>阳明镇</td><td>31</td><td>8,260</td><td>81.2</td></tr>
<tr><td>林寨镇</td><td>22</td><td>5,150</td><td>74.5</td></tr>
<tr><td>彭寨镇</td><td>18</td><td>3,980</td><td>69.8</td></tr>
</table>
</body></html>
"""
TOWN_TABLE_META = _metadata("heyuan.html", "和平县召开“百千万工程”典型镇村建设现场推进会", "2024-07-18", "河源")


def test_a_table_cell_is_read_under_its_column(tmp_path):
    engine = _small_engine(tmp_path, {"heyuan.html": TOWN_TABLE}, TOWN_TABLE_META)
    answer = _ask(engine, "和平县林寨镇上半年完成投资多少万元？")
    header, row = answer.citations  # the header row says which column is which
    assert "完成投资（万元）" in header.quote and "5,150" in row.quote
    assert "28万元" not in answer.answer  # money earned (增收) is not money invested
    assert _ask(engine, "和平县优胜镇上半年完成投资多少？").refused  # a town the page does not name


def test_a_table_row_reads_with_its_header_and_units():
    from qa.tables import row_reading, table_heading

    page = ("**表1　2024年陆河县农业生产主要指标**\n\n| 指标 | 单位 | 2024年 | 比上年增长（%） |\n|---|---|---|---|\n"
            "| 茶叶产量 | 吨 | 2860 | 9.7 |\n| 生猪出栏 | 万头 | 14.2 | -3.5 |\n")
    row = page.index("| 生猪出栏")
    assert row_reading(page, row, page.index("\n", row)) == "生猪出栏；万头；2024年 14.2万头；比上年增长 -3.5%"
    assert table_heading(page, row).startswith("**表1")  # the caption a blank line above the header
    assert row_reading(page, 0, page.index("\n")) is None  # not a row


def test_a_markdown_table_keeps_its_header_row(tmp_path):
    filler = "".join(f"{topic}持续推进，镇村面貌明显改善，群众满意度不断提高，长效管护机制逐步建立。" * 3 + "\n\n"
                     for topic in ("农村人居环境整治", "高标准农田建设", "青梅茶叶产业", "驻镇帮镇扶村"))
    page = ("# 陆河县2024年农村经济社会发展统计监测报告\n\n全年全县农村居民人均可支配收入21470元，比上年增长6.8%。\n\n" + filler +
            "| 镇 | 地区生产总值（亿元） | 农村居民人均可支配收入（元） |\n|---|---|---|\n"
            "| 河田镇 | 58.27 | 24615 |\n| 河口镇 | 14.52 | 21108 |\n| 南万镇 | 8.31 | 19425 |\n")
    engine = _small_engine(tmp_path, {"luhe.md": page}, _metadata("luhe.md", "陆河县2024年农村经济社会发展统计监测报告", "2025-03-26", "汕尾"))
    document = engine.index.documents[0]
    assert any(document.text[s:e].startswith("| 镇 |") for s, e in document.body_spans)
    answer = _ask(engine, "陆河县河口镇农村居民人均可支配收入多少？")
    assert not answer.refused and "21108" in answer.answer and "24615" not in answer.answer


def test_unit_words_alone_and_money_of_the_other_side_are_no_answer():
    assert not gives_the_figure(read_question("林寨镇完成投资多少？"), "镇名 | 实施项目（个） | 完成投资（万元）")
    assert not gives_the_figure(read_question("兴井村完成投资多少？"), "兴井村今年带动村集体增收28万元")
    assert gives_the_figure(read_question("兴井村村集体增收多少？"), "兴井村今年带动村集体增收28万元")


QA_PAGE = """《中山市促进镇村发展若干扶持措施》政策解读
发布时间：2024-03-28
问：对典型镇、典型村有哪些奖补政策？
答：对新评为市级典型村的，每村一次性给予200万元奖补资金。在此基础上被评为省级典型镇的，市财政再追加奖补500万元。
问：对农村人居环境整治和乡村建设有哪些支持？
答：一是支持农村生活污水治理。按每个自然村30万元给予奖补。二是支持“四好农村路”建设。按每公里40万元给予补助。三是支持“精美农村”建设。每村奖励50万元。
"""


def test_a_question_line_is_answered_by_the_reply_under_it(tmp_path):
    engine = _small_engine(tmp_path, {"zhongshan.txt": QA_PAGE},
                           _metadata("zhongshan.txt", "《中山市促进镇村发展若干扶持措施》政策解读", "2024-03-28", "中山"))
    answer = _ask(engine, "中山在农村人居环境和乡村建设上支持哪几块？")
    assert all(item in answer.answer for item in ("农村生活污水治理", "四好农村路", "精美农村"))
    assert "问：" not in answer.answer
    assert "200万元" in _ask(engine, "中山新评上市级典型村的，每村一次性给多少奖补资金？").answer
    assert _ask(engine, "中山新评上国家级典型村的，每村一次性给多少奖补资金？").refused  # only 市级 and 省级 are stated


def test_the_year_a_paragraph_names_dates_the_sentences_after_it(tmp_path):
    page = ("白泥镇：三年蝶变\n发布时间：2024-11-18\n"
            "白泥镇党委书记介绍，2023年，白泥镇实现地区生产总值58.3亿元，同比增长6.2%；农村居民人均可支配收入31826元，增长7.4%。\n")
    engine = _small_engine(tmp_path, {"foshan.txt": page}, _metadata("foshan.txt", "白泥镇：三年蝶变", "2024-11-18", "佛山"))
    assert "31826元" in _ask(engine, "白泥镇2023年农村居民人均可支配收入是多少？").answer
    assert _ask(engine, "白泥镇2024年全年农村居民人均可支配收入是多少？").refused  # the page's year, the paragraph's 2023


def test_towns_named_in_a_question_are_read_whole():
    assert read_question("和平县优胜镇上半年完成投资多少？").settlements == ("优胜镇",)
    assert read_question("台山凤岭镇的镇党委书记叫啥？").settlements == ("凤岭镇",)
    assert read_question("被评上省级典型村的各镇有多少个村？").settlements == ()  # kinds of village, not names
    assert read_question("张槎提出街道综合实力增强的时间节点是哪年？").settlements == ()


def test_towns_and_villages_named_on_their_own_are_comparison_sides():
    question = read_question("白泥镇和陆河县的农村居民人均可支配收入，哪个高？各是多少？")
    assert question.kind == "comparison"
    assert [place for place, _ in split_comparison(question)] == ["白泥镇", "陆河"]
    assert read_question("围绕美丽圩镇建设，潮州和江门各提出了什么任务？").settlements == ()  # a kind of town
    assert read_question("濠江想让在外面闯出来的老乡老板回家乡投资，这项工作叫什么？").settlements == ()  # 回 + 家乡


COLLECTIVE_INCOME = """陆河县2024年农村集体经济发展情况
发布时间：2025-02-10
全年全县125个村（社区）集体经济总收入6164万元，比上年增长18.7%。村级集体经济年收入10万元以下的村全部清零，年收入50万元以上的村达到38个，比上年增加12个；其中100万元以上的村有9个，比上年增加4个。
"""


def test_a_threshold_the_question_draws_must_be_the_answers(tmp_path):
    from qa.amounts import states_amounts, thresholds_in

    assert thresholds_in("集体收入过百万的村有几个？") == (1_000_000.0,)
    assert thresholds_in("投资1亿元以上的项目有几个") == (100_000_000.0,)
    assert thresholds_in("收入过亿的企业") == (100_000_000.0,)
    assert thresholds_in("增长67%的是哪里") == ()  # a share draws no class of things
    assert states_amounts("其中100万元以上的村有9个", (1_000_000.0,))
    assert not states_amounts("年收入50万元以上的村达到38个", (1_000_000.0,))
    engine = _small_engine(tmp_path, {"luhe.txt": COLLECTIVE_INCOME},
                           _metadata("luhe.txt", "陆河县2024年农村集体经济发展情况", "2025-02-10", "汕尾"))
    answer = _ask(engine, "陆河县集体收入过百万的村有几个？")
    assert not answer.refused and "100万元以上的村有9个" in answer.answer
    assert _ask(engine, "陆河县集体收入过千万的村有几个？").refused  # no sentence draws that class


PRESS_CONFERENCE = """揭阳市“百千万工程”上半年推进情况新闻发布会实录
发布时间：2024-07-26
揭阳日报记者：
　　在发展乡村产业、盘活乡村资源方面，我市有什么好的案例？
揭阳市农业农村局局长 黄振东：
　　我们鼓励各村立足资源禀赋发展“一村一品”。全市驻镇帮镇扶村工作队共有队员八百六十多名，上半年协调落实帮扶项目240多个。
普宁市人民政府副市长 许俊杰：
　　上半年，普宁市地区生产总值同比增长5.6%，我们主要抓了三件事。
　　第一是做强纺织服装这一主导产业。上半年新引进纺织服装项目23个。
　　第二是做优特色农业。推广青梅标准化种植和精深加工。
　　第三是发展农村电商。军埠镇上半年电商交易额超过六十亿元。
　　谢谢！
"""


def test_a_press_conference_answers_with_its_replies(tmp_path):
    engine = _small_engine(tmp_path, {"jieyang.txt": PRESS_CONFERENCE},
                           _metadata("jieyang.txt", "揭阳市“百千万工程”上半年推进情况新闻发布会实录", "2024-07-26", "揭阳"))
    answer = _ask(engine, "普宁市副市长说上半年重点抓了哪三件事？")
    assert all(item in answer.answer for item in ("做强纺织服装", "做优特色农业", "发展农村电商"))
    assert "八百六十多名" in _ask(engine, "揭阳驻镇帮镇扶村工作队一共有多少名队员？").answer  # a figure said roughly
    assert "有什么好的案例？" not in _ask(engine, "揭阳在盘活乡村资源方面有什么好的案例？").answer  # the reporter asked it
    assert gives_the_figure(read_question("帮扶项目有多少个？"), "协调落实帮扶项目240多个")


FOGANG_PDF_TEXT = """佛冈县2024年实施“百县千镇万村高质量发展
工程”工作总结

  2024年，全县预计实现地区生产总值218.6亿元，同比增长5.3%
；农村居民人均可支配收入达到24316元，同比增长6.8%，城
乡居民收入比由上年的1.96缩小至1.91。全县共谋划安排“百千万工
程”项目146个，年度计划投资58.7亿元，截至11月底已完成
投资52.4亿元。石角镇观山现代农业产业园冷链物流中心建成投
产，库容1.2万立方米，于202
4年9月28日正式投入使用，年周转农产品能力约6万吨。县委农办
牵头建立“周调度、月通报、季讲评”工作机制，全年共召开专题调
度会23次，印发工作通报11期，对进度滞后的9个项目实行挂牌督办
，全县自然村雨污分流完成率达到82%，农村生活污水治理率达到76.4
%，较上年提高9.2个百分点；其中汤塘镇

                               — 1 —
佛冈县“百千万工程”2024年工作总结

、石角镇被确定为市级典型镇，全年典型村建设累计投入财政资金2.8
6亿元，带动社会资本投入1.37亿元，拆除危旧泥砖房2.3万平方米，
清理村内闲置空地420亩，建成“四小园”1265个，新建口袋公园11个
，新增公共停车位1420个，新建和改造镇级农贸市场3个。

                               — 2 —
佛冈县“百千万工程”2024年工作总结

附件
佛冈县2024年“百千万工程”重点项目进展情况表（节选）
                                                  单位：万元
序号  项目名称                        所在镇   总投资   2024年完成   进度
 1    观山现代农业产业园冷链物流中心    石角镇    8600       8600     已投用
 2    黄花村研学民宿综合体              石角镇    2180       1960     90%

                               — 3 —
"""


def test_text_laid_out_in_fixed_width_lines_is_read_as_paragraphs(tmp_path):
    from qa.reflow import unwrap

    text = unwrap(FOGANG_PDF_TEXT)
    assert "于2024年9月28日正式投入使用" in text  # a date cut at the line's end
    assert "其中汤塘镇、石角镇被确定为市级典型镇" in text  # a sentence runs on across the page break
    assert "— 1 —" not in text and "2024年工作总结\n" not in text  # page numbers and the running header
    assert "发展工程”工作总结" in text  # the title's two lines
    assert "\n序号  项目名称" in text and "\n 1    观山" in text  # a table's rows stay rows
    assert unwrap(COLLECTIVE_INCOME) == COLLECTIVE_INCOME  # one paragraph a line: nothing to join
    engine = _small_engine(tmp_path, {"fogang.txt": FOGANG_PDF_TEXT},
                           _metadata("fogang.txt", "佛冈县2024年实施“百县千镇万村高质量发展工程”工作总结", "2024-12-18", "清远"))
    answer = _ask(engine, "佛冈观山冷链物流中心是哪天正式投入使用的？")
    assert "于2024年9月28日正式投入使用" in answer.answer
    answer = _ask(engine, "佛冈黄花村研学民宿综合体2024年完成投资多少？")
    header, row = answer.citations  # an aligned-column table under 单位：万元
    assert header.quote.startswith("序号") and "1960" in row.quote


PROJECT_LIST = """<html><head><title>郁南县2024年“百千万工程”典型镇典型村建设项目清单</title></head><body>
<p>郁南县2024年“百千万工程”典型镇典型村建设项目清单</p>
<table>
<tr><td>序号</td><td>项目名称</td><td>所在镇（村）</td><td>总投资（万元）</td><td>计划完成时间</td><td>责任单位</td></tr>
<tr><td colspan="6">一、典型镇建设项目（2个）</td></tr>
<tr><td>1</td><td>西江滨江碧道（都城段）提升工程</td><td>都城镇</td><td>4200</td><td>2025年3月</td><td>县水务局</td></tr>
<tr><td>2</td><td>连滩圩镇污水管网完善工程</td><td>连滩镇</td><td>1860</td><td>2024年11月</td><td>县水务局</td></tr>
<tr><td colspan="6">二、典型村建设项目（2个）</td></tr>
<tr><td>3</td><td>兰寨古村落保护利用及研学基地建设</td><td>连滩镇兰寨村</td><td>1850</td><td>2024年12月</td><td>县文化广电旅游体育局</td></tr>
<tr><td>4</td><td>桂圩村农村供水管网改造工程</td><td>桂圩镇桂圩村</td><td>430</td><td>2024年7月</td><td>县水务局</td></tr>
</table>
<p>公示期为2024年5月15日至2024年5月21日（共7天）。项目须于2024年12月15日前报送年度进展情况。</p>
</body></html>
"""


def test_rows_under_a_group_label_and_a_date_cell_under_its_column(tmp_path):
    engine = _small_engine(tmp_path, {"yunan.html": PROJECT_LIST},
                           _metadata("yunan.html", "郁南县2024年“百千万工程”典型镇典型村建设项目清单", "2024-05-14", "云浮"))
    answer = _ask(engine, "郁南县兰寨古村落保护利用及研学基地建设这个项目投资多少万元？")
    header, row = answer.citations
    assert header.quote.startswith("序号") and "1850" in row.quote
    answer = _ask(engine, "郁南桂圩村供水管网改造工程计划什么时候完工？")
    assert "2024年7月" in answer.answer and "计划完成时间" in answer.answer
    answer = _ask(engine, "郁南这批项目的公示从哪天到哪天？")
    assert "2024年5月15日至2024年5月21日" in answer.answer and "12月15日前" not in answer.answer


def test_names_and_runs_of_guessed_words():
    from qa.lexical import guessed_runs

    assert guessed_runs("塘尾村借古村活化引进了哪些业态？") == []  # a village's name ends the run
    assert guessed_runs("白蕉海鲈全产业链产值多少") == ["白蕉海鲈全"]
    assert mentions_term("坚持“产城人文生”五位一体", "产城")
    assert read_question("江门这次名单的公示从哪天到哪天？").asks_period
    assert not read_question("江门这次名单是哪天公示的？").asks_period


def test_which_is_higher_asks_figures_of_each_side():
    question = read_question("深汕新田村和兴宁石坝村2023年的村集体收入谁更高？")
    assert not question.asks_who and question.wants_number  # 谁更高 compares figures, it asks no person
    sides = dict(split_comparison(question))
    assert sides["深汕"] == "深汕新田村2023年的村集体收入谁更高？"  # each village keeps the year and the measure
    sides = dict(split_comparison(read_question("深汕每个首批典型村安排多少创建资金，韶关的典型村又给多少？")))
    assert sides["韶关"] == "韶关的典型村又给多少创建资金？"  # what 多少 counts is borrowed from the side before


def test_a_village_suffix_is_taken_back_from_the_word_after_it():
    from qa.lexical import tagged

    words = [word for word, _ in tagged("始兴青山村种枇杷户均增收多少？")]
    assert "青山村" in words and "村种" not in words
    assert read_question("始兴青山村种枇杷户均增收多少？").settlements == ("青山村",)
    sides = dict(split_comparison(read_question("郁南县和揭阳全市的典型镇建设项目总投资分别是多少？")))
    assert "全市" not in sides["郁南"] and "全市" in sides["揭阳"]  # the whole of the last side only


def test_a_rate_asked_with_words_of_mood_keeps_its_name():
    assert read_question("遂溪县目前农村生活污水治理率实际到了多少？").measure_words[-1] == "治理率"
    assert read_question("和平县2024年底农村生活污水治理率最后达到多少了？").measure_words[-1] == "治理率"
    assert not gives_the_figure(read_question("遂溪县农村生活污水治理率实际到了多少？"),
                                "新增完成农村生活污水治理自然村86个，已建成设施运行率达到90%以上。")  # another rate


WANGJIANG = """望江镇：村级工业园改造三年蝶变
发布时间：2025-08-20
在此基础上，望江镇规划建设了面积2.3平方公里的“望江智造产业园”，重点引进智能终端和精密模具产业。
“我们成了产业园的‘股东’。”新围村党委书记介绍，新围村以82亩集体土地入股产业园一期，村民分红人均1.26万元。
江背村联合3个村组建物业管理公司，承接产业园保洁、绿化和后勤服务，把旧粮仓改造为岭南水乡特色民宿。
"""


def test_a_thing_named_in_full_a_paragraph_before_is_named_again_by_its_head(tmp_path):
    engine = _page_engine(tmp_path, "dongguan.txt", WANGJIANG, "望江镇：村级工业园改造三年蝶变", "2025-08-20", "东莞")
    answer = _ask(engine, "新围村拿出了多少亩集体土地入股望江智造产业园一期？")
    assert not answer.refused and "82亩" in answer.answer


def test_a_kind_of_town_is_not_answered_by_the_same_kind_of_village():
    from qa.answer import conflicting_kinds

    class _Sentence:
        def __init__(self, text):
            self.text = text

    question = read_question("郁南县典型镇建设项目总投资是多少？")
    assert conflicting_kinds(question, _Sentence("（二）典型村建设项目15个，总投资16520万元。"))
    assert not conflicting_kinds(question, _Sentence("（一）典型镇建设项目9个，总投资19680万元。"))
    assert not conflicting_kinds(question, _Sentence("全县重点培育典型镇3个、典型村12个，总投资36200万元。"))


def test_a_result_asked_is_not_answered_by_the_clause_that_aims():
    from qa.answer import _aims_at

    question = read_question("和平县农村生活污水治理率最后达到多少了？")
    assert question.figure_mood == "done"  # 最后达到多少了 asks what was reached
    aiming = "下半年重点推进2个村的污水管网建设，力争农村生活污水治理率年底前提高10个百分点以上。"
    assert _aims_at(aiming, question.measure_words)  # the figure before 力争 is another clause's
    assert not _aims_at("全县农村生活污水治理率由58.3%提升至66.7%。", question.measure_words)


XINHUI = """新会区推动乡村产业振兴
发布时间：2025-06-12
新会区组织镇村干部赴外地学习，全年开展培训班12期。
为吸引在外发展的新会籍企业家回乡创业，新会区实施“侨商归雁计划”，落地项目23个。
新会区坚持“一亩一产值”的用地导向，清理低效用地860亩。
区委书记陈立新表示，要把陈皮产业做成富民产业。
"""


def test_a_question_describing_a_measure_is_answered_by_the_name_the_page_coins(tmp_path):
    engine = _page_engine(tmp_path, "xinhui.txt", XINHUI, "新会区推动乡村产业振兴", "2025-06-12", "江门")
    # The question describes the measure in its own words and asks what the page calls it.
    described = "新会想让在外面打拼的本地老板回家乡办企业，这个计划叫啥？"
    assert read_question(described).asks_coined_name
    answer = _ask(engine, described)
    assert not answer.refused and "侨商归雁计划" in answer.answer
    # Its figures are not asked: 多少 describes how land is judged.
    wording = read_question("新会按每亩地产出多少来评价用地，这个导向原话怎么说？")
    assert wording.asks_coined_name and not wording.wants_number and wording.kind == "fact"
    answer = _ask(engine, wording.text)
    assert not answer.refused and "一亩一产值" in answer.answer
    # A measure asked with 什么举措 is named too; 哪项行动 picks among the ones the question knows.
    measure = read_question("新会靠什么举措让在外的华侨老板回乡投资？")
    assert measure.named_head == "举措" and measure.asks_coined_name
    answer = _ask(engine, measure.text)
    assert not answer.refused and "侨商归雁计划" in answer.answer
    assert not read_question("新会和台山都提到要深化哪项行动？").asks_coined_name
    # A person's name, or a thing with a name of its own, is not a coined wording.
    assert not read_question("新会区委书记叫什么？").asks_coined_name
    assert not read_question("新会和台山共建的产业园叫啥？").asks_coined_name
    assert not read_question("新会的产业园叫什么名字？").asks_coined_name


TAISHAN = """台山市2025年“百千万工程”工作要点
发布时间：2025-03-02
5.做强预制菜产业。依托水产资源优势，争取2025年底规上食品工业产值突破80亿元，同比增长6%。
6.发展冷链物流。新建产地冷库8座，新增库容1.2万吨。
"""


def test_a_figure_under_a_numbered_title_is_about_what_the_title_names(tmp_path):
    engine = _page_engine(tmp_path, "taishan.txt", TAISHAN, "台山市2025年“百千万工程”工作要点", "2025-03-02", "江门")
    # 预制菜 stands only in the item's title, 5.做强预制菜产业。
    answer = _ask(engine, "台山想做强预制菜产业，2025年底规上食品工业产值要冲到多少？")
    assert not answer.refused and "80亿元" in answer.answer
    # The next item's title is another item's: its figures are not the 预制菜 item's.
    assert _ask(engine, "台山预制菜产业新建了多少座冷库？").refused


MEIZHOU_WATER = """梅州市2025年“百千万工程”工作要点
发布时间：2025-02-10
加快建立城乡统一的供水规划、建设、管护运行机制，推动城乡供水管理统一起来。
开展梅县区供排水一体化改革，破解城乡供水“二元”分割局面。
"""


def test_a_which_district_question_is_answered_by_a_sentence_naming_a_district(tmp_path):
    engine = _page_engine(tmp_path, "meizhou.txt", MEIZHOU_WATER, "梅州市2025年“百千万工程”工作要点", "2025-02-10", "梅州")
    question = read_question("梅州打算在哪个区试点把城乡供水统一起来管？")
    assert question.asked_place_kind == "区"
    answer = _ask(engine, question.text)
    assert not answer.refused and "梅县区" in answer.answer
    # 区域 and 县域 are no districts asked for.
    assert read_question("江门主要靠哪个区域品牌做抓手？").asked_place_kind is None
    assert read_question("潮州要推进哪个县域副中心的建设？").asked_place_kind is None


INFO_BOX_PAGE = """<html><head><title>关于印发化州市2025年“百千万工程”重点项目建设计划的通知_化州市人民政府</title></head><body>
<div class="nav">首页 | 政务公开 | 政务服务</div>
<table class="info">
<tr><td>索引号：</td><td>11440982007048352Q/2025-00031</td><td>分类：</td><td>城乡建设</td></tr>
<tr><td>发布机构：</td><td>化州市人民政府办公室</td><td>成文日期：</td><td>2025-03-18</td></tr>
<tr><td>名称：</td><td colspan="3">化州市人民政府办公室关于印发化州市2025年“百千万工程”重点项目建设计划的通知</td></tr>
<tr><td>文号：</td><td>化府办函〔2025〕19号</td><td>发布日期：</td><td>2025-03-21</td></tr>
<tr><td>主题词：</td><td colspan="3">百千万工程；重点项目；建设计划</td></tr>
</table>
<h1>化州市人民政府办公室关于印发化州市2025年“百千万工程”重点项目建设计划的通知</h1>
<p>各镇人民政府、街道办事处，市直有关单位：</p>
<p>《化州市2025年“百千万工程”重点项目建设计划》已经市人民政府同意，现印发给你们，请认真组织实施。</p>
<p>2025年，全市共谋划“百千万工程”重点项目96个，总投资128.6亿元，年度计划投资41.2亿元。</p>
<p>根据《茂名市推进“百千万工程”三年行动方案》（茂府〔2023〕12号），各镇要压实项目责任。</p>
</body></html>
"""
PLAN_PAGE = """# 连平县推进“百千万工程”实施方案（2025—2027年）

> 连平县人民政府办公室　连府办〔2025〕4号　2025年1月20日印发

为深入贯彻落实省委、省政府关于实施“百千万工程”的决策部署，结合我县实际，制定本方案。

到2027年，全县地区生产总值达到260亿元，农村居民人均可支配收入达到23500元。
"""


def test_a_document_number_above_the_body_answers_which_number_the_page_has(tmp_path):
    engine = _small_engine(tmp_path, {"huazhou.html": INFO_BOX_PAGE, "lianping.md": PLAN_PAGE, "other.txt": "本地新闻\n" + PADDING})
    # An info box row labels its own cells: the row is quoted alone, not under the row above it.
    answer = _ask(engine, "化州那份重点项目建设计划的通知，文号是多少？")
    assert not answer.refused and "化府办函〔2025〕19号" in answer.answer and "索引号" not in answer.answer
    # The number in the issuing line under a plan's title; not the number it cites further down.
    answer = _ask(engine, "连平这份三年实施方案的文号是多少？")
    assert not answer.refused and "连府办〔2025〕4号" in answer.answer and "茂府" not in answer.answer
    # The same line says who issued the plan.
    assert "连平县人民政府办公室" in _ask(engine, "连平这份实施方案是哪个部门印发的？").answer


def _task_list_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("信宜市推进“百千万工程”实施方案政策解读")
    document.add_paragraph("问：《实施方案》的重点任务由哪些单位负责？")
    document.add_paragraph("答：《实施方案》提出十项重点任务，逐项明确了牵头单位和完成时限，具体如下表：")
    table = document.add_table(rows=4, cols=4)
    rows = [("序号", "任务", "牵头单位", "完成时限"),
            ("1", "建设鉴江沿岸乡村振兴示范带（全长42公里）", "市文化广电旅游体育局", "2026年12月"),
            ("2", "完成农村公路提级改造180公里", "市交通运输局", "2027年3月"),
            ("3", "建成紧密型县域医共体2个", "市卫生健康局", "2025年11月")]
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    merged = table.add_row()
    merged.cells[0].merge(merged.cells[3]).text = "注：各牵头单位每季度报送进展。"
    document.add_paragraph("问：如何保障任务落实？")
    document.add_paragraph("答：建立季度调度机制，对进度滞后的任务实行挂牌督办。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_is_read_in_place_and_its_columns_say_who_does_what(tmp_path):
    from qa.decode import CELL_SEPARATOR, extract

    text = extract(Path("xinyi.docx"), _task_list_docx()).text
    lines = text.splitlines()
    row = lines.index(CELL_SEPARATOR.join(("1", "建设鉴江沿岸乡村振兴示范带（全长42公里）", "市文化广电旅游体育局", "2026年12月")))
    assert "具体如下表" in lines[row - 2] and lines[row - 1].startswith("序号")  # in reading order, under its header
    assert "注：各牵头单位每季度报送进展。" in lines  # a merged cell once, not once per column it spans
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "xinyi.docx").write_bytes(_task_list_docx())
    (sources / "other.txt").write_text("本地新闻\n" + PADDING, encoding="utf-8")
    from conftest import FakeEmbedder

    from qa.engine import Engine

    engine = Engine(sources, tmp_path / "index", embedder=FakeEmbedder())
    engine.refresh()
    # 牵头 stands in the column's name, not in the row.
    answer = _ask(engine, "信宜那个实施方案里，鉴江沿岸的乡村振兴示范带是哪个部门牵头抓的？")
    assert not answer.refused and "市文化广电旅游体育局" in answer.answer and "牵头单位" in answer.answer
    # No column says who builds it.
    assert _ask(engine, "信宜鉴江沿岸乡村振兴示范带是哪家施工单位承建的？").refused


def test_which_one_is_larger_asks_a_figure_even_with_words_between():
    question = read_question("2024年阳春市和海丰县，哪个地方的GDP总量更大一些？")
    assert question.kind == "comparison"
    sides = [read_question(text, allow_comparison=False) for _, text in split_comparison(question)]
    assert [side.wants_number for side in sides] == [True, True]
    assert read_question("哪个镇的游客更多？").wants_number
    assert not read_question("哪个地方的做法更值得推广，为什么？").wants_number  # no measure compared


LUFENG_BULLETIN = """陆丰市2024年国民经济和社会发展统计公报
发布时间：2025-03-28
九、旅游
红宫纪念馆、玄武山、碣石镇古城等重点景区全年接待游客356.4万人次。
全年接待游客826.2万人次，比上年增长9.7%；实现旅游总收入68.5亿元。
"""


def test_a_figure_of_a_town_s_sights_does_not_answer_what_the_whole_county_did(tmp_path):
    engine = _page_engine(tmp_path, "lufeng.txt", LUFENG_BULLETIN, "陆丰市2024年国民经济和社会发展统计公报", "2025-03-28", "汕尾")
    answer = _ask(engine, "2024年陆丰全市接待游客和揭西县接待游客分别是多少？")
    assert "826.2万人次" in answer.answer and "356.4万人次" not in answer.answer  # 碣石镇古城 is a town's
    assert "揭西：在现有资料中未找到" in answer.answer


HEPING_PLAN = """# 和平县推进“百千万工程”实施方案（2025—2027年）

为推动城乡区域协调发展，结合我县实际，制定本方案。

到2025年，县域经济综合实力明显增强，地区生产总值达到180亿元；新增省级典型镇2个，省级典型镇累计达到3个；农村生活污水治理率达到80%。

**主要指标表**

| 指标 | 单位 | 2024年基数 | 2025年目标 | 2027年目标 |
|---|---|---|---|---|
| 农村居民人均可支配收入 | 元 | 18650 | 19900 | 22600 |
| 规上工业企业 | 家 | 96 | 105 | 130 |
"""


def test_a_result_asked_is_not_answered_by_a_plan_s_targets(tmp_path):
    engine = _page_engine(tmp_path, "heping.md", HEPING_PLAN + "\n", "和平县推进“百千万工程”实施方案（2025—2027年）", "2025-01-20", "河源")
    # The year asked stands only in a target column.
    assert _ask(engine, "和平县2025年农村居民人均可支配收入已经达到多少了？").refused
    target = _ask(engine, "和平县2025年农村居民人均可支配收入的目标是多少？")
    assert not target.refused and "19900" in target.answer
    # A clause of a sentence that opens with the year it aims at (到2025年，…；…累计达到3个；).
    assert _ask(engine, "和平县的省级典型镇累计已经达到几个了？").refused
    # What was done in a year after the page's own, the page cannot say.
    assert _ask(engine, "和平县2027年规上工业企业实际达到了多少家？").refused


DAPU_REPORT = """大埔县召开“百千万工程”现场推进会
发布时间：2025-06-14
目前，全县已培育省级典型镇1个（湖寮镇）、市级典型镇3个。全县村级集体经济收入全部超过10万元，其中超过30万元的村达到41个。
对成功创建省级典型镇的，一次性奖励600万元。
湖寮镇是大埔的商贸重镇。全镇农村生活污水治理率达到92%。
"""


def test_a_whole_county_s_sentence_is_not_a_town_s_and_one_time_is_no_count(tmp_path):
    engine = _page_engine(tmp_path, "dapu.txt", DAPU_REPORT, "大埔县召开“百千万工程”现场推进会", "2025-06-14", "梅州")
    # 湖寮镇 is named earlier in the paragraph; 全县村级集体经济收入… is the county's figure.
    assert _ask(engine, "大埔县湖寮镇2024年村级集体经济收入是多少？").refused
    assert "92%" in _ask(engine, "大埔县湖寮镇农村生活污水治理率是多少？").answer  # 全镇 is the town's own
    # 一次性奖励600万元 counts no towns.
    from qa.answer import figure_text

    assert "一次" not in figure_text("对成功创建省级典型镇的，一次性奖励600万元。")
    assert "600万元" in _ask(engine, "大埔对成功创建省级典型镇的奖励多少钱？").answer
    # 是哪一年创建…的 asks when it was done: a target year does not answer it.
    assert read_question("大埔县湖寮镇是哪一年创建省级典型镇的？").asks_when_done


SUIXI_PLAN = """新丰县2025年典型镇村建设攻坚行动实施方案
发布时间：2025-03-14
一、发展基础
2024年，全县农村生活污水治理率为61.5%，农村卫生户厕普及率为96.2%。
二、主要任务
全县农村生活污水治理率达到78%以上，农村卫生户厕普及率稳定在98%以上。
"""


def test_a_plan_s_figures_without_a_target_word_do_not_answer_what_was_reached(tmp_path):
    engine = _page_engine(tmp_path, "xinfeng.txt", SUIXI_PLAN, "新丰县2025年典型镇村建设攻坚行动实施方案", "2025-03-14", "韶关")
    reached = _ask(engine, "新丰县农村生活污水治理率实际达到多少了？")
    assert "78%" not in reached.answer  # the plan's task, not a result
    assert "61.5%" in _ask(engine, "新丰县2024年农村生活污水治理率实际到了多少？").answer  # a year before the page's
    assert "78%" in _ask(engine, "新丰县农村生活污水治理率要达到多少？").answer
    assert read_question("潮州和江门各自提到了多少个园区？").figure_mood is None  # 提到了 says what is mentioned


NOTICE_PERIOD = """关于2025年度清远市“百千万工程”典型镇、典型村拟认定名单的公示
发布时间：2025-11-18
2025年11月6日，由11名专家组成的评审组对核查结果进行集中评审，经市指挥部办公室审定，拟认定石潭镇等5个镇为典型镇。
公示期为2025年11月18日至11月24日。公示期间，如有异议，可向市指挥部办公室反映。
"""


def test_the_domain_dictionary_keeps_a_notice_period_whole(tmp_path):
    from qa.index import ANALYZER
    from qa.lexical import dictionary_digest, tokenize

    assert "公示期" in tokenize("典型镇村的公示期到哪天结束？")  # not 公示 + 期到
    assert dictionary_digest() in ANALYZER  # a new dictionary word rebuilds the index
    engine = _page_engine(tmp_path, "qingyuan.txt", NOTICE_PERIOD, "关于2025年度清远市“百千万工程”典型镇、典型村拟认定名单的公示", "2025-11-18", "清远")
    answer = _ask(engine, "清远典型镇村的公示期到哪天结束？")
    assert not answer.refused and "11月24日" in answer.answer


PINGYUAN_MEETING = """蕉岭县召开2025年“百千万工程”现场推进会
发布时间：2025-06-12
6月12日，蕉岭县召开2025年“百千万工程”现场推进会，实地观摩各镇重点项目建设情况。县委书记陈立强出席会议并讲话，县委副书记、县长王海燕主持会议。
与会人员先后深入长潭镇、广福镇、三圳镇等3个镇，实地察看了8个重点项目。
全县已培育省级典型村2个：长潭镇白湖村、广福镇石峰村，另有9个村纳入市级典型村培育范围。
"""


def test_a_post_joined_to_a_place_and_towns_asked_by_name(tmp_path):
    engine = _page_engine(tmp_path, "jiaoling.txt", PINGYUAN_MEETING, "蕉岭县召开2025年“百千万工程”现场推进会", "2025-06-12", "梅州")
    # jieba reads 蕉岭县 + 长叫: the post asked is still a term.
    assert "县长" in read_question("蕉岭县长叫什么名字？").terms
    assert "王海燕" in _ask(engine, "蕉岭县长叫什么名字？").answer
    # 哪几个村 is answered by villages named, though the sentence also counts others (另有9个村).
    assert read_question("蕉岭入选省级典型村的是哪几个村？").asked_members == "村"
    answer = _ask(engine, "蕉岭入选省级典型村的是哪几个村？")
    assert "白湖村" in answer.answer and "石峰村" in answer.answer


def test_a_place_name_inside_a_common_phrase_is_no_place():
    from qa.places import find_places

    assert find_places("海丰县2024年新增城镇就业多少人？") == ["海丰"]  # 新增城镇 holds no 增城
    assert find_places("新增城乡居民医保参保人数") == []
    assert find_places("增城区的荔枝产值是多少？") == ["增城"]


DIANBAI_PROGRESS = """电白区“百千万工程”现场推进会召开
会议通报，1—8月，全区完成工业投资额38亿元，比增52%，交出一张亮眼的成绩单。
每个镇(街)培育不少于3个案例，打造一批可复制可推广的典型案例。
"""


def test_the_first_months_of_a_year_and_a_district_page_asked_of_its_city(tmp_path):
    from qa.answer import part_of_year

    assert part_of_year("前八个月") == part_of_year("1—8月") == "1-8月"
    engine = _page_engine(tmp_path, "dianbai.txt", DIANBAI_PROGRESS, "电白区“百千万工程”现场推进会召开", "2025-09-20", "茂名")
    # 前8个月 is a part of the year, not a figure the answer must state (8个)
    answer = _ask(engine, "电白区前8个月工业投资一共完成了多少？")
    assert not answer.refused and "38亿元" in answer.answer
    # the city as a whole is asked: a district's 全区 figure is a part's
    assert _ask(engine, "茂名全市1—8月工业投资一共完成了多少？").refused
    # 镇(街) names 镇街
    answer = _ask(engine, "电白每个镇街至少要培育几个典型案例？")
    assert not answer.refused and "不少于3个案例" in answer.answer


def test_issuing_asked_with_a_plain_verb():
    assert read_question("市指挥部印发2024年工作要点的那份通知是哪天发的？").asks_publication_date
    assert not read_question("种粮补贴什么时候发放？").asks_publication_date


SHILONG_SUMMARY = """石龙镇2024年工作总结和2025年工作计划
一、2024年工作成效
1. 人居环境整治深入推进。全镇拆除危旧泥砖房2.4万平方米，12个村全部达到干净整洁村标准。
2. 农文旅融合发展。成功举办第三届荔枝文化旅游节，全年接待游客42.6万人次，实现旅游收入1.8亿元。
二、存在问题
干部队伍年龄结构偏大，35岁以下镇村干部仅占18%，懂经营的人才缺乏。
"""


def test_a_unit_of_visits_a_share_asked_how_high_and_everyday_words(tmp_path):
    engine = _page_engine(tmp_path, "shilong.txt", SHILONG_SUMMARY, "石龙镇2024年工作总结和2025年工作计划", "2025-01-10", "韶关")
    assert "人次" not in read_question("石龙镇全年接待游客多少人次？").measure_words  # a unit, not what is measured
    answer = _ask(engine, "石龙镇2024年全年接待游客多少人次？")
    assert not answer.refused and "42.6万人次" in answer.answer
    assert read_question("石龙镇干部里年轻人的比例有多高？").figure_kind == "share"
    answer = _ask(engine, "石龙镇镇村干部里面年轻人的比例有多高？")
    assert not answer.refused and "18%" in answer.answer
    answer = _ask(engine, "石龙镇清掉了多少面积的破旧土坯房？")
    assert not answer.refused and "2.4万平方米" in answer.answer


def test_a_town_joined_to_a_place_is_a_side_with_its_own_time():
    sides = split_comparison(read_question("恩平和江尾镇2024年游客接待量分别是多少？"))
    assert [place for place, _ in sides] == ["恩平", "江尾镇"]
    # jieba reads 棉 + 湖镇; each side has its own time, the measure after the last side is shared
    sides = dict(split_comparison(read_question("怀集去年和棉湖镇今年前三季度新改建农村公路各多少公里？")))
    assert sides["怀集"].startswith("怀集去年新改建农村公路")
    assert sides["棉湖镇"].startswith("棉湖镇今年前三季度新改建农村公路")


HUAIJI_PLAN = """怀集县推进百千万工程三年行动实施方案（2025—2027年）
一、工作基础
2024年，全县实现地区生产总值268.4亿元，同比增长4.6%。
全县累计创建省级典型村11个。全年新改建农村公路186.5公里，改造危旧桥梁23座。
二、总体目标
（一）到2025年。全县新改建农村公路200公里，农村生活污水治理率达到65%。
"""


def test_a_plan_reports_results_under_its_baseline_heading(tmp_path):
    engine = _page_engine(tmp_path, "huaiji.txt", HUAIJI_PLAN, "怀集县推进百千万工程三年行动实施方案（2025—2027年）", "2025-03-14", "肇庆")
    answer = _ask(engine, "怀集去年实际新改建农村公路多少公里？")
    assert not answer.refused and "186.5公里" in answer.answer and "200公里" not in answer.answer


def test_a_short_line_ends_its_paragraph_though_the_one_before_was_joined():
    from qa.reflow import unwrap

    body = "全县上下坚持把百千万工程作为推动高质量发展的头号工程，各项工作取得阶段性成效，" * 12
    wrapped = [body[i : i + 30] for i in range(0, len(body), 30)]
    title = ["怀集县人民政府办公室关于印发怀集县推进百千万工程三年行动实施", "方案的通知", "各镇人民政府，县政府各部门："]
    text = unwrap("\n".join(title + wrapped))
    assert "怀集县人民政府办公室关于印发怀集县推进百千万工程三年行动实施方案的通知\n各镇人民政府" in text


FOGANG_BRIEFING = """佛冈县推进百千万工程2025年上半年工作进展新闻发布会（文字实录）
罗志明：
先说说去年的基础。2024年，全县地区生产总值完成236.7亿元，同比增长5.2%；城乡居民收入比缩小到1.69:1，是全市最小的县之一。

清远日报记者：
我想请问何局长，在农民增收方面，佛冈有哪些“拳头产品”？

何建军：
好，谢谢你的提问。讲到农民增收，我们主要靠“一粒米、一罐蜜、一盒菜”。

“一粒米”，就是佛冈丝苗米，全县种植面积12.6万亩。“一罐蜜”，是迳头镇的蜂蜜产业，全镇养蜂3200箱。“一盒菜”，就是预制菜，上半年新引进预制菜企业5家。

另外，在人才方面，上半年我们培训高素质农民820人。
"""


def test_a_sentence_is_of_the_year_its_paragraph_named_and_a_quoted_list_is_explained(tmp_path):
    engine = _page_engine(tmp_path, "fogang.txt", FOGANG_BRIEFING, "佛冈县推进百千万工程2025年上半年工作进展新闻发布会", "2025-07-24", "清远")
    # 2024年，…；城乡居民收入比… is 2024's: it does not answer 今年
    assert _ask(engine, "佛冈今年上半年城乡居民收入比是多少？").refused
    answer = _ask(engine, "佛冈去年城乡居民收入比是多少？")
    assert not answer.refused and "1.69:1" in answer.answer
    # the quoted items are said one by one in the next paragraph
    answer = _ask(engine, "佛冈带动农民增收主要靠哪几样产品？")
    assert all(item in answer.answer for item in ("佛冈丝苗米", "蜂蜜", "预制菜"))
    assert "我想请问" not in answer.answer


XUWEN_CASES = """# 徐闻县百千万工程典型村案例汇编（第一辑）

**中共徐闻县委农村工作办公室　编**

## 一、田洋村：菠萝的海里种出致富路
发展成效：2024年，田洋村村集体经济收入186.4万元，2024年6月入选广东省百千万工程典型村。
"""


def test_a_town_named_after_its_county_and_the_compiler_of_a_collection(tmp_path):
    assert read_question("徐闻迈陈镇的典型村去年集体经济收入多少？").settlements == ("迈陈镇",)  # jieba: 迈 + 陈镇
    engine = _page_engine(tmp_path, "xuwen.md", XUWEN_CASES, "徐闻县百千万工程典型村案例汇编（第一辑）", "2025-03-15", "湛江")
    assert _ask(engine, "徐闻迈陈镇的典型村去年集体经济收入多少？").refused  # the page has no 迈陈镇
    assert read_question("徐闻那本典型村案例汇编是哪个部门编的？").asks_page_fact == "issuer"
    answer = _ask(engine, "徐闻那本典型村案例汇编是哪个部门编的？")
    assert not answer.refused and "中共徐闻县委农村工作办公室" in answer.answer


SUIXI_CONTACTS = """遂溪县典型镇村建设攻坚行动方案
县自然资源局要保障典型镇村项目建设用地需求，预留不少于10%的新增建设用地指标。
联系人：
县农业农村局乡村建设股 林晓燕，电话：0759-7761082；
县住房城乡建设局村镇建设股 吴文杰，电话：0759-7753419。
"""


def test_a_short_statement_is_text_and_a_bureau_asked_is_not_answered_by_another(tmp_path):
    from qa.clean import body_spans

    line = "投资380万元建设粮食烘干中心，注册“石坝香”丝苗米商标。"  # says 注册, yet a sentence of the article
    assert [line] == [(line + "\n")[s:e] for s, e in body_spans(line + "\n")]
    engine = _page_engine(tmp_path, "suixi.md", SUIXI_CONTACTS, "遂溪县典型镇村建设攻坚行动方案", "2024-05-20", "湛江")
    answer = _ask(engine, "遂溪县住房城乡建设局在这个方案里的联系人是谁？")
    assert not answer.refused and "吴文杰" in answer.answer
    assert _ask(engine, "遂溪县自然资源局在这个方案里的联系人是谁，电话多少？").refused


LIANTANG_REPORT = """莲塘镇：低洼地变身聚宝盆
北岸村曾是出了名的“水浸村”，每逢台风季就被淹。2023年起，该村引入广东粤源农业有限公司，把96亩低洼地改造为稻鱼共养基地，带动农户52户。
目前，莲塘镇已形成水产养殖、蔬菜种植两大特色产业。
"""


def test_what_a_place_was_is_followed_by_what_it_does_now(tmp_path):
    engine = _page_engine(tmp_path, "liantang.txt", LIANTANG_REPORT, "莲塘镇：低洼地变身聚宝盆", "2025-09-02", "茂名")
    answer = _ask(engine, "莲塘镇那个以前一刮台风就被淹的村子，现在靠什么养殖增收？")
    assert not answer.refused and "稻鱼共养" in answer.answer  # the next sentence takes the village up (该村)
    answer = _ask(engine, "北岸村以前有个什么外号？")
    assert not answer.refused and "稻鱼共养" not in answer.answer  # the past is asked: one sentence


def test_a_post_who_speaks_of_a_coined_idea_and_figures_per_thousand(real_engine):
    question = read_question("张槎的书记讲到用地时，强调按每一亩地能产出多少来评高低，这个理念原话是怎么说的？")
    assert question.asks_coined_name and question.kind == "fact"  # the post speaks; the wording is asked
    assert not read_question("该村党支部书记怎么称呼？").asks_coined_name  # a person is asked
    answer = _ask(real_engine, "张槎的书记讲到用地时，强调按每一亩地能产出多少来评高低，这个理念原话是怎么说的？")
    assert not answer.refused and "亩均论英雄" in answer.answer
    # 想做到 aims, and 每千人口 is a figure per unit as 平均每一千个 asks
    assert read_question("潮州今年想做到每千个居民有几个托位？").figure_mood == "aimed"
    assert read_question("潮州每一千人有几个托位？").asks_per_unit
    answer = _ask(real_engine, "潮州今年想做到平均每一千个居民能对应几个给三岁以内小娃娃的托育名额？")
    assert not answer.refused and "3.2个" in answer.answer


GAOZHOU_EXPLAINER = """《高州市典型村镇建设扶持办法》政策解读
问：扶持对象有哪些？
答：扶持对象包括两类：一是纳入省级典型村创建名单的行政村；二是纳入首批典型镇创建名单的分界镇、石鼓镇、长坡镇。
问：首批省级典型村创建对象是哪几个村？
答：首批省级典型村创建对象为荔香村、柏桥村。
问：村集体经济项目怎么补？
答：村集体经济“破零”项目按项目投资额的30%补助，最高50万元。
"""


def test_question_words_on_a_q_and_a_page_are_not_topic_words(tmp_path):
    engine = _page_engine(tmp_path, "gaozhou.txt", GAOZHOU_EXPLAINER, "《高州市典型村镇建设扶持办法》政策解读", "2025-03-18", "茂名")
    # the page asks 是哪几个村？ itself: 哪几个 is still a question word, not a word the answer must say
    answer = _ask(engine, "高州首批纳入典型镇创建名单的是哪几个镇？")
    assert not answer.refused and "石鼓镇" in answer.answer
    answer = _ask(engine, "高州村集体经济“破零”项目，补助封顶是多少？")  # 封顶 is said 最高
    assert not answer.refused and "50万元" in answer.answer


LUHE_NOTICE = """陆河县2025年典型村候选项目公示
公示期为2025年6月12日至6月18日。对公示项目有异议的，可通过以下方式反映：
联系电话：0660-5523018
监督邮箱：lhxbqwb@163.com
"""

LUOFU_MINUTES = """# 罗浮区百千万工程指挥部第七次全体会议纪要
会议研究了重点任务推进情况。全年完成农村公路提质改造45公里。

| 序号 | 任务名称 | 年度目标 | 1—8月完成 | 完成率 | 责任单位 |
| --- | --- | --- | --- | --- | --- |
| 1 | 重点项目完成投资 | 42.0亿元 | 28.6亿元 | 68.1% | 区发展改革局 |
| 2 | 闲置低效用地盘活 | 1200亩 | 655亩 | 54.6% | 区自然资源分局 |
"""

PINGCHUAN_BULLETIN = """平川县2024年国民经济和社会发展统计公报
全年新建改建农村公路126.4公里。全县226个行政村集体经济收入合计1.87亿元，村均82.7万元。
"""


def test_an_e_mail_asked_is_answered_by_the_line_that_gives_one(tmp_path):
    assert read_question("想在网上写信反映问题，该发到哪个地址？").asks_page_fact == "email"
    engine = _page_engine(tmp_path, "luhe.txt", LUHE_NOTICE, "陆河县2025年典型村候选项目公示", "2025-06-12", "汕尾")
    answer = _ask(engine, "对陆河那份名单有意见，想在网上写信反映，该发到哪个地址？")
    assert not answer.refused and "lhxbqwb@163.com" in answer.answer and "0660" not in answer.answer


def test_a_rate_column_and_places_the_documents_declare(tmp_path):
    from qa.places import city_of

    metadata = (_metadata("luofu.md", "罗浮区百千万工程指挥部第七次全体会议纪要", "2024-09-12", "广东省惠州市罗浮区")
                + _metadata("pingchuan.txt", "平川县2024年国民经济和社会发展统计公报", "2025-03-28", "广东省梅州市平川县"))
    engine = _small_engine(tmp_path, {"luofu.md": LUOFU_MINUTES + PADDING, "pingchuan.txt": PINGCHUAN_BULLETIN + PADDING}, metadata)
    answer = _ask(engine, "罗浮区闲置低效用地盘活任务1—8月完成率是多少？")  # 54.6% under 完成率
    assert not answer.refused and "54.6%" in answer.answer and "68.1%" not in answer.answer
    # 罗浮区 and 平川县 are in no gazetteer: the regions the documents declare name them
    assert city_of("罗浮区") == "惠州" and read_question("罗浮区的村均集体收入多少？").places == ("罗浮",)
    assert _ask(engine, "罗浮区村级集体经济收入平均每个村有多少万元？").refused  # only 平川县 says 村均
    answer = _ask(engine, "平川县2024年新建改建的农村公路，和罗浮区今年的农村公路提质改造任务，各是多少公里？")
    assert "126.4公里" in answer.answer and "45公里" in answer.answer


def test_a_place_s_name_before_a_village_of_another_place_is_the_village_s():
    question = read_question("高州每个小园补多少钱，陆河坪山村又打算建几个？")
    assert question.places == ("高州", "陆河") and question.settlements == ("坪山村",)  # not 深圳's 坪山
    assert [place for place, _ in split_comparison(question)] == ["高州", "陆河"]


PINGCHUAN_INCOMES = """平川县2024年居民收入
按常住地分，城镇居民人均可支配收入36215元，增长4.5%；农村居民人均可支配收入21937元，比上年增长6.8%。城乡居民收入比为1.65，比上年缩小0.04。
补助资金须在拨付之日起12个月内使用完毕，结余资金由县财政收回统筹使用。获得补助的项目须在2025年12月20日前完成主体工程建设。
县领导每季度至少到挂钩镇调研1次，帮助基层解决实际困难。
"""


def test_times_as_much_how_long_and_how_often_are_figures_of_their_own_kind(tmp_path):
    engine = _page_engine(tmp_path, "pingchuan.txt", PINGCHUAN_INCOMES, "平川县2024年居民收入", "2025-03-28", "广东省梅州市平川县")
    assert read_question("平川城里人挣的钱是乡下人的几倍？").figure_kind == "ratio"
    answer = _ask(engine, "在平川县，城里人挣的钱大概是乡下人的几倍？")  # 比为1.65, not 比上年增长6.8%
    assert not answer.refused and "1.65" in answer.answer and "21937元" not in answer.answer
    assert read_question("濠江区1—8月工业投资同比增长了多少？").figure_kind == "growth"  # 同比 is no ratio
    # 多长时间 asks a length of time, not a date
    question = read_question("在平川拿到补助以后，得在多长时间里花完？")
    assert question.figure_kind == "duration" and not question.wants_date
    answer = _ask(engine, "在平川拿到补助以后，得在多长时间里花完？")
    assert not answer.refused and "12个月内" in answer.answer and "12月20日" not in answer.answer
    answer = _ask(engine, "平川县领导隔多久得去自己挂钩的镇跑一趟？")  # how often: 每季度
    assert not answer.refused and "每季度" in answer.answer


RONGHU_REPORT = """# 东莞市榕湖镇2025年政府工作报告
2024年，全镇实现地区生产总值186.4亿元，同比增长5.8%。榕湖智能装备产业园首期开工建设，园区规划占地620亩，已有8家企业签约入驻。全镇辖14个村（社区）。
"""

FENGXI_BROCHURE = """封溪县招商引资推介手册
三、产业平台
（一）封溪产业转移工业园
省级产业转移工业园，规划面积12.8平方公里，已开发5.2平方公里。
（二）封溪绿色建材产业园
规划面积3600亩，首期1200亩已完成土地平整。
"""


def test_a_park_s_figure_under_its_title_and_sides_in_declared_regions(tmp_path):
    metadata = (_metadata("ronghu.md", "东莞市榕湖镇2025年政府工作报告", "2025-01-10", "广东省东莞市榕湖镇")
                + _metadata("fengxi.txt", "封溪县招商引资推介手册", "2025-04-01", "广东省肇庆市封溪县"))
    engine = _small_engine(tmp_path, {"ronghu.md": RONGHU_REPORT + PADDING, "fengxi.txt": FENGXI_BROCHURE + PADDING}, metadata)
    # 园区规划占地 takes up the park named before it; 规划面积3600亩 is the park its title names
    answer = _ask(engine, "榕湖智能装备产业园和封溪绿色建材产业园，哪个规划面积更大？各有多少亩？")
    assert "620亩" in answer.answer and "3600亩" in answer.answer and "12.8平方公里" not in answer.answer
    # 榕湖 is a town right under its city, learnt from the declared region: 东莞榕湖镇 is asked of its page
    answer = _ask(engine, "东莞榕湖镇有多少个村（社区）？")
    assert not answer.refused and "14个村" in answer.answer
    question = read_question("2024年东莞榕湖镇和肇庆封溪县，哪边的经济增速更快？两地各增长了多少？")
    assert [place for place, _ in split_comparison(question)] == ["榕湖", "封溪"]  # 东莞榕湖镇 is one side
    assert "两地" not in read_question("两地各增长了多少？", allow_comparison=False).measure_words


DONGLAN_REPLY = """东澜县农业农村局关于县十八届人大四次会议第37号建议的答复函
2024年，全县统筹各级资金4.86亿元投入镇村基础设施建设。全年新建改造农村公路86.4公里；农村生活污水治理率由2023年底的52.3%提高到67.8%，新建村级污水处理设施42座。
乘高铁至广州南站最快58分钟。
我们郑重承诺：对来东澜投资的客商，做到“有求必应、无事不扰”，让企业安心投资、放心发展。
九、联系方式
东澜县投资促进局
地址：东澜县城江滨大道88号行政服务中心6楼
联系人：梁志强（局长）
电话：0660-6123456
"""


def test_a_baseline_year_a_cut_place_name_and_a_contact_block(tmp_path):
    from qa.clean import body_spans

    kept = [DONGLAN_REPLY[s:e] for s, e in body_spans(DONGLAN_REPLY)]
    assert "联系人：梁志强（局长）" in kept  # a contact block's fields are no menu of links
    engine = _page_engine(tmp_path, "donglan.txt", DONGLAN_REPLY, "东澜县农业农村局关于县十八届人大四次会议第37号建议的答复函",
                          "2025-05-20", "广东省汕尾市东澜县")
    # 由2023年底的52.3% is where the rate began: the sentence is of 2024, as its paragraph says
    answer = _ask(engine, "截至2024年底，东澜县农村生活污水治理率达到多少？")  # jieba: 东 + 澜县
    assert not answer.refused and "67.8%" in answer.answer
    answer = _ask(engine, "从东澜坐动车进广州，最快多久能到？")  # 动车 is said 高铁; 多久: 58分钟
    assert not answer.refused and "58分钟" in answer.answer
    answer = _ask(engine, "东澜县投资促进局的局长是谁？")
    assert not answer.refused and "梁志强" in answer.answer


DONGLAN_LETTER = """东澜县农业农村局关于县十八届人大四次会议第37号建议的答复函
东农函〔2025〕58号
林少华代表：
您在县十八届人大四次会议上提出的《关于加快补齐镇村发展短板的建议》（第37号建议）收悉。我局高度重视，现将办理情况答复如下。
东澜县农业农村局
2025年6月18日
"""

RONGHU_SPEECH = """# 东莞市榕湖镇2025年政府工作报告
——2025年1月14日在榕湖镇第十八届人民代表大会第五次会议上
榕湖镇人民政府镇长　陈建华
各位代表：
现在，我代表镇人民政府，向大会报告工作，请予审议，并请列席人员提出意见。
"""


def test_whom_a_letter_calls_you_and_who_says_i_and_a_numbered_suggestion(tmp_path):
    assert read_question("第38号建议是哪位代表提的？").stated_figures == ("38号",)  # the 38th, not a day
    engine = _small_engine(tmp_path, {"letter.txt": DONGLAN_LETTER + PADDING, "speech.md": RONGHU_SPEECH + PADDING},
                           _metadata("letter.txt", "东澜县农业农村局关于县十八届人大四次会议第37号建议的答复函", "2025-06-18", "广东省汕尾市东澜县")
                           + _metadata("speech.md", "东莞市榕湖镇2025年政府工作报告", "2025-01-14", "广东省东莞市榕湖镇"))
    answer = _ask(engine, "东澜县人大四次会议第37号建议是哪位代表提出的？")  # 您 is the deputy the letter opens to
    assert not answer.refused and "林少华" in answer.answer
    assert _ask(engine, "东澜县人大四次会议第38号建议是哪位代表提的？").refused
    answer = _ask(engine, "东澜县农业农村局对第37号建议的答复函落款日期是哪天？")  # 第37号 names the page, not the line
    assert not answer.refused and "2025年6月18日" in answer.answer
    answer = _ask(engine, "东莞榕湖镇2025年的政府工作报告是谁代表镇政府作的？")  # 我 is the speaker under the title
    assert not answer.refused and "陈建华" in answer.answer


LIXI_RESULTS = """黎溪县2024年度镇村推进“百千万工程”考核结果通报
各镇人民政府：
考核结果已经2025年2月18日县委常委会会议审定，现予以通报。
2025年，县“百千万工程”指挥部将进一步完善考核评价办法。
"""


def test_the_year_of_what_was_assessed_does_not_date_when_it_was_approved(tmp_path):
    engine = _page_engine(tmp_path, "lixi.txt", LIXI_RESULTS, "黎溪县2024年度镇村推进“百千万工程”考核结果通报", "2025-02-25",
                          "广东省清远市黎溪县")
    answer = _ask(engine, "黎溪县2024年度镇村考核结果是哪天经县委常委会审定的？")  # approved in 2025
    assert not answer.refused and "2025年2月18日" in answer.answer
    assert _ask(engine, "黎溪县2023年度镇村考核结果是哪天经县委常委会审定的？").refused  # no such year here


NANPENG_FEATURE = """驻镇工作队扎根溪尾：把“帮扶账本”写在田头海边
进驻第一个月，队员们走遍了全镇14个行政村、87个自然村，走访农户1260户。
2024年，溪尾镇14个行政村集体经济收入全部超过15万元。
"""


def test_a_declared_region_speaks_for_its_own_place_and_a_town_named_in_its_city(tmp_path):
    engine = _page_engine(tmp_path, "nanpeng.html.txt", NANPENG_FEATURE, "驻镇工作队扎根溪尾：把“帮扶账本”写在田头海边",
                          "2025-05-10", "广东省阳江市南鹏县")
    answer = _ask(engine, "阳江溪尾镇管着多少个行政村？")  # the town is named, the city only says where it is
    assert not answer.refused and "14个行政村" in answer.answer
    answer = _ask(engine, "南鹏县溪尾镇工作队走访了多少农户？")  # the page's own county
    assert not answer.refused and "1260户" in answer.answer
    assert _ask(engine, "阳江全市有多少个行政村？").refused  # a county's page does not speak for its city


def test_a_way_of_doing_asked_by_name_and_pairing_said_as_counterpart_aid(real_engine):
    assert read_question("濠江区请在外打拼的本地能人回老家投资办厂，这项做法叫什么名字？").asks_coined_name
    answer = _ask(real_engine, "濠江区请在外打拼的本地能人回老家投资办厂，这项做法叫什么名字？")
    assert not answer.refused and "乡贤回归工程" in answer.answer
    assert "对口帮扶" in official_forms("结对")  # 结对协作 is said 对口帮扶协作
    answer = _ask(real_engine, "濠江为了和深圳搞结对协作、拉投资，一共往深圳跑了几趟？")
    assert not answer.refused and "11次" in answer.answer


XUWEN_BRIEFING = """徐闻县召开2025年上半年“百千万工程”工作进展新闻发布会
发布会由县委宣传部副部长、县政府新闻办主任陈海燕主持。县委常委、副县长林志强出席发布会并通报情况。
青云村现有民宿14家，床位196个，2024年民宿营业收入达860万元。
| 指标 | 2024年基数 | 2025年目标 | 2027年目标 |
| --- | --- | --- | --- |
| 典型镇规模以上工业企业数量 | 286家 | 300家 | 340家 |
"""

SHIXING_ANALYSIS = """2024年始兴县县域经济运行情况分析
始兴县统计局    2025年2月20日
2024年，全县实现地区生产总值136.82亿元，同比增长4.3%。
"""


def test_who_does_what_a_role_names_a_result_asked_by_then_a_night_s_price_and_when_a_page_came_out(tmp_path):
    assert read_question("这场发布会的主持人是谁？").who_verb == "主持"
    assert read_question("典型镇的规上工业企业到2025年底实际达到了多少家？").figure_mood == "done"
    assert read_question("青云村的民宿住一晚大概要多少钱？").asks_per_unit
    engine = _small_engine(tmp_path, {"xuwen.md": XUWEN_BRIEFING + PADDING, "shixing.txt": SHIXING_ANALYSIS + PADDING},
                           _metadata("xuwen.md", "徐闻县召开2025年上半年“百千万工程”工作进展新闻发布会", "2025-07-15", "湛江")
                           + _metadata("shixing.txt", "2024年始兴县县域经济运行情况分析", "2025-02-20", "韶关"))
    answer = _ask(engine, "徐闻县那场上半年进展发布会，主持人是谁？")  # the one who 主持, not the page's title
    assert not answer.refused and "陈海燕" in answer.answer
    assert _ask(engine, "徐闻典型镇的规上工业企业到2025年底实际达到了多少家？").refused  # 300家 is a target
    assert _ask(engine, "徐闻青云村的民宿住一晚大概要多少钱？").refused  # 860万元 is a year's takings
    answer = _ask(engine, "始兴县统计局这份2024年县域经济运行分析是哪天出的？")  # 2024 names the page
    assert not answer.refused and "2025年2月20日" in answer.answer


CHENGHAI_PLAN = """# 澄海区典型镇建设三年行动方案（2025—2027年）

## 一、总体要求

坚持以“百千万工程”为总抓手，推动典型镇在产业发展、圩镇建设等方面率先突破，形成可复制、可推广的经验。

基本原则：

1. **产业立镇。** 依托玩具创意、狮头鹅养殖等特色资源，做强镇域主导产业。
2. **规划引领。** 坚持先规划后建设，一张蓝图绘到底。
3. **以镇带村。** 强化圩镇对周边村庄的辐射带动。

## 二、主要目标
"""


def test_a_list_under_a_label_is_answered_by_its_numbered_lines(tmp_path):
    engine = _page_engine(tmp_path, "chenghai.md", CHENGHAI_PLAN, "澄海区典型镇建设三年行动方案（2025—2027年）", "2025-03-01", "汕头")
    answer = _ask(engine, "澄海区典型镇建设方案提出了哪几条基本原则？")
    assert not answer.refused and all(item in answer.answer for item in ("产业立镇", "规划引领", "以镇带村"))


def test_a_bureau_is_named_after_its_level_though_a_verb_runs_into_it():
    from qa.answer import _bureaus_named

    # jieba's words do not stop a bureau's name: 报到县农业农村局 names 农业农村, as 报送县农业农村局 does
    assert _bureaus_named("最迟哪天要报到县农业农村局？") == _bureaus_named("报送县农业农村局审核") == ["农业农村"]
    assert _bureaus_named("市场监督管理局") == ["市场监督管理"]  # 市场 is no level


def test_a_table_s_label_counts_nothing():
    assert "2" not in figure_text("表2  2024年部分镇农村居民人均可支配收入").replace("□", "")
    assert "1" not in figure_text("附件1：项目清单")
    assert "2人" in figure_text("发布会上代表2人发言")  # 代表 is no label


def test_reports_of_two_years_are_compared_year_by_year(real_engine):
    question = read_question("2025年汕头市委全会和2023年濠江现场会，都提出濠江要打造什么示范区？")
    assert question.kind == "comparison"
    assert [label for label, _ in split_comparison(question)] == ["2025年", "2023年"]
    answer = _ask(real_engine, question.text)
    assert not answer.refused and "港城融合示范区" in answer.answer
    assert {c.source for c in answer.citations} == {"000_3bdecfe32d9120a6.txt", "001_a2e3b4959ada6c7b.txt"}
    assert read_question("江门2023年和2024年的GDP分别是多少？").kind != "comparison"  # no report said of each year


YANGXI_MEASURES = """阳西县典型镇村创建奖补办法（征求意见稿）
第九条　项目实施要求如下：
（一）各镇须于每年7月31日前完成项目入库；
（二）单个项目投资额超过400万元的，须依法进行公开招标；
（三）400万元以下的，按照县政府投资项目管理有关规定执行。
第十二条　本办法由县农业农村局负责解释。
6月12日下午，县指挥部召开6月份工作调度会，县委副书记黄俊峰出席并讲话。会议通报了1—5月全县重点任务进展：全县重点项目98个，已开工81个，开工率82.7%；完成投资7.6亿元。
"""


def test_a_bound_asked_a_body_that_in_the_end_does_something_and_a_meeting_named_before(tmp_path):
    assert not read_question("这个奖补办法最后归哪个部门解释？").asks_rank  # 最后 says "in the end"
    assert read_question("排在最后一名的是哪个镇？").asks_rank
    assert read_question("项目投资多少以上就必须公开招标？").asks_bound
    engine = _page_engine(tmp_path, "yangxi.txt", YANGXI_MEASURES, "阳西县典型镇村创建奖补办法（征求意见稿）", "2024-08-10",
                          "广东省阳江市阳西县")
    answer = _ask(engine, "阳西这个奖补办法最后归哪个部门解释？")
    assert not answer.refused and "县农业农村局负责解释" in answer.answer
    answer = _ask(engine, "阳西的项目投资多少以上就必须公开招标？")  # the threshold is the answer
    assert not answer.refused and "超过400万元" in answer.answer
    answer = _ask(engine, "阳西6月份调度会上说的全县重点项目开工率是多少？")  # 会议 is the 调度会 named before
    assert not answer.refused and "82.7%" in answer.answer


ZIJIN_FUNDS = """紫金县2025年“百千万工程”镇村专项资金分配方案
对列入河源市级典型镇培育名单的桂山镇、龙溪镇、凤岗镇3个镇，每镇安排资金不低于900万元，重点支持圩镇提质。
| 序号 | 镇名 | 项目名称 | 分配金额（万元） |
| --- | --- | --- | --- |
| 1 | 桂山镇 | 桂山镇圩镇人居环境提升及农贸市场改造 | 1350 |
| 2 | 龙溪镇 | 龙溪镇茶旅融合产业园基础设施建设 | 1200 |
| 3 | 石坑镇 | 石坑镇百香果冷链仓储中心 | 580 |

## （三）建设宜居宜业和美乡村

7. 深化农村人居环境整治。到2026年底，农村生活污水治理率达到85%以上，农村卫生户厕普及率保持在98%以上。（责任单位：县生态环境局、县农业农村局）
"""


def test_a_town_s_own_row_a_weight_asked_and_a_task_s_bracketed_field(tmp_path):
    engine = _page_engine(tmp_path, "zijin.md", ZIJIN_FUNDS, "紫金县2025年“百千万工程”镇村专项资金分配方案", "2025-06-18",
                          "广东省河源市紫金县")
    answer = _ask(engine, "桂山镇这次分到多少万？")  # its own row, not the floor set for each of three towns
    assert not answer.refused and "1350" in answer.answer and "不低于900万元" not in answer.answer
    assert _ask(engine, "石坑镇那个百香果冷链仓储中心能存多少吨？").refused  # 580 is 万元, not tonnes
    answer = _ask(engine, "紫金农村污水治理那条归哪个部门牵头？")
    assert not answer.refused and "责任单位：县生态环境局" in answer.answer
    # 紫金 alone is a word until a document declares 紫金县 its region
    assert "紫金" in read_question("紫金有几个镇在市级典型镇名单里？").places


DEQING_BRIEFING = """德庆县“百千万工程”工作简报（第12期）
一、石湖镇典型镇建设提速
今年以来，石湖镇谋划实施圩镇提质项目17个。截至6月10日，17个项目已全部开工，完成投资1340万元，占年度计划的46.9%。
其中，圩镇主干道石湖大道改造全长2.1公里，新建公共停车位420个、公厕6座；
"""


def test_a_periodical_s_issue_and_a_measure_named_by_the_opening_setting(tmp_path):
    assert read_question("公厕方面，石湖镇新建了几座？").measure_words == ("公厕",)
    assert read_question("在农村公路方面，翁源新改建了多少公里？").figure_kind == "length"
    engine = _page_engine(tmp_path, "deqing.html", DEQING_BRIEFING, "德庆县“百千万工程”工作简报（第12期）", "2024-06-18",
                          "广东省肇庆市德庆县")
    answer = _ask(engine, "德庆简报第12期里，石湖镇完成投资多少？")
    assert not answer.refused and "1340万元" in answer.answer
    assert _ask(engine, "德庆简报第13期里，石湖镇完成投资更新到多少了？").refused  # the page is issue 12
    answer = _ask(engine, "公厕方面，德庆石湖镇新建了几座？")
    assert not answer.refused and "公厕6座" in answer.answer


def test_towns_of_a_thousand_strongest_are_one_word(real_engine):
    assert read_question("江门今年要新增几个全国千强镇？").measure_words[-1:] == ("千强镇",)
    assert _ask(real_engine, "江门今年具体要新增几个全国千强镇？").refused  # 12个 counts 超百亿镇街


def test_a_pdf_s_record_lines_stay_apart_and_its_titled_footer_is_furniture():
    from qa.reflow import unwrap

    body = "龙门县统筹省、市、县三级资金设立专项资金，重点支持典型镇建设和典型村创建等五个方向，" * 12
    wrapped = [body[i : i + 30] for i in range(0, len(body), 30)]
    records = ["新建农村公厕：目标值 40座 / 实际值 43座", "项目验收合格率：目标值 100% / 实际值 100%",
               "龙门县2023年度专项资金绩效自评报告　第1页 共2页", "",
               "项目按期完工率：目标值 90% / 实际值 88.5%", "专项资金预算执行率：目标值 95% / 实际值 94.06%"]
    tail = ["龙门县2023年度专项资金绩效自评报告　第2页 共2页"]
    text = unwrap("\n".join(wrapped + records + wrapped + tail))
    assert "项目按期完工率：目标值 90% / 实际值 88.5%\n专项资金预算执行率" in text  # two records, not one line
    assert "第1页" not in text and "实际值 100%龙门县" not in text  # the footer is page furniture


LONGMEN_REPORT = """龙门县2023年度专项资金绩效自评报告
（一）资金投入。2023年度专项资金预算总额12680万元，资金于2023年4月28日前全部下达至项目单位。
（二）自评结论。经综合评定，2023年度专项资金绩效自评得分87.6分，等级为“良”。
根据《关于开展2023年度专项资金绩效自评工作的通知》要求，龙门县对专项资金开展了绩效自评，现将有关情况报告如下。
初步核算，1—9月全县实现地区生产总值218.46亿元，同比增长5.1%。
村党组织书记 | 陈国栋（兼任村委会主任）
"""


def test_spoken_question_words_a_grade_asked_a_part_of_the_year_and_a_form_s_post_row(tmp_path):
    assert read_question("专项资金是啥时候下达的？").wants_date  # 啥时候 asks as 什么时候 does
    assert read_question("自评最后评了个啥等级？").asks_grade
    assert not read_question("南澳县要创建什么级别的景区？").asks_grade  # 5A级 answers it, no 等级 said
    engine = _page_engine(tmp_path, "longmen.txt", LONGMEN_REPORT, "龙门县2023年度专项资金绩效自评报告", "2024-03-20",
                          "广东省惠州市龙门县")
    answer = _ask(engine, "龙门县的专项资金是啥时候全部拨到项目单位的？")
    assert not answer.refused and "2023年4月28日" in answer.answer and answer.question.endswith("啥时候全部拨到项目单位的？")
    answer = _ask(engine, "龙门专项资金绩效自评最后评了个啥等级？")
    assert not answer.refused and "等级为“良”" in answer.answer
    answer = _ask(engine, "龙门县前三季度GDP总量多少？")  # 前三季度 is 1—9月
    assert not answer.refused and "218.46亿元" in answer.answer
    answer = _ask(engine, "龙门这个村的村支书叫啥名字？")  # 村支书 is said 村党组织书记 in the form's row
    assert not answer.refused and "陈国栋" in answer.answer


LILING_NEWS = """荔岭镇“夜圩”重燃烟火气
夜圩按“一街三区”布局：东段为“荔岭好物”土特产区，设摊位48个；中段为美食区，设摊位96个；西段为非遗文创区，设摊位24个。
据荔岭镇经济发展办公室统计，6月15日至9月15日，夜圩累计接待游客28.6万人次，实现营业额1960万元。
荔岭镇镇长陈志航介绍，下一步将在今年12月底前建成占地3000平方米的农产品冷链分拣中心。
"""


def test_a_question_s_closing_particle_and_the_parts_a_place_is_divided_into(tmp_path):
    assert read_question("一共来了多少游客啊").measure_words == ("游客",)  # 啊 closes the phrase
    assert read_question("夜圩里面分成哪几个区？").asked_place_kind is None  # its parts, not districts
    assert read_question("在哪个区试点？").asked_place_kind == "区"
    engine = _page_engine(tmp_path, "liling.html", LILING_NEWS, "荔岭镇“夜圩”重燃烟火气", "2024-09-18", "广东省清远市佛冈县")
    answer = _ask(engine, "荔岭夜圩开了三个月，一共来了多少游客啊")
    assert not answer.refused and "28.6万人次" in answer.answer
    answer = _ask(engine, "荔岭夜圩里面分成哪几个区？")
    assert not answer.refused and "土特产区" in answer.answer


def test_good_looking_and_good_to_live_in_villages_and_a_share_said_in_tenths(real_engine):
    assert read_question("村子占到几成？").figure_kind == "share"
    assert "美丽" in official_forms("好看") and "宜居" in official_forms("好住")
    answer = _ask(real_engine, "汕头打算到2025年让好看又好住的村子占到几成？")
    assert not answer.refused and "85%" in answer.answer


def test_which_contractor_won_the_bid_asks_the_act_of_winning():
    assert read_question("梅岭村那条路是哪家施工单位中标的？").who_verb == "中标"  # not 中 + 标的


def test_a_booklet_s_page_numbers_bare_item_numbers_short_fields_and_shortened_title_are_read_right():
    from qa.reflow import unwrap

    body = "南雄市浈北产业协作园位于浈北镇，是承接珠三角产业有序转移的重点平台，园区规划面积五点八平方公里，" * 12
    wrapped = [body[i : i + 40] for i in range(0, len(body), 40)]
    lines = (["南雄市浈北产业协作园招商引资项目推介（2024）南雄市投资促进局编印"] + wrapped
             + ["选址：浈北镇石溪村、黄竹坪村，涉及集体经营性建设用地约120亩", "— 第 1 页 共 2 页 —", "",
                "南雄市浈北产业协作园招商引资项目推介", "投资估算：2.4亿元", "1.", "厂房租金：标准厂房租金标准为每月每平方米9元。",
                "电话：0751-3826419", "南雄市浈北产业协作园管理委员会"] + wrapped + ["— 第 2 页 共 2 页 —"])
    text = unwrap("\n".join(lines))
    assert "第 1 页" not in text and "约120亩\n" in text  # the page number is furniture, not the acreage's tail
    assert "\n南雄市浈北产业协作园招商引资项目推介\n" not in text  # the running header shortens the title
    assert "1.厂房租金：" in text  # an item number alone on its line belongs to the line after
    assert "电话：0751-3826419\n南雄市浈北产业协作园管理委员会" in text  # a short field line is whole


NANXIONG_BOOKLET = """南雄市浈北产业协作园招商引资项目推介
主导产业：农产品精深加工、新型电子材料、现代物流、文旅康养。
项目一：年产5万吨特色农产品精深加工项目
选址：园区北片区A-07地块，用地约86亩
投资估算：3.2亿元
项目二：新型电子材料配套产业项目
投资估算：5.6亿元
厂房租金：标准厂房租金标准为每月每平方米9元。
"""


def test_a_project_s_fields_are_read_under_its_title_and_everyday_words_for_area_and_main(tmp_path):
    engine = _page_engine(tmp_path, "nanxiong.txt", NANXIONG_BOOKLET, "南雄市浈北产业协作园招商引资项目推介", "2024-09-20",
                          "广东省韶关市南雄市")
    answer = _ask(engine, "南雄浈北园区那个5万吨农产品加工项目大概要投多少钱？")  # 5万吨 is said by the project's title
    assert not answer.refused and "3.2亿元" in answer.answer and "5.6亿元" not in answer.answer
    answer = _ask(engine, "浈北园区标准厂房正常租金多少钱一平？")  # 一平 is 每平方米
    assert not answer.refused and "每平方米9元" in answer.answer
    assert "主导" in official_forms("主打") and "分红" in official_forms("红利")


LONGWAN_CASE = """# 龙湾村强村公司的发展之路
公司章程明确，每年税后利润的40%用于村民分红。
| 年份 | 公司营业收入 | 公司净利润 | 村集体经济收入 | 村民人均分红 |
| ---- | ---- | ---- | ---- | ---- |
| 2023年 | 352万元 | 88万元 | 56万元 | 160元 |
| 2024年 | 613万元 | 151万元 | 97.3万元 | 280元 |
2024年，龙湾兴村公司实现营业收入613万元，比上年增长74%。
"""


def test_a_row_reads_each_cell_under_its_column_and_a_sentence_repeating_its_figure_is_preferred(tmp_path):
    from qa.tables import row_reading

    start = LONGWAN_CASE.find("| 2024年")
    assert "村民人均分红 280元" in row_reading(LONGWAN_CASE, start, LONGWAN_CASE.find("\n", start))
    engine = _page_engine(tmp_path, "longwan.md", LONGWAN_CASE, "龙湾村强村公司的发展之路", "2025-01-20", "广东省阳江市阳春市")
    answer = _ask(engine, "2024年龙湾村村民每人分到多少红利？")
    assert not answer.refused and "280元" in answer.answer
    answer = _ask(engine, "龙湾兴村公司2024年营业收入多少？")  # the sentence says 613万元 in words, the row in cells
    assert not answer.refused and "营业收入613万元" in answer.answer


QINGWU_ARTICLE = """青梧镇2024年“百千万工程”成绩单来了！
2024年是全面实施“百县千镇万村高质量发展工程”的关键之年。一起来看看吧！
【数说成效】
● 全镇地区生产总值达到18.7亿元，同比增长6.2%；
● 新建改建农村公路23.6公里，新铺设农村供水管网41公里，自来水普及率达到99.2%；
● 全年引进项目9个，计划总投资11.3亿元。
【亮点村】
大坑村有竹林面积2.1万亩。村党支部书记黄伟明带领村民成立竹笋专业合作社。
"""


def test_a_bullet_of_facts_ending_in_a_semicolon_is_text_and_a_post_s_name_asked_needs_a_name(tmp_path):
    engine = _page_engine(tmp_path, "qingwu.txt", QINGWU_ARTICLE, "青梧镇2024年“百千万工程”成绩单来了！", "2025-01-10",
                          "广东省肇庆市广宁县")
    answer = _ask(engine, "青梧镇2024年新建改建了多少公里农村公路？")  # the bullet ends in ；, it is no link
    assert not answer.refused and "23.6公里" in answer.answer
    assert read_question("水口村的村支书叫什么").asks_person_name
    assert _ask(engine, "青梧镇水口村的村支书叫什么？").refused  # 黄伟明 is 大坑村's


ENPING_REPLY = """恩平市农业农村局关于市政协十届三次会议第47号提案答复的函
梁丽华委员：
您在市政协十届三次会议上提出的《关于做强簕菜特色产业的建议》（第47号）收悉。经认真研究，现答复如下：
一、全市簕菜种植面积达到1.2万亩，建成簕菜产业园1个。
恩平市农业农村局
2024年7月18日
"""


def test_a_letter_s_salutation_names_the_post_asked_and_a_notice_signed_before_its_attachment(tmp_path):
    engine = _page_engine(tmp_path, "enping.txt", ENPING_REPLY, "恩平市农业农村局关于第47号提案答复的函", "2024-07-20",
                          "广东省江门市恩平市")
    answer = _ask(engine, "恩平簕菜那个提案是哪位政协委员提的？")  # 您 is whom the letter addresses
    assert not answer.refused and "梁丽华委员" in answer.answer
    assert read_question("这份通知落款是什么日期？").asks_signed_date


def test_a_notice_signed_before_the_plan_it_issues_is_dated_by_its_signature(real_engine):
    answer = _ask(real_engine, "潮百千万发〔2024〕7号这份通知落款是什么日期？")
    assert not answer.refused and "2024年5月6日" in answer.answer


HEPING_MEETING = """和平镇召开“百千万工程”推进会
发布时间：2024-06-20
　　会上，镇党委书记刘志强要求，牢固树立“绿水青山就是金山银山”的发展理念，今年力争新增林下经济基地3个。
　　会议通报了上半年工作。“红色”村庄建设取得新进展，全镇创建示范村4个。
　　今年全镇每个行政村植树200株以上，每个圩镇植树3000株以上。
　　此外，镇农业办、上坪村、下坪村在会上分别进行表态发言。
"""


def test_a_saying_asked_as_such_is_the_phrase_the_page_calls_a_saying(tmp_path):
    engine = _page_engine(tmp_path, "heping.txt", HEPING_MEETING, "和平镇召开“百千万工程”推进会", "2024-06-20",
                          "广东省河源市和平县")
    question = read_question("和平镇书记讲保护生态也能致富，这用的是哪句口号？")
    assert question.asks_coined_name and question.asks_saying
    answer = _ask(engine, "和平镇书记讲保护生态也能致富，这用的是哪句口号？")  # no word in common with the saying
    assert not answer.refused and "绿水青山就是金山银山" in answer.answer
    assert coined_names("“红色”村庄建设取得新进展", "用的是哪句口号？", engine.index, any_wording=True) == []


def test_trees_counted_in_棵_are_counted_in_株_and_a_split_verb_is_read_whole(tmp_path):
    engine = _page_engine(tmp_path, "heping.txt", HEPING_MEETING, "和平镇召开“百千万工程”推进会", "2024-06-20",
                          "广东省河源市和平县")
    answer = _ask(engine, "和平镇对每个建制村定的栽树指标是多少棵？")
    assert not answer.refused and "200株" in answer.answer
    assert "表态" in read_question("推进会上有哪些单位表过态？").terms
    assert "开会" in read_question("和平镇开了会没有？").text


SHIJIAO_BRIEFING = """石角县推进“百千万工程”新闻发布会实录
发布时间：2024-03-20
　　石角县副县长：主要成效有以下几个方面。
　　一是县域经济稳中有进。2023年，全县地区生产总值达到312.5亿元，同比增长5.3%。
　　二是特色产业加快壮大。沙糖桔种植面积达到6.8万亩，全产业链产值达到41.2亿元。
　　三是镇村面貌明显改善。
　　记者：今年有什么打算？
　　石角县副县长：今年重点打造典型镇。将东岭镇打造为生态旅游型典型镇，发展康养旅游；将西河镇打造为农业强镇型典型镇，建设丝苗米产业园；将南坪镇打造为商贸物流型典型镇，建设物流集散中心。
　　县财政对每个典型村安排奖补资金80万元，城乡居民收入比由上年的1.71:1缩小至1.66:1。
　　2023年9月，东岭镇入选市首批“百千万工程”典型镇。
　　经各镇推荐申报、县有关部门联合审核和县指挥部审定，确定东岭镇上塘村等2个村为石角县第一批示范村创建对象。
序号 | 所属镇 | 村名 | 创建主题 | 县级牵头单位
1 | 东岭镇 | 上塘村 | 温泉康养 | 县文化广电旅游体育局
2 | 西河镇 | 石湖村 | 丝苗米种植 | 县农业农村局
"""


def _shijiao_engine(tmp_path):
    return _page_engine(tmp_path, "shijiao.txt", SHIJIAO_BRIEFING, "石角县推进“百千万工程”新闻发布会实录", "2024-03-20",
                        "广东省韶关市石角县")


def test_a_later_point_of_a_speaker_s_list_keeps_the_year_of_the_first(tmp_path):
    engine = _shijiao_engine(tmp_path)
    answer = _ask(engine, "石角县沙糖桔2023年全产业链产值是多少？")  # 二是… follows 一是…2023年，…
    assert not answer.refused and "41.2亿元" in answer.answer
    assert _ask(engine, "石角县沙糖桔2022年全产业链产值是多少？").refused


def test_members_counted_by_the_question_are_named_one_clause_each(tmp_path):
    engine = _shijiao_engine(tmp_path)
    answer = _ask(engine, "石角县今年要打造的3个典型镇分别是哪几个？")  # the page never says 3个
    assert not answer.refused
    assert all(town in answer.answer for town in ("东岭镇", "西河镇", "南坪镇"))  # every clause of the ；run
    assert _ask(engine, "石角县今年要打造的5个典型镇分别是哪几个？").refused


def test_a_row_under_the_column_asked_answers_and_a_town_and_village_are_two_names(tmp_path):
    engine = _shijiao_engine(tmp_path)
    question = read_question("石角县东岭镇上塘村创建示范村是什么主题？")
    assert {"东岭镇", "上塘村"} <= set(question.terms) and "镇上" not in question.terms
    answer = _ask(engine, "石角县东岭镇上塘村创建示范村是什么主题？")
    assert not answer.refused and "温泉康养" in answer.answer


def test_the_level_that_pays_and_comparisons_of_time_and_ratios(tmp_path):
    engine = _shijiao_engine(tmp_path)
    assert _ask(engine, "石角县的典型村，省里每个村补助多少钱？").refused  # 县财政 pays 80万元
    answer = _ask(engine, "石角县的典型村，县里每个村补助多少钱？")
    assert not answer.refused and "80万元" in answer.answer
    assert not read_question("东岭镇和西河镇谁更早入选典型镇？").asks_who  # 谁更早 compares dates
    assert read_question("城里人和乡下人的收入是几比几？").figure_kind == "ratio"
    answer = _ask(engine, "石角县城里人和乡下人的收入现在是几比几？")
    assert not answer.refused and "1.66:1" in answer.answer


WECHAT_REPLY = """大坪镇2024年“百千万工程”成绩单
原创 大坪镇宣传办 和平大坪发布 2025-01-12 09:30 发表于广东
来源：大坪镇党政综合办公室
　　2024年，大坪镇新建改建农村公路18.2公里，建成示范村3个。
　　关于您提出的建设油茶产业园的建议，我局将积极争取上级资金支持。
抄送：县政协提案委员会，县政府督查室。
"""


def test_a_wechat_account_a_copy_list_and_which_was_published_first(tmp_path):
    engine = _page_engine(tmp_path, "daping.txt", WECHAT_REPLY, "大坪镇2024年“百千万工程”成绩单", "2025-01-12",
                          "广东省河源市和平县")
    answer = _ask(engine, "大坪镇这篇成绩单是哪个公众号发的？")  # the header line, not the 来源 line
    assert not answer.refused and "和平大坪发布" in answer.answer
    assert read_question("大坪镇那篇公众号文章里新建了多少公里农村公路？").asks_page_fact is None
    assert "抄送" in read_question("大坪镇油茶提案的答复函抄送给了谁").terms  # one word, not 函抄 + 送给
    answer = _ask(engine, "大坪镇油茶提案的答复函抄送给了谁？")  # the 抄送： line's label
    assert not answer.refused and "县政协提案委员会" in answer.answer
    assert read_question("这两篇哪个发得早？").asks_publication_date


BAISHI_NOTICE = """关于白石县“百千万工程”镇村督导检查情况的通报
发布时间：2024-11-18
各镇人民政府，县直有关单位：
一、总体情况
督导组于10月下旬对全县9个镇开展督导。经综合评分，现对3个工作成效突出的镇予以通报表扬，对2个问题较多的镇予以督促整改。
二、先进典型
（一）金坑镇。建成茶叶现代农业产业园，全镇茶园面积达1.2万亩。
（二）石门镇。累计拆除危旧房137宗，建成口袋公园9个。
（三）龙湖镇。建成集中式污水处理设施14座，聘用保洁管护员96名。
三、督促整改的镇
（一）新圩镇。圩镇环境卫生长效管护落实不到位。
（二）罗塘镇。驻镇帮镇扶村资金闲置问题突出。
白石县百千万工程指挥部办公室
2024年11月18日
"""


def test_towns_counted_by_a_sentence_are_named_by_the_headings_under_it(tmp_path):
    engine = _page_engine(tmp_path, "baishi.txt", BAISHI_NOTICE, "关于白石县“百千万工程”镇村督导检查情况的通报",
                          "2024-11-18", "广东省梅州市白石县")
    answer = _ask(engine, "白石县这次通报表扬了哪几个镇？")  # the sentence counts them; the headings name them
    assert not answer.refused
    assert all(town in answer.answer for town in ("金坑镇", "石门镇", "龙湖镇"))
    assert "新圩镇" not in answer.answer  # the next section's towns are another list


SHUIKOU_BRIEFING = """水口县“百千万工程”工作简报（第6期）
发布时间：2024-09-20
本期要目
县指挥部召开第三季度推进会
桐林镇：古村“活”起来 村集体腰包“鼓”起来
铁坑镇：蔬菜冷链仓储中心投入使用
县指挥部召开第三季度推进会
9月13日，县指挥部召开第三季度推进会。按照《水口县典型镇建设三年行动方案（2023—2025年）》，到2025年，全县茶产业综合产值突破25亿元。数据显示，2023年全县茶产业综合产值达21.3亿元。
近日，水口县人民政府办公室印发《水口县加快典型镇村培育建设若干措施》（水府办〔2024〕23号，以下简称《若干措施》）。为便于干部群众理解政策，水口县农业农村局副局长司徒建明就有关问题进行解读。
桐林镇：古村“活”起来 村集体腰包“鼓”起来
石寨村是省级历史文化名村，累计投入1260万元修缮古民居。
今年1—8月，石寨村接待游客12.6万人次，同比增长38%。
近年来，该村结合人居环境整治，拓宽硬化村道3.2公里，建成“四小园”86个，村容村貌明显改善。
铁坑镇：蔬菜冷链仓储中心投入使用
9月12日，铁坑镇蔬菜冷链仓储中心正式投入使用，总投资2350万元。
"""


def _shuikou_engine(tmp_path):
    return _page_engine(tmp_path, "shuikou.txt", SHUIKOU_BRIEFING, "水口县“百千万工程”工作简报（第6期）", "2024-09-20",
                        "广东省惠州市水口县")


def test_a_heading_listed_in_the_contents_names_the_town_of_the_text_under_it(tmp_path):
    engine = _shuikou_engine(tmp_path)
    answer = _ask(engine, "水口县桐林镇石寨村今年1到8月接待了多少游客？")  # 桐林镇 stands only in the heading
    assert not answer.refused and "12.6万人次" in answer.answer
    assert read_question("水口县桐林镇石寨村今年1到8月接待了多少游客？").settlements == ("桐林镇", "石寨村")
    answer = _ask(engine, "水口县石寨村这几年在村容村貌上做了哪些建设？")  # 这几年 asks no figure; 硬化村道 is no village
    assert not answer.refused and "四小园" in answer.answer
    assert not read_question("水口县石寨村这几年在村容村貌上做了哪些建设？").wants_number


def test_a_plan_s_years_in_its_title_and_a_cited_document_s_number(tmp_path):
    engine = _shuikou_engine(tmp_path)
    answer = _ask(engine, "水口县2023年茶产业综合产值有多少？")  # not the plan's 2025 target, though its title says 2023
    assert not answer.refused and "21.3亿元" in answer.answer and "25亿元" not in answer.answer
    answer = _ask(engine, "水口县那份典型镇村培育若干措施，发文字号是多少？")
    assert not answer.refused and "水府办〔2024〕23号" in answer.answer
    assert _ask(engine, "水口县那份乡村旅游实施方案的发文字号是多少？").refused
    answer = _ask(engine, "水口县这次典型镇村政策是哪位领导出来做的解读？")  # 出来 is not the act asked
    assert not answer.refused and "司徒建明" in answer.answer


XINGSHAN_QA = """# 《星山市镇（街道）“百千万工程”工作考核办法》政策解读

**问：考核对象怎么分类？**

答：考核对象为全市8个镇和2个街道，分两类考核。一类镇（街道）：城东街道、河西街道、金坑镇、石门镇，共4个；二类镇：龙湖镇、新圩镇、罗塘镇、白沙镇、高田镇、黄岭镇，共6个。

**问：在人才方面有什么扶持？**

答：主要有三项措施。一是实施“乡村CEO”计划，每个典型村选聘1名乡村职业经理人；二是开展“新乡贤”回归行动；三是建立乡村振兴实践基地。

**问：村集体经济收入怎么考核？**

答：辖区内村集体经济收入全部达到15万元以上的得6分；农村生活污水治理率达到75%以上的得5分。

**问：今年资金支持哪些典型镇？**

答：2024年专项资金共5000万元。典型镇培育安排如下：
1.金坑镇（省级典型镇）2000万元，用于圩镇配套设施建设；
2.石门镇（市级典型镇）800万元，用于农贸市场升级改造。
"""

LINGXI_NEWS = """岭西县白石镇农村生活污水治理提前完成年度目标
发布时间：2024-09-02
今年初，白石镇农村生活污水治理率为68%，年度目标为85%。截至8月31日，白石镇农村生活污水治理率达到86%，提前4个月完成年度目标。
岭西县对村集体经济收入的目标是到2025年全部达到20万元以上。
"""


def _pages_engine(tmp_path, pages):
    """An engine on several test pages, each padded with ``PADDING``: {name: (page, title, date, region)}."""
    metadata = "".join(_metadata(name, title, date, region) for name, (_, title, date, region) in pages.items())
    return _small_engine(tmp_path, {name: page + PADDING for name, (page, *_) in pages.items()}, metadata)


def _two_county_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "xingshan.md": (XINGSHAN_QA, "《星山市镇（街道）“百千万工程”工作考核办法》政策解读", "2024-05-10", "广东省梅州市星山市"),
        "lingxi.txt": (LINGXI_NEWS, "岭西县白石镇农村生活污水治理提前完成年度目标", "2024-09-02", "广东省惠州市岭西县")})


def test_members_asked_before_the_question_word_and_a_markdown_reply(tmp_path):
    engine = _two_county_engine(tmp_path)
    answer = _ask(engine, "星山考核把哪些镇街划为一类镇（街道）？")  # 镇街: towns and 街道
    assert not answer.refused and all(name in answer.answer for name in ("城东街道", "金坑镇"))
    assert read_question("星山今年资金支持的典型镇是哪几个？").asked_members == "典型镇"
    answer = _ask(engine, "星山今年资金支持的典型镇是哪几个？")  # the towns named one item each
    assert not answer.refused and "金坑镇" in answer.answer and "石门镇" in answer.answer
    answer = _ask(engine, "星山在人才方面有哪些扶持？")  # **问：…** is answered by the 答 under it
    assert not answer.refused and "乡村CEO" in answer.answer and "**问" not in answer.answer


def test_a_threshold_asked_and_a_side_that_names_only_its_town(tmp_path):
    engine = _two_county_engine(tmp_path)
    assert read_question("星山考核的农村生活污水治理率达标线是多少？").measure_words == ("农村", "生活", "污水", "治理率")
    answer = _ask(engine, "村集体经济收入，星山考核要求达到多少，岭西定的目标是多少？")
    assert not answer.refused and "15万元以上" in answer.answer and "20万元以上" in answer.answer
    sides = dict(split_comparison(read_question("星山考核的农村生活污水治理率达标线是多少？岭西白石镇现在做到了多少？")))
    assert "治理率" in sides["岭西"] and "达标线" not in sides["岭西"]  # the measure, not the other side's threshold
    answer = _ask(engine, "星山考核的农村生活污水治理率达标线是多少？岭西白石镇现在做到了多少？")
    assert "75%以上" in answer.answer and "白石镇农村生活污水治理率" in answer.answer


def test_chat_words_and_a_light_verb_leave_the_question_s_words(tmp_path):
    question = read_question("潮州好像拿过一个跟吃有关的国际称号，是什么来着？")
    assert question.named_head == "称号" and "好像" not in question.terms and "来着" not in question.terms
    assert read_question("张槎评价一块地用得好不好，看每亩产出的那个说法叫什么").named_head is None
    assert read_question("张槎开那次大会的时候，都有哪些单位和村上台表了态？").who_verb == "表态"
    engine = _small_engine(tmp_path, {"zhangcha.txt": (ROOT / "sources" / "004_01f00fd820d3936d.txt").read_text(encoding="utf-8")})
    answer = _ask(engine, "张槎开那次大会的时候，都有哪些单位和村上台表了态？")
    assert not answer.refused and "莲塘村" in answer.answer and "下朗村" in answer.answer


YUNXI_POINTS = """云溪县“百千万工程”推进情况综述
发布时间：2024-09-20
今年以来，云溪县坚持把产业发展作为重中之重。1—8月，全县完成工业投资额36亿元，比增21%。数据显示，该县1—8月份引进重点产业项目8个、总投资超50亿元。
“一老一小”问题是最现实的民生问题。工作要点提出全年完成特殊困难老年人家庭适老化改造不少于900户。
擦亮“茶香云溪”文化品牌，推动文商旅融合发展。抓住我县荣获“中国长寿之乡”称号的契机，发展康养产业。
圩镇是群众生产生活的重要载体。工作要点提出推进美丽圩镇建设。推动各乡镇开展美丽圩镇“七个一”建设，2024年开工建设美丽圩镇项目120个以上。
"""


SHILING_POINTS = """石岭县2024年“百千万工程”工作要点
5.优化“一老一小”综合服务。开展特殊困难老年人家庭适老化改造工作，全年不少于300户。深化“长者饭堂”建设。
"""


def _yunxi_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "yunxi.txt": (YUNXI_POINTS, "云溪县“百千万工程”推进情况综述", "2024-09-20", "广东省韶关市云溪县"),
        "shiling.txt": (SHILING_POINTS, "石岭县2024年“百千万工程”工作要点", "2024-02-01", "广东省清远市石岭县")})


def test_months_of_a_figure_a_paragraph_s_quoted_topic_and_a_hard_target(tmp_path):
    engine = _yunxi_engine(tmp_path)
    assert read_question("云溪1到8月份工业投资一共完成了多少钱？").measure_words == ("工业", "投资")
    answer = _ask(engine, "云溪1到8月份工业投资一共完成了多少钱？")  # 月份 says when, not what is measured
    assert "36亿元" in answer.answer and "50亿元" not in answer.answer
    # “一老一小” opens the paragraph the figure stands in; 任务量 says only that it is a task's figure
    answer = _ask(engine, "石岭和云溪在“一老一小”里给特殊困难老年人家庭做适老化改造，两地全年任务量分别是多少户？")
    assert not answer.refused and "300户" in answer.answer and "900户" in answer.answer
    assert read_question("美丽圩镇建设这块，云溪给了什么硬指标？").wants_number  # a hard target is a figure
    answer = _ask(engine, "美丽圩镇建设这块，云溪给了什么硬指标？")
    assert not answer.refused and "120个以上" in answer.answer


def test_a_name_asked_in_everyday_words_for_its_kind(tmp_path):
    engine = _yunxi_engine(tmp_path)
    answer = _ask(engine, "云溪前阵子拿到的那个跟养老有关的名号叫啥")  # 名号 for 称号
    assert not answer.refused and "中国长寿之乡" in answer.answer
    assert read_question("云溪想打响的那个文化招牌 名字叫啥").named_head == "招牌"  # the name of the 招牌
    answer = _ask(engine, "云溪想打响的那个文化招牌 名字叫啥")  # 招牌 for 品牌
    assert not answer.refused and "茶香云溪" in answer.answer


MEILING_REPLY = """关于梅岭镇石桥村主干道提升工程进度的咨询
留言时间：2024-05-28 09:16:42
尊敬的领导：石桥村主干道从3月中旬开始停工，晴天扬尘很大，希望尽快给村民一个答复。
回复内容：
石桥村村民您好！现将有关情况答复如下：
一、关于工程进度。石桥村主干道提升工程是我镇2024年典型村创建重点项目，全长3.4公里，路面由原3.5米拓宽至6米，总投资486万元。
二、关于典型培育。石桥村典型培育工作扎实推进，按照培育标准，村里培育致富带头人30名、典型示范户12户。
三、关于民宿。闲置老屋正在变身民宿。
“以前这栋房子空了十几年。”村民陈秀梅告诉记者，2023年3月，她把自家老屋改造成有6间客房的民宿。民宿开业以来累计接待游客4300多人次，2024年1—10月营业收入达18.6万元。
2023年以来，梅岭县把石桥村列为县级典型村。石桥村探索民宿发展模式，引入梅岭文旅发展有限公司统一规划、统一营销。
回复单位：梅岭县梅岭镇人民政府
"""

MEILING_NOTICE = """梅岭县人民政府办公室关于印发《梅岭县推进“百千万工程”实施方案》的通知
各镇人民政府，县直各单位：
《梅岭县推进“百千万工程”实施方案》已经县人民政府同意，现印发给你们，请认真组织实施。
梅岭县人民政府办公室
2024年4月15日
梅岭县推进“百千万工程”实施方案
到2025年，全县建成省级典型镇2个、典型村20个。
抄送：县委各部委办，县人大常委会办公室。
梅岭县人民政府办公室 2024年4月16日印发
"""


def _meiling_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "reply.txt": (MEILING_REPLY, "关于梅岭镇石桥村主干道提升工程进度的咨询", "2024-06-14", "广东省梅州市梅岭县"),
        "notice.txt": (MEILING_NOTICE, "梅岭县推进“百千万工程”实施方案", "2024-04-15", "广东省梅州市梅岭县")})


def test_a_length_a_level_and_a_figure_of_the_thing_the_sentence_before_names(tmp_path):
    assert read_question("石桥村的主干道有多长？").unit_hints == ("公里", "千米")  # searched for too
    assert read_question("石桥村的主干道有多长？").figure_kind == "length"
    assert read_question("工期有多长时间？").figure_kind == "duration"
    engine = _meiling_engine(tmp_path)
    answer = _ask(engine, "石桥村的主干道有多长？")  # a length, not the time the message was left
    assert not answer.refused and "3.4公里" in answer.answer and "09:16" not in answer.answer
    assert read_question("石桥村是按什么级别的典型来培育的？").asks_level
    answer = _ask(engine, "石桥村是按什么级别的典型来培育的？")
    assert not answer.refused and "县级典型村" in answer.answer
    answer = _ask(engine, "石桥村的民宿是跟哪家公司合作搞的？")  # a partner brought in (引入) is one worked with
    assert not answer.refused and "梅岭文旅发展有限公司" in answer.answer
    question = "陈秀梅开的那家民宿今年前10个月营业收入多少？"
    answer = _ask(engine, question)
    assert not answer.refused and "18.6万元" in answer.answer
    own = next(c for c in candidates(read_question(question), answer.passages, engine.retriever.index) if c.text.startswith("民宿开业"))
    assert missing_terms(own, ["陈秀梅"], sentence_only=True) == []  # 民宿 goes on from her sentence


def test_a_signed_date_is_not_the_day_of_printing_and_signs_the_whole_notice(tmp_path):
    answer = _ask(_meiling_engine(tmp_path), "梅岭县政府办印发实施方案的那个通知，落款日期是哪天？")
    assert not answer.refused and "2024年4月15日" in answer.answer and "印发" not in answer.citations[0].quote
    unsigned = MEILING_NOTICE.replace("梅岭县人民政府办公室\n2024年4月15日\n", "")
    (tmp_path / "unsigned").mkdir()
    engine = _page_engine(tmp_path / "unsigned", "notice.txt", unsigned, "梅岭县推进“百千万工程”实施方案", "2024-04-16", "广东省梅州市梅岭县")
    answer = _ask(engine, "梅岭县政府办印发实施方案的那个通知，落款日期是哪天？")  # 4月16日印发 is the day it was printed
    assert "2024年4月16日" not in answer.answer


def test_markdown_links_and_pictures_are_not_text(tmp_path):
    from qa.ingest import load_documents

    page = ("# 石桥村民宿带旺乡村游\n\n![石桥村改造后的村道](https://example.gov.cn/a.jpg)\n\n"
            "石桥村今年接待游客7.9万人次，旅游综合收入1034万元。\n\n**相关阅读：**\n\n"
            "- [梅岭县启动镇村同建百日攻坚行动](https://example.gov.cn/post_1.html)\n"
            "- [梅岭县召开百千万工程现场推进会](https://example.gov.cn/post_2.html)　2024-05-10\n")
    (tmp_path / "shiqiao.md").write_text(page, encoding="utf-8")
    documents = load_documents(tmp_path)
    documents = documents[0] if isinstance(documents, tuple) else documents
    kept = [documents[0].text[start:end] for start, end in documents[0].body_spans]
    assert any("1034万元" in line for line in kept)
    assert not any("](" in line or "推进会" in line or "村道" in line for line in kept)


MEILING_VISIT = """梅岭县召开镇村同建总结暨现场推进会
11月8日，梅岭县在石门镇召开镇村同建百日攻坚总结暨现场推进会，全面总结7月启动的百日攻坚行动成效，部署下一阶段工作。与会人员先后观摩了石门镇石桥村、上坑村和金坑镇金坑盆地示范片等5个点位，各镇党委书记作交流发言。
会议明确，石门镇和金坑镇今年列为县级典型镇。县直各部门要在项目审批、资金拨付、用地保障等方面给予今年的县级典型镇大力支持。
"""


def _visit_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "visit.md": (MEILING_VISIT, "梅岭县召开镇村同建总结暨现场推进会", "2024-11-09", "广东省梅州市梅岭县"),
        "reply.txt": (MEILING_REPLY, "关于梅岭镇石桥村主干道提升工程进度的咨询", "2024-06-14", "广东省梅州市梅岭县")})


def test_a_list_question_wants_the_sentence_that_names_things_in_a_row(tmp_path):
    engine = _visit_engine(tmp_path)
    answer = _ask(engine, "梅岭县这次现场推进会都去看了哪些点？")  # 观摩了…等5个点位, not the line announcing the meeting
    assert not answer.refused and "金坑盆地示范片" in answer.citations[0].quote
    answer = _ask(engine, "梅岭县今年的县级典型镇是哪几个？")  # towns named, not the ways they are helped listed
    assert not answer.refused and "石门镇和金坑镇" in answer.citations[0].quote
    answer = _ask(engine, "梅岭县现场推进会分别在哪天开、在哪个镇开的？")  # 分别 asks one thing of each, not a row of names
    assert not answer.refused and "11月8日" in answer.citations[0].quote


QINGLAN_NOTICE = """关于开展2024年典型镇典型村培育创建工作的通知
青岚县百千万办〔2024〕5号
各镇人民政府，县直有关单位：
为以典型示范带动全县镇村整体提升，现就开展2024年典型镇典型村培育创建工作通知如下：
一、培育目标
2024年，全县培育创建3个典型镇、15个典型村，以点带面推动全县镇村整体提升。
二、工作要求
各镇要于4月15日前将培育创建方案和《典型镇（村）培育创建申报表》（附件2）报送县百千万办。
附件：
1. 青岚县2024年典型镇典型村培育名单
2. 典型镇（村）培育创建申报表
3. 典型镇村培育创建进度统计表
联系人：县百千万办 刘志强，电话：0751-6362718。
"""

QINGLAN_REPORT = """青岚县“百千万工程”指挥部办公室关于2024年上半年工作进展情况的通报
各镇（街道）：
为全面掌握全县“百千万工程”推进情况，县百千万办于2024年7月1日至10日，对全县12个镇上半年工作进展情况进行了督导评估。现将有关情况通报如下：
一、总体情况
上半年，全县重点项目完成投资18.6亿元。全县农村居民人均可支配收入达到28650元，同比增长6.2%，城乡居民收入比缩小到1.68∶1。一般公共预算收入31.2亿元。
二、项目合作单位
石门村活化项目主要合作单位如下：
广东工业大学建筑与城市规划学院：负责村庄规划编制和碉楼修缮设计；
青岚县文化旅游投资有限公司：负责文旅业态整体运营；
青岚农村商业银行：推出“侨房贷”产品，累计授信3200万元。
三、典型村建设
石门村立足侨房多的特点，让一批碉楼重新“活”起来，村集体经济收入两年间增长两倍多。
2024年，石门村村集体经济收入达到126.5万元，农村居民人均可支配收入31520元。
青岚县“百千万工程”指挥部办公室
2024年7月15日
"""

XINGSHAN_SPEECH = """在星山市“百千万工程”推进大会上的讲话
同志们：
村级集体经济不断壮大，全市87个行政村集体经济收入全部超过30万元，其中江谷镇三坑村2024年村集体经济收入达到135.2万元，位居全市第一。
海上风电产业已落地风电整机、发电机、齿轮箱等产业链上下游项目10个、总投资约80亿元。
"""


def _qinglan_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "notice.txt": (QINGLAN_NOTICE, "关于开展2024年典型镇典型村培育创建工作的通知", "2024-03-18", "广东省韶关市青岚县"),
        "report.txt": (QINGLAN_REPORT, "青岚县关于2024年上半年“百千万工程”工作进展情况的通报", "2024-07-16", "广东省云浮市青岚县"),
        "speech.txt": (XINGSHAN_SPEECH, "在星山市“百千万工程”推进大会上的讲话", "2025-01-10", "广东省肇庆市星山市")})


def test_a_list_that_follows_its_label_and_a_notice_dated_where_it_is_signed(tmp_path):
    engine = _qinglan_engine(tmp_path)
    answer = _ask(engine, "青岚县典型镇村培育那个通知带了哪几个附件？")  # 附件： / 1. … is what the notice comes with, not a menu
    assert not answer.refused and all(name in answer.answer for name in ("培育名单", "培育创建申报表", "进度统计表"))
    answer = _ask(engine, "青岚县石门村活化项目有哪些合作单位？")  # …如下： / 名称：做什么；, one line an item
    assert not answer.refused and "青岚农村商业银行" in answer.answer
    answer = _ask(engine, "青岚县上半年那份工作进展通报是哪天正式发下去的？")  # no dateline: the day it was signed
    assert not answer.refused and "2024年7月15日" in answer.citations[0].quote


def test_a_figure_asked_in_everyday_words_and_compared_as_which_is_higher(tmp_path):
    engine = _qinglan_engine(tmp_path)
    answer = _ask(engine, "星山那边的海上风电，那一串造整机、造零件的厂子落下来，总共大概砸了多少钱？")  # 总共大概: no measure
    assert not answer.refused and "80亿元" in answer.answer
    answer = _ask(engine, "青岚县城里人跟农村人的收入差距现在缩到多少了？")  # a gap of incomes is said as their ratio
    assert not answer.refused and "1.68∶1" in answer.answer
    assert read_question("青岚石门村和星山三坑村，2024年村集体经济收入哪个更高？").measure_words == ("村集体经济",)
    answer = _ask(engine, "青岚石门村和星山三坑村，2024年村集体经济收入哪个更高？")  # each side the figure, not 两倍多
    assert not answer.refused and "126.5万元" in answer.answer and "135.2万元" in answer.answer
    assert _ask(engine, "青岚县2024年一般公共预算支出是多少？").refused  # 支出 is not 收入


YUNLING_MINUTES = """云岭县百千万工程指挥部2024年第二次工作会议纪要
时间：2024年6月12日（星期三）上午9:00
地点：县行政中心二楼会议室
主持人：县委副书记、县长 林志华
参会人员：
    县委常委、常务副县长 周立新
    副县长 何倩
    副县长 孔德明
    县发展和改革局、县农业农村局主要负责同志
会议听取了各镇关于典型镇培育工作的汇报，研究部署了下一阶段重点任务。
一、关于特色产业。用好“云岭黑山羊”地理标志品牌，推广牧草种植面积3000亩，组织企业参加农产品展销活动。
二、关于帮扶协作。广州市南沙区与云岭县对口帮扶协作，今年共引进帮扶资金1500万元。
云岭县百千万工程指挥部办公室          2024年6月14日印发
"""

YUNLING_REPORT = """# 云岭县百千万工程工作简报

枫林街道党工委副书记邓敏主持召开了推进会。枫林街道党工委书记罗建华表示，要把典型村创建作为头号工程。
云岭县土鸡养殖基地目前存栏土鸡1.2万只，带动农户210户。
对本简报公开的数据如有异议，请于公开之日起7个工作日内向县农业农村局反映。

截至6月30日，全县5个县级典型村创建进展如下：

| 村名 | 所属乡镇 | 主导产业 | 村集体收入（万元） |
|------|----------|----------|----------|
| 石塘村 | 枫林街道 | 茶叶 | 36.2 |
| 上坪村 | 白鹭镇 | 黑山羊养殖 | 28.5 |
| 溪背村 | 白鹭镇 | 乡村旅游 | 22.4 |
| 禾坑村 | 龙潭镇 | 丝苗米 | 19.7 |
| 岭脚村 | 龙潭镇 | 油茶 | 16.3 |
"""


def _yunling_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "minutes.txt": (YUNLING_MINUTES, "云岭县百千万工程指挥部2024年第二次工作会议纪要", "2024-06-14", "广东省清远市云岭县"),
        "report.md": (YUNLING_REPORT, "云岭县百千万工程工作简报", "2024-07-05", "广东省清远市云岭县")})


def test_minutes_say_when_and_who_met_and_a_table_lists_what_its_label_counts(tmp_path):
    engine = _yunling_engine(tmp_path)
    answer = _ask(engine, "云岭县第二次百千万工作会议是哪天开的？")  # the 时间： field, not the day the minutes were printed
    assert not answer.refused and "2024年6月12日" in answer.citations[0].quote
    answer = _ask(engine, "云岭县第二次工作会议，哪些县领导参会了？")  # 参会人员： and one post and name a line
    assert not answer.refused and all(name in answer.answer for name in ("周立新", "何倩", "孔德明"))
    assert read_question("有哪些县领导参加").asked_place_kind is None  # 县领导 are people, not counties
    answer = _ask(engine, "云岭县5个县级典型村分别是哪几个？")  # …如下： then a table: its rows are the items
    assert not answer.refused and all(name in answer.answer for name in ("石塘村", "溪背村", "禾坑村"))


def test_the_head_of_a_body_and_a_count_in_its_own_unit(tmp_path):
    engine = _yunling_engine(tmp_path)
    answer = _ask(engine, "枫林街道一把手 名字")  # the 书记, not the 副书记 who chaired
    assert not answer.refused and "罗建华" in answer.citations[0].quote and "邓敏" not in answer.citations[0].quote
    answer = _ask(engine, "云岭县的土鸡养殖基地现在存栏多少只？")
    assert not answer.refused and "1.2万只" in answer.answer
    assert _ask(engine, "云岭黑山羊一年出栏多少只？").refused  # 3000亩 of grass counts no goats
    assert _ask(engine, "云岭县土鸡一年出栏多少只？").refused  # the page counts the hens kept (存栏), not those sold
    answer = _ask(engine, "跟云岭结对子帮扶的是广州哪个区？")  # 结对子 is said 对口帮扶
    assert not answer.refused and "南沙区" in answer.citations[0].quote
    answer = _ask(engine, "我觉得云岭公布的数字不对，多久之内可以去提意见？")  # 提意见 about figures is 异议
    assert not answer.refused and "7个工作日内" in answer.answer


def test_a_town_named_after_the_last_side_is_that_sides_own():
    sides = split_comparison(read_question("乐昌市和新丰马头镇给农村生活污水治理率定的目标分别是多少？"))
    assert [place for place, _ in sides] == ["乐昌", "新丰"]
    assert "马头镇" not in sides[0][1] and "马头镇" in sides[1][1]  # 马头镇 is 新丰's, though 农村 follows it
    assert "治理率" in tokenize("污水治理率定的目标")  # not 治理 and 率定


YUNLING_NOTICE = """云岭县百千万工程指挥部办公室关于开展2024年度镇街考核工作的通知
各镇人民政府、街道办事处，县直有关单位：
现将有关事项通知如下：
考核对象为全县8个镇街，即枫林街道、白鹭镇、龙潭镇、石门镇、大坪镇、溪口镇、黄坑镇、河西镇。
一、考核分类。根据镇街发展基础，将8个镇街分为两类，分类排名：
1.城郊融合类（3个）：枫林街道、白鹭镇、龙潭镇；
2.生态发展类（5个）：石门镇、大坪镇、溪口镇、黄坑镇、河西镇。
二、考核方式。考核采取听取汇报、实地察看相结合的方式进行。群众满意度测评委托第三方机构实施，每个镇街随机抽取不少于100户农户。
三、结果运用。对考核排名后两位的镇街，由县委主要领导约谈镇街党（工）委书记。
（联系人：县百千万办督查组 吴志坚，联系电话：0763-5512345）
"""

JIANGMEN_TASKS = """江门市2024年“百千万工程”分区任务
蓬江区要聚焦都市农业和城市更新，全力打造城乡融合发展示范区。
江海区要发挥高新区带动作用，加快打造产城融合示范区。
新会区要做强陈皮产业，持续打造农文旅融合示范区。
对推进不力的区，市委将严肃问责。
"""

TAISHAN_TABLE = """<html><head><meta charset="utf-8"><title>台山市镇街指标完成情况表</title></head><body>
<p>台山市镇街指标完成情况表。截至2024年6月30日，全市农房风貌提升完成率65.8%，各镇（街）推进情况如下。</p>
<table>
<tr><th rowspan="2">序号</th><th rowspan="2">镇（街）</th><th colspan="2">“四小园”建设</th><th colspan="3">上半年农房风貌提升</th></tr>
<tr><th>年度任务（个）</th><th>已完成（个）</th><th>年度任务（栋）</th><th>已完成（栋）</th><th>完成率（%）</th></tr>
<tr><td>1</td><td>台城街道</td><td>40</td><td>31</td><td>150</td><td>112</td><td>74.7</td></tr>
<tr><td>2</td><td>川岛镇</td><td>25</td><td>9</td><td>120</td><td>39</td><td>32.5</td></tr>
<tr><td>3</td><td>海宴镇</td><td>70</td><td>55</td><td>300</td><td>224</td><td>66.1</td></tr>
<tr><td colspan="2">全市合计</td><td>135</td><td>95</td><td>570</td><td>375</td><td>65.8</td></tr>
</table>
<p>""" + PADDING.replace("\n", "</p><p>") + """</p></body></html>"""


def _yunling_notice_engine(tmp_path):
    return _pages_engine(tmp_path, {
        "notice.txt": (YUNLING_NOTICE, "云岭县百千万工程指挥部办公室关于开展2024年度镇街考核工作的通知", "2024-03-20", "广东省清远市云岭县"),
        "report.md": (YUNLING_REPORT, "云岭县百千万工程工作简报", "2024-07-05", "广东省清远市云岭县"),
        "jiangmen.txt": (JIANGMEN_TASKS, "江门市2024年“百千万工程”分区任务", "2024-02-28", "广东省江门市")})


def test_a_notice_names_its_contact_who_does_a_task_and_what_it_sorts_towns_into(tmp_path):
    engine = _yunling_notice_engine(tmp_path)
    answer = _ask(engine, "云岭县考核通知的联系人是谁？")  # a notice's （联系人：…） line is kept, and names him
    assert not answer.refused and "吴志坚" in answer.answer
    answer = _ask(engine, "云岭县考核的群众满意度测评是谁来做的？")  # a body (第三方机构) is who does it
    assert not answer.refused and "第三方机构" in answer.citations[0].quote
    answer = _ask(engine, "云岭县把镇街分成了哪几类来考核？")  # …分为两类，…： then one line a sort
    assert not answer.refused and all(kind in answer.answer for kind in ("城郊融合类", "生态发展类"))
    answer = _ask(engine, "云岭县对考核垫底的镇街会怎么问责？")  # 垫底 is said 后两位, and 问责 is done by 约谈
    assert not answer.refused and "约谈" in answer.citations[0].quote
    answer = _ask(engine, "云岭各镇的群众满意度测评交给谁来做？")  # 各镇 names no topic the page must repeat
    assert not answer.refused and "第三方机构" in answer.citations[0].quote


def test_an_aside_after_the_question_and_a_task_given_to_another_district(tmp_path):
    engine = _yunling_notice_engine(tmp_path)
    answer = _ask(engine, "云岭县的土鸡养殖基地现在存栏多少只？想去韶关开个养鸡场")  # the asker's plan is no part of the question
    assert not answer.refused and "1.2万只" in answer.answer
    answer = _ask(engine, "江海区要打造什么示范区？")  # 蓬江区要… is 蓬江's task, though it stands before
    assert not answer.refused and "产城融合示范区" in answer.answer
    assert "蓬江区" not in answer.answer and "新会区" not in answer.answer


def test_a_figure_under_a_header_that_spans_columns(tmp_path):
    engine = _small_engine(tmp_path, {"taishan.html": TAISHAN_TABLE},
                           _metadata("taishan.html", "台山市镇街指标完成情况表", "2024-07-25", "广东省江门市台山市"))
    answer = _ask(engine, "台山川岛镇农房风貌提升完成率是多少？")  # 完成率（%） stands under 上半年农房风貌提升
    assert not answer.refused and "32.5" in answer.answer and "74.7" not in answer.answer
    answer = _ask(engine, "台山市上半年农房风貌提升完成率是多少？")  # the city's own figure, not a town's row
    assert not answer.refused and "65.8" in answer.answer and "74.7" not in answer.answer


LIANSHAN_BRIEFING = """“百千万工程”工作简报
2024年第5期（总第15期）
县推进“百千万工程”指挥部办公室编印　2024年6月20日
【编者按】本期刊发各镇推进典型镇创建的做法，供各镇学习借鉴。
2023年，全县农村居民人均可支配收入达到18650元，同比增长6.8%。
全县今年的目标是：创建典型镇2个、典型村8个，农村生活污水治理率提高到72%以上。重点抓好以下三个方面：
第一，抓产业，壮大县域经济。
第二，抓镇域，提升圩镇功能。
第三，抓村居，建设和美乡村。
今年以小三江镇、永和镇为重点创建典型镇，每镇安排专项资金不少于600万元。
永和镇今年新建旅游公厕4座，在永和古村举办了第二届古村文化节。
永和镇今年以来完成古民居修缮26座，修复古巷道800米，新增民宿9家。
"""

LIANSHAN_PRESS = """连山县“百千万工程”新闻发布会
发布时间：2024-08-02 16:20 来源：县政府新闻办
时间：2024年8月1日（星期四）上午9:30
地点：县融媒体中心一楼新闻发布厅
主持人：县委宣传部副部长 莫晓琳
莫晓琳：各位记者朋友，大家上午好！欢迎出席今天的新闻发布会。
"""


def test_an_autonomous_county_its_towns_by_name_and_the_day_a_press_conference_was_held(tmp_path):
    engine = _pages_engine(tmp_path, {
        "briefing.txt": (LIANSHAN_BRIEFING, "“百千万工程”工作简报", "2024-06-20", "广东省清远市连山壮族瑶族自治县"),
        "press.txt": (LIANSHAN_PRESS, "连山县“百千万工程”新闻发布会", "2024-08-02", "广东省清远市连山壮族瑶族自治县")})
    answer = _ask(engine, "连山县2023年农村居民人均可支配收入是多少？")  # 连山壮族瑶族自治县 is 连山县
    assert not answer.refused and "18650元" in answer.answer
    answer = _ask(engine, "连山今年重点创建典型镇的是哪两个镇？")  # towns named, not the goal counting them
    assert not answer.refused and "小三江镇" in answer.citations[0].quote and "永和镇" in answer.citations[0].quote
    answer = _ask(engine, "永和古村今年修好了多少栋老房子？")  # 修好 is said 修缮, 老房子 古民居, and 座 counts what 栋 does
    assert not answer.refused and "26座" in answer.answer
    assert _ask(engine, "连山百千万工作简报第4期讲的是哪个镇？").refused  # its masthead says 第5期
    answer = _ask(engine, "连山县百千万新闻发布会是哪天开的？")  # the day it was held, not the day the page went up
    assert not answer.refused and "2024年8月1日" in answer.answer and "08-02" not in answer.answer


def test_a_claim_put_to_be_checked_asks_what_the_sources_state(real_engine):
    assert as_open_question("稿子里写江门要打造全市5条乡村振兴示范带，对吗？") == "江门要打造全市多少条乡村振兴示范带？"
    assert as_open_question("江门100家长者饭堂是不是都在镇上") == "江门100家长者饭堂是不是都在镇上"  # its figure is known, not claimed
    assert as_open_question("潮州和江门用的是不是同一套工作体系？") == "潮州和江门用的是不是同一套工作体系？"  # 一套 is no figure
    answer = _ask(real_engine, "潮州每千人口婴幼儿托位数是4.5个吗？")  # a figure put as a yes-or-no question
    assert not answer.refused and "3.2个" in answer.answer
    answer = _ask(real_engine, "潮州那18个学校项目，稿子写总投资15亿元，原文是多少？")  # the draft's figure, inside the question
    assert not answer.refused and "19.86亿元" in answer.answer
    answer = _ask(real_engine, "稿子里写江门要打造全市5条乡村振兴示范带，对吗？")  # the page says 7条
    assert not answer.refused and "7条乡村振兴示范带" in answer.answer
    answer = _ask(real_engine, "江门是不是要保障不少于200家长者饭堂运营？")
    assert not answer.refused and "100家长者饭堂" in answer.answer
    assert _ask(real_engine, "稿子里写云浮要打造5条乡村振兴示范带，对吗？").refused  # no source covers 云浮


def test_spoken_amounts_joint_acts_and_the_size_of_a_sum(real_engine):
    assert thresholds_in("经济总量能突破一百个亿") == (1e10,)  # 一百个亿, as people say 一百亿
    assert amounts_in("建设3个万亩基地") == []  # three bases of ten thousand mu, not 3万
    assert mentions_term("完成蓬江潮连中心学校等11个新(改、扩)建项目", "新建")  # 新建 and 改建 said together
    answer = _ask(real_engine, "潮州那18个学校项目投资盘子有多大？")  # 盘子 asks the size of the sum
    assert not answer.refused and "19.86亿元" in answer.answer
    answer = _ask(real_engine, "张槎街道的经济盘子到2025年打算做到多大？")  # 经济盘子 is said GDP
    assert not answer.refused and "680亿元" in answer.answer
    answer = _ask(real_engine, "江门力争GDP突破一百个亿的镇街有几个？")  # the bound is no topic a passage must repeat
    assert not answer.refused and "12个以上" in answer.answer
    assert not re.search(r"\d", figure_text("【10:52】 记者提问 龙门县融媒体中心记者："))  # a time of day counts nothing


def test_a_page_number_with_its_page_count_and_a_bracketed_head_are_read_right():
    from qa.reflow import unwrap

    body = "柘林镇依托柘林湾海域资源，推动传统近岸养殖向现代化海洋牧场转型升级，上半年新增深水网箱120口，" * 12
    wrapped = [body[i : i + 40] for i in range(0, len(body), 40)]
    header = "饶平县“百千万工程”工作简报 2024年第9期"
    lines = (["饶平县“百千万工程”工作简报", "饶平县推进“百千万工程”指挥部办公室编印 2024年7月15日",
              "【编者按】今年以来，全县上下认真落实省委、市委的决策部署。"] + wrapped + ["— 1 —\u3000（共3页）", header]
             + wrapped + ["— 2 —\u3000（共3页）", header, "联系人：黄泽楷\u3000电话：0768-7502316", "— 3 —\u3000（共3页）"])
    text = unwrap("\n".join(lines))
    assert "（共3页）" not in text and "2024年第9期" not in text  # page numbers and the running header are furniture
    assert "2024年7月15日\n【编者按】" in text  # a 【head】 starts a block of its own


def test_a_question_typed_in_cantonese_is_read_as_mandarin(real_engine):
    assert as_mandarin("潮州同江门今年各要做几多户？边个多啲？") == "潮州和江门今年各要做多少户？哪个多一些？"
    assert as_mandarin("潮州同比增长多少") == "潮州同比增长多少"  # no Cantonese word: 同 is left alone
    assert as_mandarin("周边个体户有多少") == "周边个体户有多少"  # 边个 inside 周边个体 is no 哪个
    answer = _ask(real_engine, "老人家屋里搞适老化改造，潮州同江门今年各要做几多户？边个多啲？")
    assert not answer.refused and "600户" in answer.answer and "1400户" in answer.answer


def test_a_place_built_jointly_is_no_comparison_and_a_post_s_holder_asked_by_name(real_engine):
    assert read_question("深圳和汕头合建的那个产业园，启动区有多大？").kind != "comparison"  # 合建: built together
    answer = _ask(real_engine, "深圳同汕头合搞的那个产业园，启动区有几多平方公里？")
    assert not answer.refused and "7.2平方公里" in answer.answer and "未找到" not in answer.answer
    answer = _ask(real_engine, "张槎街道开百千万大会，讲话要打造“佛山之心”的街道党工委书记叫啥")  # 叫啥 asks who holds it
    assert not answer.refused and "何永庆" in answer.citations[0].quote
    answer = _ask(real_engine, "潮州那个百千万指挥部发的2024年工作要点通知，落款写的是哪天？")
    assert not answer.refused and "2024年5月6日" in answer.answer


def test_a_target_set_for_a_measure_is_that_measure_s(real_engine):
    # 服务率定的目标: jieba reads 服务 + 率定; the target is set (定) for the 服务率
    assert read_question("潮州今年老年人家庭医生签约服务率定的目标是多少").measure_words[-1] == "服务率"
    assert read_question("产值定的目标是多少").measure_words == ("产值",)
    assert _ask(real_engine, "潮州今年老年人家庭医生签约服务率定的目标是多少").refused  # only 江门 states it
    answer = _ask(real_engine, "江门今年老年人家庭医生签约服务率定的目标是多少")
    assert not answer.refused and "63%" in answer.answer


JIAOLING_RELEASE = """\
2024年1—9月蕉岭县主要经济指标完成情况

指标 | 单位 | 1-9月 | 同比增长%
地区生产总值 | 亿元 | 121.36 | 4.2
固定资产投资 | % | — | -6.3

简要分析：固定资产投资下降6.3%，其中基础设施投资下降15.7%，主要是部分交通项目上年基数较高。
"""

NANAO_CASE = """\
南澳县“百千万工程”典型案例

一是县域经济稳中向好。2024年1—9月，全县实现地区生产总值48.2亿元，同比增长5.6%；农村居民人均可支配收入16328元，同比增长6.4%。
"""


def test_a_part_of_the_year_written_as_its_months(tmp_path):
    assert mentions_term("2024年1—9月蕉岭县主要经济指标", "三季度") and not mentions_term("2024年1—6月", "三季度")
    assert mentions_term("实施必背镇桂坑村至王茶村道路拓宽工程", "桂坑村到王茶")  # a route's 到 is written 至
    engine = _pages_engine(tmp_path, {
        "jiaoling.txt": (JIAOLING_RELEASE, "2024年1—9月蕉岭县主要经济指标完成情况", "2024-10-28", "广东省梅州市蕉岭县"),
        "nanao.txt": (NANAO_CASE, "南澳县“百千万工程”典型案例", "2024-11-05", "广东省汕头市南澳县")})
    answer = _ask(engine, "蕉岭县前三季度基础设施投资同比降了多少？")  # the title's 1—9月 is 前三季度
    assert not answer.refused and "15.7%" in answer.answer
    answer = _ask(engine, "南澳县前三季度农村居民人均可支配收入是多少？")  # 1—9月 opens the sentence, for every clause
    assert not answer.refused and "16328元" in answer.answer


def test_a_pdf_table_goes_on_over_a_page_under_its_header_repeated():
    from qa.decode import spaced_cells_split

    header = ["镇（街道） 污水治理率(%) 新改建农村公路(公里) 创建典型村(个) 绿美示范点(个)", "集体收入50万元以上村", "(个)"]
    first = ["河婆街道 81.2 8.6 3 3 9", "棉湖镇 76.5 12.3 3 2 8", "凤江镇 70.4 9.1 2 2 4"]
    second = ["南山镇 61.5 9.7 1 2", "上砂镇 55.2 12.6 2 1 1", "良田乡 / 8.2 1 /"]
    lines = spaced_cells_split("\n".join(["表1　2024年重点镇主要指标完成情况", *header, *first, "— 1 —", "", *header, *second,
                                          "注：空白表示当年无该项任务。"])).splitlines()
    names = "镇（街道） | 污水治理率(%) | 新改建农村公路(公里) | 创建典型村(个) | 绿美示范点(个) | 集体收入50万元以上村(个)"
    assert lines[1] == names and lines[2] == "河婆街道 | 81.2 | 8.6 | 3 | 3 | 9"  # the wrapped names joined to the header
    assert lines.count(names) == 2  # and the header repeated on the next page
    assert "上砂镇 | 55.2 | 12.6 | 2 | 1 | 1" in lines and "南山镇 | 61.5 | 9.7 | 1 | 2" in lines  # its rows, a short one too
    assert lines[-1] == "注：空白表示当年无该项任务。"
