"""R5-01 案卡与文书不一致: what a legal document states (受理日期, 结案日期, 罪名, 结论) against the
case card (流程监控: 文书、案卡). Only documents whose export carries the stated values are
compared, value by value; a value the document leaves blank is not compared. Names are
compared as written, ignoring full-width forms and spaces."""

from __future__ import annotations

import unicodedata

from guifan.checks.reference.base import Case, Finding, rule

# (document column, case column, what the finding calls it)
COMPARED = (
    ("stated_accept_date", "accept_date", "受理日期"),
    ("stated_close_date", "close_date", "结案日期"),
    ("stated_cause", "cause", "罪名"),
    ("stated_conclusion", "close_type", "结论"),
)


def _same(stated, card) -> bool:
    if isinstance(stated, str):
        fold = unicodedata.normalize("NFKC", stated).replace(" ", "")
        return fold == unicodedata.normalize("NFKC", card or "").replace(" ", "")
    return stated == card


@rule("R5-01", "documents")
def card_and_document(case: Case) -> list[Finding]:
    found = []
    for d in case.of("documents"):
        for column, field, what in COMPARED:
            stated = d.get(column)
            if stated in (None, "") or _same(stated, case[field]):
                continue
            found.append({"seq": d["seq"], "reason": f"{what}不一致", "card": case[field],
                          "document": stated})  # fmt: skip
    return found
