"""Template filters for running text."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A date (2016-03-31, perhaps with a time) or a case number (临江检公诉受〔2015〕0040号): the
# browser would otherwise break them at the hyphen or before 号 inside a sentence.
_TOGETHER = re.compile(
    r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?|[^\s，。；：、（）()“”]*\d{3,}号"
)


@register.filter
def keep_together(text) -> SafeString:
    """Escape ``text`` and keep its dates and case numbers each on one line."""
    escaped = str(conditional_escape(text))
    # Escaped above; the only markup added is our own span.
    return mark_safe(
        _TOGETHER.sub(lambda m: f'<span class="gf-nowrap">{m.group(0)}</span>', escaped)
    )
