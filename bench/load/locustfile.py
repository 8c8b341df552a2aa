"""The demo roles' daily clicks against ``guifan serve`` (bench/README.md, "load/locustfile.py").

    pip install locust            # or: pip install -e '.[bench]'; never a runtime dependency
    locust -f bench/load/locustfile.py --host http://127.0.0.1:8000 \
        --headless -u 50 -r 5 -t 4m --csv /tmp/load

Signing in is a ramp phase outside the measured window: every simulated person signs in once
(PBKDF2 at Django's full strength, ~0.5 CPU-second each), then waits until all of them have;
at that moment the statistics are reset (what --reset-stats does at the end of spawning, but
later: logins still hashing then were counted) and the clicks begin. The run's -t includes
the ramp, so give it time beyond the window wanted.

Each simulated person signs in as one of the demo accounts (password ``Guifan@2026``, or
GUIFAN_DEMO_PASSWORD) and then, with a few seconds of thinking between clicks, opens the
工作台, filters the 台账, opens the campaign page, exports a filtered 台账 or the statistics, and —
as an evaluator — autosaves a 登记表 of their own (each virtual evaluator takes a different
assignment of the demo evaluator, so that no two save the same form).
"""

from __future__ import annotations

import itertools
import logging
import os
import random
import re

from gevent.event import Event  # locust runs on gevent
from locust import HttpUser, between, task
from scenario import EXPORT, FILTERS, FormFields  # bench/load/, on locust's path

PASSWORD = os.environ.get("GUIFAN_DEMO_PASSWORD", "Guifan@2026")
CAMPAIGN = os.environ.get("GUIFAN_LOAD_CAMPAIGN", "1")
_assignments = itertools.count()
_signed_in = itertools.count(1)
_everyone_in = Event()


class Person(HttpUser):
    abstract = True
    wait_time = between(2, 6)
    username = ""

    def on_start(self) -> None:
        self.sign_in()
        self.prepare()
        if next(_signed_in) >= self.environment.runner.target_user_count:
            logging.info("everyone signed in: statistics reset, the measured window begins")
            self.environment.stats.reset_all()
            _everyone_in.set()
        _everyone_in.wait()

    def prepare(self) -> None:
        """What a person does once after signing in (the evaluator opens a form)."""

    def sign_in(self) -> None:
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
        self.client.get(EXPORT, name="导出台账")

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

    def prepare(self) -> None:
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
        parser = FormFields()
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
