"""The Cabinet paper: contents equal to the dashboards, a real PDF, progress, failure and freezing."""

import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from indicators.models import Directorate, Indicator
from performance import services as result_services
from performance.models import CabinetPaper, QuarterReport, Result
from performance.paper import render, services
from performance.periods import Period
from tests.council import build_council

Q2 = Period.quarter(2020, 2)
pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def council(officer):
    return build_council(9, officer)


def produce(user=None, reuse=True) -> CabinetPaper:
    paper = CabinetPaper.objects.create(report=services.report_for(Q2.end), generated_by=user)
    return services.generate(paper.pk, reuse=reuse)


def test_demo_paper_has_every_section_kpi_and_the_overview_counts(client, member, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    output = tmp_path / "paper.pdf"
    call_command("cabinet_paper", "--quarter-end", "2020-09-30", "--output", str(output), stdout=io.StringIO())
    data = output.read_bytes()
    text = pdf_text(data)
    for words in ("Covering report", "Cabinet is asked to NOTE the Quarter 2 Performance Report",
                  "Classification Unrestricted", "Key to ratings", "Floor standard* has not been achieved",
                  "regression analysis over the last 6 periods", "Data quality note", "Executive summary",
                  "Page 1 of", "Current:", "Target:", "Previous:", "Date of meeting 7 December 2020",
                  "Satisfaction with Contact Point advisors achieved target"):
        assert words in text, words
    for directorate in Directorate.objects.all():
        assert directorate.name in text
    for indicator in Indicator.objects.filter(kind="kpi", status="active"):
        assert re.sub(r"\s+", " ", indicator.title) in text, indicator.code
    member.refresh_from_db()  # the demo loader reset the password, which signs sessions
    client.force_login(member)
    total = client.get(reverse("home"), {"quarter": "2020-09-30"}).context["total"]
    assert (total.rag["GREEN"], total.rag["AMBER"], total.rag["RED"]) == (21, 11, 3)
    assert (f"TOTAL {total.rag['GREEN']} {total.rag['AMBER']} {total.rag['RED']} {total.direction['IMPROVING']} "
            f"{total.direction['STABLE']} {total.direction['WORSENING']}") in text
    reader = PdfReader(io.BytesIO(data))
    assert [item.title for item in reader.outline if not isinstance(item, list)][:3] == [
        "Covering report", "Contents", "Key to ratings"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # a tagged PDF for screen readers
    contents = text[text.index("Contents"):text.index("Key to ratings", text.index("Contents") + 10)]
    assert re.search(r"Executive summary \d+", contents)  # the contents list gives page numbers


def test_generating_through_the_browser_reports_progress(client, performance_officer, council, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    seen = []
    original = services._progress
    monkeypatch.setattr(services, "_progress", lambda pk: lambda p, m: (seen.append(p), original(pk)(p, m)))
    client.force_login(performance_officer)
    url = reverse("performance:paper-quarter", args=[Q2.end.isoformat()])
    form = client.get(url).context["narratives"]
    assert not QuarterReport.objects.exists()  # reading the page writes nothing
    data = {"report-report_to": "Cabinet", "report-classification": "Unrestricted", "report-summary": "Summary text",
            "narratives-TOTAL_FORMS": form.total_form_count(), "narratives-INITIAL_FORMS": form.initial_form_count(),
            "generate": "1"}
    for n, sub in enumerate(form.forms):
        data |= {f"narratives-{n}-id": sub.instance.pk or "",
                 f"narratives-{n}-directorate": sub.instance.directorate_id,
                 f"narratives-{n}-summary": f"Narrative for {sub.instance.directorate}"}
    with django_capture_on_commit_callbacks(execute=True):  # the task starts once the request commits
        response = client.post(url, data)
    paper = CabinetPaper.objects.get()
    assert response.status_code == 302 and response.url == paper.get_absolute_url()
    assert seen == sorted(seen) and {20, 40, 55, 75} <= set(seen)
    status = client.get(reverse("performance:paper-status", args=[paper.pk])).json()
    assert status == {"status": "ready", "progress": 100, "message": "Ready", "error": "", "done": True}
    assert "Narrative for Directorate 0" in pdf_text(paper.pdf.read())
    download = client.get(reverse("performance:paper-download", args=[paper.pk]))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content)[:4] == b"%PDF"


def test_a_chart_that_cannot_be_drawn_fails_cleanly(council, tmp_path, monkeypatch, media_root):
    broken = tmp_path / "plotly.min.js"
    broken.write_text("window.Plotly = {newPlot: function () { return Promise.reject(new Error('bad figure')); }};")
    monkeypatch.setattr(render, "PLOTLY_JS", broken)
    paper = produce(reuse=False)
    assert paper.status == CabinetPaper.Status.FAILED
    assert "Some charts could not be drawn" in paper.error and "bad figure" in paper.error
    assert not paper.pdf and not list(Path(media_root).glob("**/*.pdf"))


def test_published_paper_never_changes(council, performance_officer, django_capture_on_commit_callbacks):
    paper = services.publish(produce(performance_officer), performance_officer)
    published_bytes = paper.pdf.read()
    _, indicators = council
    with django_capture_on_commit_callbacks(execute=True):
        result_services.save_result(indicators[0], Q2.end, performance_officer, actual=Decimal("99"))
    paper.refresh_from_db()
    with paper.pdf.open("rb") as stored:
        assert stored.read() == published_bytes
    revisions = services.revisions_since_publication(paper)
    assert {"code": indicators[0].code, "what": "actual", "period_end": Q2.end.isoformat(),
            "published": "67.0%", "now": "99.0%"} in revisions
    with pytest.raises(Exception, match="not yet published"):
        services.publish(paper, performance_officer)
    again = produce(performance_officer)
    assert again.figures_hash != paper.figures_hash and "99.0%" in pdf_text(again.pdf.read())
    with pytest.raises(Exception, match="already the published paper"):
        services.publish(again, performance_officer)


def test_an_unchanged_paper_is_reused_without_a_browser(council, monkeypatch):
    first = produce()

    def no_browser(*args, **kwargs):
        raise AssertionError("the browser should not start for an unchanged paper")

    monkeypatch.setattr(render, "print_pdf", no_browser)
    second = produce()
    assert second.status == CabinetPaper.Status.READY and second.figures_hash == first.figures_hash
    assert second.pdf.read() == first.pdf.read()


def test_members_see_only_published_papers(client, member, performance_officer, council,
                                           django_assert_max_num_queries):
    draft, published = produce(), services.publish(produce(performance_officer, reuse=False), performance_officer)
    client.force_login(member)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("performance:papers")).content.decode()
    assert f"#{published.pk}" in page and f"#{draft.pk}<" not in page
    assert client.get(reverse("performance:paper", args=[draft.pk])).status_code == 404
    assert client.get(reverse("performance:paper-download", args=[published.pk])).status_code == 200
    assert client.get(reverse("performance:paper-quarter", args=[Q2.end.isoformat()])).status_code == 403
    assert client.post(reverse("performance:paper-publish", args=[draft.pk])).status_code == 403
    client.force_login(performance_officer)
    page = client.get(reverse("performance:papers")).content.decode()
    assert f"#{draft.pk}<" in page and "by the cabinet_paper command" in page  # a paper made from the command line
    quarter_page = client.get(reverse("performance:paper-quarter", args=[Q2.end.isoformat()])).content.decode()
    assert "Priya Analyst" in quarter_page


def test_html_version_shows_the_same_paper(client, performance_officer, council):
    services.report_for(Q2.end)
    client.force_login(performance_officer)
    page = client.get(reverse("performance:paper-preview", args=[Q2.end.isoformat()])).content.decode()
    assert "Key to ratings" in page and "/static/plotly/plotly.min.js" in page and "file://" not in page
    assert "the same quarter in the previous 3 years, mean ± 2 standard deviations" in page


def test_pages_for_a_date_that_is_not_a_quarter_end_are_not_found(client, performance_officer):
    client.force_login(performance_officer)
    for value in ("garbage", "2020-09-15"):
        assert client.get(reverse("performance:paper-quarter", args=[value])).status_code == 404
        assert client.get(reverse("performance:paper-preview", args=[value])).status_code == 404


def test_command_rejects_a_date_that_is_not_a_quarter_end(tmp_path):
    with pytest.raises(CommandError, match="not a quarter end"):
        call_command("cabinet_paper", "--quarter-end", "2020-09-15", "--output", str(tmp_path / "x.pdf"))


def test_a_changed_commentary_or_threshold_is_printed_afresh(council, performance_officer):
    first = produce()
    _, indicators = council
    Result.objects.filter(indicator=indicators[0], period_end=Q2.end).update(commentary="Recovered after recruitment")
    second = produce()
    assert second.figures_hash != first.figures_hash
    assert "Recovered after recruitment" in pdf_text(second.pdf.read())


def test_a_paper_claimed_by_a_dead_worker_is_taken_over(council, monkeypatch):
    monkeypatch.setattr(render, "print_pdf", lambda *args, **kwargs: (b"%PDF-1.7 stand-in", 1))
    paper = CabinetPaper.objects.create(report=services.report_for(Q2.end), status="generating",
                                        started_at=timezone.now())
    assert services.generate(paper.pk) is None  # another worker is producing it right now
    CabinetPaper.objects.filter(pk=paper.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert services.generate(paper.pk).status == CabinetPaper.Status.READY
    assert services.generate(paper.pk) is None  # a duplicate delivery of the task does nothing


def test_a_run_that_lost_its_claim_writes_nothing(council, monkeypatch):
    paper = CabinetPaper.objects.create(report=services.report_for(Q2.end))
    monkeypatch.setattr(render, "print_pdf", lambda *args, **kwargs: (b"%PDF-1.7 late", 1))

    def progress(paper_id):
        def report(percent, message):
            if percent == 40:  # while this run prints, it is presumed dead and another run takes over
                CabinetPaper.objects.filter(pk=paper_id).update(started_at=timezone.now() + timedelta(seconds=1))
        return report

    monkeypatch.setattr(services, "_progress", progress)
    late = services.generate(paper.pk, reuse=False)
    assert late.status == CabinetPaper.Status.GENERATING and not late.pdf  # the newer run's claim stands
