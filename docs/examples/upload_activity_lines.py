"""Upload a year's activity lines to Klimanett and print the account's totals by scope.

    KLIMANETT_URL=https://klimanett.example.no KLIMANETT_TOKEN=wagtail_… \
        python upload_activity_lines.py ORGANISATION_ID YEAR lines.csv

The CSV file has the columns activity;quantity;unit (a header row, ; or , as separator, an
optional note column), as the import template of the partner area. The script finds the year's
climate account of the organisation or starts one, replaces its lines with the file's, and
prints the totals in kg CO2e. Needs `requests`.
"""

from __future__ import annotations

import csv
import os
import sys

import requests

TIMEOUT = 30


def read_lines(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        text = file.read()
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    rows = csv.DictReader(text.splitlines(), delimiter=delimiter)
    return [
        {key.strip().lower(): (value or "").strip() for key, value in row.items() if key}
        for row in rows
        if any((value or "").strip() for value in row.values())
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    organisation, year, path = argv[1], int(argv[2]), argv[3]
    base = os.environ["KLIMANETT_URL"].rstrip("/") + "/api/v1"
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {os.environ['KLIMANETT_TOKEN']}"

    def call(method: str, path: str, **kwargs: object) -> dict:
        response = session.request(method, base + path, timeout=TIMEOUT, **kwargs)
        if response.status_code >= 400:
            print(f"{method} {path}: {response.status_code} {response.text}", file=sys.stderr)
            raise SystemExit(1)
        return response.json()

    accounts = call("GET", f"/organisations/{organisation}/accounts", params={"page_size": 500})
    account = next((a for a in accounts["items"] if a["year"] == year), None)
    if account is None:
        account = call("POST", f"/organisations/{organisation}/accounts", json={"year": year})
        print(f"Started the climate account for {year}.")
    call("PUT", f"/accounts/{account['id']}/lines", json=read_lines(path))
    result = call("GET", f"/accounts/{account['id']}")
    totals = result["totals"]
    print(f"Climate account {year}: {len(result['lines'])} lines (kg CO2e)")
    print(f"Scope 1: {totals['scope1_kg']:.1f}")
    print(f"Scope 2 (location-based): {totals['scope2_location_kg']:.1f}")
    print(f"Scope 2 (market-based): {totals['scope2_market_kg']:.1f}")
    print(f"Scope 3: {totals['scope3_kg']:.1f}")
    print(f"Total (location-based): {totals['total_location_kg']:.1f}")
    print(f"Total (market-based): {totals['total_market_kg']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
