from django.urls import path

from performance.views.dashboards import DirectorateView, IndicatorView

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="list"),
    path("indicators/mine/", views.MyIndicatorsView.as_view(), name="mine"),
    path("indicators/<str:code>/", IndicatorView.as_view(), name="detail"),
    path("directorates/<slug:slug>/", DirectorateView.as_view(), name="directorate"),
]
