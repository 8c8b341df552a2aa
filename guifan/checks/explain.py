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
    "R6-05": "涉案财物",
    "R6-04": "强制措施",
    "R1-02": "信访",
    "R1-03": "拘传",
    "R1-04": "讯问",
    "R2-07": "指定居所监视居住",
    "R2-08": "指定居所监视居住",
    "R2-12": "监视居住",
    "R3-04": "法律援助申请",
    "R3-06": "会见许可申请",
    "R3-07": "会见许可申请",
    "R3-09": "向被害方取证许可申请",
    "R3-10": "调取/收集证据申请",
    "R3-11": "听取意见申请",
    "R3-14": "申诉控告",
    "R4-04": "拘留",
    "R4-06": "逮捕",
    "R4-09": "取保候审",
    "R4-10": "强制措施",
    "R4-15": "涉案财物",
    "R5-02": "法律文书",
    "R5-07": "退回补充侦查",
    "R8-04": "涉案财物",
    "R5-06": "判决",
    "R6-02": "线索",
    "R7-06": "接待",
}
REASONS = {
    "third": "第三次及以后的退回补充侦查（以二次为限）",
    "missing": "不同意变更强制措施而未书面说明理由",
    "unreasoned": "不同意或不许可而未书面说明理由",
    "report": "拘留后未在 7 日内报请上一级院审查逮捕",
    "decision": "上一级院未在报请后 7 日内（延长 1 至 3 日）作出决定",
    "night": "讯问超过 4 小时且跨越 22 时至次日 6 时（人工复核）",
    "day": "24 小时内累计讯问超过 12 小时（人工复核）",
    "backdated": "系统生成时间晚于落款日期 3 日以上（人工复核）",
    "eve": "审查起诉期限届满前 2 日内退回补充侦查（人工复核补充侦查提纲）",
    "enterprise_basic_account": "冻结企业基本户，须核实是否影响企业正常经营（人工复核）",
    "enterprise_equipment": "查封、扣押企业生产设备，须核实是否影响企业正常经营（人工复核）",
    "favour": "过问干预登记后 30 日内作出有利于犯罪嫌疑人的决定（人工复核）",
    "centre": "收到线索后未在 7 日内移送举报中心",
    "record": "要案线索未在受理后 7 日内备案",
    "time": "在非工作时间接触，未按时向纪检监察部门报告",
    "place": "在工作场所以外接触，未按时向纪检监察部门报告",
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
    if "note" in facts:  # a cross-case flag: the group, in words
        sentence.append(f"{facts['note']}（人工复核）")
    deadline = str(facts.get("deadline") or "")
    actual = str(facts.get("actual") or "")
    if "indicator" in facts:  # R5-05: a unit's figure, recorded on one of its cases
        sentence[0] = f"{facts['unit']}{facts['period']}统计报表：{catalog_rule(code).title}"
        sentence.append(
            f"“{facts['indicator']}”上报 {facts['reported']}，按案件数据统计为 {facts['system']}"
        )
        actual = f"上报{facts['reported']}，系统{facts['system']}"[:20]  # the column's width
    elif "court_deadline" in facts:  # R6-07: the court's review had not run out
        deadline = str(facts["court_deadline"])
        sentence.append(
            f"当事人 {facts['applied']} 向法院申请再审，法院审查期限至 {deadline}，"
            f"本院 {actual} 受理时法院尚未作出裁定"
        )
    elif "filing_date" in facts:
        filing = facts["filing_date"] or "尚未立案"
        sentence.append(f"立案日期 {filing}，实际 {actual}" if actual else f"立案日期 {filing}")
    elif deadline:
        custody = "，犯罪嫌疑人在押，期满日不顺延" if facts.get("detained") else ""
        done = f"实际 {actual}" if actual else "至检查日仍未办理"
        sentence.append(f"法定期限至 {deadline}{custody}，{done}")
    return "；".join(sentence) + "。", deadline, actual
