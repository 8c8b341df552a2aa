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

# What each dimension looks at, as the 登记表 and the knowledge base explain it.
DIMENSION_NOTES = {
    "证据采信": "证据的收集、审查判断和采信是否合法、全面，非法证据是否依法排除，"
    "证据是否确实、充分",
    "事实认定": "认定的案件事实是否清楚，每一项事实是否都有证据证明，有无遗漏或错认",
    "法律适用": "罪名认定、法律条文引用、量刑建议和处理决定是否准确",
    "办案程序": "立案、强制措施、讯问、期限、告知、听取意见、审批等程序是否合法规范",
    "法律文书": "法律文书是否齐全，制作是否规范、及时，内容与事实和决定是否一致",
    "释法说理": "对当事人、律师和群众的释法说理是否充分，不捕、不诉等决定是否说明理由",
    "办案效果": "办案的政治效果、法律效果和社会效果，有无引发信访或舆情",
    "司法责任落实": "司法责任制是否落实，审核、审批、签发是否符合权限，过问案件是否如实记录",
    "统一业务系统规范使用": "是否在统一业务应用系统中规范填录案卡、流转案件、制作文书",
    "司法作风与办案纪律": "对待当事人、律师和来访群众的态度，是否遵守办案纪律和“三个规定”，"
    "有无特权思想、霸道作风",
    "涉案财物处置": "查封、扣押、冻结是否有法律手续和清单，是否按期移交保管，"
    "与案件无关的是否及时解除退还，处理是否经批准",
}

# The grades and when a case earns each (RULES-AND-PROCESS.md §1.5); 瑕疵 is the 2018 name of
# what the 2026 scheme calls 基本合格.
GRADE_DEFINITIONS = {
    "优质": "事实清楚，证据确实充分，定性准确，程序合法规范，文书规范，释法说理充分，办案效果好，"
    "并在某一方面有示范或创新价值的案件，可以表彰奖励",
    "合格": "实体和程序都符合法律规定，没有影响案件质量的问题，或者只有极个别轻微问题的案件",
    "瑕疵": "在事实认定、证据采信、法律适用、办案程序、文书制作或者司法作风等方面存在不符合规定的"
    "情形（司法瑕疵），但不影响案件结论的正确性和效力的案件（2018 年标准）",
    "基本合格": "2026 年标准中取代“瑕疵案件”的等次：存在司法瑕疵，但不影响案件结论的正确性和效力",
    "不合格": "认定事实或者适用法律有重大错误、案件被错误处理、严重违反法定程序、遗漏重要犯罪嫌疑人"
    "或者重大罪行、错误羁押或者超期羁押、造成严重后果的案件，须依法纠正并移送追究司法责任",
}

# What each grade demands of the findings that stand (withdrawn ones do not count): the
# severities of which at least one must be found, and the worst severity it tolerates
# (RULES-AND-PROCESS.md §1.5). 瑕疵 and 基本合格 are the same grade in the two schemes.
SEVERITY_ORDER = ("minor", "flaw", "serious")
GRADE_RULES = {
    "excellent": {"needs": (), "worst": "minor", "needs_basis": "示范"},
    "pass": {"needs": (), "worst": "minor"},
    "flawed": {"needs": ("flaw",), "worst": "flaw"},
    "basic": {"needs": ("flaw",), "worst": "flaw"},
    "fail": {"needs": ("serious",), "worst": "serious"},
}

# The four look-back questions take one of these answers; anything but 是 needs a reason.
ANSWER_CHOICES = ("是", "部分", "否")
MIN_EXPLANATION = 6
