from django.urls import path, re_path

from guifan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("system/accounts/", views.account_list_view, name="account_list"),
    path("system/accounts/new/", views.account_create, name="account_create"),
    re_path(
        r"^system/accounts/(?P<account_id>\d+)/(?P<action>reset|unlock|activate|deactivate)/$",
        views.account_action,
        name="account_action",
    ),
    path("security/roles/", views.grant_list_view, name="grant_list"),
    path("security/roles/<int:grant_id>/revoke/", views.grant_revoke, name="grant_revoke"),
]
