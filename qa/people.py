"""People a page names with their posts (汕头市委书记温湛滨), and whom a sentence speaks of.

News reports name an official once with the post, then by name alone (温湛滨指出) or as 他
(他在会议中提出…). A question names the post (市委书记建议…); the sentence that answers it
names only the person, so the post is read back from where the page first gave it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.lexical import tagged

# Posts a person may hold; a who-question naming one wants the same post.
POST = re.compile(
    r"总指挥|指挥长|副?书记|副?主任|副?主席|副?(?:区|县|市|镇|乡|村|省|局|部|厅|处|科|所|院|校|组|队|社)长"
    r"|负责人|董事长|总经理|委员(?!会)|发言人|专员|理事长|秘书长"
)
# 县委常委、常务副县长 梁志远: one line of a list of people (参会人员： / …), a post and a name
POST_AND_NAME_LINE = re.compile(rf"\s*[^：:，,。；;！？\s]{{0,24}}(?:{POST.pattern})[\s\u3000]+[\u4e00-\u9fff]{{2,4}}\s*")
HEAD = "一把手"  # the head of a body: its 书记, 主任 or …长, never a deputy
_LEADING_POST = re.compile(r"(?<!副)(?:书记|主任|[省市县区镇乡村局]长)$")
_DEPUTY_POST = re.compile(rf"副(?:{POST.pattern})$")
# A post, then a name of two or three characters, then what people named in reports do next.
_POST_AND_NAME = re.compile(
    rf"([\u4e00-\u9fff]{{0,8}}?(?:{POST.pattern}))([\u4e00-\u9fff]{{2,3}}?)"
    r"(?=(?:多次|再次|也|还|则|在)?(?:表示|指出|强调|要求|说|认为|代表|主持|出席|提出|介绍|作|讲话|部署|带队|调研|解读|致辞|发言|汇报|宣读|传达|通报|一行|等|[，,、。]))"
)
_PRONOUN = re.compile(r"(?<!其)[他她](?![们人])")
PRONOUN_REACH = 600  # characters back that a 他/她 may refer to


@lru_cache(maxsize=256)
def post_holders(text: str) -> dict[str, tuple[str, ...]]:
    """Each person ``text`` names right after a post, with the posts it gives them:
    {温湛滨: (汕头市委书记,)} from 汕头市委书记温湛滨代表市委常委会作报告."""
    holders: dict[str, list[str]] = {}
    for match in _POST_AND_NAME.finditer(text):
        post, name = match.groups()
        posts = holders.setdefault(name, [])
        if post not in posts:
            posts.append(post)
    return {name: tuple(posts) for name, posts in holders.items()}


def spoken_of(text: str, start: int, end: int) -> tuple[str, ...]:
    """Who the sentence ``text[start:end]`` speaks of, as the page names them elsewhere: the
    posts of the people it names, or, when it names none and says 他/她, the person named last
    before it, with the posts."""
    holders = post_holders(text)
    sentence = text[start:end]
    named = [name for name in holders if name in sentence]
    if named:
        return tuple(post for name in named for post in holders[name])
    referent = _referent(text, start, end)
    return (referent, *holders[referent]) if referent else ()


def introduction(text: str, start: int, end: int) -> int | None:
    """Where the page last introduced, with a post, the person the sentence ``text[start:end]``
    calls 他/她 without naming anyone: the offset of that mention, so a quote can say who 他 is."""
    referent = _referent(text, start, end)
    if referent is None:
        return None
    mentions = [m.start(2) for m in _POST_AND_NAME.finditer(text, 0, start) if m.group(2) == referent]
    return mentions[-1] if mentions else None  # the nearest: a body repeated twice names them twice


def _referent(text: str, start: int, end: int) -> str | None:
    """The person a sentence that says 他/她 and names nobody refers to: the one the page named,
    with a post, last before it (within ``PRONOUN_REACH``); None otherwise."""
    holders = post_holders(text)
    sentence = text[start:end]
    pronoun = _PRONOUN.search(sentence)
    if not holders or not pronoun or any(name in sentence for name in holders):
        return None
    if _names_a_person(sentence[: pronoun.start()]):
        return None  # 村民罗秀英说，她家…: 她 is the person the sentence itself names

    before = text[max(0, start - PRONOUN_REACH) : start]
    last = max(holders, key=before.rfind)
    return last if last in before else None


def _names_a_person(text: str) -> bool:
    """``text`` names somebody (jieba tags a personal name)."""
    return any(tag == "nr" and len(word) >= 2 for word, tag in tagged(text))


def held_by_posts(text: str, role: str) -> bool:
    """``text`` gives ``role`` to the holders of other posts (由市委书记、市长任总指挥): who holds
    it is told by post, not by name."""
    return re.search(rf"(?:{POST.pattern})[^，,。；;]*?(?:担任|兼任|任)[^，,。；;]{{0,6}}{re.escape(role)}", text) is not None


def only_deputies(text: str, role: str) -> bool:
    """Everyone ``text`` names in ``role`` holds it as a deputy (党工委副书记区雪莹 for 书记 or for
    一把手): the sentence names who stands in for the post, not who holds it."""
    posts = [post for held in post_holders(text).values() for post in held]
    if role == HEAD:
        heads = [post for post in posts if _LEADING_POST.search(post)]
        deputies = [post for post in posts if _DEPUTY_POST.search(post)]
    elif role.startswith("副"):
        return False
    else:
        heads = [post for post in posts if role in post.replace(f"副{role}", "")]
        deputies = [post for post in posts if f"副{role}" in post]
    return bool(deputies) and not heads
