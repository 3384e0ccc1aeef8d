from django.urls import path, re_path

from . import views

app_name = "exports"

urlpatterns = [
    path(
        "editions/<int:key>/cite.<str:fmt>",
        views.cite,
        {"kind": "edition"},
        name="edition-cite",
    ),
    path(
        "sources/<slug:key>/cite.<str:fmt>",
        views.cite,
        {"kind": "source"},
        name="source-cite",
    ),
    path(
        "quotes/<int:key>/cite.<str:fmt>",
        views.cite,
        {"kind": "quote"},
        name="quote-cite",
    ),
    path("calendar.ics", views.series_calendar, name="calendar"),
    path(
        "editions/<int:edition>/calendar.ics",
        views.edition_calendar,
        name="edition-calendar",
    ),
    path("data/datapackage.json", views.data_package, name="datapackage"),
    re_path(
        r"^data/(?P<name>[a-z_]+\.csv|archive\.json|ncb-conference-archive\.zip)$",
        views.data_file,
        name="data-file",
    ),
]

# The open-data page is a reader's page, in every language (/fr/data/…): archive/urls.py
# puts it in i18n_patterns, under a namespace of its own; the files above stay at one
# address for every language.
page_urlpatterns = [path("data/", views.DataView.as_view(), name="page")]
