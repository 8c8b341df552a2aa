"""R6-05 查扣冻结企业生产设备、账户: a seized 企业基本户 or production equipment, marked in the
property file's 涉企财物 column, is flagged for review; other property is not."""

import pytest

from guifan.cases.models import SeizedProperty
from guifan.checks.tests.test_imported import findings_after_import

pytestmark = pytest.mark.django_db

CASES = """部门受案号,案件名称,案件类别,单位编码,受理日期,案件状态
甲检反贪受〔2015〕1号,某公司行贿案,职务犯罪立案侦查,{a},2015-09-26,在办
"""
PROPERTIES = """部门受案号,序号,财物名称,扣押时间,移交保管时间,清单持有人签名,涉企财物
甲检反贪受〔2015〕1号,1,某公司基本存款账户（冻结）,2015-10-01 10:00,2015-10-02 10:00,是,企业基本户
甲检反贪受〔2015〕1号,2,数控机床两台（查封）,2015-10-01 10:00,2015-10-02 10:00,是,生产设备
甲检反贪受〔2015〕1号,3,现金人民币五万元,2015-10-01 10:00,2015-10-02 10:00,是,
"""


def test_seized_enterprise_accounts_and_equipment_are_flagged(cast, tmp_path, capsys):
    files = [("cases", CASES), ("properties", PROPERTIES)]
    rows = findings_after_import(cast, tmp_path, capsys, files, ["R6-05"])
    assert SeizedProperty.objects.filter(enterprise_asset="equipment").count() == 1
    assert [(r["rule"], r["status"], r["facts"]["seq"]) for r in rows] == [
        ("R6-05", "pending", 1),
        ("R6-05", "pending", 2),
    ]
