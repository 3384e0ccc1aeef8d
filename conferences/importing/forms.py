"""The admin's forms for imports: a report to import, and an archivist's decisions on one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.models import KeyFigure, Topic
from history.admin import REASON_MAX_LENGTH
from speakers.models import Office, Person

from .service import ReportImportError, decode_report


class ImportForm(forms.Form):
    """A report to import: a UTF-8 text file, or its text pasted."""

    file = forms.FileField(required=False, help_text="The report as a UTF-8 .txt file.")
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        help_text="Or paste the report's text here.",
    )
    publisher = forms.CharField(required=False, max_length=200)
    published = forms.DateField(
        required=False, help_text="When the report was published (YYYY-MM-DD)."
    )
    language = forms.CharField(initial="en", max_length=10)
    dry_run = forms.BooleanField(
        required=False,
        label="Preview only",
        help_text="Show what the rules find without writing anything.",
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text")
        if upload and text:
            raise forms.ValidationError("Give a file or paste the text, not both.")
        if not upload and not text:
            raise forms.ValidationError(
                "Give the report: upload a file or paste its text."
            )
        try:
            data["report"] = decode_report(upload.read()) if upload else text
        except ReportImportError as error:
            raise forms.ValidationError(str(error)) from None
        data["file_name"] = upload.name if upload else ""
        return data


class ReasonForm(forms.Form):
    """Why the archivist decides as they do: kept with the decision and in the history."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Why, in a few words: it is kept in the history."),
    )


class ExcerptField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Excerpt"),
            widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
            help_text=_("The report's words that state it, copied exactly."),
            **kwargs,
        )


class AppearanceForm(ReasonForm):
    """A person the import could not place: who they are in the archive, in which office."""

    field_order = ["person", "office", "role", "excerpt", "reason"]
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.order_by("name")
    )
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.all())
    role = forms.CharField(
        label=_("Role"),
        max_length=200,
        help_text=_("The role as the report words it."),
    )
    excerpt = ExcerptField()


class TopicForm(ReasonForm):
    """A topic outside the vocabulary: one of the archive's after all, or a new one."""

    field_order = ["topic", "name", "kind", "reason"]
    topic = forms.ModelChoiceField(
        label=_("One of the archive's topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
    )
    name = forms.CharField(
        label=_("Or a new topic, named"), max_length=150, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of the new topic"),
        choices=Topic.Kind.choices,
        initial=Topic.Kind.OTHER,
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("topic")) == bool((data.get("name") or "").strip()):
            raise forms.ValidationError(
                _("Choose one of the archive's topics, or name a new one (not both).")
            )
        return data


class RoundTableForm(ReasonForm):
    field_order = ["region", "excerpt", "reason"]
    region = forms.CharField(label=_("Region"), max_length=150)
    excerpt = ExcerptField()


class KeyFigureForm(forms.ModelForm):
    """A figure the report gives without saying what it counts: the archivist says."""

    reason = ReasonForm.base_fields["reason"]

    class Meta:
        model = KeyFigure
        fields = ["label", "value", "unit", "qualifier", "period", "excerpt"]


class DiscardForm(ReasonForm):
    """Why the import is set aside."""
