"""The JSON API (django-ninja); each app contributes a router from its api.py."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger
from ninja.security import django_auth

from guifan import __version__
from guifan.accounts.api import router as accounts_router
from guifan.api import errors
from guifan.campaigns.api import router as campaigns_router
from guifan.cases.api import router as cases_router
from guifan.checks.api import router as checks_router
from guifan.draws.api import router as draws_router
from guifan.evaluation.api import router as evaluation_router
from guifan.journal.api import router as journal_router
from guifan.knowledge.api import router as knowledge_router
from guifan.org.api import router as org_router
from guifan.rectification.api import router as rectification_router
from guifan.reports.api import router as reports_router


class ApiDocs(Swagger):
    """Swagger UI inside a page of ours: a Chinese title and a way back into the system."""

    template = "web/api_docs.html"


class GuifanAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return errors.declare_errors(super().get_openapi_schema(*args, **kwargs))


api = GuifanAPI(
    title=str(_("规范系统接口")),
    version=__version__,
    description=str(
        _(
            "规范司法行为专项整治与案件质量评查系统接口。以当前登录会话鉴权，结果按账号权限范围过滤。"
        )
    ),
    auth=django_auth,
    urls_namespace="api",
    docs=ApiDocs(),
    docs_url="/docs",
    docs_decorator=login_required,
)
api.add_router("/accounts", accounts_router)
api.add_router("/org", org_router)
api.add_router("/cases", cases_router)
api.add_router("/campaigns", campaigns_router)
api.add_router("/draws", draws_router)
api.add_router("/evaluation", evaluation_router)
api.add_router("/rectification", rectification_router)
api.add_router("/checks", checks_router)
api.add_router("/reports", reports_router)
api.add_router("/kb", knowledge_router)
api.add_router("/journal", journal_router)
errors.install(api)
