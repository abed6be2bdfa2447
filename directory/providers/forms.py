"""The providers' update form (public, no account) and the officers' decision forms.

The service's fields are made from the page model's own fields (`formfield()`), so the labels, hints, lengths,
choices and age validators are the admin's; the rules the admin applies when publishing are applied here too
(youngest <= oldest age, at least one category, one way to get the service and one way to get in touch). Every text is
stripped of HTML; web addresses are checked with the project's SSRF-safe checker (directory/url_safety.py)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from localoffer.query_params import object_id

from ..choices import ACCESS_ROUTES, DELIVERY
from ..services.models import AGE_VALIDATORS, ServiceContact, ServicePage, ServiceVenue
from ..url_safety import MAX_URL_LENGTH, check_public_url
from .changes import CONTACT_FIELDS, TEXT_FIELDS, VENUE_FIELDS, VENUE_FLAGS, Snapshot

MAX_VENUES = 20
DESCRIPTION_HINT = ServicePage._meta.get_field("description").help_text  # type: ignore[union-attr]
MAX_CONTACTS = 20


def _model_field(model: type, name: str, **kwargs: Any) -> forms.Field:
    field = model._meta.get_field(name).formfield(**kwargs)  # type: ignore[attr-defined]
    assert field is not None
    return field


class IdChoiceField(forms.ModelChoiceField):
    """One row chosen by id: an id no database could hold is "not one of the choices", never a database error
    (SQLite cannot even compare a number that large)."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and object_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen by id, with the same care as IdChoiceField."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if object_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)  # type: ignore[misc]  # not in django-stubs


def _clean_text(value: Any) -> Any:
    return strip_tags(value).strip() if isinstance(value, str) else value


class PlainTextMixin:
    """Every text a provider sends is stripped of HTML and of spaces at either end."""

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        cleaned = self.cleaned_data  # type: ignore[attr-defined]
        for name, value in list(cleaned.items()):
            stripped = _clean_text(value)
            if stripped != value:
                cleaned[name] = stripped
                field = self.fields[name]  # type: ignore[attr-defined]
                if field.required and not stripped:
                    del cleaned[name]
                    self.add_error(name, field.error_messages["required"])  # type: ignore[attr-defined]


class SafeWebAddressField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_URL_LENGTH)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"spellcheck": "false", "inputmode": "url"})
        return attrs

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if value:
            error = check_public_url(value)
            if error:
                raise forms.ValidationError(error)
        return str(value)


class ServiceForm(PlainTextMixin, forms.Form):
    title = _model_field(ServicePage, "title", label="Name of the service")
    summary = _model_field(ServicePage, "summary")
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=f"{DESCRIPTION_HINT} Leave a blank line between paragraphs.",
    )
    organisation = _model_field(ServicePage, "organisation", empty_label="Not listed", form_class=IdChoiceField)
    categories = _model_field(
        ServicePage, "categories", widget=forms.CheckboxSelectMultiple, form_class=IdMultipleChoiceField
    )
    tier = _model_field(ServicePage, "tier", widget=forms.RadioSelect, label="Level of support (tier)")
    min_age = _model_field(ServicePage, "min_age")
    max_age = _model_field(ServicePage, "max_age")
    need_types = _model_field(
        ServicePage, "need_types", widget=forms.CheckboxSelectMultiple, form_class=IdMultipleChoiceField, label="Needs"
    )
    who_for = _model_field(ServicePage, "who_for")
    eligibility = _model_field(ServicePage, "eligibility")
    access_routes = forms.MultipleChoiceField(
        label="Ways to get this service (tick every one that applies)",
        choices=ACCESS_ROUTES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Say how families can get this service: tick at least one way"},
    )
    access_steps = _model_field(ServicePage, "access_steps")
    cost = _model_field(ServicePage, "cost", widget=forms.RadioSelect)
    cost_details = _model_field(ServicePage, "cost_details")
    delivery = forms.MultipleChoiceField(
        label="How it is delivered", choices=DELIVERY, widget=forms.CheckboxSelectMultiple, required=False
    )
    area = _model_field(ServicePage, "area", widget=forms.RadioSelect)
    languages = _model_field(ServicePage, "languages")
    decisions = _model_field(ServicePage, "decisions")
    note = forms.CharField(
        label="Anything else the officer should know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, why something changed. This is not published.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        messages = {
            "title": "Enter the name of the service",
            "summary": "Enter a summary of what the service does and for whom",
            "tier": "Choose the level of support",
            "eligibility": "Enter the eligibility criteria: what must be true before someone can use the service",
            "access_steps": "Enter how to get it: the steps a family takes",
            "cost": "Choose what it costs",
            "area": "Choose where the service is",
            "min_age": "Enter the youngest age the service is for",
            "max_age": "Enter the oldest age the service is for",
            "categories": "Choose at least one category",
        }
        for name, message in messages.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        for name in ("min_age", "max_age"):
            self.fields[name].error_messages.update(
                {
                    "invalid": "Enter the age as a whole number of years, like 5",
                    "min_value": "Enter an age from 0 to 25",
                    "max_value": "Enter an age from 0 to 25",
                }
            )
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})
            self.fields[name].validators = [*self.fields[name].validators, *AGE_VALIDATORS]
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = f"{field.label} must be {field.max_length} characters or fewer"  # type: ignore[attr-defined]
        self.fields["categories"].error_messages["invalid_choice"] = "Choose categories from the list"
        self.fields["need_types"].error_messages["invalid_choice"] = "Choose needs from the list"
        self.fields["organisation"].error_messages["invalid_choice"] = "Choose an organisation from the list"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", "The oldest age must be the same as or more than the youngest age")
        return cleaned


class VenueForm(PlainTextMixin, forms.Form):
    uuid = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in VENUE_FIELDS:
            self.fields[name] = _model_field(ServiceVenue, name)
            if name not in VENUE_FLAGS:
                self.fields[name].label = f"Venue {self.fields[name].label.lower()}"  # type: ignore[union-attr]
        self.fields["name"].label = "Name of the venue"
        self.fields["name"].error_messages["required"] = "Enter the name of the venue, or tick 'Remove this venue'"


class ContactForm(PlainTextMixin, forms.Form):
    uuid = forms.CharField(required=False, widget=forms.HiddenInput)
    name = _model_field(ServiceContact, "name", label="Contact name or role")
    phone = _model_field(ServiceContact, "phone", label="Phone number")
    email = _model_field(ServiceContact, "email", label="Email address")
    website = SafeWebAddressField(label="Website", required=False, help_text="Starting https://")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the contact's name or role, or tick 'Remove'"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like team@example.org"
        )

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        if phone and not all(ch in "0123456789 +()-" for ch in phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001")
        if phone and sum(ch in "0123456789" for ch in phone) < 10:
            raise forms.ValidationError("Enter a phone number with at least 10 digits, like 01632 960 001")
        return phone


class BaseContactFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any(
            form.cleaned_data.get(name)
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
            for name in ("phone", "email", "website")
        ):
            raise forms.ValidationError(
                "Give at least one way to get in touch: a phone number, email address or website"
            )


VenueFormSet = forms.formset_factory(
    VenueForm, extra=1, can_delete=True, max_num=MAX_VENUES, validate_max=True, absolute_max=MAX_VENUES + 5
)
ContactFormSet = forms.formset_factory(
    ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_CONTACTS,
    validate_max=True,
    absolute_max=MAX_CONTACTS + 5,
)


class UpdateForms:
    """The service form with its venues and contacts, built from a snapshot (GET) or what was sent (POST)."""

    def __init__(self, snapshot: Snapshot, data: Any = None) -> None:
        initial = {key: value for key, value in snapshot.items() if key not in ("venues", "contacts")}
        self.service = ServiceForm(data, initial=initial)
        self.venues = VenueFormSet(data, prefix="venues", initial=snapshot.get("venues") or [])
        self.contacts = ContactFormSet(data, prefix="contacts", initial=snapshot.get("contacts") or [])
        for formset, noun in ((self.venues, "venue"), (self.contacts, "contact")):
            for form in formset.forms:
                form.fields["DELETE"].label = f"Remove this {noun}"

    def is_valid(self) -> bool:
        results = [self.service.is_valid(), self.venues.is_valid(), self.contacts.is_valid()]
        return all(results)

    def errors(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the order of the page."""
        found: list[tuple[str, str]] = []

        def add(form: forms.Form) -> None:
            for name, errors in form.errors.items():
                if name == "__all__":
                    found.extend((f"{form.prefix or 'service'}-errors", str(e)) for e in errors)
                    continue
                bound = form[name]
                widget = bound.field.widget
                suffix = "_0" if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple) else ""
                found.extend((f"{bound.auto_id}{suffix}", str(e)) for e in errors)

        add(self.service)
        for formset in (self.venues, self.contacts):
            found.extend((f"{formset.prefix}-errors", str(e)) for e in formset.non_form_errors())
            for form in formset.forms:
                add(form)
        return found

    def proposed(self) -> Snapshot:
        data = self.service.cleaned_data
        proposed: Snapshot = {name: data.get(name) or "" for name in TEXT_FIELDS}
        proposed.update(
            description=data.get("description") or "",
            organisation=data["organisation"].pk if data.get("organisation") else None,
            categories=sorted(c.pk for c in data.get("categories") or []),
            tier=data.get("tier"),
            min_age=data.get("min_age"),
            max_age=data.get("max_age"),
            need_types=sorted(n.pk for n in data.get("need_types") or []),
            access_routes=[name for name, _l in ACCESS_ROUTES if name in (data.get("access_routes") or [])],
            cost=data.get("cost"),
            delivery=[name for name, _l in DELIVERY if name in (data.get("delivery") or [])],
            area=data.get("area"),
        )
        proposed["venues"] = [
            {
                "uuid": f.cleaned_data.get("uuid") or "",
                **{n: f.cleaned_data.get(n, False if n in VENUE_FLAGS else "") for n in VENUE_FIELDS},
            }
            for f in self.venues.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
        ]
        proposed["contacts"] = [
            {"uuid": f.cleaned_data.get("uuid") or "", **{n: f.cleaned_data.get(n) or "" for n in CONTACT_FIELDS}}
            for f in self.contacts.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
        ]
        return proposed

    @property
    def note(self) -> str:
        return str(self.service.cleaned_data.get("note") or "")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (the provider is sent this)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Give a reason: the provider is told it."},
    )
