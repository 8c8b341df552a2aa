from datetime import date, datetime

import pytest

from guifan.cases.importing import values as v


@pytest.mark.parametrize(
    "raw",
    [
        "2015-03-14",
        "2015/3/14",
        "2015.3.14",
        "2015年3月14日",
        " 2015 年 3 月 14 日 ",
        "20150314",
        "42077",
        42077,
        42077.0,
        "2015-03-14 09:30:00",
        datetime(2015, 3, 14, 9, 30),
        date(2015, 3, 14),
    ],
)
def test_dates_as_people_type_them(raw):
    assert v.parse_date(raw) == date(2015, 3, 14)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("2015-03-03 09:00", datetime(2015, 3, 3, 9, 0)),
        ("2015/3/3 9:00:00", datetime(2015, 3, 3, 9, 0)),
        ("2015年3月3日9时30分", datetime(2015, 3, 3, 9, 30)),
        ("2015-03-03T21:00", datetime(2015, 3, 3, 21, 0)),
        ("42077.375", datetime(2015, 3, 14, 9, 0)),
        ("2015-03-03", datetime(2015, 3, 3, 0, 0)),
    ],
)
def test_datetimes(raw, expected):
    assert v.parse_datetime(raw) == expected


@pytest.mark.parametrize(
    "raw,message",
    [
        ("2015-02-30", "不存在"),
        ("2015", "无法识别的日期"),
        ("三月十四", "无法识别的日期"),
        ("2015-13-01", "不存在"),
    ],
)
def test_bad_dates_say_why(raw, message):
    with pytest.raises(ValueError, match=message):
        v.parse_date(raw)


def test_blank_dates_are_none():
    assert v.parse_date("") is None
    assert v.parse_date(None) is None


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("0", False),
        ("√", True),
        ("", False),
        (True, True),
    ],
)
def test_booleans(raw, expected):
    assert v.parse_bool(raw) is expected


def test_bad_boolean():
    with pytest.raises(ValueError, match="不是“是/否”"):
        v.parse_bool("也许")


def test_staff_lists_are_normalised():
    assert v.parse_staff_list("9801020010、9801020011; 9801020012") == (
        "9801020010,9801020011,9801020012"
    )


def test_choice_names_only_labels():
    parse = v.choice_parser(
        {"已结案": "closed", "closed": "closed", "结案": "closed"}, "状态", ["已结案"]
    )
    assert parse("结案") == "closed"
    with pytest.raises(ValueError, match=r"可填：已结案$"):
        parse("不知道")


def test_the_import_format_document_matches_the_specs():
    from pathlib import Path

    from guifan.cases.importing.docs import render

    document = Path(__file__).resolve().parents[3] / "docs" / "import-format.md"
    assert document.read_text(encoding="utf-8") == render(), (
        "run: python -m guifan.cases.importing.docs > docs/import-format.md"
    )
