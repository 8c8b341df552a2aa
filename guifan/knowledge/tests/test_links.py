"""Citations in a 登记表's 依据条款 and rubric dimensions link into the knowledge base."""

from django.template import Context, Template


def _render(text: str, expression: str = "text|cite_links") -> str:
    return Template("{% load knowledge %}{{ " + expression + " }}").render(Context({"text": text}))


def test_each_citation_becomes_a_link_and_the_rest_is_escaped(db):
    html = _render("违反《刑事诉讼法》第三十七条第四款和刑诉法第172条<b>")
    assert html.count('class="gf-cite"') == 2
    assert "/kb/cite/?ref=%E3%80%8A%E5%88%91" in html  # 《刑…
    assert "&lt;b&gt;" in html


def test_text_without_citations_stays_text(db):
    assert _render("程序瑕疵") == "程序瑕疵"


def test_a_dimension_links_to_what_the_knowledge_base_says(db):
    html = _render("释法说理", "text|kb_search")
    assert 'href="/kb/?q=%E9%87%8A' in html and "source=system" in html
