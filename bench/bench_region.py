"""Time the climate status dashboard and the network's annual report for 1,000 partners with
10 years of approved climate accounts each (issue 8, item 5).

Run: .venv/bin/python bench/bench_region.py [runs]   # default 30 runs per measure
     .venv/bin/python bench/bench_region.py --keep        # keep the database afterwards
     .venv/bin/python bench/bench_region.py --reuse NAME  # measure a kept database again

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust). It is not part of the test suite.

The script creates a throwaway database, migrates it and fills it in bulk (``bulk_create``,
no services): 1,000 organisations with an active partner membership (across sectors and
kinds) and 40 with an ended one, each partner with APPROVED accounts for 2015–2024 of 12–20
lines of the demo's activities (``demo/data.py``'s account profiles, which the default factor
set calculates), a base year (totals recorded with the engine), targets for about 40 % of the
partners, action plans with measures (some done) for about half, and municipal statistics for
the county's municipalities (``region.models.MunicipalEmission``: sectors and subsectors, 2009
and 2015–2024). The database is dropped at the end.

Then each measure of ``measures()`` runs: one warm-up, one run counted with
``CaptureQueriesContext``, then `runs` timed runs (``time.perf_counter``; the CPU time of this
process with ``time.process_time``), printed as median, min and max. The pages are
fetched with Django's test Client with the page cache off (``PAGE_CACHE_SECONDS=0``), so every
GET renders. Before measuring, the report for 2024 is published (its figures computed once and
stored on the page); the report page then shows the stored figures, and its PDF is timed both
rendered (the cache cleared each run) and from the cache. To time a further page or function,
add a ``Measure`` to the list ``measures()`` returns.

The target: the dashboard, the live report and the report page each have a median under
300 ms (the rendered PDF is shown for information: WeasyPrint's layout, once per publication).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
PARTNERS = 1000
ENDED = 40  # organisations whose partner membership has ended (not in the report)
YEARS = tuple(range(2015, 2025))
REPORT_YEAR = YEARS[-1]
STATISTICS_YEARS = (2009, *range(2015, 2025))
TARGET_MS = 300.0

# Partner profiles: (account profile of demo/data.py, NACE sector, kind of organisation).
PROFILES = (
    ("transport", "H", "company"),
    ("farm", "A", "farm"),
    ("construction", "F", "company"),
    ("municipal", "O", "municipality"),
    ("utility", "E", "company"),
    ("industry", "C", "company"),
    ("hospitality", "I", "company"),
    ("office", "M", "company"),
    ("office", "J", "company"),
    ("office", "K", "company"),
    ("office", "P", "academia"),
    ("office", "S", "ngo"),
    ("municipal", "O", "county_authority"),
    ("office", "O", "state_agency"),
)
# Subsectors for the municipal statistics (Miljødirektoratet's breakdown, abridged).
SUBSECTORS = {
    "Industri": ("Olje og gass", "Metaller", "Mineralsk industri", "Annen industri"),
    "Veitrafikk": ("Personbiler", "Varebiler", "Tunge kjøretøy"),
    "Sjøfart": ("Passasjerskip", "Godsskip", "Fiskefartøy"),
    "Jordbruk": ("Husdyr", "Gjødsel"),
    "Annen mobil forbrenning": ("Motorredskaper", "Luftfart"),
    "Oppvarming": ("Husholdninger", "Næringsbygg"),
    "Avfall og avløp": ("Avfallsdeponi", "Avløp"),
    "Energiforsyning": ("Fjernvarme", "Avfallsforbrenning"),
}


@dataclass(frozen=True)
class Measure:
    """One thing to time: `run` is called once to warm up, once to count the queries, then
    `runs` times."""

    label: str
    run: Callable[[], object]
    targeted: bool = True  # False: shown for information, no target


@dataclass(frozen=True)
class Result:
    label: str
    milliseconds: list[float]
    queries: int
    note: str = ""
    cpu_ms: float = 0.0  # median CPU time of this process (not the database server's)
    targeted: bool = True

    @property
    def median(self) -> float:
        return statistics.median(self.milliseconds)


def main(runs: int, reuse: str | None = None, keep: bool = False) -> None:
    database = reuse or f"klimanett_bench_region_{os.getpid()}"
    os.environ["DATABASE_URL"] = f"{PG}/{database}"
    os.environ["KLIMANETT_TESTING"] = "1"  # a throwaway secret key, no HTTPS redirect
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test Client's host name
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # every GET renders: the uncached figures
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimanett.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if reuse:  # a database kept by an earlier run (--keep): measure only
        try:
            report([measure_one(m, runs) for m in measures()], runs)
        finally:
            connection.close()
        return
    _psql(f'CREATE DATABASE "{database}"')
    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter()
        counts = seed()
        seeded = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"migrate {migrated - started:.1f} s, seed {seeded - migrated:.1f} s: "
            + ", ".join(f"{n} {what}" for what, n in counts.items())
        )
        results = [measure_one(m, runs) for m in measures()]
        report(results, runs)
    finally:
        connection.close()
        if keep:
            print(f"kept: {database} (--reuse {database}; drop it when done)")
        else:
            _psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


# --- Seeding ----------------------------------------------------------------------------------


def seed() -> dict[str, int]:
    """Fill the database in bulk; how many rows of each kind were made."""
    from django.db import transaction

    with transaction.atomic():
        return _seed(random.Random(8))


def _seed(rng: random.Random) -> dict[str, int]:
    import datetime

    from django.utils import timezone

    from klimanett.accounting.ghg.factors import DEFAULT_FACTOR_SET
    from klimanett.accounting.models import AccountLine, BaseYear, ClimateAccount
    from klimanett.climateplans import actuals
    from klimanett.climateplans.models import ActionPlan, Target
    from klimanett.climateplans.models import Measure as PlanMeasure
    from klimanett.core.models import User
    from klimanett.demo import data
    from klimanett.municipalities.models import Municipality
    from klimanett.partners.models import Membership, Organisation

    now = timezone.now()
    secretariat = User.objects.create_user(email="sekretariat@bench.invalid", password=None)
    county = list(
        Municipality.objects.filter(number__regex=r"^(39|40)\d\d$").order_by("number")
    ) or list(Municipality.objects.order_by("number")[:17])

    # Organisations and memberships.
    organisations = []
    profiles = []
    for n in range(PARTNERS + ENDED):
        profile, sector, kind = PROFILES[n % len(PROFILES)]
        profiles.append(profile)
        organisations.append(
            Organisation(
                name=f"Benkpartner {n:04d} AS",
                org_number=f"9{n:08d}",
                slug=f"benkpartner-{n:04d}",
                kind=kind,
                sector=sector,
                municipality=county[n % len(county)],
                employees=rng.randint(3, 400),
                public_profile=n % 3 != 0,
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    Membership.objects.bulk_create(
        [
            Membership(
                organisation=organisation,
                type=Membership.Type.PARTNER,
                status=Membership.Status.ACTIVE if n < PARTNERS else Membership.Status.ENDED,
                agreement_date=datetime.date(2014 + n % 6, 1 + n % 12, 1),
                ended_on=None if n < PARTNERS else datetime.date(2022, 12, 31),
                fee_category=Membership.FeeCategory.SIZE_10_49,
            )
            for n, organisation in enumerate(organisations)
        ],
        batch_size=2000,
    )

    # Accounts: 10 approved years of 12–20 lines each, from the partner's profile.
    accounts = []
    planned_lines: list[list[tuple[str, Decimal, str]]] = []
    for n, organisation in enumerate(organisations):
        specs = data.ACCOUNT_PROFILES[profiles[n]]
        employees = organisation.employees
        # The same activities every year (meters, vehicles, sites: some activities twice or
        # three times), with quantities that drift down over the years.
        chosen = [spec for spec in specs if not spec.optional or rng.random() < 0.6]
        while len(chosen) < rng.randint(12, 20):
            chosen.append(rng.choice(specs))
        shares = [rng.uniform(0.2, 1.0) for _ in chosen]
        for year in YEARS:
            trend = 1.0 - 0.025 * (year - YEARS[0]) + rng.uniform(-0.05, 0.05)
            accounts.append(
                ClimateAccount(
                    organisation=organisation,
                    year=year,
                    status=ClimateAccount.Status.APPROVED,
                    factor_set=DEFAULT_FACTOR_SET,
                    employees=employees,
                    revenue_nok=Decimal(employees * 1_500_000) if n % 4 else None,
                    heated_area_m2=Decimal(employees * 40) if n % 5 else None,
                    publish=rng.random() < 0.6,
                    submitted_at=now,
                    submitted_by=secretariat,
                    approved_at=now,
                    approved_by=secretariat,
                )
            )
            planned_lines.append(
                [
                    (
                        spec.activity,
                        _quantity(spec.per_employee * employees * share * trend, spec.unit),
                        spec.unit,
                    )
                    for spec, share in zip(chosen, shares, strict=True)
                ]
            )
    ClimateAccount.objects.bulk_create(accounts, batch_size=2000)
    lines = [
        AccountLine(account_id=account.pk, activity=a, quantity=q, unit=u, order=order)
        for account, account_lines in zip(accounts, planned_lines, strict=True)
        for order, (a, q, u) in enumerate(account_lines)
    ]
    AccountLine.objects.bulk_create(lines, batch_size=5000)

    # The figures of each account as the engine gives them, for base years and targets.
    by_key = {}
    for account, account_lines in zip(accounts, planned_lines, strict=True):
        by_key[(account.organisation_id, account.year)] = actuals._figures(account, account_lines)

    base_years = []
    targets = []
    plans = []
    for n, organisation in enumerate(organisations[:PARTNERS]):
        base_year = 2015 + n % 5
        figures = by_key[(organisation.pk, base_year)]
        base_years.append(
            BaseYear(
                organisation=organisation,
                account=figures.account,
                factor_set=DEFAULT_FACTOR_SET,
                total_location_kg=figures.totals.total_location_kg,
                total_market_kg=figures.totals.total_market_kg,
                positions=[],
                recorded_at=now,
                recorded_by=secretariat,
            )
        )
        if n % 5 < 2:  # about 40 % set targets
            for kind, metric, scopes in (
                (Target.Kind.EMISSIONS, Target.Metric.ABSOLUTE, Target.Scopes.SCOPES_1_2),
                (Target.Kind.EMISSIONS, Target.Metric.PER_EMPLOYEE, Target.Scopes.SCOPES_1_2_3),
                (Target.Kind.RENEWABLE_SHARE, Target.Metric.ABSOLUTE, Target.Scopes.SCOPES_1_2),
            )[: 1 + n % 3]:
                value = actuals.target_value(
                    kind=kind, metric=metric, scopes=scopes, figures=figures
                )
                share = kind == Target.Kind.RENEWABLE_SHARE
                targets.append(
                    Target(
                        organisation=organisation,
                        title=f"Mål {kind}",
                        kind=kind,
                        metric=metric,
                        scopes=scopes,
                        base_year=base_year,
                        base_value=value or 0.0,
                        target_year=2030,
                        reduction_percent=None if share else Decimal(rng.choice((30, 50, 60))),
                        target_share_percent=Decimal(90) if share else None,
                        status=Target.Status.WITHDRAWN if n % 37 == 0 else Target.Status.ACTIVE,
                        created_by=secretariat,
                    )
                )
        if n % 2 == 0:  # about half have an action plan
            plans.append(ActionPlan(organisation=organisation))
    BaseYear.objects.bulk_create(base_years, batch_size=2000)
    Target.objects.bulk_create(targets, batch_size=2000)
    ActionPlan.objects.bulk_create(plans, batch_size=2000)
    statuses = list(PlanMeasure.Status)
    categories = list(PlanMeasure.Category)
    measures = [
        PlanMeasure(
            plan=plan,
            title=f"Tiltak {i + 1}",
            category=rng.choice(categories),
            expected_reduction_t=Decimal(rng.randint(1, 400)) / 10,
            start_year=rng.choice(YEARS),
            status=rng.choice(statuses),
        )
        for plan in plans
        for i in range(rng.randint(2, 5))
    ]
    PlanMeasure.objects.bulk_create(measures, batch_size=2000)
    emissions = _municipal_emissions(county, rng)
    return {
        "organisations": len(organisations),
        "accounts": len(accounts),
        "account lines": len(lines),
        "base years": len(base_years),
        "targets": len(targets),
        "measures": len(measures),
        "municipal emission rows": emissions,
    }


def _quantity(value: float, unit: str) -> Decimal:
    """Whole litres, kWh and km; tonnes to the kilo."""
    if unit in ("t", "MWh"):
        return Decimal(f"{max(value, 0.001):.3f}")
    return Decimal(max(round(value), 1))


def _municipal_emissions(county, rng: random.Random) -> int:
    from klimanett.region.models import MunicipalEmission

    rows = []
    for index, municipality in enumerate(county):
        size = 0.5 + (index * 7919 % 13) / 4  # a spread of small and large municipalities
        for year in STATISTICS_YEARS:
            fall = 1.0 - 0.02 * max(0, year - 2015)
            for sector, subsectors in SUBSECTORS.items():
                for subsector in subsectors:
                    tonnes = 1000 * size * fall * rng.uniform(0.5, 1.5)
                    rows.append(
                        MunicipalEmission(
                            municipality=municipality,
                            year=year,
                            sector=sector,
                            subsector=subsector,
                            t_co2e=Decimal(f"{tonnes:.4f}"),
                        )
                    )
    MunicipalEmission.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


# --- What is measured ---------------------------------------------------------------------------


def measures() -> list[Measure]:
    """The measures, in order. The report page for `REPORT_YEAR` is published first (once:
    publishing computes and stores its figures) when the database has none."""
    from django.core.cache import cache
    from django.test import Client

    from klimanett.municipalities.models import Municipality
    from klimanett.region.models import MunicipalEmission
    from klimanett.region.report import network_report

    client = Client()
    # The municipality with the most rows.
    number = (
        Municipality.objects.filter(
            pk=MunicipalEmission.objects.order_by("municipality_id").values("municipality_id")[:1]
        )
        .values_list("number", flat=True)
        .get()
    )

    def get(path: str) -> Callable[[], object]:
        def run() -> object:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return run

    report_url = _published_report_url()

    def pdf_rendered() -> object:
        cache.clear()  # the PDF is kept in the cache until the page is published again
        return get(report_url + "pdf/")()

    return [
        Measure("GET /klimastatus/ (uncached)", get("/klimastatus/")),
        Measure(f"GET /klimastatus/{number}/ (uncached)", get(f"/klimastatus/{number}/")),
        Measure(f"network_report({REPORT_YEAR}) (live)", lambda: network_report(REPORT_YEAR)),
        Measure(f"GET {report_url} (published figures, uncached)", get(report_url)),
        Measure(f"GET {report_url}pdf/ (rendered)", pdf_rendered, targeted=False),
        Measure(f"GET {report_url}pdf/ (from the cache)", get(report_url + "pdf/")),
    ]


def _published_report_url() -> str:
    from klimanett.site.models import AnnualReportIndexPage, AnnualReportPage
    from klimanett.site.pages import ensure_site_pages

    page = AnnualReportPage.objects.filter(year=REPORT_YEAR).first()
    if page is None:
        ensure_site_pages(home_title="Klimanettverket", intro="<p>Benchmark.</p>", aims=[])
        page = AnnualReportPage(
            title=f"Klimarapport {REPORT_YEAR}", slug=str(REPORT_YEAR), year=REPORT_YEAR
        )
        AnnualReportIndexPage.objects.get().add_child(instance=page)
        page.save_revision().publish()
    return page.url


def measure_one(measure: Measure, runs: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    measure.run()  # warm-up: templates, factor set, calculators, the Wagtail site
    with CaptureQueriesContext(connection) as queries:
        first = measure.run()
    # Counted now: the next request's request_started signal clears the connection's log.
    query_count = len(queries)
    seconds = []
    cpu = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        measure.run()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    note = ""
    if hasattr(first, "reporting_partners"):
        note = (
            f"{first.reporting_partners} of {first.active_partners} partners reporting, "
            f"{first.emissions.total_location_t:,.1f} t CO2e (location-based)"
        )
    elif hasattr(first, "content"):
        kind = "PDF" if first["Content-Type"] == "application/pdf" else "HTML"
        note = f"{len(first.content) // 1024} KiB of {kind}"
    return Result(
        measure.label,
        [s * 1000 for s in seconds],
        query_count,
        note,
        cpu_ms=statistics.median(cpu) * 1000,
        targeted=measure.targeted,
    )


def report(results: list[Result], runs: int) -> None:
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print()
    print(
        f"{time.strftime('%d.%m.%Y')}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {_pg_version()}, load average {load}"
    )
    print("| Measure | Median (CPU) | Min | Max | Queries | Target met | |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r.label} | {r.median:.1f} ms ({r.cpu_ms:.0f} ms) | {min(r.milliseconds):.1f} ms | "
            f"{max(r.milliseconds):.1f} ms | {r.queries} | "
            f"{_verdict(r)} | {r.note} |"
        )
    print(f"({runs} runs each after one warm-up; target: median under {TARGET_MS:.0f} ms)")


def _verdict(result: Result) -> str:
    if not result.targeted:
        return "no target"
    return "yes" if result.median < TARGET_MS else "NO"


def _pg_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=int, nargs="?", default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database (for profiling)")
    parser.add_argument("--reuse", metavar="DATABASE", help="measure a kept database, no seeding")
    arguments = parser.parse_args()
    main(arguments.runs, reuse=arguments.reuse, keep=arguments.keep)
