from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="list"),
    path("indicators/<str:code>/", views.IndicatorDetailView.as_view(), name="detail"),
]
