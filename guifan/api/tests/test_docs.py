"""The OpenAPI schema and its docs page are for signed-in users only."""


def test_api_schema_and_docs_need_a_login(cast, client, login):
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/openapi.json").status_code == 302
    assert login(cast.liaison_a).get("/api/openapi.json").status_code == 200


def _menu(html: str) -> str:
    return html.split('<nav class="gf-nav"', 1)[1].split("</nav>", 1)[0]


def test_api_docs_are_not_in_the_business_menu(cast, login):
    for who in ("office", "inspector", "liaison_a", "sysadmin"):
        html = login(getattr(cast, who)).get("/").content.decode()
        assert "接口文档" not in _menu(html), who
    assert 'href="/api/docs" data-testid="api-docs-link"' in login(cast.sysadmin).get("/").text


def test_the_docs_page_has_a_chinese_title_and_a_way_back(cast, login):
    html = login(cast.liaison_a).get("/api/docs").content.decode()
    assert "<title>接口文档 · 规范</title>" in html
    assert 'href="/" data-testid="back-to-app"' in html and "返回系统" in html
    assert "swagger-ui-bundle.js" in html
    schema = login(cast.liaison_a).get("/api/openapi.json").json()
    assert schema["info"]["title"] == "规范系统接口"
