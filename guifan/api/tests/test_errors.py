"""Bad numbers and unknown addresses get a JSON answer in Chinese, never HTTP 500."""

import pytest

BAD = [
    ("/api/cases/?year=-1", "参数 year 不能小于 1900"),
    ("/api/cases/?unit=99999999999999999999", "参数 unit 不能大于 9223372036854775807"),
    ("/api/cases/?limit=0", "参数 limit 不能小于 1"),
    ("/api/draws/campaigns/1/batch?offset=-406", "参数 offset 不能小于 0"),
    ("/api/rectification/complaints?campaign=99999999999999999999999", "参数 campaign 不能大于"),
    ("/api/rectification/items?unit=-3", "参数 unit 不能小于 1"),
    ("/api/org/units/970100/people?limit=99999999999999999999", "参数 limit 不能大于 1000"),
    ("/api/org/units/970100/people?offset=99999999999999999999", "参数 offset 不能大于"),
    ("/api/cases/99999999999999999999", "参数 case_id 不能大于"),
    ("/api/evaluation/assignments?campaign=abc", "参数 campaign 须为整数"),
]


@pytest.mark.parametrize("url,message", BAD)
def test_bad_numbers_are_refused_with_a_chinese_message(cast, login, url, message):
    response = login(cast.office).get(url)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["detail"]


def test_unknown_api_addresses_and_unparsable_bodies_answer_in_json(cast, login):
    client = login(cast.office)
    missing = client.get("/api/cases/not-a-number")
    assert (missing.status_code, missing.json()) == (404, {"detail": "找不到该对象，或无权查看"})
    garbled = client.post("/api/draws/1/commit", b"\x00", content_type="application/json")
    assert garbled.status_code == 400
    assert garbled.json()["detail"].startswith("请求内容无法解析")


def test_the_schema_declares_every_refusal(cast, login):
    schema = login(cast.office).get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"400", "401", "403", "404", "422"} <= declared, (method, path)
