from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "guifan.core"
    label = "core"
