"""The JSON API: /api/v1/ (resources), /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from conferences.api import ConferenceViewSet, SourceReportViewSet, TopicViewSet
from speakers.api import PersonViewSet, QuoteViewSet
from stats.api import AttendanceViewSet, TopicStatsViewSet

app_name = "api"

router = DefaultRouter()
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("people", PersonViewSet, basename="person")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("topics", TopicViewSet, basename="topic")
router.register("sources", SourceReportViewSet, basename="source")
router.register("stats/attendance", AttendanceViewSet, basename="stats-attendance")
router.register("stats/topics", TopicStatsViewSet, basename="stats-topics")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs",
    ),
]
