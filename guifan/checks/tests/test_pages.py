"""The findings list by category and handler (filters, counts, export) and a finding's facts
with Chinese labels on its page and in the export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guifan.checks.facts import as_text, labelled
from guifan.checks.tests.test_views import findings  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def listed(client, **query) -> set[str]:
    html = client.get(reverse("checks:findings"), query).content.decode()
    table = html.split('data-testid="by-rule"')[0]
    return {code for code in ("R4-05", "R1-01") if f'data-rule="{code}"' in table}


def table(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</table>")[0]


def test_findings_by_category_and_by_handler(cast, login, findings):  # noqa: F811
    late, _reply = findings
    late.case.handler = cast.handler.person
    late.case.save()
    client = login(cast.office)
    assert listed(client, category=4) == {"R4-05"}  # 违法采取强制措施…
    assert listed(client, category=1) == {"R1-01"}  # 司法作风简单粗暴
    assert listed(client, handler="handler姓名") == {"R4-05"}
    assert listed(client, handler=cast.handler.person.staff_no) == {"R4-05"}
    assert listed(client, handler=cast.handler.person.staff_no, category=1) == set()
    html = client.get(reverse("checks:findings")).content.decode()
    by_category = table(html, "by-category")
    assert 'data-key="1"' in by_category and 'data-key="4"' in by_category
    by_handler = table(html, "by-handler")
    row = by_handler.split(f'data-key="{cast.handler.person.staff_no}"')[1].split("</tr>")[0]
    assert "handler姓名" in row and "甲区" in row and "<td>1</td>" in row
    by_unit = table(html, "by-unit")
    assert (
        f'data-key="{cast.unit_a.code}"' in by_unit and f'data-key="{cast.unit_b.code}"' in by_unit
    )
    # The counts follow the list's filters; the liaison counts only what they see.
    filtered = client.get(reverse("checks:findings"), {"category": 4}).content.decode()
    assert 'data-key="1"' not in table(filtered, "by-category")
    api = [r["rule"] for r in client.get("/api/checks/findings", {"category": 4}).json()]
    assert api == ["R4-05"]
    handler = cast.handler.person.staff_no
    assert len(client.get("/api/checks/findings", {"handler": handler}).json()) == 1
    assert client.get("/api/checks/findings", {"category": 9}).status_code == 422
    mine = login(cast.liaison_b).get(reverse("checks:findings")).content.decode()
    assert f'data-key="{cast.unit_a.code}"' not in table(mine, "by-unit")


def test_the_facts_read_in_chinese_on_the_page_and_in_the_export(cast, login, findings):  # noqa: F811
    late, _reply = findings
    assert late.facts["detained"] is True  # stored under the engine's keys
    html = login(cast.office).get(reverse("checks:finding", args=[late.pk])).content.decode()
    facts = html.split("据以判断的事实")[1].split("</details>")[0]
    assert "<dt>犯罪嫌疑人在押</dt><dd>是</dd>" in facts
    assert f"<dt>法定期限</dt><dd>{late.facts['deadline']}</dd>" in facts
    assert "detained" not in facts and "deadline" not in facts
    response = login(cast.office).get(reverse("checks:export"), {"category": 4})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and "据以判断的事实" in r)
    data = next(r for r in rows if r and late.case.case_no in r)
    cell = data[header.index("据以判断的事实")]
    assert "犯罪嫌疑人在押：是" in cell and f"法定期限：{late.facts['deadline']}" in cell
    assert not any(r and "R1-01" in r for r in rows)  # the filter holds in the export


def test_fact_values_and_unknown_keys():
    assert labelled({"reason": "third", "seq": 3, "new_key": None}) == [
        ("问题情形", "第三次及以后的退回补充侦查（以二次为限）"),
        ("记录序号", "3"),
        ("new_key", "—"),
    ]
    assert as_text({"actual": "2016-03-01T10:05:00+08:00"}) == "实际：2016-03-01 10:05"
