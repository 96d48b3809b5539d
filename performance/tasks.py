from datetime import date
from smtplib import SMTPException

from celery import shared_task

from . import alerts, rating


@shared_task(acks_late=True)
def recompute_ratings(indicator_ids: list[int] | None = None) -> int:
    """Recompute stored ratings (all indicators when no ids are given); idempotent, so safe to retry."""
    return rating.recompute(indicator_ids)


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError, SMTPException), retry_backoff=30,
             retry_backoff_max=1800, retry_jitter=True, max_retries=8)
def send_exception_alerts(self, today: str | None = None) -> int:
    """Find exceptions and e-mail each recipient one digest. Re-running never repeats an alert."""
    return alerts.run(date.fromisoformat(today) if today else None)


@shared_task(acks_late=True)
def generate_cabinet_paper(paper_id: int) -> int | None:
    """Produce a queued Cabinet paper's PDF; progress and any failure are recorded on the paper."""
    from .paper import services as paper_services

    paper = paper_services.generate(paper_id)
    return paper.pk if paper else None
