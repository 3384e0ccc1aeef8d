from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("trends/", views.TrendsView.as_view(), name="trends"),
]
