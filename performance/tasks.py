from celery import shared_task

from . import rating


@shared_task(acks_late=True)
def recompute_ratings(indicator_ids: list[int] | None = None) -> int:
    """Recompute stored ratings (all indicators when no ids are given); idempotent, so safe to retry."""
    return rating.recompute(indicator_ids)
