"""The journal's proofs on the API: the audit administrator alone (三员分立)."""

import pytest

from guifan.journal import merkle, tree

PATHS = (
    "/api/journal/root",
    "/api/journal/proof/inclusion/3",
    "/api/journal/proof/consistency/2/5",
)


def test_the_audit_administrator_gets_root_and_proofs(cast, login, fill):
    fill(10)
    client = login(cast.auditadmin)
    root = client.get("/api/journal/root", {"size": 7}).json()
    assert root == tree.root_info(7)
    inclusion = client.get("/api/journal/proof/inclusion/3", {"size": 7}).json()
    assert inclusion == tree.inclusion_info(3, 7)
    assert merkle.verify_inclusion(
        2,
        7,
        bytes.fromhex(inclusion["leaf_hash"]),
        [bytes.fromhex(h) for h in inclusion["path"]],
        bytes.fromhex(root["root"]),
    )
    consistency = client.get("/api/journal/proof/consistency/2/5").json()
    assert consistency == tree.consistency_info(2, 5)


def test_sizes_beyond_the_log_are_refused_in_words(cast, login, fill):
    fill(3)
    response = login(cast.auditadmin).get("/api/journal/root", {"size": 10_000})
    assert response.status_code == 422
    assert "超出范围" in response.json()["detail"]


@pytest.mark.parametrize(
    "who", ["sysadmin", "secadmin", "office", "inspector", "liaison_a", "evaluator"]
)
def test_everyone_else_is_refused(cast, login, fill, who):
    fill(5)
    client = login(getattr(cast, who))
    for path in PATHS:
        assert client.get(path).status_code == 403, (who, path)


def test_anonymous_callers_are_refused(client, db):
    for path in PATHS:
        assert client.get(path).status_code == 401
