"""The 总结报告 and the 通报: 公文 page, sections, tables equal to the page's, charts."""

import io
import json

import pytest
from docx import Document
from pypdf import PdfReader

from guifan.cli import main
from guifan.evaluation.export import pdf_available, to_pdf
from guifan.reports import charts, writer
from guifan.reports.documents import bulletin_docx, summary_docx
from guifan.reports.selectors import rectification_by_unit


def _open(data: bytes):
    return Document(io.BytesIO(data))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_summary_has_the_sections_on_a_gongwen_page(cast, world):
    document = _open(summary_docx(campaign=world, user=cast.office, next_steps="一\n二"))
    section = document.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]  # GB/T 9704
    texts = _texts(document)
    assert texts[0] == "2016年规范司法行为专项整治“回头看”总结报告"
    headings = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert headings == ["一、基本情况", "二、各项工作开展情况", "三、案件评查情况",
                        "四、发现的问题及整改情况", "五、典型案例", "六、下一步工作"]  # fmt: skip
    assert any("共有 3 个单位参加" in t and "已报送 2 项" in t and "超期 11 项" in t for t in texts)
    assert any("已出评查结果的案件 3 件" in t and "优良率 66.7%" in t for t in texts)
    assert "复查案件 1 件，改变原评查等次 1 件，改判率 100.0%。" in texts
    # 乙县's item found on 4/10 does not exist yet on 4/5.
    gate = "“三个不放过”核对：尚有未办结的群众反映 0 件，未销号的整改问题 2 项，"
    assert gate + "未处置的复发问题 0 项。" in texts
    assert texts[-2:] == ["一", "二"]


def test_the_reports_tables_hold_the_figures_of_the_page(cast, world):
    document = _open(summary_docx(campaign=world, user=cast.office))
    page = rectification_by_unit(campaign=world, user=cast.office)
    expected = [page.columns] + [
        [f"{v:.1f}" if isinstance(v, float) else str(v) for v in row] for row in page.rows
    ]
    assert expected in [_table_rows(t) for t in document.tables]


@pytest.mark.skipif(charts.cjk_font() is None, reason="no CJK font installed")
def test_the_summary_carries_charts_drawn_on_the_server(cast, world):
    document = _open(summary_docx(campaign=world, user=cast.office))
    assert len(document.inline_shapes) >= 3
    assert not any("未附统计图" in t for t in _texts(document))


def test_without_a_cjk_font_the_charts_are_left_out_and_it_says_so(cast, world, monkeypatch):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    monkeypatch.setattr(writer, "cjk_font", lambda: None)
    document = _open(summary_docx(campaign=world, user=cast.office))
    assert len(document.inline_shapes) == 0
    assert "（服务器未安装中文字体，本报告未附统计图，数据见各表。）" in _texts(document)


def test_the_bulletin_ranks_the_units(cast, world):
    document = _open(bulletin_docx(campaign=world, user=cast.office))
    texts = _texts(document)
    assert texts[0] == "关于2016年规范司法行为专项整治“回头看”进展情况的通报"
    assert any("综合得分最高的是甲区（65.0 分）" in t for t in texts)
    ranking = next(t for t in document.tables if _table_rows(t)[0][-1] == "名次")
    assert [row[0] for row in _table_rows(ranking)[1:]] == ["甲区", "乙县", "测市"]


def test_the_cli_writes_the_report_with_the_offices_figures(cast, world, tmp_path, capsys):
    out = tmp_path / "总结报告.docx"
    assert main(["campaign", "report", str(world.pk), str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {"campaign": world.pk, "kind": "总结报告", "files": [str(out)],
                      "user": "office"}  # fmt: skip
    assert "一、基本情况" in _texts(_open(out.read_bytes()))


def test_the_cli_uses_the_offices_latest_narrative(cast, world, tmp_path, capsys):
    from guifan.reports.services import narrative_save

    narrative_save(campaign=world, texts={"opening": "第一稿。"}, by=cast.office)
    narrative_save(campaign=world, texts={"opening": "第二稿。"}, by=cast.office)
    out = tmp_path / "总结报告.docx"
    assert main(["campaign", "report", str(world.pk), str(out)]) == 0
    texts = _texts(_open(out.read_bytes()))
    assert texts[2] == "第二稿。" and "第一稿。" not in texts


def test_the_cli_refuses_an_unknown_campaign(db, tmp_path, capsys):
    assert main(["campaign", "report", "999", str(tmp_path / "x.docx")]) != 0
    assert "没有编号为 999 的活动" in capsys.readouterr().err


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice is not installed here")
def test_the_summary_opens_in_libreoffice(cast, world):
    pdf = PdfReader(io.BytesIO(to_pdf(summary_docx(campaign=world, user=cast.office))))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 2
    assert "一、基本情况" in text and "各单位整改情况" in text
    assert sum(len(page.images) for page in pdf.pages) >= 3  # the charts survive LibreOffice


def test_the_summary_tells_the_lookback_answers_findings_and_typical_cases(cast, checked):
    texts = _texts(_open(summary_docx(campaign=checked, user=cast.office)))
    lookback = next(t for t in texts if t.startswith("评查人员对已出结果的案件逐案回答回头看问题"))
    assert "共答复 6 项" in lookback
    assert "“规范意识是否提高”答“是”2 份、“部分”1 份、“否”1 份" in lookback
    checks = "智能辅助检查在参加单位的案件中发现疑点 5 个，经核实确认 2 个、排除 1 个，"
    assert checks + "尚待核实 1 个。" in texts
    typical = texts[texts.index("五、典型案例") + 1 : texts.index("六、下一步工作")]
    assert len(typical) == 3  # 乙县's 瑕疵 case and the two confirmed R1-03 findings
    assert typical[0].startswith("（1）乙县") and "评为瑕疵案件" in typical[0]
    assert all(t.startswith(f"（{i}）甲区") for i, t in enumerate(typical[1:], 2))
    assert all("智能检查确认“传唤/拘传超时”" in t for t in typical[1:])


def test_the_offices_narrative_follows_each_sections_figures(cast, world):
    narrative = {"opening": "开篇一段。", "evaluation": "评查补充一。\n\n评查补充二。",
                 "next_steps": "下一步只做一件事。"}  # fmt: skip
    texts = _texts(_open(summary_docx(campaign=world, user=cast.office, narrative=narrative)))
    assert texts[2] == "开篇一段。"
    start, end = texts.index("三、案件评查情况"), texts.index("四、发现的问题及整改情况")
    assert texts[start:end][-2:] == ["评查补充一。", "评查补充二。"]
    assert texts[-1] == "下一步只做一件事。"
