"""
schema.org JobPosting for a posting page, as JSON-LD: what search engines read to list a job.

Only what the posting states is emitted: a property with no value is left out rather than guessed (the
guide's postings give no place, pay or dates, so theirs carry little more than title and employer).
"""

import json

from django.utils.safestring import mark_safe

from postings.models import EmploymentType, Workplace
from roles.models import PayPeriod

EMPLOYMENT_TYPE = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.INTERNSHIP: "INTERN",
    EmploymentType.TEMPORARY: "TEMPORARY",
}
UNIT_TEXT = {PayPeriod.YEAR: "YEAR", PayPeriod.MONTH: "MONTH", PayPeriod.HOUR: "HOUR"}
# As django.utils.html.json_script does: nothing in the data can close the <script> element.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(posting, request):
    """The posting as a schema.org JobPosting dict (locations and company prefetched: no query)."""
    texts = (posting.summary, posting.responsibilities, posting.requirements)
    description = "\n\n".join(text for text in texts if text)
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description,
        "url": request.build_absolute_uri(posting.get_absolute_url()),
        "datePosted": posting.posted_on and posting.posted_on.isoformat(),
        "validThrough": posting.valid_through and posting.valid_through.isoformat(),
        "hiringOrganization": compact(
            {"@type": "Organization", "name": posting.company.name, "sameAs": posting.company.website}
        ),
        "employmentType": EMPLOYMENT_TYPE.get(posting.employment_type),
        "jobLocation": [place_of_work(place) for place in posting.office_locations],
        "baseSalary": base_salary(posting),
        "directApply": True if posting.apply_url else None,
    }
    if posting.workplace == Workplace.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = [
            {"@type": "Country", "name": place.country_name} for place in posting.remote_countries
        ]
    return compact(data)


def place_of_work(location):
    address = {
        "@type": "PostalAddress",
        "addressLocality": location.city,
        "addressRegion": location.region,
        "addressCountry": location.country,
    }
    return {"@type": "Place", "address": compact(address)}


def base_salary(posting):
    if not posting.states_pay:
        return None
    low, high = posting.pay_min, posting.pay_max
    value = {"@type": "QuantitativeValue", "unitText": UNIT_TEXT[posting.pay_period]}
    if low is not None and low == high:
        value["value"] = number(low)
    else:
        value |= compact({"minValue": number(low), "maxValue": number(high)})
    return {"@type": "MonetaryAmount", "currency": posting.pay_currency, "value": value}


def number(amount):
    """A Decimal as a JSON number: whole amounts as integers, others with their cents."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def compact(data):
    """The dict without the properties that have no value (None, "", or an empty list)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def as_script_content(data):
    """JSON for a <script type="application/ld+json"> element, safe to place in HTML as it is."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE))
