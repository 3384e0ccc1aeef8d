"""Build the POST data of an admin change form from its page, as a browser would send it."""


def _field_values(form, prefix: str = "") -> dict:
    data = {}
    for bound in form:
        name = bound.html_name
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def change_form_data(response, *, inlines: bool = True) -> dict:
    """Return the main form's and every inline formset's current values, management forms too."""
    data = _field_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"] if inlines else []:
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    return data


def add_inline_row(data: dict, prefix: str, values: dict) -> dict:
    """Add one new row to an inline formset's data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data
