"""What a question asks: its content terms, the kind of answer it wants, and the
places and years it names."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import Literal

from qa.amounts import threshold_phrases, thresholds_in
from qa.dialect import as_mandarin
from qa.lexical import normalize, tagged, tokenize
from qa.people import HEAD, POST
from qa.places import city_of, find_places, names_a_settlement, settlements_named

Kind = Literal["number", "date", "list", "comparison", "fact"]

# 这几年, 近几个月, 好几个 say a time or many, they do not ask how many
_NUMBER = re.compile(r"(?:谁|哪个|哪里|哪边|哪家)(?:[^，,。？?]{0,12}更)?(?:高|低|多|少|大|小|快|慢)|量化|硬指标|数值|多少|(?<![这那近前头好])几[个项家所座条户万千百亿倍年月]?|比例|百分|占比|[^一-龥]?率|规模|金额|面积|数量|多大|多高|多长|多宽|多远|多久|产值|总值|达到|目标值|增长|投资额|人数|户数|个数|平方")
# How-questions (怎样解决…规模小的问题) name a measure without asking its figure, unless they ask one too.
_HOW = re.compile(r"怎样|怎么|如何|什么样|什么办法|什么方式|什么措施|哪些措施|什么举措|哪些举措|靠什么|什么途径")
_FIGURE_ASKED = re.compile(r"量化|硬指标|数值|目标值|多少|(?<![这那近前头好])几|多大|多高|多长|多宽|多远|多久")
_PERIOD_ASKED = re.compile(r"从(?:哪|什么时候|何时).{0,4}到(?:哪|什么时候|何时)|起止|起讫|哪几天")
# 多长时间里花完, 公示期多久: a length of time (12个月内, 7天), not a date
_DURATION_ASKED = re.compile(r"多长时间|多少时间|多久|多少天|几天|几个月|几个工作日|(?:时间|期限|期)有?多长")
_DATE = re.compile(r"什么时候|何时|哪天|哪一天|几月|几号|日期|哪年|哪一年|什么时间|时间是|哪个月|何日|发布时间|召开时间|发布时间|(?<!多少)(?<!长)时间(?!内|之内|里)")
_DATES_IN_QUESTION = re.compile(r"前\s*\d{1,2}\s*个\s*月|\d+\s*[—\-~至到]\s*\d+\s*月|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|(?:19|20)\d{2}\s*年?|(?<![第\d])\d{1,2}\s*[日号]")
# 第38号建议 is the 38th, not a day of a month
_FIGURE_DIGITS = re.compile(r"(?<=第)\d+\s*号|\d+(?:\.\d+)?\s*(?:[万亿千百]|元|个|户|人|名|[%％]|株|家|所|项|平方|亩|倍|吨|座|条|次|批|公里|米|公顷)")
# 出来做的解读, 进行的解读, 上台表态: these say only that the act (解读, 表态) was done
_LIGHT_VERBS = frozenset({"出来", "出面", "出马", "上台", "进行", "开展", "来做", "起来"})
_PERSON_ASKED = re.compile(r"谁(?!更?[高低多少大小快慢强弱好早晚先后近远长短])|哪位")  # 谁更高, 谁更早 compare, they ask no person
_WHO = re.compile(_PERSON_ASKED.pattern + r"|叫什么名字|姓名|名字")  # a person, or a name (…叫什么名字)
# What answers "who": a post, a byline, or a body that acts (指挥部印发, 常委会作报告).
_ACTOR = re.compile(POST.pattern + r"|记者|通讯员|编辑|领导|常委会|指挥部|指挥办|政府|党委|党工委|人大|政协|部门|办公室"
                    r"|(?:委托|由)[^，,。；;]{0,12}(?:机构|单位|公司|中心)")  # a body entrusted with it: 委托第三方机构实施
_BODY_ASKED = re.compile(r"哪(?:一?[家个]|些|几[家个])[\u4e00-\u9fff]{0,3}?(?:企业|公司|集团|单位|部门|机构|银行|高校|医院)")  # which body (施工单位) did it
_NAME_ASKED = re.compile(r"什么名字|名称|全称|叫什么名")  # the very name of a thing, not what it is
# 这种做法叫什么, 原话怎么说, 文件里怎么称呼: the wording a policy coined for what the question describes
_COINED_NAME_ASKED = re.compile(
    r"(?:叫|称为|称作|概括为|归纳为|简称)做?(?:什么|啥)(?!名)|怎么(?:称呼|叫|概括|归纳|表述|提|说)|如何(?:称呼|概括|表述|提)"
    r"|原话|(?:提法|说法|口号|叫法|表述)(?:是|叫)?(?:什么|啥)|什么(?:提法|说法|口号|叫法)|哪句(?:话|口号|提法|说法)?"
    r"|(?:做法|举措|措施|机制|模式|理念|办法)[^，,。？?]{0,3}叫(?:什么|啥)(?:名字|名称)?"  # 这项做法叫什么名字
)
# 哪句话, 什么口号: a saying the page quotes, which need not share a word with the question's description
_SAYING_ASKED = re.compile(r"哪句|口号")
# What a policy coins a name for: a way of doing things, not a thing (园区) with a name of its own.
_WAYS_OF_DOING = frozenset((
    "做法", "办法", "计划", "工作", "理念", "说法", "提法", "口号", "叫法", "表述", "举措", "措施", "机制", "模式", "思路",
    "路子", "要求", "方式", "政策", "行动", "原话",
))
# 哪个区, 哪两个县: a district or county (the gazetteer knows them all); not 哪个区域, 哪个县域副中心
# 夜圩分成哪几个区 asks its parts (美食区), not districts
_PLACE_KIND_ASKED = re.compile(r"(?<![分划])(?<!分成|分为|划为|划成)哪(?:一|个|一个|[两三四五六几]个|些)(区|县)(?![域城级区县镇村领委长政直])")
_NAMED_MEASURES = frozenset(("举措", "机制", "计划", "工程", "行动", "模式"))
_VERB_TAGGED_NOUNS = frozenset(("举措", "措施"))  # jieba tags them as verbs
# 发言的人叫什么名字, 姓名; a post's holder asked by name (村支书叫什么, 书记的名字, 一把手 名字:
# typed fast, with a space for the verb)
_PERSON_NAME_ASKED = re.compile(
    r"(?:人|者|同志|负责人|书记|支书|主任|一把手|[县区市镇乡村局]长)\s*的?\s*(?:叫什么|名字|姓名)|姓名"
)
_YEAR_ASKED = re.compile(r"哪一?年|哪个年份|什么年份|年份是|哪个年度|什么年度")
_DOCUMENT_WORDS = re.compile(r"方案|要点|计划|规划|意见|通知|文件|纲要|办法|细则")
_DAY_ASKED = re.compile(r"哪天|哪一天|几号|日期|何日|几月几日|哪日")
# 会议是哪天开的: a meeting's own day, which minutes and notices give in a 时间： field
_MEETING_WORDS = re.compile(r"会议|大会|座谈会|推进会|现场会|调度会|例会|发布会|观摩会|动员会|部署会|[开召]的?会")
# Asking when the document itself appeared: its dateline answers.
_SIGNED_ASKED = re.compile(r"(?:成文|落款|签发)[^，,。？?]{0,4}(?:日期|时间|哪天|哪一天|几号|哪日)")  # 落款日期, 落款是什么日期
# 发布会 is a press conference: when it was held is asked, not when a page was published
_PUBLISHED = re.compile(r"(发布(?![会厅人])|刊发|刊登|出版|印发|见报|发表|发文|报道|刊载|登载|出台).{0,12}(什么时候|何时|哪天|哪一天|日期|时间|几号)|(什么时候|何时|哪天|哪一天|几号).{0,6}(发布(?![会厅人])|刊发|刊登|出版|印发|见报|发表|下发|发(?=的|出|下)|出(?=的))"
                        r"|(?:发|发布|发表|刊发|印发)得?更?[早晚]|(?:哪个|谁)先(?:发|发布|印发|出)|" + _SIGNED_ASKED.pattern)
_ISSUE_VERBS = re.compile(r"印发|发布|出台|颁布|公布")
_REPORT_WORDS = re.compile(r"见报|报道|刊发|刊登|刊载|登载|发表|这篇|该文|文章")
_LIST = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|包括|包含|分别|有哪|列举|几大|几个方面|几项|哪几类|什么产业|哪些方面")
# "汕头和深圳合作的园区": two places in one relation, not two sides to compare.
_TOGETHER = re.compile(r"合作|共建|协作|对口|帮扶|联合|结对|共同|之间|签约|合[搞办建]|联手|携手|一起[搞办建]")
_COMPARE = re.compile(r"相比|对比|比较|区别|差别|分别|哪个更|谁更|两地|两市|和.+各|与.+各|各是|各为|各自|都(?:提到|提出|要求|明确|部署|强调|设定|有)")
_PAGE_FACTS_ASKED = (
    ("byline", re.compile(r"哪[个位]记者|记者是谁|谁写的|作者是谁|作者是|撰稿人?是|执笔")),
    ("account", re.compile(r"(?:哪个|什么)公众号|公众号(?:是|叫)(?:哪个|什么)")),  # 哪个公众号发的: a WeChat article's account, in its header line
    ("source", re.compile(r"哪家媒体|信息来源|来源是|出自哪|哪家报纸?|哪个网站|哪家网站")),
    ("issuer", re.compile(r"哪个(?:部门|单位|机构)(?:发文|印发|发布|发的|编印?的|编写的|编制的)|(?:发文|印发|发布|编印)(?:单位|机关|机构|部门)"
                          r"|由哪个(?:部门|单位)(?:印发|编)|谁(?:印发|编的)")),
    ("email", re.compile(r"邮箱|电子邮件|邮件|电邮|e-?mail|网上写信|发信到网上", re.IGNORECASE)),
)
_DOCUMENT_NUMBER_WORDS = re.compile(r"发文字号|文号|发文号|文件编号|文件号")
_ITEMS_ASKED = re.compile(r"哪几|哪些|分别(?:是|叫|位于|在)|叫什么|名字|名称|具体是")
_COUNT_UNIT = re.compile(r"[个户家所项座条批]$")
_NUMBERED_COUNT = re.compile(r"[两三四五六七八九十]+[个户家所项座条批]?")
_EXACT_NUMBER = re.compile(r"多少|几")
GRADE_WORDS = r"等级|等次|档次|评级"  # not 级别: 什么级别的景区 is answered by 5A级
_GRADE_ASKED = re.compile(rf"(?:什么|哪个|哪一?种|何种|哪一?档)\s*(?:{GRADE_WORDS})|(?:{GRADE_WORDS})\s*(?:是|为)?\s*(?:什么|多少)")
_SETTING_OPENS = re.compile(r"^(?:在|关于|就)?([\u4e00-\u9fff]{2,8}?)(?:方面|这块|这一块)[，,]")
_BOUND_ASKED = re.compile(r"(?:多少|几)[^，,。？?]{0,4}(?:以上|以下|以内|及以上)|(?:超过|超出|高于|低于|不足|不到|达到)(?:多少|几)[^，,。？?]{0,8}(?:就|才|须|需|要|必须|需要)")
COUNT_UNITS = "个项家所座条户株次批场处间栋张台辆艘套宗件只头盏"  # measure words that count things
_COUNT_ASKED = re.compile(rf"(?:多少|几)\s*([{COUNT_UNITS}])")
PER_UNIT = re.compile(r"单个|每个|每一个|每[户人家村镇所项亩晚间]|住一晚|每一?[十百千万](?![元亿])|平均每|人均|户均|村均|镇均|亩均")
# Which one is the most (增长最慢的是哪个, 哪个镇增速最高): a name at one end of a ranking.
# 最后/最终 before a verb say "in the end" (最后归哪个部门解释), not the last of a ranking (最后一名是哪个).
_SUPERLATIVE_WHICH = re.compile(r"最(?!终|后(?![一的名位]))[\u4e00-\u9fff]{1,2}的?是?哪[个一些家位]|哪[个一家位][^，,。？?]{0,8}最(?!终|后(?![一的名位]))[\u4e00-\u9fff]")
_WHICH_KINDS = re.compile(r"哪几|几类|几种|几方面|几个方面|几项工作|" + _SUPERLATIVE_WHICH.pattern)  # asks for items, not a figure
# The kind of figure asked for, from the unit after 多少 (多少亿元, 多少户) or the measure named before it.
# 城里人挣的钱是乡下人的几倍: a ratio, whose words name its two sides, not what it measures
_TIMES_ASKED = re.compile(r"是[^，,。？?]{1,15}的几倍|相差几倍|差几倍|几比几")
_FIGURE_UNIT_ASKED = (
    ("money", re.compile(r"(?:多少|几)\s*(?:[千万亿]+\s*)?元|多少钱")),
    ("area", re.compile(r"(?:多少|几)\s*(?:万\s*)?(?:平方|亩|公顷)|多大面积")),
    ("ratio", _TIMES_ASKED),
    # 隔多久去跑一趟: how often (每季度至少…1次), before how long
    ("frequency", re.compile(r"隔多[久长]|多[久长]时间?[^，,。？?]{0,12}(?:一次|一趟|一回)|多久一次|频次|频率")),
    ("duration", _DURATION_ASKED),  # 多长时间里花完: 12个月内
    ("growth", re.compile(r"(?:多少|几)\s*个?\s*百分点")),  # before count: 个 here counts points
    ("share", re.compile(r"百分之多少|几成|多少\s*[%％]|多大比例|多高比例|(?:比例|占比|比重)\s*[是有为]?\s*(?:多高|多大|多少)")),
    ("people", re.compile(r"(?:多少|几)\s*(?:万\s*)?(?:人|名|位)")),
    ("weight", re.compile(r"(?:多少|几)\s*(?:万\s*)?(?:吨|公斤|千克|斤)")),  # 能存多少吨 is not 580 万元
    ("length", re.compile(r"(?:多少|几)\s*(?:万\s*)?(?:公里|千米)|多[长宽远]")),  # after duration: 多长时间 is not a road's
    ("count", _COUNT_ASKED),
)
_FIGURE_MEASURE_ASKED = (
    ("ratio", re.compile(r"(?<![对相类占同环])比(?![例重较上去前同])")),  # 城乡居民收入比: a ratio, 1.98 or 1.86∶1
    ("share", re.compile(r"(?:率|比例|占比|比重)")),
    ("growth", re.compile(r"增长|增速|增幅|比增|同比")),
    ("area", re.compile(r"面积")),
    ("money", re.compile(r"投资|资金|金额|产值|总值|gdp|GDP|营收|收入|经费|预算|规模以上工业增加值")),
    ("people", re.compile(r"人数|人口|人次")),
)
# Kinds of figure whose units are rare enough to find them by (any page states money in 元)
_UNITS_OF_KIND = {"length": ("公里", "千米"), "area": ("亩", "平方米", "公顷"), "weight": ("吨",)}
_LEVEL_ASKED = re.compile(r"(?:什么|哪个|哪一|哪|啥)\s*(?:级别|层级|级(?![数差]))")
_PER_PERSON = re.compile(r"按人口|按人头|每[百千万]?人口?")  # 按人口算要做到多少: a rate per person, not a head count
# Reading the measured noun phrase of a figure question (家庭医生签约服务率 in …服务率达到多少):
_MEASURE_TAG = re.compile(r"^(?:n[a-z]?|vn|nz|j|an|l|eng)$")
_MOOD_WORDS = frozenset(("实际", "最后", "最终", "目前", "现在", "已经", "大概", "大约", "一共", "总共", "到底", "究竟"))  # 治理率实际到了多少
_SKIPPED_TAG = re.compile(r"^(?:v|d|p|u[a-z]*|c|r|t|f)$")  # 要提高到, 今年, 了 between the measure and 多少
_UNIT_TAG = re.compile(r"^(?:q|m)$")
_FINAL_PARTICLES = frozenset("啊呀呢吧哈嘛哇啦")  # 来了多少游客啊: the question's tone, not a clause going on
_PHRASE_END = re.compile(r"^(?:x|uj|ul|y)$")  # punctuation or 的 closes a measure named after 多少
# Words that say a figure's kind or role (the % sign says 比例), not what it measures.
GENERIC_MEASURES = frozenset("""比例 占比 比重 面积 金额 数量 数值 人数 户数 个数 规模 总量 目标 目标值 增幅 增速 增长 同比
    总额 计划 要求 任务 水平 情况 标准 指标 突破 达到 超过 提高 提升 完成 实现 新增 累计 力争 争取 一共 总共 合计
    幅度 增长幅度 增长率 增长速度 起码 至少 最少 最多 大概 大约 预期 预计 期望 两地 两市 两县 两区 两镇 双方 各地
    门槛 达标线 及格线 底线 标准线 考核 任务量 工作量 盘子 整体 总体 原文 原话""".split())
# 收入哪个更高: a figure of each side compared, asked as 收入是多少 is (哪个最高 may ask a name)
_WHICH_MORE = re.compile(r"(?:哪个|哪边|谁)更[高多大低少]")
_HOW_MUCH = re.compile(r"(?:是|有|为|达到|达|要达到|超过|突破)?\s*(?:多少|多大)")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|\"[^\"]*\"")
# 新建、改扩建或学校项目: each item of a list closed by 或 is one of the alternatives
_EITHER = re.compile(r"((?:[\u4e00-\u9fff]{1,4}、)*[\u4e00-\u9fff]{1,4})(?:或者|或是|或)([\u4e00-\u9fff]{1,4})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?!\d)")


_AIMED_ASKED = re.compile(r"目标|任务|力争|争取|打算|计划|预期|预计|规划|方案|提出|要求|建议|[想要][把让]|想要?(?:做到|达到|实现|建成|完成|建|搞)|准备|希望达到|期望|(?<![模虚])拟|要达到|要求达到|将要|到(?:19|20)\d{2}\s*年|年底前|要[^，,。？?]{0,6}多少")
_WHEN_DONE = re.compile(r"是[^，,。？?]*?(?:达到|实现|完成|建成|突破|超过|创建|获评|评为|入选|列入|成立|投产|开业)[^，,。？?]*的[？?]?$|已经|实际")
_DOER_ASKED = re.compile(r"([\u4e00-\u9fff]{2})人(?:是谁|是哪位|叫什么)")
_DONE_SAID = re.compile(r"实际|已经|(?<![提说谈讲看想听遇要])(?:达到|完成|实现|做到)了")
_THIS_YEAR = re.compile(r"今年|本年度?")
_LAST_YEAR = re.compile(r"去年|上一?年")
_DONE_ASKED = re.compile(_DONE_SAID.pattern + r"|去年|上年|[上下]半年|前?[一二三四]季度|前三季度|过去|已|截至|截止|目前|现在"
                         r"|(?<![提说谈讲看想听遇])到了|最后|最终|[达到]到多少了")


@dataclass(frozen=True)
class QuestionInfo:
    """A question, read for what kind of answer would satisfy it."""

    text: str
    terms: tuple[str, ...]
    kind: Kind
    places: tuple[str, ...]
    years: tuple[str, ...]

    @property
    def settlements(self) -> tuple[str, ...]:
        """The villages and towns the question names by their own names (优胜镇, 石岗村), not kinds
        of them (典型村)."""
        return settlements_named(tagged(self.text))

    @property
    def thresholds(self) -> tuple[float, ...]:
        """The amounts the question draws a class of things with (过百万的村 → 1000000.0): an answer
        about that class states them."""
        return thresholds_in(self.text)

    @property
    def wants_number(self) -> bool:
        """The question asks for a figure (a count, amount, share, or target)."""
        return _asks_figure(self.text) and not self.wants_date and not _WHICH_KINDS.search(self.text) and not self.asks_coined_name

    @property
    def asks_when_done(self) -> bool:
        """The question asks when something already happened (是哪一年达到4.2万元的, 实际是什么时候完成的),
        which a target's date (力争到2025年达到) does not answer."""
        return self.wants_date and bool(_WHEN_DONE.search(self.text))

    @property
    def relative_year(self) -> int | None:
        """The year the question speaks of, counted from its page's year: 0 for 今年, -1 for 去年;
        None when it names no such year, or names a year outright."""
        if self.years:
            return None
        this, last = bool(_THIS_YEAR.search(self.text)), bool(_LAST_YEAR.search(self.text))
        return None if this == last else 0 if this else -1

    @property
    def figure_mood(self) -> str | None:
        """Whether a figure question asks what was done ("done": 去年到了多少, 实际已经…) or what is
        aimed at ("aimed": 目标, 力争, 打算, 到2025年要…); None when it does not say."""
        if not self.wants_number:
            return None
        if _DONE_SAID.search(self.text):  # 到2025年底实际达到了多少: what was done by then
            return "done"
        if _AIMED_ASKED.search(self.text):
            return "aimed"
        return "done" if _DONE_ASKED.search(self.text) else None

    @property
    def figure_kind(self) -> str | None:
        """The kind of figure a figure question asks for: money, area, share, growth, people or count
        (None when the question does not say). 投资额是多少 asks money; 多少户 asks a count."""
        if not self.wants_number:
            return None
        for kind, pattern in _FIGURE_UNIT_ASKED:
            if pattern.search(self.text):
                return kind
        # The words by 多少, then the measure read from the whole phrase (工业投资…最后完成了多少).
        for measured in (self.measured, " ".join(self.measure_words)):
            for kind, pattern in _FIGURE_MEASURE_ASKED:
                if pattern.search(measured) and not (kind == "people" and _PER_PERSON.search(self.text)):
                    return kind
        return None

    @property
    def unit_hints(self) -> tuple[str, ...]:
        """Units a figure of the kind asked is given in, when the question names none (主干道有多长:
        公里): passages that give such a figure are searched for too."""
        units = _UNITS_OF_KIND.get(self.figure_kind or "", ())
        return () if any(unit in self.text for unit in units) else units

    @property
    def measured(self) -> str:
        """The words around 多少/多大 that name what a figure question measures: just before
        (投资额是多少) or just after (多少帮扶资金) the question word; "" for other questions."""
        if not self.wants_number:
            return ""
        pieces = []
        text = _WHICH_MORE.sub("是多少", self.text)
        for match in _HOW_MUCH.finditer(text):
            before = re.split(r"[，,。？?；;、]", text[max(0, match.start() - 6) : match.start()])[-1]
            after = re.split(r"[，,。？?；;、]", text[match.end() : match.end() + 10])[0]
            pieces += [before, after]
        return " ".join(pieces)

    @property
    def measure_words(self) -> tuple[str, ...]:
        """The words of the noun phrase a figure question measures, its head last:
        (家庭医生签约, 服务率) for 家庭医生签约服务率达到多少, (高新技术, 企业) for 多少家高新技术企业.
        Generic words (目标, 比例, 达到) and places are left out; () for other questions and for 是…的几倍,
        whose words are the ratio's sides."""
        if not self.wants_number or self.asks_document_number or _TIMES_ASKED.search(self.text):
            return ()
        # jieba may cut a place's name (东澜县: 东 + 澜县): a piece of a place named is no measure
        named = [found.group() for place in self.places for found in re.finditer(re.escape(place) + "[县区市镇]?", self.text)]
        asked = _WHICH_MORE.sub("是多少", self.text)
        words = tuple(word for word in _measure_words(tagged(asked)) if not any(word in name for name in named))
        setting = _SETTING_OPENS.match(self.text)
        # a whole (全县) says where, as an act says what was done: neither names what is counted
        if setting and words and _COUNT_ASKED.search(self.text) and all(_is_an_act(word) or _WHOLE_OF_IT.fullmatch(word) for word in words):
            # 公厕方面，石湖镇新建了几座: the setting names what is counted, the clause only the act
            return tuple(word for word in _measure_words(tagged(f"多少{setting.group(1)}")) if not any(word in name for name in named)) or words
        return words

    @property
    def asks_page_fact(self) -> str | None:
        """What the page itself says of its making that the question asks: who wrote it ("byline":
        哪个记者写的), which WeChat account put it out ("account": 哪个公众号发的), where it comes from
        ("source": 哪家媒体, 信息来源), which body issued it
        ("issuer": 哪个部门发文的, 发布机构) or where to write to it ("email": 网上写信发到哪, 邮箱);
        None for other questions."""
        return next((kind for kind, pattern in _PAGE_FACTS_ASKED if pattern.search(self.text)), None)

    @property
    def asks_document_number(self) -> bool:
        """The question asks for an official document's number (发文字号, e.g. 潮百千万发〔2024〕7号)."""
        return bool(_DOCUMENT_NUMBER_WORDS.search(self.text))

    @property
    def asks_signed_date(self) -> bool:
        """The question asks the date a document is signed with (落款日期, 成文日期), under its issuer
        (at its end, or before the plan a notice issues), which may differ from the day the page went up."""
        return bool(_SIGNED_ASKED.search(self.text))

    @property
    def asks_meeting_date(self) -> bool:
        """The question asks the day a meeting was held (第三次工作会议是哪天开的), not the day its
        minutes were issued or signed."""
        return (self.wants_date and bool(_MEETING_WORDS.search(self.text))
                and not self.asks_publication_date and not self.asks_signed_date)

    @property
    def asks_publication_date(self) -> bool:
        """The question asks when the document was published or issued."""
        return bool(_PUBLISHED.search(self.text))

    @property
    def asks_about_report(self) -> bool:
        """The question asks about the page itself (见报, 这篇报道), not only what it reports."""
        return bool(_REPORT_WORDS.search(self.text))

    @property
    def issue_verbs(self) -> frozenset[str]:
        """The verbs of issuing a document that the question uses (印发, 出台 …)."""
        return frozenset(_ISSUE_VERBS.findall(self.text))

    @property
    def stated_figures(self) -> tuple[str, ...]:
        """Figures the question itself states, with the first word of their unit (超200亿元 → 200亿),
        besides years, months and days: an answer must speak of the same figure (not of 200家)."""
        text = _DATES_IN_QUESTION.sub(" ", self.text)
        return tuple(dict.fromkeys(re.sub(r"\s+", "", figure) for figure in _FIGURE_DIGITS.findall(text)))

    @property
    def counted_subjects(self) -> tuple[str, ...]:
        """Counts the question states of what it asks about (20个中心镇 in 20个中心镇上半年完成投资多少,
        8个镇街 in 8个镇街里增长最慢的是哪个): they name the set, which a page states once, not beside
        every figure or name."""
        if not (self.wants_number or self.asks_rank) or self.counted_items_asked:
            return ()
        return tuple(figure for figure in self.stated_figures if _COUNT_UNIT.search(figure))

    @property
    def counted_items_asked(self) -> tuple[str, ...]:
        """The counts the question states and asks the members of (那8个工业重镇具体是哪几个):
        the source must name them, not only say how many."""
        if self.wants_date or not _ITEMS_ASKED.search(self.text):
            return ()
        return tuple(figure for figure in self.stated_figures if _COUNT_UNIT.search(figure))

    @property
    def named_head(self) -> str | None:
        """The kind of thing whose name the question asks (工程 in 搞的是什么工程, 称号 in
        国际称号是什么, 理念 in 理念是怎么表述的): policy text names such things in quotes."""
        words = tagged(self.text)
        for n, (word, _) in enumerate(words):
            if word in _WHAT:
                following = list(itertools.takewhile(lambda w: bool(_NOUN_TAG.match(w[1])) or w[0] in _VERB_TAGGED_NOUNS, words[n + 1 :]))
                if following and following[-1][0] not in _NAME_WORDS:
                    return following[-1][0]
        for n, (word, _) in enumerate(words):
            following_word = words[n + 1][0] if n + 1 < len(words) else ""
            # 理念是什么, 理念叫什么; 理念怎么表述
            if (word in _CALLED and following_word in _WHAT + _HOW_WORDS) or (word in _HOW_WORDS and following_word in _WORDING):
                # 国际称号，是什么: a comma may stand right before the question
                said = words[: n - 1] if n and words[n - 1][0] in ("，", ",") else words[:n]
                before = [(w, tag) for w, tag in said if tag != "a" and not _SKIPPED_TAG.match(tag) and w.strip()]
                if len(before) >= 2 and before[-1][0] in _NAME_WORDS and _NOUN_TAG.match(before[-2][1]):
                    before.pop()  # 文化品牌名字叫什么: the name of the 品牌
                if before and _NOUN_TAG.match(before[-1][1]):
                    return before[-1][0]
        return None

    @property
    def asked_members(self) -> str | None:
        """What a which-question asks the members of (项目 in 具体有哪些项目), else None."""
        words = tagged(self.text)
        asked = next((n for n, (word, _) in enumerate(words) if word.startswith(("哪些", "哪几"))
                      # 哪两个镇: jieba reads 哪 + 两个 + 镇
                      or (word == "哪" and n + 1 < len(words) and _NUMBERED_COUNT.fullmatch(words[n + 1][0]))), None)
        if asked is None:
            return None
        if words[asked][0] == "哪":
            asked += 1
        joined = words[asked][0][2:]  # jieba may read 哪些项目 as one word
        phrase = [word for word, _ in itertools.takewhile(lambda word: _is_measure_word(*word) or word[0] in ("镇", "村"),
                                                          words[asked + 1 :])]
        head = (phrase or [joined])[-1]
        if head in ("", "个") and not self.counted_items_asked:
            head = _subject_of(words[:asked])  # 支持的典型镇是哪几个: the members named before
        return head if len(head) >= 2 or head in ("镇", "村") else None  # 哪几个镇 asks towns by name

    @property
    def asks_exact_number(self) -> bool:
        """The question asks how many (多少个, 几条), not which ones (几个…是哪些) nor how the
        amounts differ: 一批 does not answer it."""
        return bool(_EXACT_NUMBER.search(self.text)) and not _ITEMS_ASKED.search(self.text)

    @property
    def asks_grade(self) -> bool:
        """The question asks the grade given (评了个什么等级, 哪一档等次): the sentence names one."""
        return bool(_GRADE_ASKED.search(self.text))

    @property
    def asks_bound(self) -> bool:
        """The question asks for a bound that picks a class of things (投资多少以上就必须公开招标,
        超过多少要审批): the threshold is the answer, not a class it draws."""
        return bool(_BOUND_ASKED.search(self.text))

    @property
    def asks_code_name(self) -> bool:
        """The question asks for a name written in digits (几加几的结构: “1+6+N”)."""
        return bool(re.search(r"几\s*[加+＋]\s*几", self.text))

    @property
    def asks_level(self) -> bool:
        """The question asks at which level something stands (按什么级别的典型培育, 哪一级的示范村):
        省级, 市级, 5A级."""
        return bool(_LEVEL_ASKED.search(self.text))

    @property
    def asks_rank(self) -> bool:
        """The question asks what stands at a place in a ranking (排第一的是哪个镇, 排名前三的县,
        增长最慢的是哪个)."""
        return bool(_RANK_ASKED.search(self.text) or _SUPERLATIVE_WHICH.search(self.text))

    @property
    def asks_ordinal(self) -> bool:
        """The question asks which in a sequence (第几场, 第几批): an ordinal answers it."""
        return "第几" in self.text

    @property
    def count_unit(self) -> str | None:
        """The unit a count question counts in (家 in 多少家高新技术企业), else None."""
        found = _COUNT_ASKED.search(self.text) if self.figure_kind == "count" else None
        return found.group(1) if found else None

    @property
    def asks_per_unit(self) -> bool:
        """A figure question asks for each one's share (单个项目的投资, 人均, 户均), not a total."""
        return self.wants_number and bool(PER_UNIT.search(self.text))

    @property
    def asked_role(self) -> str | None:
        """The post a who-question asks about (书记 in 区委书记是谁, 总指挥, 党工委书记叫啥), else None."""
        if not (_WHO.search(self.text) or self.asks_person_name):
            return None
        roles = POST.findall(self.text)
        return roles[-1] if roles else HEAD if HEAD in self.text else None

    @property
    def asks_post(self) -> bool:
        """The question asks what post someone holds (钟远航担任什么职务, 李飞是什么职位)."""
        return bool(_POST_ASKED.search(self.text))

    @property
    def asks_name_of(self) -> str | None:
        """The kind of thing whose own name the question asks (景区 in 5A级旅游景区具体叫什么名字):
        a sentence that only mentions such a thing does not answer. None for other questions."""
        if self.asks_person_name or not _NAME_ASKED.search(self.text):
            return None
        return self.named_head

    @property
    def asked_place_kind(self) -> str | None:
        """The kind of place a which-place question asks for (区 in 在哪个区试点, 县 in 哪两个县), else
        None: a sentence naming no place of that kind does not answer it."""
        if self.kind == "comparison":
            return None
        found = _PLACE_KIND_ASKED.search(self.text)
        return found.group(1) if found else None

    @property
    def asks_coined_name(self) -> bool:
        """The question describes a measure in its own words and asks what the policy calls it
        (按每亩产出衡量用地，这个理念原话怎么说): a name the page coins in quotes (“亩均论英雄”) answers,
        and the figures the description mentions are not asked."""
        if self.asks_person_name:
            return False
        head = self.named_head
        if _COINED_NAME_ASKED.search(self.text):
            if head in _WAYS_OF_DOING or self.asks_saying:  # 书记讲到…这个理念原话怎么说: the post speaks, the wording is asked
                return True
            # 园区叫什么 asks a 园区's name, whatever the page calls it; 书记怎么称呼 asks a person
            return head is None and not POST.search(self.text)
        # 靠什么举措吸引乡贤回乡: a measure of its own, named (哪项行动 picks among the ones the question knows)
        return head in _NAMED_MEASURES and re.search(f"(?:什么|啥){head}", self.text) is not None

    @property
    def asks_saying(self) -> bool:
        """The question asks which saying or slogan the page uses (奉行的是哪句话, 用的是哪句口号): any
        phrase it quotes answers, in whatever words."""
        return bool(_SAYING_ASKED.search(self.text))

    @property
    def asks_person_name(self) -> bool:
        """The question asks a person's name (发言的人叫什么名字, 姓名): a body does not answer."""
        return bool(_PERSON_NAME_ASKED.search(self.text))

    @property
    def asks_who(self) -> bool:
        """The question asks who (谁, 哪位): a person or a body that acts."""
        return bool(_PERSON_ASKED.search(self.text))

    @property
    def asks_someone(self) -> bool:
        """The question asks who, or a person's name (村支书叫什么名字)."""
        return bool(_WHO.search(self.text))

    @property
    def who_verb(self) -> str | None:
        """The act a who-question asks about (主持 in 由谁主持的, 代表 in 是谁代表…作的报告; 承建 in
        哪家企业承建的): the first verb of two or more characters after 谁 (or the body asked) in its
        clause, else None."""
        asked = _PERSON_ASKED.search(self.text) or _BODY_ASKED.search(self.text)
        if not asked:
            return None
        clause = re.split(r"[，,。？?；;]", self.text[asked.end() :])[0]
        verb = next((word for word, tag in tagged(clause) if tag in ("v", "vn") and len(word) >= 2 and word not in _LIGHT_VERBS), None)
        # 主持人是谁: the one who 主持 is asked (发布会由…陈海燕主持), not a page that says 发布会
        doer = _DOER_ASKED.search(self.text)
        if verb is None and doer and any(tag in ("v", "vn") for _, tag in tagged(doer.group(1))):
            return doer.group(1)
        return verb

    @property
    def counted_act(self) -> str | None:
        """What the people or things a count question counts did (参会 in 多少人参会, 签约 in 多少个项目
        签约), when a verb follows the count and its unit; else None."""
        if self.figure_kind not in ("people", "count"):
            return None
        found = _COUNTED_ACT.search(self.text)
        if found is None:
            return None
        words = [(word, tag) for word, tag in tagged(found.group(1)) if word not in ("了", "过")]
        # one verb, nothing after it: 多少人参会, not 几个示范样板 (a noun phrase after the unit)
        return words[0][0] if len(words) == 1 and words[0][1] == "v" and len(words[0][0]) >= 2 else None

    @property
    def asks_business_of(self) -> str | None:
        """The firm whose line of business the question asks (金狮新材科技有限公司 in …主要生产什么产品),
        else None."""
        found = _BUSINESS_ASKED.search(self.text)
        return found.group(1) if found else None

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The words either side of 或 (重中之重或主要途径): any one of them may be what the
        source says, so none of them is required of an answer."""
        return tuple(
            piece
            for match in _EITHER.finditer(self.text)
            for piece in (*match.group(1).split("、"), match.group(2))
        )

    @property
    def asks_day(self) -> bool:
        """The question asks for the day itself (哪天, 几号, 日期), not only the year or month."""
        return bool(_DAY_ASKED.search(self.text))

    @property
    def asks_period(self) -> bool:
        """The question asks from when to when (公示从哪天到哪天, 起止时间, 哪几天): one date is half
        an answer."""
        return bool(_PERIOD_ASKED.search(self.text))

    @property
    def asks_year(self) -> bool:
        """The question asks only which year (哪一年, 哪个年度), not the day."""
        return self.wants_date and not self.asks_day and bool(_YEAR_ASKED.search(self.text))

    @property
    def asks_document_year(self) -> bool:
        """The question asks which year a plan or notice is for (那份方案是哪一年度的):
        the year in its title answers."""
        return self.asks_year and bool(_DOCUMENT_WORDS.search(self.text))

    @property
    def wants_date(self) -> bool:
        """The question asks when (not how long: 公示时间是多久)."""
        return bool(_DATE.search(self.text)) and not _DURATION_ASKED.search(self.text)


def names_a_person(text: str) -> bool:
    """``text`` names a person: jieba tags a personal name nr."""
    return any(tag == "nr" for _, tag in tagged(text))


def names_an_actor(text: str) -> bool:
    """``text`` names a person, a post or a body that acts."""
    return bool(_ACTOR.search(text)) or names_a_person(text)


def does_the_act(text: str, act: str) -> bool:
    """``text`` says the act ``act`` is done: the word itself, or one of its characters as a word
    of its own (担任 said 任 in 由市长任总指挥); 坚持 does not say 主持."""
    return act in normalize(text) or any(len(word) == 1 and word in act for word, _ in tagged(text))


_POST_ASKED = re.compile(r"(?:什么|哪个|何种?|哪些)(?:职务|职位|官职|岗位|身份)|(?:担任|任)(?:什么|何)职|什么(?:官|职)")
_WHAT = ("什么", "啥", "哪个", "哪种", "何种", "什么样", "哪一个", "哪项")
_HOW_WORDS = ("怎么", "怎样", "如何")
_CALLED = frozenset(("是", "叫", "叫做", "称为", "称作"))
_WORDING = frozenset(("表述", "概括", "称呼", "归纳", "形容", "提", "说", "叫"))
_NAME_WORDS = frozenset(("名字", "名称"))  # 景区叫什么名字: the name of the 景区
_NOUN_TAG = re.compile(r"^(?:n[a-z]?|nz|l)$")
_COORDINATORS = frozenset(("、", "或", "或者", "和", "及", "与"))


def _acts_on(phrase: list[str], rest: tuple[tuple[str, str], ...]) -> bool:
    """The measured phrase is the subject of a verb that ends the clause on its object
    (多少市级财政专项资金支持百千万工程), not the start of a phrase 的 goes on to (几条外观改善的样板街道)."""
    clause = itertools.takewhile(lambda word: word[0] not in "，,。？?；;！!", rest)
    return len(phrase) >= 2 and rest[0][1].startswith("v") and all(word != "的" for word, _ in clause)


_RANK_ASKED = re.compile(r"排(?:名|在)?(?:第[一二三四五六七八九十几\d]+|前[一二三四五六七八九十\d]*|首位|末位|最后|靠前|靠后)|第一名|倒数第|榜首|名列")
_COUNTED_ACT = re.compile(r"(?:多少|几)\s*(?:万\s*)?[人名位个家户]((?:[\u4e00-\u9fff]){2,6})[？?。，,]?$")
# A named firm, then what it makes or does: 金狮新材科技有限公司主要生产什么产品, X集团是做什么的.
_BUSINESS_ASKED = re.compile(r"(?<![这那该个])((?![这那该])[\u4e00-\u9fff]{2,20}(?:公司|集团|工厂|厂))(?:是|主要|具体)*(?:生产|制造|经营|做|从事|主营)(?:什么|哪些|啥)")
_TOWARDS = frozenset({"往", "向", "给", "到", "对", "为", "朝"})  # a phrase after these is where a figure goes
_BASELINE = frozenset({"比", "较", "相比", "相较"})  # a phrase after these is what a figure is compared with


_COMPOUND_UNITS = frozenset(("人次", "户次", "车次", "架次", "班次", "批次", "人天"))  # jieba tags them nouns


def _is_an_act(word: str) -> bool:
    """``word`` is a verb (新建), which jieba may tag as a place it does not know (新建/ns)."""
    return all(tag.startswith("v") or (tag == "ns" and not find_places(piece)) for piece, tag in tagged(word))


# Verbs that set a target (产值定的目标, 服务率定的目标): the phrase before them is what is measured
_SET_VERBS = frozenset(("定", "设定", "确定", "制定", "定下"))


def _set_verb_apart(words: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """``words`` with a measure suffix jieba joined to the verb after it taken apart (服务率定的目标:
    jieba reads 服务 + 率定 + 的)."""
    return tuple(piece for word, flag in words for piece in (
        ((word[0], "n"), (word[1:], "v")) if len(word) >= 2 and word[0] in _MEASURE_SUFFIXES and word[1:] in _SET_VERBS
        else ((word, flag),)))


def _measure_words(words: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    words = _set_verb_apart(words)
    asked = next((n for n, (word, _) in enumerate(words) if word.startswith(("多少", "几"))  # 几项, 几条 are one word
                  or (word == "多" and n + 1 < len(words) and words[n + 1][0] in ("大", "高", "少"))), None)
    if asked is None:
        return ()
    # 多少家高新技术企业: the phrase after the question word and its unit, when it ends the clause.
    after = asked + (2 if words[asked][0] == "多" else 1)
    unit_end = after
    while unit_end < len(words) and (_UNIT_TAG.match(words[unit_end][1]) or words[unit_end][0] in _COMPOUND_UNITS
                                     or (unit_end == after and words[unit_end][1] == "d" and words[unit_end][0] in COUNT_UNITS)):
        unit_end += 1  # jieba tags 只 of 多少只 as the adverb (only)
    if unit_end > after and unit_end + 1 < len(words) and words[unit_end][0] == "的" and _is_measure_word(*words[unit_end + 1]):
        unit_end += 1  # 多少平方米的都市型产业载体: the unit, then what it measures
    after = unit_end
    while after + 1 < len(words) and words[after][1] == "v" and words[after + 1][0] in _COORDINATORS:
        after += 2  # 多少个新建、改扩建或学校项目: an act joined to the things that follow names none of them
    phrase = []
    while after < len(words) and _is_measure_word(*words[after]):
        phrase.append(words[after][0])
        after += 1
        if (after + 1 < len(words) and words[after][0] in _COORDINATORS
                and _is_measure_word(*words[after + 1])):
            phrase, after = [], after + 1  # 多少个新建、改扩建或学校项目: the last of them names the head
    if (after < len(words) and not _PHRASE_END.match(words[after][1]) and words[after][0] not in _FINAL_PARTICLES
            and not _acts_on(phrase, words[after:])):
        return ()  # 多少名医生下沉到基层: a clause goes on, too loose to read a measure from
    if not phrase:
        # 服务率要提高到多少: the phrase before, past the verbs, crossing one 的 (茶叶产业的产值).
        before, skipped = asked - 1, 0
        while (before >= 0 and (_SKIPPED_TAG.match(words[before][1]) or words[before][0] in _MOOD_WORDS)
               and words[before][0] != "的" and words[before][0] not in _MEASURE_SUFFIXES and skipped < 5):
            before, skipped = before - 1, skipped + 1
            if words[before + 1][0] in _MOOD_WORDS and words[before][0] not in _MOOD_WORDS:
                break  # 治理率实际到了多少: the measure stands right before 实际 (改造总共投了多少钱 names none; 总共大概 is one)
        phrase, crossed = [], False
        if before >= 0 and words[before][0] == "的":  # 服务率的要求是多少
            before, crossed = before - 1, True
        # 生产总值的增长目标: a generic measure said as a verb (增长) is still part of the phrase.
        while before >= 0 and (_is_measure_word(*words[before]) or words[before][0] in GENERIC_MEASURES
                               or (words[before][0] == "的" and not crossed and phrase)
                               # 产值定的目标是多少: the target set for 产值
                               or (words[before][0] in _SET_VERBS and words[before + 1][0] == "的")
                               or (bool(phrase) and phrase[0] in _MEASURE_SUFFIXES and words[before][1] == "v")):  # 治理 率
            crossed = crossed or words[before][0] == "的"
            if words[before][0] != "的" and words[before][0] not in _SET_VERBS:
                phrase.insert(0, words[before][0])
            before -= 1
        if before >= 0 and words[before][0] in _TOWARDS and not crossed:
            return ()  # 往农业农村投多少钱: where the money goes, not what the figure measures
        if before >= 1 and words[before][0] in _BASELINE:
            # 工业投资比去年同期增长了多少: 去年同期 is what the figure is compared with; the measure
            # stands before 比.
            phrase = [word for word in phrase if word in GENERIC_MEASURES]
            before -= 1
            while before >= 0 and _is_measure_word(*words[before]):
                phrase.insert(0, words[before][0])
                before -= 1
        comma = next((n for n in range(before, max(-1, before - 3), -1) if words[n][0] in ("，", ",")), None)
        if phrase and not set(phrase) - GENERIC_MEASURES and comma is not None:
            # …的基层医疗机构，占比目标是多少: the share is of what the clause before names.
            before = comma - 1
            while before >= 0 and _is_measure_word(*words[before]):
                phrase.insert(0, words[before][0])
                before -= 1
    joined: list[str] = []
    for word in phrase:  # a measure suffix ends the word before it (服务 率 → 服务率, 精品 村 → 精品村)
        if word in _MEASURE_SUFFIXES and joined:
            joined[-1] += word
        else:
            joined.append(word)
    # 投资规模, 投资总额: the investment itself is what a figure names
    joined = [next((word[: -len(g)] for g in GENERIC_MEASURES if word.endswith(g) and len(word) - len(g) >= 2), word)
              for word in joined]
    # 老旧危险的桥: a one-character head still says what is counted, though a loose one
    head = len(joined) - 1 if joined and len(joined[-1]) == 1 and joined[-1] not in _MEASURE_SUFFIXES else None
    return tuple(word for n, word in enumerate(joined)
                 if (len(word) >= 2 or n == head) and word not in GENERIC_MEASURES and not find_places(word)
                 and not names_a_settlement(word))  # 白沙湾镇的产值: where, not what


def trailing_noun_phrase(text: str) -> tuple[str, ...]:
    """The words of the noun phrase ``text`` ends with (平安乡村 建设 in 打造平安乡村建设), without places."""
    words = tagged(text)
    phrase: list[str] = []
    for word, tag in reversed(words):
        if not _is_measure_word(word, tag):
            break
        phrase.insert(0, word)
    return tuple(word for word in phrase if not find_places(word))


def names_a_measure(text: str) -> bool:
    """``text`` has a noun that could say what a figure measures (水质合格率稳定在), not only
    verbs, times and generic words (全年不少于, 同比增长)."""
    return any(_MEASURE_TAG.match(tag) and len(word) >= 2 and word not in GENERIC_MEASURES and tag != "ns"
               for word, tag in tagged(text))


_MEASURE_SUFFIXES = frozenset("率额量数值村镇")


def _subject_of(words: list[tuple[str, str]]) -> str:
    """The noun the words before 哪几个 say 是/有/包括 of (典型镇 of …典型镇是, 典型镇分别是), or ''."""
    kept = list(words)
    while kept and kept[-1][0] in _LINKING_WORDS:
        kept.pop()
    said = any(word in ("是", "有", "包括") for word, _ in words[len(kept) :])
    return kept[-1][0] if said and kept and _NOUN_TAG.match(kept[-1][1]) else ""


_LINKING_WORDS = frozenset({"是", "有", "包括", "分别", "都", "主要", "具体"})


# Spans of the calendar, tagged as nouns: 1到8月份工业投资 measures 工业投资 over those months
_CALENDAR_SPANS = frozenset(("月份", "季度", "月度", "旬"))


def _is_measure_word(word: str, tag: str) -> bool:
    if word in _CALENDAR_SPANS:
        return False
    return bool(_MEASURE_TAG.match(tag)) or word in _MEASURE_SUFFIXES or (tag == "ns" and not find_places(word))


def _sides(places: tuple[str, ...]) -> list[str]:
    """The places that can be sides of a comparison: a city named with one of its own
    districts (汕头 … 濠江区) is the setting of the district, not a second side."""
    return [p for p in places if not any(p != other and city_of(other) == p for other in places)]


def _asks_figure(text: str) -> bool:
    """``text`` asks for a figure: it names one (比例, 规模) or asks how much, and is not a
    how-question that only names a measure."""
    return bool(_NUMBER.search(text)) and not (_HOW.search(text) and not _FIGURE_ASKED.search(text))


def _places_in(text: str) -> tuple[str, ...]:
    """The places ``text`` names, without a name written right after another place and before 村 or
    镇: 陆河坪山村 is a village of 陆河, not 深圳's 坪山."""
    places = find_places(text)
    return tuple(place for place in places if not any(
        re.search(f"{re.escape(other)}[县区市]?{re.escape(place)}[村镇]", text)
        for other in places if other != place and city_of(place) not in (other, city_of(other))))  # 东莞榕湖镇 is 东莞's


# Everyday question words read as the written ones: 叫啥名字 asks as 叫什么名字 does, 咋办 as 怎么办
_SPOKEN_ASKING = (("啥", "什么"), ("咋", "怎么"))
# 好像拿过…是什么来着: words of a chat that say how sure the asker is, not what is asked
_CHAT_WORDS = frozenset({"好像", "来着", "记得", "听说", "据说", "有关", "来", "着"})
# A separable verb split by its aspect (表过态, 开了会, 签了约) is the verb the pages write whole
_SPLIT_VERB = re.compile(r"(?<=表)[过了](?=态)|(?<=开)[过了](?=会)|(?<=发)[过了](?=言)|(?<=签)[过了](?=约)"
                         r"|(?<=见)[过了](?=面)|(?<=讲)[过了](?=话)")


# A town and its village written together after their county (新兴县六祖镇夏卢村)
_TOWN_AND_VILLAGE = re.compile(r"(?<=[县市区])([\u4e00-\u9fff]{2,3}?[镇乡])([\u4e00-\u9fff]{2,3}?村)")


def _town_and_village_terms(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """``terms`` with a town and village written together read as the two names: jieba cuts
    六祖镇夏卢村 into 六祖 + 镇夏 + 卢村, and 镇夏 is in no sentence that names them apart."""
    for found in _TOWN_AND_VILLAGE.finditer(text):
        town, village = found.groups()
        terms = tuple(t for t in terms if t not in found.group() or t in town or t in village)
        terms += tuple(name for name in (town, village) if name not in terms)
    return terms


# A question asked, then what the asker means to do with the answer (…产值目标是多少？想回新会卖陈皮;
# …都是哪几个啊 俺家娃学农的能不能沾上边): the aside names no part of what the sources are asked.
_ASKED_BEFORE = re.compile(r"多少|多大|多高|多长|多久|什么|哪|几|谁|吗|怎么|如何|是否|有没有|能不能|啥|咋")
_ASIDE = re.compile(r"(?:[？?！!。]|(?<=[\u4e00-\u9fff])\s+)\s*"
                    r"(?:(?:我|俺|咱)(?!们?(?:这里|这边)?(?:想知道|想问|想了解|问一下|请问))"
                    r"|想(?!知道|问|了解|请教|查)(?![^？?！!。]*(?:多少|几|什么|哪|谁)))"  # 想什么时候完成 asks on
                    r"[^？?！!。]*[？?！!。]?$")


def without_aside(text: str) -> str:
    """``text`` without a trailing aside on the asker's own plans or situation, when a question
    stands before it."""
    found = _ASIDE.search(text)
    if found is None or not _ASKED_BEFORE.search(text[: found.start()]):
        return text
    return text[: found.start() + 1].rstrip() if text[found.start()] in "？?！!。" else text[: found.start()].rstrip()


# A claim put to the sources to be checked (稿子里写的是…，对吗？ / 江门是不是要…200家… / 到底是7条还是8条):
# the claim's own figure may be wrong, so it is what is asked, not a term a passage must repeat.
_CLAIM_OPENING = re.compile(r"^(?:稿子|稿件|初稿|原稿|文章|报道|材料|文中|同事|有人|网上)(?:里|中|上|的)?"
                            r"(?:写|说|提|称|讲)(?:的是|了|到|道|的)?[，,：:]?\s*")
_CLAIM_CHECK = re.compile(r"[，,]?\s*(?:这么写)?(?:对吗|对不对|对么|是吗|是不是|是这样吗|没错吧|没写错吧|准确吗|属实吗"
                          r"|是真的吗|有没有(?:写)?错|确定吗)[？?。！!]*$")
_WHETHER = re.compile(r"是不是|是否")
# 目标是4.5个吗: a figure put as a yes-or-no question is a claim too
_FIGURE_THEN_ASKED = re.compile(r"(?<=[\d%％" + COUNT_UNITS + r"米里元亩人名吨])吗$")
# …学位，稿子写超过1万个，原文是多少: the draft's figure, said inside a question that asks it
_CLAIM_INSIDE = re.compile(r"[，,]\s*(?:稿子|稿件|初稿|原稿|文章|报道)(?:里|中|上)?(?:写|说)(?:的是|了|成|的)?[^，,。？?]*(?=[，,])")
# a numeral, but not 一 of 同一套, 一个启动区: one of a kind is no figure claimed
_CLAIMED_NUMBER = r"(?<![第\d.])(?:\d+(?:\.\d+)?|[两三四五六七八九十][一二两三四五六七八九十百千]*|一[十百千][一二两三四五六七八九十百千]*)\s*"
_CLAIMED_FIGURE = re.compile(_CLAIMED_NUMBER + r"([万亿]?)\s*(" + rf"[{COUNT_UNITS}人名元亩倍吨](?!月)|公里|平方米|平方公里|公顷|[%％])")
_CLAIMED_DAY = re.compile(r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_CLAIMED_EITHER = re.compile(r"(?:到底|究竟)?是?([^，,。？?还]{0,8}?)还是([^，,。？?]{0,8})")


def as_open_question(text: str) -> str:
    """``text`` with a claim to be checked turned into the question it checks: the frame around the
    claim is dropped and a figure or day it states is asked (多少条, 哪天)."""
    inside = _CLAIM_INSIDE.search(text)
    if inside and (_FIGURE_ASKED.search(text[inside.end():]) or _DATE.search(text[inside.end():])):
        return text[: inside.start()] + text[inside.end():]
    body = _FIGURE_THEN_ASKED.sub("", _CLAIM_CHECK.sub("", _CLAIM_OPENING.sub("", text)).rstrip("？?"))
    either = _CLAIMED_EITHER.search(body)
    if either and _CLAIMED_FIGURE.search(either.group(1)) and _CLAIMED_FIGURE.search(either.group(2)):
        body = body[: either.start()] + either.group(2) + body[either.end():]
    elif body == text.rstrip("？?") and not _WHETHER.search(body):
        return text
    # only what follows 是不是 is claimed: 江门100家长者饭堂是不是都在镇上 states its 100家 as known
    whether = _WHETHER.search(body)
    known, claim = (body[: whether.start()], body[whether.end():]) if whether else ("", body)
    if _FIGURE_ASKED.search(claim) or _DATE.search(claim):
        return text  # …1.4万个，原文是多少: what is asked is asked already
    asked = _CLAIMED_FIGURE.sub(lambda found: "多少" + found.group(1) + found.group(2).strip("%％"),
                                _CLAIMED_DAY.sub("哪天", claim))
    if asked == claim and body == text.rstrip("？?"):
        return text
    return known + asked + "？"


def read_question(text: str, allow_comparison: bool = True) -> QuestionInfo:
    """Analyse a question (no retrieval involved)."""
    text = as_open_question(without_aside(as_mandarin(text)))
    for spoken, written in _SPOKEN_ASKING:
        text = text.replace(spoken, written)
    text = _SPLIT_VERB.sub("", text)
    places = _places_in(text)
    years = tuple(dict.fromkeys(_YEAR.findall(text)))
    bounds = threshold_phrases(text)
    terms = _town_and_village_terms(text, tuple(word for word in dict.fromkeys(tokenize(text))
                                                if word not in _CHAT_WORDS and not any(word in bound for bound in bounds)))
    if _WHO.search(text):  # 平远县长叫什么名字: jieba reads 平远县 + 长叫, and the post asked is lost
        terms += tuple(post for post in dict.fromkeys(POST.findall(text)) if post not in terms)
    unquoted = _QUOTED.sub("", text)  # 「工业立市、产业强市」 is one name, not two sides
    # Towns and villages can be sides too: 白泥镇和陆河县…哪个高
    settlements = len(_settlement_mentions(text)) if allow_comparison else 0
    if allow_comparison and _year_sides(text):
        kind: Kind = "comparison"
    elif allow_comparison and len(places) + settlements >= 2 and (
        _COMPARE.search(text)
        or (len(_sides(places)) >= 2 and re.search(r"[和与及跟、]", unquoted) and not _TOGETHER.search(text))
        # a town is a side when joined to another place (白泥镇和陆河县), not when a place is only
        # mentioned later (望江镇那个在广州做过网店运营、后来…的姑娘)
        or (settlements and _joined_mentions(text) and not _TOGETHER.search(text))
        or _clause_sides(text)
    ):
        kind = "comparison"
    elif _DATE.search(text) and not _DURATION_ASKED.search(text):  # as wants_date
        kind = "date"
    elif _LIST.search(text):
        kind = "list"
    elif _asks_figure(text):
        kind = "number"
    else:
        kind = "fact"
    info = QuestionInfo(text, terms, kind, places, years)
    # 按每亩产出多少衡量用地，这个理念原话怎么说: the figure describes; the wording is asked
    return replace(info, kind="fact") if kind == "number" and info.asks_coined_name else info


_JOINERS = "和与及跟同、，,的"
_SETTING = re.compile(r"在[^，,。？?]{1,20}(?:方面|上)")
_PARTNER_JOINERS = ("与", "同", "跟")
_CLAUSE_BREAK = re.compile(r"[，,；;]")
_SHARED = re.compile(r"分别|各自|各|都|两地|两市|是否|相比|对比|有什么不同|哪个|哪边")


_TIMES = re.compile(r"^(?:(?:19|20)\d{2}\s*年|今年|去年|明年|前年|上半年|下半年|前三季度|[一二三四]季度|全年|\d{1,2}\s*[—\-–~至到]\s*\d{1,2}\s*月)+")
_ADMIN_SUFFIX = re.compile(r"街道|[省市区县镇乡]")
_WHOLE_OF_IT = re.compile(r"全[省市县区镇]")  # 郁南县和揭阳全市的…: 全市 is 揭阳's whole, not 郁南县's
_SETTLEMENT = re.compile(r"[\u4e00-\u9fff]{1,8}(?:街道|[区县镇乡村])")
_NO_PLACE_NAME = re.compile(r"[的级]|典型|示范|中心|重点")  # 现有的省级典型镇 is a kind of town, 赤坎华侨古镇 one
# A town or village named at the start of a phrase (白沙湾镇的…, 石坝村去年…, 三坑村，2024年…); not 对城中村, 在美丽圩镇.
# 马头镇 in 新丰马头镇给农村生活污水…: a town's own name, which no kind of place (农村, 典型镇) ends
_LEADING_SETTLEMENT = re.compile(r"^(?![对在把给向于为与和及的])[\u4e00-\u9fff]{1,5}?(?:街道|[镇乡村])"
                                 + "".join(f"(?<!{kind})" for kind in ("城中村", "圩镇", "乡村", "农村", "乡镇", "村镇", "镇村",
                                                                      "行政村", "自然村", "中心镇", "典型村", "典型镇"))
                                 + r"(?=的|[\u4e00-\u9fff\d，,])")


def _settlement_mentions(text: str) -> list[tuple[int, int, str]]:
    """Each town or village the question names on its own as (start, end, name): 白泥镇 of
    白泥镇和陆河县…; not one written right after a known place (韶关大塘村), which belongs to that place."""
    places = [(text.find(place), text.find(place) + len(place)) for place in _places_in(text)]
    found = []
    for name in settlements_named(tagged(text)):
        start = text.find(name)
        attached = any(place_start <= start <= place_end + 1 and not (start > place_end and text[place_end] in _SIDE_JOINERS)
                       for place_start, place_end in places)
        if start >= 0 and not attached:
            found.append((start, start + len(name), name))
    return found


def _joined_mentions(text: str) -> bool:
    """Two places or towns of ``text`` stand side by side, joined by 和, 与, 、…"""
    mentions = _mentions(text)
    return any(text[end:start].strip() in _SIDE_JOINERS for (_, end, _), (start, _, _) in itertools.pairwise(mentions))


_SIDE_JOINERS = ("和", "与", "及", "跟", "同", "、", "以及")


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """Each place mention as (start, end, side); a city written just before its own district
    (汕头南澳县, 佛山市禅城区) is one mention of the district; a town or village named on its own
    (白泥镇和陆河县) is a mention too."""
    found: list[tuple[int, int, str]] = list(_settlement_mentions(text))
    for place in _places_in(text):
        position = text.find(place)
        while position >= 0:
            # 濠江区和张槎街道推进…: the 区 belongs to the name, not to what is asked of it.
            suffix = _ADMIN_SUFFIX.match(text, position + len(place))
            end = suffix.end() if suffix else position + len(place)
            found.append((position, end, place))
            position = text.find(place, end)
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, place in found:
        if merged and start - merged[-1][1] <= 1 and city_of(place) == merged[-1][2] and place != merged[-1][2]:
            merged[-1] = (merged[-1][0], end, place)
        elif not merged or start >= merged[-1][1]:
            merged.append((start, end, place))
    # 找的是深圳哪个区: the place the answer lies in, not a side asked about.
    return [mention for mention in merged if not _SCOPE_ASKED.match(text, mention[1])]


_SCOPE_ASKED = re.compile(r"的?哪(?:一)?(?:个|些|几个)?[区县市镇街村]")


_ASKING = re.compile(r"什么|哪|多少|几|怎样|怎么|如何|是否|谁")
_CLAUSE_WITH_END = re.compile(r"[^，,？?；;。]+[，,？?；;。]?")
_ASKED_AGAIN = re.compile(r"(?:的|那边|这边|方面)?呢[？?]?$")  # …是多少？江门呢？ asks 江门 the same


def _clause_sides(text: str) -> list[tuple[str, str]]:
    """Sides a question asks in clauses of their own ("…，潮州选哪些地区…，江门又以哪些通道…？"):
    each clause that names one place and asks something (or asks it again: 江门呢？), with the
    opening clauses that name no place as their shared setting. [] when the question is not built
    that way."""
    setting, sides = "", []
    for clause in _CLAUSE_WITH_END.findall(text):
        named = list(dict.fromkeys(place for _, _, place in _mentions(clause)))
        if len(named) == 1 and (_ASKING.search(clause) or _ASKED_AGAIN.search(clause)):
            sides.append((named[0], clause.rstrip("，,；;")))
        elif sides and named:
            return []
        elif not sides:
            setting += clause  # the opening (在风貌管控提升上，/ 汕头和江门都提出…，) is every side's setting
    places = [place for place, _ in sides]
    if len(set(places)) != len(places) or len(places) < 2:
        return []
    return [(place, _without(setting, [p for p in places if p != place]) + side) for place, side in sides]


# What reports or meetings say (2023年濠江现场会, 2025年汕头市委全会, 区委书记提的目标), each of its year
_SAID_IN = re.compile(r"会|报道|讲话|报告|文件|方案|要点|通知|书记|[省市县区镇]长|发布")
_YEAR_OPENS = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年[初底末]?")
_SAME_ASKED = re.compile(r"[是否]*(?:一致|一样|相同|同一个?)[吗呢]?|有没有变化?|有什么变化|变了吗")


def _year_sides(text: str) -> list[tuple[str, str]]:
    """Sides of a question that asks what reports of different years said of one thing
    (2023年濠江现场会和2025年汕头市委全会，都说濠江要打造什么示范区？): each year with its own
    report, and the asking clause after the last as every side's. [] when not built that way."""
    opens = list(_YEAR_OPENS.finditer(text))
    years = [found.group(1) for found in opens]
    if len(opens) < 2 or len(set(years)) != len(years):
        return []
    prefix = text[: opens[0].start()]
    last = text[opens[-1].start() :]
    own_last = re.match(r"[^，,？?；;。]+", last)
    asked = last[own_last.end() :].lstrip("，,？?；;。 ") if own_last else ""
    if not asked or not _ASKING.search(asked):
        return []
    segments = [text[a.start() : b.start()] for a, b in itertools.pairwise(opens)] + [own_last.group()]
    owns = [_SAME_ASKED.sub("", segment).rstrip(_JOINERS + "，,？? ") for segment in segments]
    if not all(_SAID_IN.search(own) for own in owns):
        return []
    return [(f"{year}年", f"{prefix}{own}，{asked}") for year, own in zip(years, owns)]


def _without(text: str, places: list[str]) -> str:
    """``text`` with the mentions of ``places`` (and the 和 joining them) taken out."""
    for place in places:
        text = re.sub(f"{re.escape(place)}[{_JOINERS}]?|[和与及跟、]{re.escape(place)}", "", text)
    return text


_WHEN = r"(?:19|20)\d{2}\s*年|[今去明]年|[上下]半年|前?[一二三四]季度|年[底初末]"  # when a side is asked of
# Words that say when, how surely or in what mood a side is asked, not what of: 肇庆上半年实际已经到多少了
_NOT_A_TOPIC = re.compile(
    _WHEN + r"|(?:19|20)\d{2}|\d{1,2}\s*月[底末初]?|目前|现在|当前|截至|截止|实际|已经|又|则|累计|一共|总共|共"
    r"|[新]?建(?:成|了)?|完成了?|做到了?|做了|搞了|投了|花了"
    r"|达到了?|到了?|(?:多少|多大|几)[个项家所座条户名位人]?|什么|哪些|哪个|哪|怎么样|怎样|如何|情况|分别|各自|那边|这边|呢|吗|的|了|是|为|有"
    r"|[，,。？?！!；;、\s]"
)
_MEASURED_AFTER = re.compile(r"(?:多少|几)[个项家所座条户亩万亿元人名位]*([\u4e00-\u9fff]{2,})")
_BARE_ASKING = re.compile(r"(多少|几)[了呢吗]?[？?]?$")  # asking how much of nothing named after it
_ASKED_TAIL = re.compile(r"(?:的?(?:目标|计划|任务|预期))?(?:[是为有]|达到|要达到)?(?:多少|多大|几|什么|哪些|哪个|怎样|如何).*$")


def _own_topic(side: str, place: str) -> str:
    """What ``side`` asks about besides its place, the town or village in it, time and asking
    words ('' for 肇庆上半年实际已经到多少了, 惠东白花镇现在做到了多少)."""
    for name in settlements_named(tagged(side)):
        side = side.replace(name, "")
    return _NOT_A_TOPIC.sub("", side.replace(place, ""))


def _measure_said(topic: str) -> str:
    """``topic`` without the words at its ends that say a figure's role (考核的…治理率达标线 → …治理率)."""
    return _ROLES_AT_ENDS.sub("", topic) or topic


_ROLES = "|".join(sorted((re.escape(word) for word in GENERIC_MEASURES), key=len, reverse=True))  # longest first
_ROLES_AT_ENDS = re.compile(rf"^(?:(?:{_ROLES})的?)+|(?:的?(?:{_ROLES}))+$")


def _topic_phrase(side: str, place: str) -> str:
    """The measure a side asks, as said (自然村生活污水治理率 of 阳江今年自然村生活污水治理率的目标是多少):
    its text after the place, without the time words before it and the asking tail."""
    after = side[side.find(place) + len(place) :] if place in side else side
    after = re.sub(rf"^(?:{_WHEN}|的)+", "", after)
    tail = _ASKED_TAIL.search(after)
    measured = _MEASURED_AFTER.match(tail.group()) if tail else None
    if measured:  # 累计建了多少高标准农田: the measure follows the question word
        return measured.group(1)
    return _ASKED_TAIL.sub("", after).rstrip("的")


def _with_borrowed_topics(sides: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A side that names no measure of its own (…，肇庆上半年实际已经到多少了？ / 肇庆呢？) asks what
    the side before it asks: the measure is put after its place, with the time the side before
    names when it names none, and the asking words too when it has none of its own."""
    borrowed, topic, asking, when, measured = [], "", "", "", ""
    for place, side in sides:
        if _own_topic(side, place):
            topic = _measure_said(_topic_phrase(side, place)) or topic
            tail = _ASKED_TAIL.search(side)
            asking = tail.group() if tail else asking
            when = "".join(re.findall(_WHEN, side))
            bare = _BARE_ASKING.search(side)
            if bare and measured:  # 韶关的典型村又给多少？ after 安排多少创建资金: asks 多少创建资金 too
                side = side[: bare.end(1)] + measured + side[bare.end(1) :]
            found = _MEASURED_AFTER.search(side)
            measured = found.group(1) if found else measured
        elif topic and place in side:
            at = side.find(place) + len(place)
            town = next((name for name in settlements_named(tagged(side[at:])) if side.startswith(name, at)), "")
            at += len(town)  # 惠东白花镇现在做到了多少: the measure is of the town
            rest = side[at:] if _ASKING.search(side) else _ASKED_AGAIN.sub("", side[at:]) + asking
            # 从化今年前三季度接待了多少游客？深汕呢？ asks 深汕 of the same time too
            side = side[:at] + ("" if re.search(_WHEN + r"|\d{1,2}\s*月|截至|截止|目前|现在", side) else when) + topic + rest
        borrowed.append((place, side))
    return borrowed


def split_comparison(question: QuestionInfo) -> list[tuple[str, str]]:
    """The comparison as one question per side: [(place, question about that place only)].

    "X和Y的Z分别是多少" asks Z of each; "X的A和Y的B分别是多少" asks A of X and B of Y;
    "…，X要…什么，Y又…哪些？" asks each its own clause; a side with no measure of its own
    ("X的Z是多少？Y呢？") is asked the one before it.
    """
    return _with_borrowed_topics(_split_sides(question))


def _split_sides(question: QuestionInfo) -> list[tuple[str, str]]:
    text = question.text
    by_year = _year_sides(text)
    if by_year:
        return by_year
    by_clause = _clause_sides(text)
    if by_clause:
        return by_clause
    mentions = []
    for mention in _mentions(text):
        if mention[2] not in [m[2] for m in mentions]:
            mentions.append(mention)
    # A place named after the shared part (分别与深圳…) is what both sides relate to, not a side.
    marker = _SHARED.search(text)
    if marker is not None and sum(1 for m in mentions if m[1] <= marker.start()) >= 2:
        mentions = [m for m in mentions if m[1] <= marker.start()]
    # 潮州和汕头与深圳共建的园区…: the place after 与 is the partner both sides work with, not a side.
    partner = (
        len(mentions) >= 3
        and text[mentions[-2][1] : mentions[-1][0]] in _PARTNER_JOINERS
        and bool(_TOGETHER.search(text, mentions[-1][1]))
    )
    if partner:
        mentions = mentions[:-1]
    if len(mentions) < 2:
        return [(place, text) for place in question.places]
    prefix = text[: mentions[0][0]]
    last_start, last_end, _ = mentions[-1]
    last_segment = text[last_start:]
    shared = _SHARED.search(text, last_end)
    suffix = text[shared.start() :] if shared else ""
    topic = text[last_end : shared.start()] if shared else text[last_end:]
    bare_topic = topic.strip(_JOINERS + " ")
    if _SETTLEMENT.fullmatch(bare_topic) and not _NO_PLACE_NAME.search(bare_topic):
        # 江门赤坎华侨古镇: a place within the last side, not what both sides are asked (现有的省级典型镇 is)
        topic = ""
    # 汕头市委全会和江门工作要点在帮扶镇村方面都…: each side its own source, the 在…方面 shared;
    # 潮州的深潮协作与江门的横向产业协作，对应的合作城市分别…: the clause after the comma shared.
    setting = _SETTING.search(topic) or _CLAUSE_BREAK.search(topic)
    shared_setting = topic[setting.start() :] if setting else ""
    # A side with nothing of its own is asked the last side's topic; a partner keeps its 与.
    shared_topic = topic if partner else topic.lstrip(_JOINERS)
    sides = []
    for number, (start, end, place) in enumerate(mentions):
        if number == len(mentions) - 1:
            sides.append((place, prefix + last_segment))
            continue
        own = text[end : mentions[number + 1][0]].strip(_JOINERS + " ")
        if own and _TIMES.fullmatch(own):
            # 怀集去年和棉湖镇今年前三季度新改建农村公路各多少: each side its own time, the measure shared
            sides.append((place, prefix + text[start:end] + own + _TIMES.sub("", shared_topic, count=1) + suffix))
            continue
        if own and _SETTLEMENT.fullmatch(own):
            # 韶关大塘村和梅州石坝村去年村集体收入…: a village of each side, the measure after the last shared.
            after_settlement = _LEADING_SETTLEMENT.sub("", shared_topic, count=1)
            body = text[start:end] + own + (after_settlement if after_settlement != shared_topic else "")
        else:
            # 遂溪和曲江白沙湾镇的预制菜产值: the town after the last side is that side's, not every side's
            settlement = _LEADING_SETTLEMENT.match(shared_topic) or _WHOLE_OF_IT.match(shared_topic)
            topic_here = shared_topic[settlement.end() :].lstrip(_JOINERS) if settlement else shared_topic
            body = text[start:end] + (own + shared_setting if own else topic_here or shared_topic)
        sides.append((place, prefix + body + suffix))
    return sides
