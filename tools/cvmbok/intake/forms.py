"""The forms: the submission's fields (choices from the schema and the book), receipt, review.

Django's forms validate and escape; the allowed values are read from `fields.choices`
at start-up, so the form can never offer a value the schema would refuse.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .config import MAX_PICTURES
from .fields import choices, schema
from .runtime import current

YES_NO = [("yes", "yes"), ("no", "no")]
BODY_HELP = ("Markdown. Start with the lesson in one or two sentences, then Situation, What happened, "
             "What to do. Never write your name, your employer, a brand or a colleague's name.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".png,.jpg,.jpeg,.gif,.webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = list(data) if isinstance(data, (list, tuple)) else [data]
        if len(files) > MAX_PICTURES:
            raise forms.ValidationError(f"at most {MAX_PICTURES} pictures per submission")
        return files


def _pairs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class SubmissionForm(forms.Form):
    title = forms.CharField(min_length=5, max_length=120, help_text=schema.FIELD_HELP["title"])
    section = forms.ChoiceField(help_text="where it goes in the book")
    kind = forms.ChoiceField()
    industry = forms.ChoiceField()
    region = forms.ChoiceField(help_text="a coarse region, never a country or a city")
    publish = forms.ChoiceField(choices=YES_NO, initial="yes", widget=forms.RadioSelect,
                                label="May the editors publish this text in the book?")
    acknowledge = forms.ChoiceField(choices=YES_NO, initial="no", widget=forms.RadioSelect,
                                    label="Would you like to be thanked by name? (send your name to an editor separately)")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 24, "cols": 80, "spellcheck": "true"}),
                           max_length=100_000, label="Your text", help_text=BODY_HELP)
    pictures = MultipleFileField(required=False, label="Pictures (optional: PNG, JPEG, GIF or WebP, 5 MB each)",
                                 help_text="link each one in the text as ![what it shows](ID/name.png); "
                                           "choose them again after a check, browsers forget them")
    warnings_read = forms.BooleanField(required=False, label="I have read the warnings and my text is fine as it is")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = choices(current().config.repo)
        for name in ("section", "kind", "industry", "region"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = _pairs(allowed[name])
        self.fields["region"].initial = "global"
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-describedby", "")
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"
            else:
                field.widget.attrs.pop("aria-describedby", None)


class ReceiptForm(forms.Form):
    code = forms.CharField(max_length=200, label="Your receipt code (ten words)",
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("start", "start review"), ("request_changes", "request changes"),
                                        ("accept", "accept and commit"), ("reject", "reject")])
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
                           label="Note to the contributor (required to request changes or reject)")
