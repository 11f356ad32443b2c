"""
Where synthetic postings are, how they are worked and what they pay: for generate_benchmark_data only.

Shaped like a real board, not like facts: most jobs on-site or hybrid in a long tail of cities, about one
in six remote (open to a few countries), most stating pay in the currency of their first place of work,
at levels that differ by country and period. Amounts and cities are invented for load, never shown as
facts: everything carries the synthetic source.
"""

import bisect
import itertools
import random

from postings.models import EmploymentType, LocationKind, Seniority, Workplace
from roles.models import PayPeriod

# (country, region, city, currency, pay level against the US): most common first (drawn with Zipf weights).
CITIES = [
    ("US", "California", "San Francisco", "USD", 1.0),
    ("US", "New York", "New York", "USD", 1.0),
    ("US", "Washington", "Seattle", "USD", 1.0),
    ("GB", "England", "London", "GBP", 0.55),
    ("IN", "Karnataka", "Bengaluru", "INR", 18.0),
    ("US", "Massachusetts", "Boston", "USD", 0.95),
    ("DE", "Berlin", "Berlin", "EUR", 0.6),
    ("CA", "Ontario", "Toronto", "CAD", 1.0),
    ("US", "Texas", "Austin", "USD", 0.9),
    ("FR", "Île-de-France", "Paris", "EUR", 0.55),
    ("NL", "North Holland", "Amsterdam", "EUR", 0.65),
    ("SG", "", "Singapore", "SGD", 1.0),
    ("DE", "Bavaria", "Munich", "EUR", 0.65),
    ("CH", "Zurich", "Zurich", "CHF", 1.0),
    ("IE", "Leinster", "Dublin", "EUR", 0.7),
    ("US", "Illinois", "Chicago", "USD", 0.9),
    ("IN", "Telangana", "Hyderabad", "INR", 16.0),
    ("ES", "Catalonia", "Barcelona", "EUR", 0.45),
    ("PL", "Masovia", "Warsaw", "PLN", 1.6),
    ("CA", "Quebec", "Montréal", "CAD", 0.9),
    ("JP", "Tokyo", "Tokyo", "JPY", 110.0),
    ("AU", "New South Wales", "Sydney", "AUD", 1.2),
    ("SE", "Stockholm", "Stockholm", "SEK", 6.5),
    ("IL", "Tel Aviv", "Tel Aviv", "ILS", 2.8),
    ("BR", "São Paulo", "São Paulo", "BRL", 2.0),
    ("US", "Georgia", "Atlanta", "USD", 0.85),
    ("GB", "Scotland", "Edinburgh", "GBP", 0.5),
    ("US", "Colorado", "Denver", "USD", 0.9),
]
CITY_WEIGHTS = list(itertools.accumulate(1 / (k + 2) for k in range(len(CITIES))))
REMOTE_COUNTRIES = ["US", "CA", "GB", "DE", "NL", "ES", "PT", "PL", "IE", "FR", "IN", "BR", "MX", "AR"]
WORKPLACES = [Workplace.ON_SITE] * 11 + [Workplace.HYBRID] * 5 + [Workplace.REMOTE] * 3 + [""]
EMPLOYMENT = [EmploymentType.FULL_TIME] * 16 + [
    EmploymentType.CONTRACT,
    EmploymentType.CONTRACT,
    EmploymentType.PART_TIME,
    EmploymentType.TEMPORARY,
    "",
]
# (period, periods in a year, rounding step): the same yearly pay, stated per period.
PERIODS = [(PayPeriod.YEAR, 1, 1000)] * 17 + [(PayPeriod.MONTH, 12, 100)] + [(PayPeriod.HOUR, 2000, 1)] * 2
CITY_TERMS = {(country, region, city): (currency, level) for country, region, city, currency, level in CITIES}


def places(n, seed):
    """
    Yield (workplace, [(kind, city, region, country), ...]) per posting. Replayable, like the skeletons:
    the same seed gives the same sequence, read once for the postings and once for their locations.
    """
    rng = random.Random(f"{seed}:places")
    for _ in range(n):
        workplace = rng.choice(WORKPLACES)
        locations = []
        if workplace != Workplace.REMOTE or rng.random() < 0.3:  # Remote jobs sometimes name an office too.
            for _ in range(1 if rng.random() < 0.85 else 2):
                country, region, city, *_ = CITIES[bisect.bisect(CITY_WEIGHTS, rng.random() * CITY_WEIGHTS[-1])]
                locations.append((LocationKind.OFFICE, city, region, country))
        if workplace == Workplace.REMOTE:
            for country in rng.sample(REMOTE_COUNTRIES, rng.randint(0, 3)):
                locations.append((LocationKind.REMOTE, "", "", country))
        yield workplace, list(dict.fromkeys(locations))


def terms(rng, slug, seniority, locations):
    """
    (employment_type, pay_min, pay_max, pay_currency, pay_period, apply_url, apply_email) for one posting:
    about 65% state pay, a range mostly, sometimes one end only.
    """
    employment = EmploymentType.INTERNSHIP if seniority == Seniority.INTERN else rng.choice(EMPLOYMENT)
    pay = (None, None, "", "")
    if rng.random() < 0.65:
        office = next((place for place in locations if place[0] == LocationKind.OFFICE), None)
        currency, level = ("USD", 1.0) if office is None else CITY_TERMS[(office[3], office[2], office[1])]
        period, per_year, step = rng.choice(PERIODS)
        yearly = rng.lognormvariate(11.7, 0.35) * level * (0.3 if employment == EmploymentType.INTERNSHIP else 1)
        low = max(step, round(yearly / per_year / step) * step)
        high = round(low * rng.uniform(1.1, 1.5) / step) * step
        shape = rng.random()
        pay = (low if shape < 0.97 else None, high if shape < 0.92 or shape >= 0.97 else None, currency, period)
    channel = rng.random()
    apply_url = f"https://careers.example.com/{slug}" if channel < 0.7 else ""
    apply_email = "jobs@example.com" if 0.7 <= channel < 0.9 else ""
    return (employment, *pay, apply_url, apply_email)
