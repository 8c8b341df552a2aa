"""The 登记表 rubric's defaults, as data (RULES-AND-PROCESS.md §1.5–1.7)."""

DIMENSIONS = (
    "证据采信",
    "事实认定",
    "法律适用",
    "办案程序",
    "法律文书",
    "释法说理",
    "办案效果",
    "司法责任落实",
    "统一业务系统规范使用",
    # The subject of a 规范司法 campaign, and what its eight problems most often concern.
    "司法作风与办案纪律",
    "涉案财物处置",
)

# The seed's four look-back questions, answered for every re-check case.
QUESTIONS = ("规范意识是否提高", "案件整改是否到位", "制度执行是否有力", "程序漏洞是否扎紧")
