from django.urls import path

from . import views
from .feeds import EditionsFeed

app_name = "conferences"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("editions/", views.EditionListView.as_view(), name="edition-list"),
    path(
        "editions/<int:edition>/",
        views.EditionDetailView.as_view(),
        name="edition-detail",
    ),
    path(
        "editions/<int:edition>/history/",
        views.EditionHistoryView.as_view(),
        name="edition-history",
    ),
    path("feeds/editions.atom", EditionsFeed(), name="feed"),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path(
        "sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"
    ),
]
