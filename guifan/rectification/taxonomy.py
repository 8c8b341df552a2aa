"""The problem taxonomy below the eight categories (问题细目), as versioned data, and how two
problem texts are compared when one of them carries no code.

The codes follow the 2015 专项整治 lists that split the eight 方面 into concrete problems
(RULES-AND-PROCESS.md §0: 30 具体问题 / 200 项问题清单). Each entry names the words that
identify it in a free-text description, so that a problem written down without a code still
gets one; a ledger row that carries its own code keeps it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

VERSION = "2015-专项整治-v1"


@dataclass(frozen=True)
class Code:
    code: str
    category: int  # 1..8, the 八个方面 in the order of the campaign template
    name: str
    keywords: tuple[str, ...]


TAXONOMY: tuple[Code, ...] = (
    Code("1-01", 1, "接待群众态度生硬、推诿", ("态度生硬", "推诿", "门难进", "脸难看")),
    Code("1-02", 1, "讯问询问方式粗暴", ("言语生硬", "训斥", "粗暴")),
    Code("1-03", 1, "接待群众不耐烦、不答复", ("不耐烦", "不予答复", "冷硬横推")),
    Code("2-01", 2, "讯问未全程同步录音录像", ("同步录音录像", "同步录像", "录像开始晚于")),
    Code("2-02", 2, "滥用指定居所监视居住", ("指定居所监视居住", "指居")),
    Code("2-03", 2, "线索初查审批不规范", ("初查", "线索受理")),
    Code("2-04", 2, "权利义务告知不及时", ("告知犯罪嫌疑人", "权利义务告知", "委托辩护人")),
    Code("2-05", 2, "未成年人案件程序不规范", ("未成年",)),
    Code("2-06", 2, "流程监控与羁押必要性审查流于形式", ("流程监控", "羁押必要性")),
    Code("2-07", 2, "法律文书送达、卷宗归档不及时", ("送达", "归档", "装订")),
    Code("3-01", 3, "阻碍律师阅卷会见", ("阅卷", "会见", "律师申请")),
    Code("3-02", 3, "不依法听取意见", ("听取意见", "听取辩护人", "听取被害人")),
    Code("3-03", 3, "未保障申请回避等诉讼权利", ("回避",)),
    Code("4-01", 4, "违法查封扣押冻结处理涉案财物", ("扣押", "冻结", "涉案财物", "款物")),
    Code("4-02", 4, "违法采取强制措施、超期羁押", ("强制措施", "超期羁押", "拘留")),
    Code("4-03", 4, "违法取证", ("非法取证", "刑讯", "违法取证")),
    Code("4-04", 4, "取保候审执行不规范", ("取保候审", "保证金")),
    Code("5-01", 5, "为完成考评指标弄虚作假", ("考评", "指标", "集中审结", "重新受理", "雷同")),
    Code("5-02", 5, "虚报瞒报统计数据", ("统计数据", "虚报", "瞒报")),
    Code("6-01", 6, "越权办案、插手经济纠纷", ("插手", "经济纠纷", "越权", "推荐评估机构")),
    Code("6-02", 6, "违规跨区域办案", ("跨区域", "管辖")),
    Code("7-01", 7, "过问干预案件未登记", ("过问", "干预")),
    Code("7-02", 7, "私下接触当事人及律师", ("私下接触", "泄露案情")),
    Code("7-03", 7, "接受请托说情", ("请托", "说情")),
    Code("8-01", 8, "接受吃请宴请", ("宴请", "吃请")),
    Code("8-02", 8, "收受贿赂、办关系案人情案", ("受贿", "关系案", "人情案", "金钱案")),
    Code("8-03", 8, "违规收取费用", ("收取费用", "违规收费", "赞助")),
)
BY_CODE = {c.code: c for c in TAXONOMY}


def classify(text: str) -> str:
    """The code whose words the text uses most (ties: the first listed), or ""."""
    best, hits = "", 0
    for entry in TAXONOMY:
        found = sum(1 for word in entry.keywords if word in text)
        if found > hits:
            best, hits = entry.code, found
    return best


# Case numbers, dates and counts differ between two descriptions of the same problem: drop
# Latin letters, digits and numerals (三日 / 3日), brackets, punctuation and spaces.
_NOISE = re.compile(r"[a-z0-9_〇零一二两三四五六七八九十百]|[^\w]")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return _NOISE.sub("", folded)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two normalised texts' character pairs (0 … 1)."""
    pairs_a, pairs_b = _pairs(normalise(a)), _pairs(normalise(b))
    if not pairs_a or not pairs_b:
        return 0.0
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b))


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def same_problem(code_a: str, text_a: str, code_b: str, text_b: str, threshold: float) -> bool:
    """Two problems are the same when both carry a code and the codes agree; when either has
    none, when their descriptions say nearly the same thing."""
    if code_a and code_b:
        return code_a == code_b
    return similarity(text_a, text_b) >= threshold
