"""The OpenAPI schema and its docs page are for signed-in users only."""


def test_api_schema_and_docs_need_a_login(cast, client, login):
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/openapi.json").status_code == 302
    assert login(cast.liaison_a).get("/api/openapi.json").status_code == 200
