"""Evidence files become private: generated names under PRIVATE_MEDIA_ROOT, the uploader's name kept.

Existing files are copied from MEDIA_ROOT (their old, guessable place) to the private storage
under a generated name; the old copy is removed once the migration has committed. A file that
is missing keeps its record (its download answers 404). Error codes of the constraints follow
the API's generic codes.
"""
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models, transaction

import kotacerdas.core.storage


def make_private(apps, schema_editor):
    from kotacerdas.core.storage import evidence_name, private_storage
    from kotacerdas.programmes.files import TYPES

    Evidence = apps.get_model("programmes", "Evidence")
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    known = {ext for kind in TYPES for ext in kind.extensions}
    moved = []
    for evidence in Evidence.objects.exclude(file="").iterator():
        old = evidence.file.name
        original = os.path.basename(old)
        new = old
        if public.exists(old):
            extension = os.path.splitext(old)[1].lower().lstrip(".")
            with public.open(old, "rb") as content:
                new = private_storage.save(evidence_name(extension if extension in known else "bin"), content)
            moved.append(old)
        Evidence.objects.filter(pk=evidence.pk).update(file=new, original_name=original[:255])

    def remove_public_copies():
        for name in moved:
            public.delete(name)

    transaction.on_commit(remove_public_copies, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='evidence',
            name='original_name',
            field=models.CharField(default='', max_length=255, verbose_name='file name'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='file',
            field=models.FileField(storage=kotacerdas.core.storage.PrivateStorage(), upload_to=kotacerdas.core.storage.evidence_path, verbose_name='file'),
        ),
        migrations.RunPython(make_private, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='evidence',
            name='original_name',
            field=models.CharField(max_length=255, verbose_name='file name'),
        ),
        migrations.AlterConstraint(
            model_name='programme',
            name='programme_years_ordered',
            constraint=models.CheckConstraint(condition=models.Q(('start_year__lte', models.F('end_year'))), name='programme_years_ordered', violation_error_code='range_reversed', violation_error_message='The first year must not be after the last year.'),
        ),
        migrations.AlterConstraint(
            model_name='programme',
            name='programme_name_unique_in_masterplan',
            constraint=models.UniqueConstraint(fields=('masterplan', 'name'), name='programme_name_unique_in_masterplan', violation_error_code='duplicate', violation_error_message='This masterplan already has a programme with this name.'),
        ),
        migrations.AlterConstraint(
            model_name='programmestakeholder',
            name='partner_role_unique',
            constraint=models.UniqueConstraint(fields=('programme', 'stakeholder', 'role'), name='partner_role_unique', violation_error_code='duplicate', violation_error_message='This stakeholder already has this role in the programme.'),
        ),
        migrations.AlterConstraint(
            model_name='programmeyear',
            name='one_row_per_programme_year',
            constraint=models.UniqueConstraint(fields=('programme', 'year'), name='one_row_per_programme_year', violation_error_code='duplicate', violation_error_message='This programme already has a row for this year.'),
        ),
        migrations.AlterConstraint(
            model_name='programmeyear',
            name='budget_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('budget__gte', 0)), name='budget_not_negative', violation_error_code='out_of_range', violation_error_message='The budget cannot be negative.'),
        ),
        migrations.AlterConstraint(
            model_name='quickwinscore',
            name='one_score_per_criterion',
            constraint=models.UniqueConstraint(fields=('quick_win', 'criterion'), name='one_score_per_criterion', violation_error_code='duplicate', violation_error_message='This criterion is already scored.'),
        ),
    ]
