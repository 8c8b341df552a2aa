"""The 总结报告's narrative (报告文稿): the paragraphs the office writes around the figures.

Each section's text is optional and printed after the section's generated paragraph; the
office edits them on a page before export, each save a new version (``Narrative``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEFAULT_NEXT_STEPS = (
    "督促各单位对尚未销号的问题逐项整改，逐一核查销号；对超期未整改的问题挂牌督办。"
    "对评查中发现的典型问题剖析原因，完善制度机制，防止改后又复发。"
)
# (key, label on the page, default text)
SECTIONS = (
    ("opening", _("导语（标题下的开篇段落）"), ""),
    ("basic", _("一、基本情况（补充说明）"), ""),
    ("tracks", _("二、各项工作开展情况（补充说明）"), ""),
    ("evaluation", _("三、案件评查情况（补充说明）"), ""),
    ("problems", _("四、发现的问题及整改情况（补充说明）"), ""),
    ("cases", _("五、典型案例（评析）"), ""),
    ("next_steps", _("六、下一步工作"), DEFAULT_NEXT_STEPS),
)
KEYS = tuple(key for key, _label, _default in SECTIONS)
LONGEST = 5000


def defaults() -> dict[str, str]:
    return {key: default for key, _label, default in SECTIONS}


def label(key: str) -> str:
    return str(next(text for k, text, _default in SECTIONS if k == key))


def narrative_texts(campaign) -> dict[str, str]:
    """The latest saved version's texts, the defaults where none was saved."""
    latest = campaign.narratives.order_by("-number").first()
    return defaults() | (latest.texts if latest else {})


def lines(text: str) -> list[str]:
    """A section's paragraphs: one a line, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]
