from django.urls import path

from . import import_views
from .views import alerts, entry

app_name = "performance"

urlpatterns = [
    path("entry/", entry.QuarterEntryView.as_view(), name="quarter-entry"),
    path("results/<int:pk>/history/", entry.ResultHistoryView.as_view(), name="result-history"),
    path("alerts/", alerts.ExceptionAlertListView.as_view(), name="alerts"),
    path("import/", import_views.ImportView.as_view(), name="import"),
    path("import/confirm/", import_views.ImportConfirmView.as_view(), name="import-confirm"),
    path("import/template/<str:kind>.<str:fmt>", import_views.ImportTemplateView.as_view(), name="import-template"),
]
