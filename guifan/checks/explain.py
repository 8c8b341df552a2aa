"""A finding's facts in one Chinese sentence (pure): which record, the legal deadline as
computed, and what actually happened."""

from __future__ import annotations

from guifan.checks.catalog import rule as catalog_rule

# The record a rule's 序号 refers to.
RECORDS = {
    "R1-01": "信访",
    "R2-01": "讯问",
    "R2-02": "讯问",
    "R2-03": "录像中断",
    "R2-04": "讯问",
    "R2-05": "讯问",
    "R2-06": "移送",
    "R2-09": "指定居所监视居住",
    "R2-10": "指定居所监视居住",
    "R2-11": "指定居所监视居住",
    "R2-13": "指定居所监视居住",
    "R3-05": "阅卷申请",
    "R3-08": "变更强制措施申请",
    "R3-12": "听取意见",
    "R4-01": "拘留/逮捕",
    "R4-02": "拘留/逮捕",
    "R4-03": "拘留",
    "R4-08": "退回补充侦查",
    "R4-11": "涉案财物",
    "R4-12": "涉案财物",
    "R4-13": "涉案财物",
    "R4-14": "涉案财物",
    "R6-04": "强制措施",
}
REASONS = {
    "third": "第三次及以后的退回补充侦查（以二次为限）",
    "missing": "不同意变更强制措施而未书面说明理由",
}


def explain(code: str, facts: dict) -> tuple[str, str, str]:
    """(sentence, deadline, actual) for the facts of one breach of rule ``code``."""
    parts = []
    if "seq" in facts:
        parts.append(f"第 {facts['seq']} 条{RECORDS.get(code, '')}记录")
    if "suspect" in facts:
        parts.append(f"第 {facts['suspect']} 名犯罪嫌疑人")
    if "interrogation" in facts:
        parts.append(f"（第 {facts['interrogation']} 次讯问）")
    head = "".join(parts) or "本案"
    sentence = [f"{head}：{catalog_rule(code).title}"]
    if facts.get("reason") in REASONS:
        sentence.append(REASONS[facts["reason"]])
    deadline = str(facts.get("deadline") or "")
    actual = str(facts.get("actual") or "")
    if "filing_date" in facts:
        filing = facts["filing_date"] or "尚未立案"
        sentence.append(f"立案日期 {filing}，实际 {actual}" if actual else f"立案日期 {filing}")
    elif deadline:
        custody = "，犯罪嫌疑人在押，期满日不顺延" if facts.get("detained") else ""
        done = f"实际 {actual}" if actual else "至检查日仍未办理"
        sentence.append(f"法定期限至 {deadline}{custody}，{done}")
    return "；".join(sentence) + "。", deadline, actual
