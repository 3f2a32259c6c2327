"""Mentors were free text on the workshop ("name – institution", one per line); they become people of
the mentor register (accounts.Mentor), assigned to the workshop's city and chosen on the workshop.

Each line becomes one mentor, deduplicated by name (case and spacing ignored, an existing mentor of the
same name reused); the mentor is assigned to the city from the year of their first bimtek there to the
year of their last (an existing assignment is widened, never narrowed). Backwards, the lines are written
again from the chosen mentors."""

from django.db import migrations, models

SEPARATORS = (" – ", " — ", " - ")


def _split(line: str) -> tuple[str, str]:
    for sep in SEPARATORS:
        name, found, institution = line.partition(sep)
        if found:
            return name.strip(), institution.strip()
    return line.strip(), ""


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def text_to_people(apps, schema_editor):
    Workshop = apps.get_model("bimtek", "Workshop")
    Mentor = apps.get_model("accounts", "Mentor")
    Assignment = apps.get_model("accounts", "MentorAssignment")
    mentors = {_key(m.name): m for m in Mentor.objects.all()}
    for workshop in Workshop.objects.select_related("masterplan").order_by("pk"):
        chosen = []
        for line in workshop.mentors_text.splitlines():
            if not line.strip():
                continue
            name, institution = _split(line)
            name = " ".join(name.split())[:150]
            mentor = mentors.get(_key(name))
            if mentor is None:
                mentor = mentors[_key(name)] = Mentor.objects.create(name=name, institution=institution[:200])
            chosen.append(mentor)
            year = workshop.start_date.year
            assignment, created = Assignment.objects.get_or_create(
                mentor=mentor, city_id=workshop.masterplan.city_id, defaults={"from_year": year, "to_year": year}
            )
            if not created and (year < assignment.from_year or (assignment.to_year is not None and year > assignment.to_year)):
                assignment.from_year = min(assignment.from_year, year)
                assignment.to_year = None if assignment.to_year is None else max(assignment.to_year, year)
                assignment.save(update_fields=["from_year", "to_year"])
        workshop.mentors.set(chosen)


def people_to_text(apps, schema_editor):
    Workshop = apps.get_model("bimtek", "Workshop")
    for workshop in Workshop.objects.prefetch_related("mentors"):
        lines = [f"{m.name} – {m.institution}" if m.institution else m.name for m in workshop.mentors.order_by("name")]
        workshop.mentors_text = "\n".join(lines)
        workshop.save(update_fields=["mentors_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_mentors"),
        ("bimtek", "0002_version"),
    ]

    operations = [
        migrations.RenameField(model_name="workshop", old_name="mentors", new_name="mentors_text"),
        migrations.AddField(
            model_name="workshop",
            name="mentors",
            field=models.ManyToManyField(
                blank=True,
                help_text="Chosen among the mentors assigned to the city.",
                related_name="workshops",
                to="accounts.mentor",
                verbose_name="mentors",
            ),
        ),
        migrations.RunPython(text_to_people, people_to_text),
        migrations.RemoveField(model_name="workshop", name="mentors_text"),
    ]
