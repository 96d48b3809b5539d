from django.urls import path

from . import import_views
from .views import alerts, approvals, entry, papers, targets

app_name = "performance"

urlpatterns = [
    path("entry/", entry.QuarterEntryView.as_view(), name="quarter-entry"),
    path("results/<int:pk>/history/", entry.ResultHistoryView.as_view(), name="result-history"),
    path("results/<int:pk>/override/", entry.RatingOverrideView.as_view(), name="rating-override"),
    path("targets/<str:code>/yearly/", targets.AnnualTargetView.as_view(), name="annual-target"),
    path("approvals/", approvals.ApprovalListView.as_view(), name="approvals"),
    path("alerts/", alerts.ExceptionAlertListView.as_view(), name="alerts"),
    path("papers/", papers.PaperListView.as_view(), name="papers"),
    path("papers/<str:quarter_end>/", papers.QuarterPaperView.as_view(), name="paper-quarter"),
    path("papers/<str:quarter_end>/preview/", papers.PaperPreviewView.as_view(), name="paper-preview"),
    path("papers/paper/<int:pk>/", papers.PaperDetailView.as_view(), name="paper"),
    path("papers/paper/<int:pk>/status/", papers.PaperStatusView.as_view(), name="paper-status"),
    path("papers/paper/<int:pk>/download/", papers.PaperDownloadView.as_view(), name="paper-download"),
    path("papers/paper/<int:pk>/publish/", papers.PaperPublishView.as_view(), name="paper-publish"),
    path("import/", import_views.ImportView.as_view(), name="import"),
    path("import/confirm/", import_views.ImportConfirmView.as_view(), name="import-confirm"),
    path("import/template/<str:kind>.<str:fmt>", import_views.ImportTemplateView.as_view(), name="import-template"),
]
