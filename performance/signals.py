"""Any saved change to a result, target or indicator schedules a ratings recompute after commit."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from indicators.models import Indicator

from .models import Result, Target
from .rating import schedule_recompute

# Saving only these leaves the computed rating as it was.
UNRATED_RESULT_FIELDS = {"state", "submitted_by", "submitted_at", "approved_by", "approved_at", "updated_at",
                         "rag_override", "rag_override_reason"}


@receiver([post_save, post_delete], sender=Result)
@receiver([post_save, post_delete], sender=Target)
def result_or_target_changed(sender, instance, update_fields=None, **kwargs):
    if sender is Result and update_fields and set(update_fields) <= UNRATED_RESULT_FIELDS:
        return
    schedule_recompute(instance.indicator_id)


@receiver(post_save, sender=Indicator)
def indicator_changed(sender, instance, created, **kwargs):
    if not created:
        schedule_recompute(instance.pk)
