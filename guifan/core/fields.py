"""Model fields that read the business clock."""

from django.db import models

from guifan.core import clock


class StampField(models.DateTimeField):
    """``auto_now``/``auto_now_add`` stamped from ``clock.now()`` instead of the real clock, so
    that a demo living on its world's date stamps what its users do on that date."""

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)
