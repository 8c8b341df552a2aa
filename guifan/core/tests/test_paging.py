"""The pager of a list whose size is known only to be at least some number."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from guifan.cases.models import Case
from guifan.core.paging import CountedPaginator
from guifan.testing.factories import CaseFactory


@pytest.mark.django_db
@pytest.mark.parametrize("exact", [True, False])
def test_a_pager_past_a_bounded_count_names_no_last_page(exact):
    cases = [CaseFactory() for _ in range(5)]
    listed = Case.objects.order_by("id")
    page = CountedPaginator(listed, 2, count=4, exact=exact).get_page(2)
    # Page 2 of the first four rows, read from the top either way.
    assert [c.pk for c in page] == [cases[2].pk, cases[3].pk]
    request = RequestFactory().get("/cases/", {"page": 2})
    html = render_to_string("web/includes/pager.html", {"page": page}, request=request)
    if exact:
        assert "共 4 条" in html and "第 2 / 2 页" in html
    else:
        assert "4 条以上（正在统计总数）" in html and "第 2 页" in html
        assert "第 2 / " not in html and "末页" not in html and "共 4 条" not in html
