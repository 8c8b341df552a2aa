from guifan.campaigns import services

PROBLEM = {
    "heading": "制度执行",
    "category": "司法作风简单粗暴",
    "description": "接待态度生硬",
    "responsible": "控告申诉检察科",
    "measure": "文明接待教育",
    "deadline": "2016-04-30",
}


def test_campaigns_and_tasks_are_scoped(cast, campaign, login):
    data = login(cast.liaison_a).get("/api/campaigns/").json()
    assert [c["name"] for c in data] == [campaign.name]
    assert data[0]["tracks"][0]["name"] == "查遗补缺回头看"
    tasks = login(cast.liaison_a).get(f"/api/campaigns/{campaign.pk}/tasks").json()
    assert {t["unit_code"] for t in tasks} == {cast.unit_a.code}
    office = login(cast.office).get(f"/api/campaigns/{campaign.pk}/tasks").json()
    assert len(office) == 12


def test_liaison_records_a_problem_through_the_api(cast, campaign, login):
    client = login(cast.liaison_a)
    response = client.post(
        f"/api/campaigns/{campaign.pk}/problems", PROBLEM, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["unit_code"] == cast.unit_a.code
    bad = client.post(
        f"/api/campaigns/{campaign.pk}/problems",
        {**PROBLEM, "heading": "无"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    others = login(cast.liaison_b).get(f"/api/campaigns/{campaign.pk}/problems").json()
    assert others == []


def test_office_cannot_record_problems_and_outsiders_are_refused(cast, campaign, login):
    response = login(cast.office).post(
        f"/api/campaigns/{campaign.pk}/problems", PROBLEM, content_type="application/json"
    )
    assert response.status_code == 403
    for who in ("evaluator", "auditadmin", "sysadmin"):
        client = login(getattr(cast, who))
        assert client.get("/api/campaigns/").status_code == 403
        assert client.get(f"/api/campaigns/{campaign.pk}/plans").status_code == 403


def test_a_unit_outside_the_campaign_gets_404(cast, login):
    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office, units=[cast.unit_a]
    )
    client = login(cast.liaison_b)
    assert client.get(f"/api/campaigns/{campaign.pk}/reports").status_code == 404
    assert client.get("/api/campaigns/").json() == []


def test_plans_and_reports_of_another_unit_stay_hidden(cast, campaign, login):
    from datetime import date

    from guifan.campaigns import plans, reports

    plans.plan_create(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        area=campaign.checklist.filter(kind="area").first(),
        title="甲区的计划",
        summary="x",
        owner="x",
        planned_date=date(2016, 3, 25),
    )
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    report = reports.report_save(report=report, by=cast.liaison_a, body="甲区的报告")
    reports.report_submit(report=report, by=cast.liaison_a)
    other = login(cast.liaison_b)
    assert other.get(f"/api/campaigns/{campaign.pk}/plans").json() == []
    assert other.get(f"/api/campaigns/{campaign.pk}/reports").json() == []
    office = login(cast.office)
    assert [p["title"] for p in office.get(f"/api/campaigns/{campaign.pk}/plans").json()] == [
        "甲区的计划"
    ]
    assert office.get(f"/api/campaigns/{campaign.pk}/reports").json()[0]["status"] == "submitted"


def test_campaign_list_names_the_issuing_unit(cast, campaign, login):
    data = login(cast.office).get("/api/campaigns/").json()
    assert data[0]["issuing_unit_code"] == cast.city.code
