"""A finding's facts for people: the engine stores them under short English keys
(``{"seq": 3, "deadline": "2016-03-01", "detained": true}``); the finding page and the
Excel export show them with Chinese labels and values (pure)."""

from __future__ import annotations

from guifan.checks.explain import REASONS

LABELS = {
    "seq": "记录序号",
    "suspect": "犯罪嫌疑人序号",
    "interrogation": "讯问序号",
    "deadline": "法定期限",
    "actual": "实际",
    "detained": "犯罪嫌疑人在押",
    "reason": "问题情形",
    "filing_date": "立案日期",
    "sign_date": "落款日期",
    "generated": "系统生成日期",
    "period_end": "期限届满日",
    "flagged_on": "过问登记日期",
    "closed": "作出决定日期",
    "detention_centre": "羁押场所",
    "hours": "小时数",
    "days": "天数",
    "contact": "接触时间",
    "applied": "向法院申请再审日期",
    "court_deadline": "法院审查期限届满日",
    "ruled": "法院裁定日期",
    # R5-05 (checks.statreports): one figure of a unit's 统计报表.
    "unit": "单位",
    "period": "统计期间",
    "indicator": "指标",
    "reported": "上报值",
    "system": "系统统计值",
    # The cross-case flags (checks.crosscase): the group compared.
    "count": "同组件数",
    "window_days": "比对期间（日）",
    "since": "期间起",
    "until": "期间止",
    "group": "同组其他案件",
    "topics": "投诉事项",
    "person": "犯罪嫌疑人",
    "id_no": "身份证号",
    "cause": "案由",
    "closed_on": "前案结案日期",
    "accepted_on": "本案受理日期",
    "lawyer": "律师",
    "favourable": "有利于犯罪嫌疑人的结论件数",
    # R8-02: the pair's rate against the unit's mean; R8-03: the handler against the class.
    "closed_count": "已结件数",
    "rate": "有利结论（不诉、不捕）比例（%）",
    "unit_rate": "本院有利结论率均值（%）",
    "unit_cases": "本院比较基数（件）",
    "sigma": "标准差（百分点）",
    "limit": "比较界限：均值加标准差倍数（%）",
    "category": "案件类别",
    "handler_cases": "承办人办结件数",
    "lenient": "不诉（不捕）件数",
    "class_median": "类案承办人比例中位数（%）",
    "class_rate": "类案总体比例（%）",
    "class_cases": "类案件数",
    "class_handlers": "参与比较的承办人数",
    # R7-02 quarters without a registration; R7-03 who queried the case.
    "quarters": "零登记季度",
    "loads": "各季度受理件数",
    "thresholds": "各季度本院前列界限（件）",
    "registrations": "过问干预登记件数",
    "staff_no": "查询人工号",
    "staff_name": "查询人",
    "note": "比对情况",
    "defender": "辩护人",
    "engaged_on": "委托日期",
    "left_on": "离任日期",
    "card": "案卡",
    "document": "文书载明",
}


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "—"
    if key == "reason":
        return REASONS.get(value, str(value))
    if isinstance(value, str) and len(value) > 10 and value[10:11] == "T":
        return value[:16].replace("T", " ")  # a moment: to the minute
    return str(value)


def labelled(facts: dict) -> list[tuple[str, str]]:
    """(label, value) in the order the engine gave them; a key without a label yet is shown
    as it is rather than hidden."""
    return [(LABELS.get(key, key), _value(key, value)) for key, value in (facts or {}).items()]


def as_text(facts: dict) -> str:
    """One line for a spreadsheet cell: 记录序号：3；法定期限：2016-03-01."""
    return "；".join(f"{label}：{value}" for label, value in labelled(facts))
