"""The search's parameters, checked the same way for the portal's page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SearchEntry

EDITION_MAX = 32767  # the largest edition number the database holds


class SharedFields(dict):
    """A form's fields, which every form of its class shares instead of deep-copying
    them (Django copies them for each form, in case one changes its own).

    For a form that never changes its fields, its widgets or their choices: the search
    form's copy cost some 400 Python calls a request, a twentieth of the search page
    and a tenth of the search API.
    """

    def __deepcopy__(self, memo):
        return self


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        strip=True,
        label=_("Search editions, people, quotes, topics and report texts"),
        help_text=_(
            "Words, a year, an edition (15, 15th, fifteenth, XV), a name or a place."
        ),
    )
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("Everything"))] + SearchEntry.Kind.choices,
        label=_("Only"),
        help_text=_("One kind of result."),
    )
    edition_min = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=EDITION_MAX,
        label=_("From edition"),
        help_text=_("Editions, quotes and reports of this edition or later."),
    )
    edition_max = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=EDITION_MAX,
        label=_("To edition"),
        help_text=_("Editions, quotes and reports of this edition or earlier."),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("edition_min"), data.get("edition_max")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError(
                _("The first edition of the range comes after the last.")
            )
        return data

    def filters(self) -> dict:
        """Return the cleaned parameters as search()'s keywords."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "edition_min": data["edition_min"],
            "edition_max": data["edition_max"],
        }


# Set after the class is made: DeclarativeFieldsMetaclass collects base_fields.
SearchForm.base_fields = SharedFields(SearchForm.base_fields)
