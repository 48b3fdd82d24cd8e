# The first schema of the intake (made with Django 5.2 makemigrations).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.CharField(max_length=16, unique=True)),
                ('locator', models.CharField(max_length=64, null=True, unique=True)),
                ('receipt_hash', models.CharField(max_length=200)),
                ('state', models.CharField(default='submitted', max_length=20)),
                ('editor', models.CharField(blank=True, default='', max_length=16)),
                ('created', models.DateField()),
                ('updated', models.DateField()),
                ('closed', models.DateField(null=True)),
                ('revised_after_request', models.BooleanField(default=False)),
                ('errors', models.IntegerField(default=0)),
                ('warnings', models.IntegerField(default=0)),
                ('document', models.BinaryField(default=b'')),
                ('exported', models.CharField(blank=True, default='', max_length=200)),
            ],
            options={
                'ordering': ['created', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Picture',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.BinaryField()),
                ('data', models.BinaryField()),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pictures', to='intake.submission')),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='Version',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.IntegerField()),
                ('created', models.DateField()),
                ('body', models.BinaryField()),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='intake.submission')),
            ],
            options={
                'ordering': ['number'],
                'constraints': [models.UniqueConstraint(fields=('submission', 'number'), name='intake_version_unique')],
            },
        ),
    ]
