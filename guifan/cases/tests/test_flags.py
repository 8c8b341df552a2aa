"""选案标记 by hand: the office or the unit's own liaison adds a mark the import did not bring
and removes a wrong one with its reason; both journaled; nobody else reaches the screen."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guifan.cases.flags import HAND_SEQ, flag_add, flag_remove
from guifan.cases.models import CaseFlag
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory


@pytest.fixture
def case(cast):
    return CaseFactory(unit=cast.unit_a)


def test_the_office_adds_and_removes_a_mark_on_the_page(cast, case, login):
    client = login(cast.office)
    url = reverse("cases:flags", args=[case.pk])
    assert "该案件没有选案标记" in client.get(url).content.decode()
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert url in detail  # the case page links to it
    data = {"kind": "media", "flagged_on": "2015-07-01", "source": "市委宣传部舆情通报"}
    assert client.post(url, data).status_code == 302
    flag = CaseFlag.objects.get(case=case)
    assert (flag.kind, flag.seq, flag.source) == ("media", HAND_SEQ, "市委宣传部舆情通报")
    entry = Entry.objects.filter(verb=Verb.CASE_FLAG_ADD).get()
    assert "社会影响大、媒体关注" in describe([entry])[0]
    assert "市委宣传部舆情通报" in client.get(url).content.decode()
    remove = reverse("cases:flag_remove", args=[flag.pk])
    client.post(remove, {"reason": ""})
    assert CaseFlag.objects.filter(pk=flag.pk).exists()  # no reason, no removal
    client.post(remove, {"reason": "通报所涉为另一案件"})
    assert not CaseFlag.objects.filter(pk=flag.pk).exists()
    removed = Entry.objects.filter(verb=Verb.CASE_FLAG_REMOVE).get()
    assert json.loads(removed.payload)["reason"] == "通报所涉为另一案件"
    assert "通报所涉为另一案件" in describe([removed])[0]


def test_the_units_liaison_marks_its_own_cases_only(cast, case, login):
    flag = flag_add(
        case=case, by=cast.liaison_a, kind="compensation", flagged_on=date(2015, 9, 1),
        source="国家赔偿决定书",
    )  # fmt: skip
    again = flag_add(
        case=case, by=cast.liaison_a, kind="referral", flagged_on=date(2015, 9, 2), source="交办函"
    )
    assert (flag.seq, again.seq) == (HAND_SEQ, HAND_SEQ + 1)
    with pytest.raises(PermissionDenied):
        flag_add(
            case=case, by=cast.liaison_b, kind="media", flagged_on=date(2015, 1, 1), source="x"
        )
    with pytest.raises(PermissionDenied):
        flag_remove(flag=flag, by=cast.inspector, reason="x")
    with pytest.raises(ValidationError, match="依据"):
        flag_add(case=case, by=cast.office, kind="media", flagged_on=date(2015, 1, 1), source=" ")
    other = login(cast.liaison_b)
    assert other.get(reverse("cases:flags", args=[case.pk])).status_code == 404
    remove = reverse("cases:flag_remove", args=[flag.pk])
    assert other.post(remove, {"reason": "x"}).status_code == 404
    for who in (cast.inspector, cast.handler, cast.evaluator):
        assert login(who).get(reverse("cases:flags", args=[case.pk])).status_code in (403, 404)
    assert CaseFlag.objects.filter(case=case).count() == 2
