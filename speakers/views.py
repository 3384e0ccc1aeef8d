"""Reader-facing pages for people."""

from django.views.generic import DetailView, ListView

from .models import Person


class PersonListView(ListView):
    queryset = Person.objects.for_listing()


class PersonDetailView(DetailView):
    queryset = Person.objects.for_detail()
