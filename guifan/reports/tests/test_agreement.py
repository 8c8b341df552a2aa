"""One campaign, three outputs: every table of the 总结报告 (.docx) holds the cells of the
领导驾驶舱 page's table of the same title and of the .xlsx sheet, and the report's sentences
quote the same totals."""

import io

import openpyxl
from django.urls import reverse
from docx import Document
from lxml import html

from guifan.reports.trends import campaign_statistics


def _same(value) -> str:
    """A cell as text, whichever output it came from (50, 50.0 and "50.0" are one figure)."""
    if isinstance(value, int | float):
        return f"{float(value):.1f}"
    try:
        return f"{float(value):.1f}"
    except ValueError:
        return str(value).strip()


def _page_tables(content: bytes) -> dict[str, list[list[str]]]:
    tree = html.fromstring(content)
    tables = {}
    for section in tree.xpath("//section[starts-with(@data-testid, 'stat-')]"):
        title = section.xpath(".//h2")[0].text_content().strip()
        rows = section.xpath(".//table//tr")
        tables[title] = [[_same(c.text_content()) for c in row.xpath("./th|./td")] for row in rows]
    return tables


def _xlsx_tables(content: bytes, titles) -> dict[str, list[list[str]]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    tables = {}
    for title in titles:
        rows = book[title[:31]].iter_rows(min_row=3, values_only=True)
        kept = [row for row in rows if row[0] is not None and not str(row[0]).startswith("注：")]
        tables[title] = [[_same(c) for c in row if c is not None] for row in kept]
    return tables


def _docx(cast, campaign) -> tuple[list[str], list[list[list[str]]]]:
    from guifan.reports.documents import summary_docx

    document = Document(io.BytesIO(summary_docx(campaign=campaign, user=cast.office)))
    tables = [[[_same(c.text) for c in row.cells] for row in t.rows] for t in document.tables]
    return [p.text for p in document.paragraphs], tables


def _sum(table: list[list[str]], column: str) -> int:
    index = table[0].index(column)
    return round(sum(float(row[index]) for row in table[1:]))


def test_the_report_the_page_and_the_export_show_the_same_figures(cast, checked, login):
    client = login(cast.office)
    page = _page_tables(client.get(reverse("reports:overview", args=[checked.pk])).content)
    export = client.get(reverse("reports:overview_export", args=[checked.pk])).content
    texts, docx_tables = _docx(cast, checked)
    titles: list[str] = [t.title for t in campaign_statistics(campaign=checked, user=cast.office)]
    xlsx = _xlsx_tables(export, titles)
    compared = 0
    for title in titles:
        in_docx = [t for t in docx_tables if t[0] == page[title][0]]
        if not in_docx:
            continue  # a table the report leaves out (the ranking belongs to the 通报)
        assert in_docx[0] == page[title] == xlsx[title], title
        compared += 1
    assert compared >= 10
    said = "\n".join(texts)
    assert f"已出评查结果的案件 {_sum(page['评查结果（按抽取理由）'], '合计')} 件" in said
    assert f"共答复 {_sum(page['回头看问题答复情况'], '合计')} 项" in said
    assert f"发现疑点 {_sum(page['智能检查发现（按规则）'], '合计')} 个" in said
    assert f"列入整改清单的问题 {_sum(page['各单位整改情况'], '合计')} 个" in said
    assert f"通过各种途径共发现问题 {_sum(page['各单位发现问题（按来源）'], '合计')} 个" in said
