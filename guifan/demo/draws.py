"""The seed campaign's draws, run through the ceremony by the demo's office and inspector."""

from __future__ import annotations

import random
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.core import clock
from guifan.draws import services
from guifan.draws.models import Draw


def ensure_draws(campaign: Campaign, *, seed: int = 2016) -> int:
    """Draw every rule of the campaign once (3月15日), unless the campaign has draws."""
    if Draw.objects.filter(rule__campaign=campaign).exists():
        return 0
    office = User.objects.get(username="office")
    inspector = User.objects.get(username="inspector")
    rng = random.Random(f"{seed}:draws")
    rules = list(campaign.draw_rules.order_by("position"))
    for index, rule in enumerate(rules):
        # Dice thrown at the ceremony: what the parties would write down and keep.
        dice = ["".join(str(rng.randint(1, 6)) for _ in range(12)) for _ in range(2)]
        secrets = (f"专项整治办-{dice[0]}", f"纪检组-{dice[1]}")
        with at(index, 0):
            try:
                draw = services.draw_freeze(rule=rule, by=office)
            except ValidationError:
                continue  # a small demo (--cases 300) may have nothing to draw for a rule
        with at(index, 2):
            services.draw_commit(draw=draw, by=office, role="office", secret=secrets[0])
        with at(index, 3):
            services.draw_commit(draw=draw, by=inspector, role="inspection", secret=secrets[1])
        with at(index, 4):
            services.draw_close_commitments(draw=draw, by=office)
        with at(index, 5):
            services.draw_reveal(draw=draw, by=office, secret=secrets[0])
        with at(index, 6):
            services.draw_reveal(draw=draw, by=inspector, secret=secrets[1])
    return Draw.objects.filter(rule__campaign=campaign).count()


def at(index: int, offset: int):
    """3月15日 from 9:00, ten minutes per rule."""
    moment = datetime(2016, 3, 15, 9, 10 * index + offset)
    return clock.frozen_at(timezone.make_aware(moment))
