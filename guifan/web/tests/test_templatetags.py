"""Filters for running text in templates."""


def test_dates_and_case_numbers_in_running_text_stay_on_one_line():
    from guifan.web.templatetags.guifan_text import keep_together

    html = keep_together("异议期至 2016-03-31，案件 临江检公诉受〔2015〕0040号 <b>")
    assert '<span class="gf-nowrap">2016-03-31</span>' in html
    assert '<span class="gf-nowrap">临江检公诉受〔2015〕0040号</span>' in html
    assert html.endswith("&lt;b&gt;")
