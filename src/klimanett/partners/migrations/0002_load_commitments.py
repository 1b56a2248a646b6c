import csv
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "commitments.csv"


def load(apps, schema_editor):
    Commitment = apps.get_model("partners", "Commitment")
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row.pop("code")
            Commitment.objects.update_or_create(code=code, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
