from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.accounts import services
from guifan.accounts.access import access_account, access_grant
from guifan.accounts.forms import AccountCreateForm, ChangePasswordForm, LoginForm, RoleGrantForm
from guifan.accounts.models import User
from guifan.accounts.selectors import account_list, grant_list
from guifan.core.decorators import role_required
from guifan.core.http import client_ip
from guifan.core.roles import Role
from guifan.org.models import Unit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if user.previous_login_at:
            messages.info(
                self.request,
                _("上次登录：%(at)s，来自 %(ip)s")
                % {
                    "at": user.previous_login_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    "ip": user.previous_login_ip or _("未知地址"),
                },
            )
        else:
            messages.info(self.request, _("这是该账号的首次登录。"))
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_required
def password_change(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(
            user=request.user,
            new_password=form.cleaned_data["new_password1"],
            ip=client_ip(request),
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("密码已修改。"))
        return redirect("web:dashboard")
    return render(request, "accounts/password_change.html", {"form": form})


@role_required(Role.SYSADMIN)
def account_list_view(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(account_list(user=request.user, query=query), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/account_list.html", {"page": page, "q": query})


@role_required(Role.SYSADMIN)
def account_create(request):
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account, password = services.account_create(
                by=request.user,
                username=form.cleaned_data["username"],
                person=form.cleaned_data["person_staff_no"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request,
                "accounts/one_time_password.html",
                {"account": account, "password": password},
            )
    return render(request, "accounts/account_form.html", {"form": form})


@require_POST
@role_required(Role.SYSADMIN)
def account_action(request, account_id: int, action: str):
    account = access_account(request.user, account_id)
    ip = client_ip(request)
    try:
        if action == "reset":
            password = services.password_reset(by=request.user, user=account, ip=ip)
            return render(
                request,
                "accounts/one_time_password.html",
                {"account": account, "password": password},
            )
        if action == "unlock":
            services.account_unlock(by=request.user, user=account, ip=ip)
            messages.success(request, _("已解除 %(u)s 的登录锁定。") % {"u": account.username})
        elif action in ("activate", "deactivate"):
            services.account_set_active(
                by=request.user, user=account, active=action == "activate", ip=ip
            )
            messages.success(request, _("账号状态已更新。"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:account_list")


@role_required(Role.SECADMIN)
def grant_list_view(request):
    form = RoleGrantForm(
        request.POST or None,
        units=Unit.objects.visible_to(request.user),
        accounts=User.objects.visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.role_grant(
                by=request.user,
                user=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
                unit=form.cleaned_data["unit"],
                department=form.cleaned_data["department"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已授予角色。"))
            return redirect("accounts:grant_list")
    page = Paginator(grant_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "accounts/grant_list.html", {"form": form, "page": page})


@require_POST
@role_required(Role.SECADMIN)
def grant_revoke(request, grant_id: int):
    grant = access_grant(request.user, grant_id)
    try:
        services.role_revoke(by=request.user, grant=grant, ip=client_ip(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已撤销角色。"))
    return redirect("accounts:grant_list")
