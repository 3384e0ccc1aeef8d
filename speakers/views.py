"""Reader-facing pages for people."""

from django.views.generic import DetailView, ListView

from .models import Person


class PersonListView(ListView):
    """Everyone the reports name, with their offices and how many editions they attended."""

    queryset = Person.objects.for_listing()


class PersonDetailView(DetailView):
    """A person's offices over time, the editions they attended and their words."""

    queryset = Person.objects.for_detail()
