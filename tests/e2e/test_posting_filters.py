"""
The postings list's filter form, as a job seeker uses it: where and how the job is done, its terms and pay,
how recent it is, the skills it asks for, the order of the list, and the shareable address and feed it leads to.

Every test builds the same small set of postings (one company, "Filterworks") next to the guide's own, and
asserts what the page shows for them.
"""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from postings.models import EmploymentType, LocationKind, PostingLocation, Workplace
from roles.models import PayPeriod
from tests.factories import CompanyFactory, JobPostingFactory, PostingSkillFactory, RoleFactory, SkillFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ATOM = "{http://www.w3.org/2005/Atom}"

REMOTE_US = "Remote Pipeline Engineer"  # remote, open to applicants in DE and US; 150–180k USD/yr; 3 days old
BERLIN = "Berlin Vision Scientist"  # on-site in Berlin; 70–90k EUR/yr; 10 days old
MUNICH = "Munich Hybrid Analyst"  # hybrid in Munich; part-time; 50–60k EUR/yr; 400 days old
NEW_YORK = "New York Research Engineer"  # on-site in New York; 200–250k USD/yr; 1 day old
PARIS = "Paris Contract Labeller"  # on-site in Paris; contract; 40–60 EUR/hour; 100 days old
REMOTE_FR = "Remote Europe Data Contractor"  # remote, open to applicants in FR; contract; 90–100k USD/yr; 20 days old
ALL_OURS = [REMOTE_US, BERLIN, MUNICH, NEW_YORK, PARIS, REMOTE_FR]


@pytest.fixture
def postings(site):
    """Six postings of one company that differ in every filtered respect, and three skills of our own."""
    today = timezone.localdate()
    company = CompanyFactory(name="Filterworks", slug="filterworks")
    role = RoleFactory(name="Filter Tester", slug="filter-tester")
    zebra_modelling = SkillFactory(name="Zebra modelling", slug="zebra-modelling")
    zebra_tracking = SkillFactory(name="Zebra tracking", slug="zebra-tracking")
    quokka = SkillFactory(name="Quokka analysis", slug="quokka-analysis")

    def posting(title, *, workplace, employment, pay, days_ago, places, skills):
        low, high, currency, period = pay
        made = JobPostingFactory(
            title=title,
            slug=title.lower().replace(" ", "-"),
            company=company,
            role=role,
            workplace=workplace,
            employment_type=employment,
            pay_min=Decimal(low),
            pay_max=Decimal(high),
            pay_currency=currency,
            pay_period=period,
            posted_on=today - timedelta(days=days_ago),
        )
        for kind, city, country in places:
            PostingLocation.objects.create(posting=made, kind=kind, city=city, country=country)
        for skill in skills:
            PostingSkillFactory(posting=made, skill=skill)
        return made

    year, hour = PayPeriod.YEAR, PayPeriod.HOUR
    office, remote = LocationKind.OFFICE, LocationKind.REMOTE
    full, part, contract = EmploymentType.FULL_TIME, EmploymentType.PART_TIME, EmploymentType.CONTRACT
    posting(
        REMOTE_US,
        workplace=Workplace.REMOTE,
        employment=full,
        pay=(150000, 180000, "USD", year),
        days_ago=3,
        places=[(remote, "", "DE"), (remote, "", "US")],
        skills=[zebra_modelling, quokka],
    )
    posting(
        BERLIN,
        workplace=Workplace.ON_SITE,
        employment=full,
        pay=(70000, 90000, "EUR", year),
        days_ago=10,
        places=[(office, "Berlin", "DE")],
        skills=[zebra_modelling],
    )
    posting(
        MUNICH,
        workplace=Workplace.HYBRID,
        employment=part,
        pay=(50000, 60000, "EUR", year),
        days_ago=400,
        places=[(office, "Munich", "DE")],
        skills=[zebra_tracking],
    )
    posting(
        NEW_YORK,
        workplace=Workplace.ON_SITE,
        employment=full,
        pay=(200000, 250000, "USD", year),
        days_ago=1,
        places=[(office, "New York", "US")],
        skills=[quokka],
    )
    posting(
        PARIS,
        workplace=Workplace.ON_SITE,
        employment=contract,
        pay=(40, 60, "EUR", hour),
        days_ago=100,
        places=[(office, "Paris", "FR")],
        skills=[],
    )
    posting(
        REMOTE_FR,
        workplace=Workplace.REMOTE,
        employment=contract,
        pay=(90000, 100000, "USD", year),
        days_ago=20,
        places=[(remote, "", "FR")],
        skills=[zebra_modelling, quokka, zebra_tracking],
    )
    return site


# --- helpers ----------------------------------------------------------------------------------------------


def filter_form(page):
    return page.get_by_role("form", name="Filter postings")


def submit(page):
    filter_form(page).get_by_role("button", name="Show postings").click()
    page.wait_for_load_state()


def control(page, label):
    """The form control whose visible label starts with `label` (Django's labels end with a colon)."""
    return filter_form(page).get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def query_pairs(url):
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def assert_clean_url(page, expected_pairs):
    """The address is /postings/ with exactly these parameters, none of them empty or at its default."""
    parts = urlsplit(page.url)
    assert parts.path == "/postings/", page.url
    pairs = query_pairs(page.url)
    empty = [name for name, value in pairs if not value.strip()]
    assert not empty, f"{page.url} carries empty parameters: {empty}"
    assert ("order", "newest") not in pairs, f"{page.url} carries the default order"
    assert sorted(pairs) == sorted(expected_pairs), page.url


def shown_titles(page):
    """Titles of our postings the list shows, in the page's order (the guide's own postings left out)."""
    titles = page.locator("ul.cards h3 a").all_inner_texts()
    return [title.strip() for title in titles if title.strip() in ALL_OURS]


def expect_exactly(page, titles):
    expect(page.get_by_role("heading", level=1, name="Job postings")).to_be_visible()
    for title in titles:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    assert sorted(shown_titles(page)) == sorted(titles), f"{page.url} shows {shown_titles(page)}"


def skill_box(page):
    """The skill box: "Skill names", or "Add skills" once some are chosen."""
    return filter_form(page).get_by_label(re.compile(r"^(Skill names|Add skills)$"))


def suggestions(page):
    return filter_form(page).get_by_role("listbox", name="Suggested skills").get_by_role("option")


def chosen_skill_names(page):
    chips = filter_form(page).get_by_role("list", name="Chosen skills").locator(".chip")
    return [text.replace("×", "").replace("(remove)", "").strip() for text in chips.all_inner_texts()]


# --- 1. workplace, and a URL worth sharing ------------------------------------------------------------------


def test_remote_workplace_shows_only_remote_postings_with_a_clean_url(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Workplace").select_option(label="Remote")
    submit(page)

    assert_clean_url(page, [("workplace", "remote")])
    expect_exactly(page, [REMOTE_US, REMOTE_FR])
    expect(control(page, "Workplace")).to_have_value("remote")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\b2 open postings match these filters"))

    # The visitor changes their mind: hybrid instead, nothing else.
    control(page, "Workplace").select_option(label="Hybrid")
    submit(page)
    assert_clean_url(page, [("workplace", "hybrid")])
    expect_exactly(page, [MUNICH])


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_server_drops_empty_fields_from_the_address(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Workplace").select_option(label="On-site")
    submit(page)
    # The browser sent every field (blank ones and order=newest): the page redirected to the short address.
    assert_clean_url(page, [("workplace", "on_site")])
    expect_exactly(page, [BERLIN, NEW_YORK, PARIS])

    page.goto(postings + "/postings/?q=&country=&city=+&workplace=remote&order=newest&skill=")
    assert_clean_url(page, [("workplace", "remote")])
    expect_exactly(page, [REMOTE_US, REMOTE_FR])


# --- 2. where -----------------------------------------------------------------------------------------------


def test_country_includes_remote_postings_open_to_it_and_city_narrows_it(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Country").select_option(label="Germany")
    submit(page)
    assert_clean_url(page, [("country", "DE")])
    # Two places of work in Germany, and the remote job open to applicants there.
    expect_exactly(page, [BERLIN, MUNICH, REMOTE_US])

    control(page, "City").fill("berlin")  # any case
    submit(page)
    assert_clean_url(page, [("country", "DE"), ("city", "berlin")])
    expect_exactly(page, [BERLIN])
    expect(control(page, "Country")).to_have_value("DE")
    expect(control(page, "City")).to_have_value("berlin")

    control(page, "City").fill("")
    control(page, "Country").select_option(label="France")
    submit(page)
    assert_clean_url(page, [("country", "FR")])
    expect_exactly(page, [PARIS, REMOTE_FR])

    control(page, "Country").select_option(label="Any country")
    control(page, "City").fill("NEW YORK")
    submit(page)
    assert_clean_url(page, [("city", "NEW YORK")])
    expect_exactly(page, [NEW_YORK])


# --- 3. terms, pay, dates and order -------------------------------------------------------------------------


def test_employment_type(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Employment type").select_option(label="Contract")
    submit(page)
    assert_clean_url(page, [("employment_type", "contract")])
    expect_exactly(page, [PARIS, REMOTE_FR])

    control(page, "Employment type").select_option(label="Part-time")
    submit(page)
    expect_exactly(page, [MUNICH])


def test_pays_at_least_compares_within_one_currency_and_period(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Pays at least").fill("150000")
    control(page, "Currency").select_option(label="USD")
    control(page, "Period").select_option(label="per year")
    submit(page)
    assert_clean_url(page, [("pay_min_at_least", "150000"), ("pay_currency", "USD"), ("pay_period", "year")])
    # 150k and 200k USD a year; not 90k USD, and never the euro postings however their numbers compare.
    expect_exactly(page, [REMOTE_US, NEW_YORK])

    control(page, "Pays at least").fill("60000")
    control(page, "Currency").select_option(label="EUR")
    submit(page)
    # 70k EUR a year starts above 60k; Munich's 50–60k starts below; Paris pays by the hour.
    expect_exactly(page, [BERLIN])

    control(page, "Period").select_option(label="per hour")
    control(page, "Pays at least").fill("40")
    submit(page)
    expect_exactly(page, [PARIS])

    # An amount without a currency and a period is explained, not silently ignored.
    page.goto(postings + "/postings/?pay_min_at_least=100")
    expect(filter_form(page).locator(".errorlist").filter(visible=True)).to_contain_text(
        re.compile(r"currency and a period", re.I)
    )


def test_posted_within_days(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Posted in the last … days").fill("30")
    submit(page)
    assert_clean_url(page, [("posted_within", "30")])
    expect_exactly(page, [NEW_YORK, REMOTE_US, BERLIN, REMOTE_FR])

    control(page, "Posted in the last … days").fill("5")
    submit(page)
    expect_exactly(page, [NEW_YORK, REMOTE_US])


def test_order_newest_first_and_by_pay(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Company").fill("filterworks")
    submit(page)
    # Newest first is the default: it is not written into the address.
    assert_clean_url(page, [("company", "filterworks")])
    assert shown_titles(page) == [NEW_YORK, REMOTE_US, BERLIN, REMOTE_FR, PARIS, MUNICH]
    expect(page.get_by_role("status")).to_contain_text("newest first")

    control(page, "Order").select_option(label="Highest pay first")
    control(page, "Currency").select_option(label="USD")
    control(page, "Period").select_option(label="per year")
    submit(page)
    assert_clean_url(
        page, [("company", "filterworks"), ("order", "pay"), ("pay_currency", "USD"), ("pay_period", "year")]
    )
    # Only pay in US dollars a year is ranked: 250k, 180k, 100k at the top of their ranges.
    assert shown_titles(page) == [NEW_YORK, REMOTE_US, REMOTE_FR]
    expect(page.get_by_role("status")).to_contain_text("highest pay first")

    # Ordering by pay without saying which currency is explained on the field.
    page.goto(postings + "/postings/?company=filterworks&order=pay")
    expect(control(page, "Order")).to_have_accessible_description(re.compile(r"choose a currency and a period", re.I))


# --- 4. skills ----------------------------------------------------------------------------------------------


def test_skills_are_suggested_as_you_type_and_two_chosen_skills_filter(page, postings):
    page.goto(postings + "/postings/")
    box = skill_box(page)
    expect(box).to_have_attribute("role", "combobox")

    box.fill("zEBra")
    expect(suggestions(page)).to_have_text(["Zebra modelling", "Zebra tracking"])
    expect(box).to_have_attribute("aria-expanded", "true")
    suggestions(page).filter(has_text="Zebra modelling").click()
    assert chosen_skill_names(page) == ["Zebra modelling"]
    expect(box).to_have_value("")

    # The keyboard alone: arrow down to the suggestion, Enter chooses it and does not send the form.
    box.fill("quokka")
    expect(suggestions(page)).to_have_text(["Quokka analysis"])
    box.press("ArrowDown")
    expect(suggestions(page).first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    assert urlsplit(page.url).query == ""
    assert chosen_skill_names(page) == ["Zebra modelling", "Quokka analysis"]

    # A skill already chosen is not suggested again.
    box.fill("zebra")
    expect(suggestions(page)).to_have_text(["Zebra tracking"])
    box.press("Escape")
    expect(filter_form(page).get_by_role("listbox", name="Suggested skills")).to_be_hidden()
    box.fill("")

    submit(page)
    assert_clean_url(page, [("skill", "zebra-modelling"), ("skill", "quokka-analysis")])
    expect_exactly(page, [REMOTE_US, REMOTE_FR])
    assert chosen_skill_names(page) == ["Zebra modelling", "Quokka analysis"]

    # A chosen skill's chip removes it.
    filter_form(page).get_by_role("link", name=re.compile(r"^Zebra modelling")).click()
    assert_clean_url(page, [("skill", "quokka-analysis")])
    expect_exactly(page, [REMOTE_US, NEW_YORK, REMOTE_FR])


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_skills_are_typed_by_name_and_unknown_ones_are_named(page, postings):
    page.goto(postings + "/postings/")
    expect(filter_form(page).get_by_role("listbox")).to_have_count(0)
    skill_box(page).fill("zebra MODELLING,  quokka analysis, unicorn taming")
    submit(page)
    assert_clean_url(
        page, [("skill", "zebra-modelling"), ("skill", "quokka-analysis"), ("skill_names", "unicorn taming")]
    )
    expect_exactly(page, [REMOTE_US, REMOTE_FR])
    expect(page.get_by_role("alert")).to_contain_text("No skill is called “unicorn taming”")
    assert chosen_skill_names(page) == ["Zebra modelling", "Quokka analysis"]
    expect(skill_box(page)).to_have_value("unicorn taming")

    # Corrected and sent again, the chosen skills come along (as hidden fields) and the new one joins them.
    skill_box(page).fill("Zebra tracking")
    submit(page)
    assert_clean_url(page, [("skill", "zebra-modelling"), ("skill", "quokka-analysis"), ("skill", "zebra-tracking")])
    expect_exactly(page, [REMOTE_FR])
    filter_form(page).get_by_role("link", name=re.compile(r"^Quokka analysis")).click()
    assert_clean_url(page, [("skill", "zebra-modelling"), ("skill", "zebra-tracking")])


def test_no_select_offers_a_dashes_empty_choice(page, postings):
    page.goto(postings + "/postings/")
    form = filter_form(page)
    selects = form.locator("select")
    assert selects.count() >= 10
    options = form.locator("select option").all_inner_texts()
    dashes = [text for text in options if re.fullmatch(r"\s*-{2,}\s*", text)]
    assert not dashes, f"the filter form offers {len(dashes)} '---------' choices"
    assert "---------" not in form.inner_text()
    # Every select that may be left alone says what leaving it means ("Any …"), except the order.
    for name in selects.evaluate_all("selects => selects.map(s => s.name)"):
        first = form.locator(f"select[name={name}] option").first
        if name == "order":
            expect(first).to_have_text("Newest first")
        else:
            expect(first).to_have_text(re.compile(r"^Any "))


# --- 5. accessibility ---------------------------------------------------------------------------------------


def test_every_control_is_labelled_and_help_texts_are_linked(page, postings):
    page.goto(postings + "/postings/")
    form = filter_form(page)
    unlabelled = form.evaluate(
        """form => [...form.querySelectorAll('input, select, textarea')]
             .filter(e => e.type !== 'hidden')
             .filter(e => {
               const labelText = [...(e.labels || [])].map(l => l.textContent.trim()).join('');
               return !labelText && !(e.getAttribute('aria-label') || '').trim()
                 && !e.getAttribute('aria-labelledby');
             })
             .map(e => e.name || e.id || e.outerHTML.slice(0, 80))"""
    )
    assert form.locator("input:not([type=hidden]), select").count() >= 16
    assert not unlabelled, f"form controls without a label: {unlabelled}"

    # Each help text is the description of the control it belongs to.
    links = form.evaluate(
        """form => [...form.querySelectorAll('.helptext')].map(help => ({
             id: help.id,
             describes: [...form.querySelectorAll('[aria-describedby]')]
               .filter(e => e.getAttribute('aria-describedby').split(/\\s+/).includes(help.id))
               .map(e => e.id || e.tagName.toLowerCase()),
           }))"""
    )
    assert len(links) >= 10
    for link in links:
        assert link["id"], "a help text without an id cannot be referenced"
        owner = link["id"].removesuffix("_helptext")
        assert link["describes"] == [owner], f"help text {link['id']} describes {link['describes']}"

    dangling = form.evaluate(
        """form => [...form.querySelectorAll('[aria-describedby], [aria-controls]')].flatMap(e =>
             `${e.getAttribute('aria-describedby') || ''} ${e.getAttribute('aria-controls') || ''}`
               .split(/\\s+/).filter(id => id && !document.getElementById(id)))"""
    )
    assert not dangling, f"aria references to missing elements: {dangling}"

    # What a screen reader announces, as the browser computes it.
    expect(control(page, "City")).to_have_accessible_description("Any case: berlin finds Berlin.")
    expect(control(page, "Workplace")).to_have_accessible_name(re.compile(r"^Workplace"))
    expect(skill_box(page)).to_have_accessible_description(re.compile(r"^Type skill names separated by commas"))


def test_keyboard_alone_chooses_a_skill_and_submits(page, postings):
    page.goto(postings + "/postings/")
    form = filter_form(page)
    control(page, "Order").focus()
    page.keyboard.press("Tab")
    expect(skill_box(page)).to_be_focused()
    page.keyboard.type("quokka")
    expect(suggestions(page)).to_have_text(["Quokka analysis"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # chooses; does not send the form
    assert urlsplit(page.url).query == ""
    assert chosen_skill_names(page) == ["Quokka analysis"]
    expect(skill_box(page)).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Show postings")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?skill="))
    assert_clean_url(page, [("skill", "quokka-analysis")])
    expect_exactly(page, [REMOTE_US, NEW_YORK, REMOTE_FR])


def test_tab_from_the_top_of_the_page_reaches_the_submit_button(page, postings):
    page.goto(postings + "/postings/")
    button = filter_form(page).get_by_role("button", name="Show postings")
    presses = 0
    while not button.evaluate("b => b === document.activeElement"):
        assert presses < 200, "200 presses of Tab never reached the Show postings button"
        page.keyboard.press("Tab")
        presses += 1
    # Past the header and every filter, but no trap along the way.
    assert presses > 20


# --- 6. empty results and invalid values --------------------------------------------------------------------


def test_no_match_shows_an_empty_state_with_a_way_out(page, postings):
    page.goto(postings + "/postings/")
    control(page, "Workplace").select_option(label="Remote")
    control(page, "Country").select_option(label="United Kingdom")
    submit(page)
    assert_clean_url(page, [("workplace", "remote"), ("country", "GB")])
    assert shown_titles(page) == []
    expect(page.locator("ul.cards")).to_have_count(0)
    expect(page.get_by_text("No postings match these filters")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\b0 open postings match these filters"))
    page.locator("main p.empty").get_by_role("link", name="clear filters").click()
    expect(page).to_have_url(re.compile(r"/postings/$"))
    expect(page.get_by_role("link", name=REMOTE_US, exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("pay_min_at_least=abc", "Pays at least", r"Enter a number"),
        ("posted_within=0", "Posted in the last … days", r"greater than or equal to 1"),
        ("posted_within=99999", "Posted in the last … days", r"less than or equal to 730"),
        ("workplace=moon", "Workplace", r"Select a valid choice"),
        ("country=XX", "Country", r"Select a valid choice"),
        ("company=no-such-company", "Company", r"Select a valid choice"),
    ],
)
def test_an_invalid_value_in_the_url_is_a_field_error_not_a_500(page, postings, query, field, message):
    response = page.goto(postings + f"/postings/?{query}")
    assert response.status == 200
    # The error is shown next to the field, and is part of what the field announces.
    expect(filter_form(page).locator(".errorlist").filter(visible=True)).to_contain_text(re.compile(message))
    expect(control(page, field)).to_have_accessible_description(re.compile(message))
    expect(control(page, field)).to_have_attribute("aria-invalid", "true")
    # The invalid filter is left out: the list still shows the postings.
    assert sorted(shown_titles(page)) == sorted(ALL_OURS)


def test_an_unknown_skill_in_the_url_is_an_error_on_the_skills_fieldset(page, postings):
    response = page.goto(postings + "/postings/?skill=no-such-skill&skill=quokka-analysis")
    assert response.status == 200
    picker = filter_form(page).locator("fieldset.skill-picker")
    expect(picker.locator(".errorlist")).to_contain_text("no-such-skill")
    expect(picker.locator(".errorlist")).to_contain_text("not one of the available choices")
    assert sorted(shown_titles(page)) == sorted(ALL_OURS)


# --- 7. on a phone ------------------------------------------------------------------------------------------


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_filter_form_is_usable_on_a_390px_phone(page, postings):
    def assert_no_sideways_scroll():
        # On a phone the results come first and the filters are a disclosure, closed unless a value is invalid.
        closed = page.locator("details.filter-panel:not([open]) > summary")
        if closed.count():
            closed.tap()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} scrolls sideways at 390 px ({width} px wide)"
        too_wide = filter_form(page).evaluate(
            """(form, limit) => [...form.querySelectorAll('input, select, button, label, .helptext, .errorlist')]
                 .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > limit + 0.5)
                 .map(e => e.name || e.id || e.tagName.toLowerCase())""",
            PHONE["width"],
        )
        assert not too_wide, f"parts of the filter form stick out past 390 px: {too_wide}"

    page.goto(postings + "/postings/")
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    # On a phone the results come first and the filters are a closed disclosure: open it.
    expect(page.locator("form.filters")).to_be_hidden()
    assert_no_sideways_scroll()

    control(page, "Country").select_option(label="Germany")
    control(page, "Currency").select_option(label="EUR")
    skill_box(page).fill("zebra")
    suggestions(page).filter(has_text="Zebra modelling").tap()
    assert chosen_skill_names(page) == ["Zebra modelling"]
    assert_no_sideways_scroll()
    button = filter_form(page).get_by_role("button", name="Show postings")
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    button.tap()
    page.wait_for_url(re.compile(r"\?country="))
    assert_clean_url(page, [("country", "DE"), ("pay_currency", "EUR"), ("skill", "zebra-modelling")])
    expect_exactly(page, [BERLIN])
    assert_no_sideways_scroll()

    # A long error message wraps rather than widening the page.
    page.goto(postings + "/postings/?pay_min_at_least=5&order=pay")
    expect(filter_form(page).locator(".errorlist").first).to_be_visible()
    assert_no_sideways_scroll()


# --- 8. the feed --------------------------------------------------------------------------------------------


def test_feed_link_keeps_the_active_filters(page, postings):
    page.goto(postings + "/postings/")
    alternate = page.locator('head link[rel=alternate][type="application/atom+xml"]')
    expect(alternate).to_have_count(1)
    assert urlsplit(alternate.get_attribute("href")).path == "/postings/feed/"
    assert urlsplit(alternate.get_attribute("href")).query == ""

    control(page, "Workplace").select_option(label="Remote")
    control(page, "Country").select_option(label="Germany")
    submit(page)
    assert_clean_url(page, [("workplace", "remote"), ("country", "DE")])
    href = alternate.get_attribute("href")
    assert urlsplit(href).path == "/postings/feed/"
    assert sorted(query_pairs(href)) == [("country", "DE"), ("workplace", "remote")]
    expect(alternate).to_have_attribute("title", re.compile(r"matching these filters"))
    # The visible link says the same.
    visible = page.get_by_role("link", name=re.compile(r"Atom feed of these postings"))
    expect(visible).to_have_attribute("href", href)

    response = page.request.get(postings + href)
    assert response.status == 200
    assert "atom" in response.headers["content-type"]
    feed = ET.fromstring(response.body())
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [f"{REMOTE_US} at Filterworks"]
    # The feed points back at the same filtered list, and at itself with the filters.
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert urlsplit(links["alternate"]).path == "/postings/"
    assert sorted(query_pairs(links["alternate"])) == [("country", "DE"), ("workplace", "remote")]
    assert sorted(query_pairs(links["self"])) == [("country", "DE"), ("workplace", "remote")]
