"""The demo roles' daily clicks against ``guifan serve`` (bench/load/README.md).

    pip install locust            # or: pip install -e '.[bench]'; never a runtime dependency
    locust -f bench/load/locustfile.py --host http://127.0.0.1:8000 \
        --headless -u 50 -r 5 -t 2m --csv /tmp/load

Each simulated person signs in as one of the demo accounts (password ``Guifan@2026``, or
GUIFAN_DEMO_PASSWORD) and then, with a few seconds of thinking between clicks, opens the
工作台, filters the 台账, opens the campaign page, exports a filtered 台账 or the statistics, and —
as an evaluator — autosaves a 登记表 of their own (each virtual evaluator takes a different
assignment of the demo evaluator, so that no two save the same form).
"""

from __future__ import annotations

import itertools
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task

PASSWORD = os.environ.get("GUIFAN_DEMO_PASSWORD", "Guifan@2026")
CAMPAIGN = os.environ.get("GUIFAN_LOAD_CAMPAIGN", "1")
FILTERS = [
    "?status=in_progress",
    "?year=2015",
    "?supervision=any",
    "?q=盗窃",
    "?status=closed&year=2015&sort=-close_date",
    "?evaluated=yes",
]
_assignments = itertools.count()


class _FormFields(HTMLParser):
    """The named fields of the 登记表 as a browser posts them: checked boxes only, a select's
    selected (or first) option, a textarea without the newline after its tag."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: tuple[dict, list[str]] | None = None
        self._chosen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.fields[name] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._option = (a, [])

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data
        if self._option:
            self._option[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "option" and self._option and self._select:
            attrs, text = self._option
            value = attrs.get("value", "".join(text).strip())
            if self._select not in self.fields or (
                "selected" in attrs and self._select not in self._chosen
            ):
                self.fields[self._select] = value
                if "selected" in attrs:
                    self._chosen.add(self._select)
            self._option = None
        elif tag == "select":
            self._select = None


class Person(HttpUser):
    abstract = True
    wait_time = between(2, 6)
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="登录页")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="登录",
        )

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task(4)
    def dashboard(self) -> None:
        self.client.get("/", name="工作台")


class CampaignReader(Person):
    """The office and the units' liaisons: the 台账 and the campaign every day."""

    abstract = True

    @task(3)
    def ledger(self) -> None:
        self.client.get(f"/cases/{random.choice(FILTERS)}", name="台账（筛选）")

    @task(2)
    def campaign(self) -> None:
        self.client.get(f"/campaigns/{CAMPAIGN}/", name="活动页")


class Office(CampaignReader):
    weight = 3
    username = "office"

    @task(1)
    def export(self) -> None:
        self.client.get(
            "/cases/export.xlsx?year=2015&status=closed&supervision=any", name="导出台账"
        )

    @task(1)
    def statistics(self) -> None:
        self.client.get(f"/reports/campaigns/{CAMPAIGN}/", name="领导驾驶舱")


class Liaison(CampaignReader):
    weight = 3
    username = "liaison"


class Handler(Person):
    weight = 1
    username = "handler"

    @task(2)
    def results(self) -> None:
        self.client.get("/my-results/", name="我的案件评查结果")


class Evaluator(Person):
    weight = 2
    username = "evaluator"

    def on_start(self) -> None:
        super().on_start()
        tasks = self.client.get("/my-tasks/", name="我的评查任务").text
        ids = sorted({int(n) for n in re.findall(r"/my-tasks/(\d+)/form/", tasks)})
        self.form_url = None
        if ids:
            self.form_url = f"/my-tasks/{ids[next(_assignments) % len(ids)]}/form/"
            self.client.post(self.form_url, data={"action": "start"},
                             headers=self._headers(), name="开始评查")  # fmt: skip

    def _headers(self, **extra) -> dict:
        return {"X-CSRFToken": self.csrf(), "Referer": f"{self.host}/", **extra}

    @task(1)
    def my_tasks(self) -> None:
        self.client.get("/my-tasks/", name="我的评查任务")

    @task(3)
    def autosave(self) -> None:
        if not self.form_url:
            return
        page = self.client.get(self.form_url, name="登记表")
        parser = _FormFields()
        parser.feed(page.text)
        fields = parser.fields
        if "version" not in fields:
            return  # a form already handed in: nothing to type into
        fields["basis"] = f"依据《人民检察院案件质量评查工作规定》第{random.randint(1, 40)}条"
        fields["action"] = "autosave"
        with self.client.post(
            self.form_url,
            data=fields,
            headers=self._headers(**{"HX-Request": "true"}),
            name="登记表自动保存",
            catch_response=True,
        ) as response:
            if "已自动保存" not in response.text:
                response.failure("autosave refused: " + response.text[:120])
