"""The portal's search page: one ranked list, counted per kind, filtered and paged."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from .forms import SearchForm
from .models import SearchEntry
from .query import search

RESULTS_PER_PAGE = 20


class SearchView(TemplateView):
    """One box over editions, people, quotes, topics and report texts."""

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if context["form"].errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context.update(form=form, query="", hide_site_search=True)
        if not form.is_bound or not form.is_valid() or not form.cleaned_data["q"]:
            return context
        found = search(form.cleaned_data["q"], **form.filters())
        paginator = Paginator(found.results, RESULTS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            query=found.query,
            search=found,
            page_obj=page,
            results=page.object_list,
            kinds=[
                (kind, label, found.counts[kind])
                for kind, label in SearchEntry.Kind.choices
            ],
        )
        return context
