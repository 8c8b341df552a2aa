"""Numbers, normalisation and words: the pure helpers every search goes through."""

from hypothesis import given
from hypothesis import strategies as st

from guifan.knowledge.numerals import cn_to_int, int_to_cn
from guifan.knowledge.question import analyze
from guifan.knowledge.text import bigrams, normalize, words


@given(st.integers(min_value=0, max_value=99_999))
def test_chinese_numerals_round_trip(number):
    assert cn_to_int(int_to_cn(number)) == number


def test_article_numbers_read_as_laws_write_them():
    assert int_to_cn(172) == "一百七十二"
    assert int_to_cn(110) == "一百一十"
    assert int_to_cn(205) == "二百零五"
    assert int_to_cn(10) == "十"
    assert cn_to_int("二〇一六") == 2016


def test_arabic_and_chinese_article_numbers_normalise_alike():
    assert normalize("第172条") == normalize("第一百七十二条") == "第172条"
    assert normalize("第十七条之一") == "第17条之1"
    assert normalize("三日以内") == normalize("3天以内") == "3日以内"
    assert normalize("３月１４号") == "3月14日"


def test_legal_words_stay_whole_and_stop_words_go():
    cut = words("指定居所监视居住的期限是多久")
    assert "指定居所监视居住" in cut
    assert "的" not in cut and "是" not in cut
    assert "第172条" in words("刑诉法第一百七十二条")
    assert "3月14日" in words("3月14日开始")


def test_bigrams_find_substrings():
    assert bigrams("回头看") == ["回头", "头看"]
    assert "3月" in bigrams("3月14日") and "14日" in bigrams("3月14日")


def test_a_question_is_read_for_what_it_asks():
    question = analyze("刑诉法第172条规定了什么")
    assert question.articles == [(172, 0)]
    assert question.laws == ["刑事诉讼法"]
    assert analyze("回头看是从哪天开始的").asks_when
    assert analyze("指居最长多久").asks_how_long
    assert "指定居所监视居住" in analyze("指居最长多久").synonyms
    assert analyze("试行的高检规则怎么说").old
