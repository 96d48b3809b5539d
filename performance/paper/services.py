"""Generating and publishing Cabinet papers. The Celery task and the management command call these."""

import contextlib
import hashlib
import logging
import queue
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from indicators.roles import is_performance_team

from ..models import CabinetPaper, QuarterReport
from . import content, render

logger = logging.getLogger(__name__)
CLAIM_TIMEOUT = timedelta(minutes=10)  # a paper takes seconds; a claim this old belongs to a dead worker


def report_for(quarter_end) -> QuarterReport:
    try:
        with transaction.atomic():
            report, _ = QuarterReport.objects.get_or_create(quarter_end=quarter_end)
    except IntegrityError:  # created by a simultaneous request
        report = QuarterReport.objects.get(quarter_end=quarter_end)
    return report


@transaction.atomic
def request_paper(report: QuarterReport, user) -> CabinetPaper:
    """Queue a new paper for the quarter; the task starts once the request is committed."""
    from ..tasks import generate_cabinet_paper

    if user is not None and not is_performance_team(user):
        raise PermissionDenied("Only the performance team produces the Cabinet paper.")
    paper = CabinetPaper.objects.create(report=report, generated_by=user, progress_message="Waiting to start")
    transaction.on_commit(lambda: generate_cabinet_paper.delay(paper.pk))
    return paper


def _progress(paper_id: int):
    def report(percent: int, message: str) -> None:
        CabinetPaper.objects.filter(pk=paper_id).update(progress=percent, progress_message=message)
    return report


def generate(paper_id: int, *, reuse: bool = True) -> CabinetPaper | None:
    """Produce the PDF for a queued paper; None if another run has already claimed it.

    Claimed with a conditional UPDATE, so a retried or duplicated task never generates the same paper
    twice; a paper whose worker died is taken over once its claim is CLAIM_TIMEOUT old. A failure is
    recorded on the paper (status failed, a readable error) and no file is kept.
    """
    claim_time = timezone.now()
    abandoned = Q(status=CabinetPaper.Status.GENERATING, started_at__lt=claim_time - CLAIM_TIMEOUT)
    claimed = CabinetPaper.objects.filter(Q(status=CabinetPaper.Status.QUEUED) | abandoned, pk=paper_id).update(
        status=CabinetPaper.Status.GENERATING, started_at=claim_time, progress=5,
        progress_message="Gathering the figures")
    if not claimed:
        return None
    # Finishing writes only while this run still holds the claim: a slow run that was presumed dead and
    # taken over must not overwrite what the newer run produced (or a paper published meanwhile).
    still_mine = CabinetPaper.objects.filter(pk=paper_id, status=CabinetPaper.Status.GENERATING,
                                             started_at=claim_time)
    paper = CabinetPaper.objects.select_related("report").get(pk=paper_id)
    progress = _progress(paper_id)
    started = time.perf_counter()
    try:
        context = content.build(paper.report)
        progress(20, "Laying out the paper")
        page_html = render.render_html(context, for_print=True)
        # Everything the paper shows is in its HTML, so an identical page means an identical PDF.
        figures_hash = hashlib.sha256(page_html.encode()).hexdigest()
        earlier = (CabinetPaper.objects.filter(figures_hash=figures_hash, status=CabinetPaper.Status.READY)
                   .exclude(pdf="").order_by("-generated_at").first() if reuse else None)
        if earlier is not None:
            progress(60, "Nothing has changed since an earlier paper: reusing it")
            with earlier.pdf.open("rb") as stored:
                pdf, pages = stored.read(), earlier.pages
        else:
            progress(40, "Starting the browser")
            pdf, pages = _print_reporting_progress(page_html, context["covering"], progress)
    except Exception as error:  # any failure is reported on the paper's page, never as a half-written file
        if not isinstance(error, render.PaperError):
            logger.exception("Cabinet paper %s failed", paper_id)
        message = str(error) if isinstance(error, render.PaperError) else f"{type(error).__name__}: {error}"
        still_mine.update(status=CabinetPaper.Status.FAILED, error=message, progress_message="Failed")
        paper.refresh_from_db()
        return paper
    name = paper.pdf.storage.save(f"papers/cabinet-paper-{paper.report.quarter_end.isoformat()}-{paper.pk}.pdf",
                                  ContentFile(pdf))
    finished = still_mine.update(
        pdf=name, pages=pages, values=context["values"], figures_hash=figures_hash,
        status=CabinetPaper.Status.READY, progress=100, progress_message="Ready", generated_at=timezone.now(),
        seconds=time.perf_counter() - started)
    if not finished:
        paper.pdf.storage.delete(name)
    paper.refresh_from_db()
    return paper


def _print_reporting_progress(page_html: str, covering: dict, progress) -> tuple[bytes, int]:
    """Print in a worker thread (Playwright runs an event loop) while this thread records its progress."""
    events: queue.Queue = queue.Queue()
    with ThreadPoolExecutor(max_workers=1) as pool:
        printing = pool.submit(render.print_pdf, page_html, classification=covering["classification"],
                               title=covering["subject"], progress=lambda *event: events.put(event))
        while not (printing.done() and events.empty()):
            with contextlib.suppress(queue.Empty):
                progress(*events.get(timeout=0.2))
        return printing.result()


@transaction.atomic
def publish(paper: CabinetPaper, user) -> CabinetPaper:
    """Mark a ready paper as published (one per quarter). From then on it never changes."""
    if not is_performance_team(user):
        raise PermissionDenied("Only the performance team publishes the Cabinet paper.")
    already = CabinetPaper.objects.filter(report=paper.report, published_at__isnull=False).exclude(pk=paper.pk).first()
    if already is not None:
        raise ValidationError(f"Paper #{already.pk} is already the published paper for {paper.report.quarter.label}.")
    try:
        with transaction.atomic():
            updated = CabinetPaper.objects.filter(pk=paper.pk, status=CabinetPaper.Status.READY,
                                                  published_at__isnull=True).update(published_at=timezone.now(),
                                                                                    published_by=user)
    except IntegrityError as error:  # another paper for the quarter was published at the same moment
        raise ValidationError(f"Another paper is already the published paper for {paper.report.quarter.label}.") \
            from error
    if not updated:
        raise ValidationError("Only a paper that is ready and not yet published can be published.")
    paper.refresh_from_db()
    return paper


def revisions_since_publication(paper: CabinetPaper) -> list[dict]:
    if not paper.is_published:
        return []
    return content.revisions_since(paper.values, content.build(paper.report)["values"])
