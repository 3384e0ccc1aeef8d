"""The JSON API: /api/v1/ (resources), /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .views.conferences import ConferenceViewSet, SourceReportViewSet, TopicViewSet
from .views.corrections import ConsistencyViewSet, CorrectionViewSet
from .views.errors import not_found
from .views.provenance import (
    AppearanceViewSet,
    CitationViewSet,
    DelegationViewSet,
    KeyFigureViewSet,
    RoundTableViewSet,
    TopicLinkViewSet,
)
from .views.search import SearchViewSet
from .views.speakers import PersonViewSet, QuoteViewSet
from .views.stats import AttendanceViewSet, TopicStatsViewSet

app_name = "api"

router = DefaultRouter()
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("people", PersonViewSet, basename="person")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("topics", TopicViewSet, basename="topic")
router.register("sources", SourceReportViewSet, basename="source")
router.register("appearances", AppearanceViewSet, basename="appearance")
router.register("citations", CitationViewSet, basename="citation")
router.register("key-figures", KeyFigureViewSet, basename="key-figure")
router.register("round-tables", RoundTableViewSet, basename="round-table")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("topic-links", TopicLinkViewSet, basename="topic-link")
router.register("corrections", CorrectionViewSet, basename="correction")
router.register("consistency", ConsistencyViewSet, basename="consistency")
router.register("search", SearchViewSet, basename="search")
router.register("stats/attendance", AttendanceViewSet, basename="stats-attendance")
router.register("stats/topics", TopicStatsViewSet, basename="stats-topics")

# The busiest resources' addresses first: an address is matched against the patterns
# in turn, and the router lists them in registration order (which the API root keeps),
# the search's after some fifty others (some 150 Python calls a request). No other
# resource's pattern matches theirs: each begins with its own prefix.
BUSIEST = ("conferences", "search")
v1_patterns = sorted(
    router.urls,
    key=lambda pattern: (
        not str(pattern.pattern).startswith(tuple(f"^{prefix}" for prefix in BUSIEST))
    ),
)

urlpatterns = [
    path("v1/", include(v1_patterns)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs",
    ),
    # Last: any other address, /api/ itself included (an edition "abc", a slug with a
    # dot, a resource that does not exist).
    re_path(r"^(?P<path>.*)$", not_found),
]
