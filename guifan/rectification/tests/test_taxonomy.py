"""Recurrence is the same problem, not the same category: pairs that must and must not match."""

import pytest

from guifan.rectification.taxonomy import TAXONOMY, classify, same_problem, similarity

SAME = [
    # Both coded: the code decides, whatever the wording or the category it was filed under.
    ("2-01", "讯问未全程同步录音录像", "2-01", "录像开始晚于讯问"),
    # One side uncoded: near-identical text, case numbers and punctuation aside.
    (
        "",
        "甲区检反贪[2015]12号案讯问未全程同步录音录像。",
        "2-01",
        "甲区检反贪[2015]3号案讯问未全程同步录音录像",
    ),
    ("", "扣押款物未在三日内移交案管部门保管", "", "扣押款物未在3日内移交案管部门保管！"),
]
DIFFERENT = [
    # The same category (执行办案规范和纪律不严), two unrelated problems.
    ("2-01", "讯问未全程同步录音录像", "2-02", "指定居所监视居住未审查必要性"),
    ("", "律师阅卷申请未在三个工作日内安排", "", "审查起诉阶段未告知犯罪嫌疑人有权委托辩护人"),
    ("", "讯问未全程同步录音录像", "", "扣押款物未移交案管部门保管"),
]


@pytest.mark.parametrize(("code_a", "text_a", "code_b", "text_b"), SAME)
def test_the_same_problem_matches(code_a, text_a, code_b, text_b):
    assert same_problem(code_a, text_a, code_b, text_b, 0.6)


@pytest.mark.parametrize(("code_a", "text_a", "code_b", "text_b"), DIFFERENT)
def test_different_problems_do_not_match(code_a, text_a, code_b, text_b):
    assert not same_problem(code_a, text_a, code_b, text_b, 0.6)


def test_descriptions_get_the_code_their_words_name():
    assert classify("个别讯问职务犯罪嫌疑人未做到全程同步录音录像，录像开始晚于讯问") == "2-01"
    assert classify("接待来访群众态度生硬，对申诉材料推诿不收") == "1-01"
    assert classify("接受案件当事人亲属宴请") == "8-01"
    assert classify("会议记录不完整") == ""


def test_codes_are_unique_and_fall_under_the_eight_categories():
    codes = [c.code for c in TAXONOMY]
    assert len(codes) == len(set(codes))
    assert {c.category for c in TAXONOMY} == set(range(1, 9))


def test_similarity_ignores_numbers_and_punctuation():
    assert similarity("[2015]12号：未告知", "〔2016〕3号，未告知") == 1.0
