"""Template filters of the knowledge base: marked snippets, and citations as links."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from guifan.knowledge.numerals import CHARS

register = template.Library()

# "《刑事诉讼法》第一百七十二条", "刑诉法第37条第4款", "高检规则（试行）第四十七条"
CITATION = re.compile(
    rf"(《[^》]{{1,40}}》|(?:刑诉法|刑事诉讼法|高检规则|刑事诉讼规则)(?:[（(]试行[)）])?(?:\d{{4}})?)"
    rf"\s*(第[{CHARS}\d]+条(?:之[{CHARS}\d]+)?)((?:第[{CHARS}\d]+款)?)"
)


@register.filter
def marked(pieces) -> SafeString:
    """Snippet pieces [(text, is_mark)] as HTML with <mark> around the question's words."""
    return mark_safe(
        "".join(
            format_html("<mark>{}</mark>", text) if is_mark else escape(text)
            for text, is_mark in pieces
        )
    )


def _link(match: re.Match) -> str:
    law, article, _clause = match.groups()
    name = law if law.startswith("《") else f"《{law}》"
    url = f"{reverse('knowledge:cite')}?{urlencode({'ref': f'{name}{article}'})}"
    return format_html('<a href="{}" class="gf-cite">{}</a>', url, match.group(0))


@register.filter
def cite_links(text) -> SafeString:
    """Each law citation in ``text`` (a 依据条款, a rule's basis) links to its article."""
    if not text:
        return mark_safe("")
    text = str(text)
    out, position = [], 0
    for match in CITATION.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(_link(match))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


@register.filter
def kb_search(text, source: str = "system") -> SafeString:
    """``text`` (a rubric dimension, a category) linking to what the knowledge base says
    about it."""
    url = f"{reverse('knowledge:ask')}?{urlencode({'q': str(text), 'source': source})}"
    return format_html('<a href="{}" class="gf-cite">{}</a>', url, text)
