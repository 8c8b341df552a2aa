"""The rule catalog (智能辅助评查规则库): the 77 rules of RULES-AND-PROCESS.md §3 as data.

``rules.tsv`` holds one line per rule: its code, one of the eight problem categories of the
专项整治, type A (decided automatically) or H (flagged for a person), severity, title, the
legal basis as written in the research notes, the articles to quote and, for a rule not
checked case by case, what is missing (the import field or record it would need). An article is
``law:number:number_2012``; a 2012 刑事诉讼法 article the corpus does not hold is quoted from
the 2018 article of the same wording (its number first), and the finding says so. Only the
article *numbers* are ours: the text is read from the knowledge base, which loads it from
``GUIFAN_LAWS_DIR``.

A rule is *implemented* when the per-case reference (``checks/reference``) decides it, a
cross-case pass (``checks/crosscase``) flags it or a unit-level comparison
(``checks/statreports``) decides it; a run runs exactly those. The others are
listed as 数据未具备 (A) or 人工复核 (H).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from guifan.campaigns.templates import PROBLEM_CATEGORIES
from guifan.checks.reference import RULES as REFERENCE

KINDS = {"A": _("自动判定"), "H": _("人工复核")}


@dataclass(frozen=True)
class Article:
    law: str  # a name the knowledge base resolves (刑事诉讼法, 高检规则2012 …)
    number: int | None  # the article quoted
    number_2012: int | None = None  # the 2012 刑事诉讼法 article the rule cites

    @property
    def label(self) -> str:
        if self.number_2012:
            later = f"（2018 年修正后第{self.number}条）" if self.number else ""
            return f"刑事诉讼法（2012）第{self.number_2012}条{later}"
        return f"{self.law}第{self.number}条"

    @property
    def restated(self) -> bool:
        """Quoted from the 2018 text because the corpus holds no 2012 text."""
        return bool(self.number_2012 and self.number)


@dataclass(frozen=True)
class Rule:
    code: str
    category: int  # 1 … 8
    kind: str  # "A" or "H"
    severity: str
    title: str
    basis: str
    articles: tuple[Article, ...]
    missing: str = ""  # why it is not checked case by case (the data that is not there)

    @property
    def category_label(self) -> str:
        return PROBLEM_CATEGORIES[self.category - 1]

    @property
    def implemented(self) -> bool:
        from guifan.checks.crosscase import CROSS
        from guifan.checks.statreports import UNIT_LEVEL

        return self.code in REFERENCE or self.code in CROSS or self.code in UNIT_LEVEL

    @property
    def cross_case(self) -> bool:
        """Decided by comparing cases or people (``checks.crosscase``), not case by case."""
        from guifan.checks.crosscase import CROSS

        return self.code in CROSS

    @property
    def status_label(self) -> str:
        if self.cross_case and self.kind == "A":
            return str(_("已实现，跨案件、跨名册比对，自动判定"))
        if self.cross_case:  # ``missing`` here says what the comparison leaves to the person
            label = str(_("已实现，跨案件比对标记疑点，交人工复核（不自动判定）"))
            return f"{label}：{self.missing}" if self.missing else label
        if self.implemented and self.code not in REFERENCE and self.kind == "A":
            return str(_("已实现，按单位和月份自动比对"))
        if self.implemented and self.kind == "H":
            return str(_("已实现，逐案标记疑点，交人工复核（不自动判定）"))
        if self.implemented:
            return str(_("已实现，逐案自动检查"))
        if self.kind == "H":
            label = str(_("人工复核（只能标记，不自动判定）"))
        else:
            label = str(_("可自动判定，所需数据尚未导入"))
        return f"{label}：{self.missing}" if self.missing else label


def _article(text: str) -> Article:
    law, number, old = text.split(":")
    return Article(law, int(number) if number else None, int(old) if old else None)


@cache
def catalog() -> dict[str, Rule]:
    path = Path(__file__).with_name("rules.tsv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {
        row["code"]: Rule(
            code=row["code"],
            category=int(row["category"]),
            kind=row["type"],
            severity=row["severity"],
            title=row["title"],
            basis=row["basis"],
            articles=tuple(_article(a) for a in row["articles"].split(";") if a),
            missing=row["missing"],
        )
        for row in rows
    }


def rule(code: str) -> Rule:
    return catalog()[code]


def implemented_codes() -> list[str]:
    return [code for code, r in catalog().items() if r.implemented]
