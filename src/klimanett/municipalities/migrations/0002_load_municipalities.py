from django.db import migrations


def load(apps, schema_editor):
    from klimanett.municipalities import reference

    reference.load(apps.get_model("municipalities", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
