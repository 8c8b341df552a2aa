"""Segmentation respects the text: laws by article, notices by heading and item, the seed's
questions with their answers."""

from django.conf import settings

from guifan.knowledge.segment import Kind, segment


def test_a_law_becomes_one_passage_per_article_with_its_citation(law_file):
    parsed = segment(law_file.read_text())
    assert parsed.shape == "law"
    assert parsed.title == "中华人民共和国测试程序法"
    articles = [p for p in parsed.pieces if p.kind == Kind.ARTICLE]
    assert [p.citation for p in articles] == [
        "《测试程序法》第一条",
        "《测试程序法》第二条",
        "《测试程序法》第一百七十二条",
        "《测试程序法》第十七条之一",
    ]
    second = articles[1]
    assert second.text.splitlines() == [
        "第二条 阅卷申请应当在三个工作日以内安排。",
        "不能安排的，应当说明理由。",
    ]  # its two 款
    assert second.heading == ("第一章 总则",)
    assert articles[2].heading == ("第二章 期限", "第一节 一般规定")
    assert (articles[2].article, articles[3].article, articles[3].article_sub) == (172, 17, 1)
    assert parsed.pieces[0].kind == Kind.PREAMBLE


def test_the_criminal_procedure_law_keeps_every_article_of_the_file():
    path = settings.GUIFAN_LAWS_DIR / "刑事诉讼法(2018-10-26).md"
    articles = [p for p in segment(path.read_text()).pieces if p.kind == Kind.ARTICLE]
    # 308 articles, of which the corpus file lacks 第一百二十八条.
    assert len(articles) == 307 and articles[-1].article == 308
    article = next(p for p in articles if p.article == 172)
    assert article.citation == "《刑事诉讼法》第一百七十二条"
    assert article.heading == ("第二编 立案、侦查和提起公诉", "第三章 提起公诉")


def test_the_seed_splits_into_questions_items_and_answers():
    path = settings.GUIFAN_KB_NOTICES_DIR / "规范司法行为总结.txt"
    parsed = segment(path.read_text())
    assert parsed.shape == "outline" and parsed.title == "规范司法行为总结"
    start = next(p for p in parsed.pieces if "3月14日" in p.text)
    assert start.kind == Kind.QUESTION
    assert start.heading[0].startswith("1.规范司法行为专项整治")
    items = [p for p in parsed.pieces if p.kind == Kind.ITEM]
    assert [p.text[:2] for p in items] == [f"{n}、" for n in range(1, 9)]  # the eight problems
    # A short numbered item heads what follows it.
    checking = next(p for p in parsed.pieces if p.text.startswith("要克服厌倦"))
    assert checking.heading[-1] == "1、查遗补缺回头看。"


def test_a_notice_with_chinese_headings_keeps_them():
    text = "关于开展评查的通知\n一、总体要求\n各院要认真组织。\n（一）时间安排\n4月1日前完成。\n"
    parsed = segment(text)
    assert parsed.title == "关于开展评查的通知"
    assert [(p.heading, p.text) for p in parsed.pieces] == [
        (("一、总体要求",), "各院要认真组织。"),
        (("一、总体要求", "（一）时间安排"), "4月1日前完成。"),
    ]
