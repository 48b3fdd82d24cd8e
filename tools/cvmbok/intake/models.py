"""What the intake stores. Every field that holds anything a contributor wrote is a sealed
(encrypted) blob; dates are kept to the day, and nothing about the sender (address,
browser, time of day) has a column at all.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

WITHDRAWN = "withdrawn"
"""Not a contribution status: the contributor took it back and its text is gone."""


class Submission(models.Model):
    public_id: models.CharField[str, str] = models.CharField(max_length=16, unique=True)
    """The contribution id (`cvm-...`) the file will carry."""
    locator: models.CharField[str | None, str | None] = models.CharField(max_length=64, unique=True, null=True)
    """The first two words of the receipt code; cleared on withdrawal."""
    receipt_hash: models.CharField[str, str] = models.CharField(max_length=200)
    state: models.CharField[str, str] = models.CharField(max_length=20, default="submitted")
    """The contribution status (mirrors the sealed front matter) or 'withdrawn'."""
    editor: models.CharField[str, str] = models.CharField(max_length=16, blank=True, default="")
    created: models.DateField[dt.date, dt.date] = models.DateField()
    updated: models.DateField[dt.date, dt.date] = models.DateField()
    closed: models.DateField[dt.date | None, dt.date | None] = models.DateField(null=True)
    """The day it was rejected or withdrawn: the purge counts from here."""
    revised_after_request: models.BooleanField[bool, bool] = models.BooleanField(default=False)
    errors: models.IntegerField[int, int] = models.IntegerField(default=0)
    warnings: models.IntegerField[int, int] = models.IntegerField(default=0)
    document: models.BinaryField[bytes, bytes] = models.BinaryField(default=b"")
    """The sealed file text (front matter with history, then the body)."""
    exported: models.CharField[str, str] = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        app_label = "intake"
        ordering = ["created", "id"]


class Version(models.Model):
    """Each text the contributor sent, so editors can see what changed after a request."""

    submission: "models.ForeignKey[Submission, Submission]" = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number: models.IntegerField[int, int] = models.IntegerField()
    created: models.DateField[dt.date, dt.date] = models.DateField()
    body: models.BinaryField[bytes, bytes] = models.BinaryField()

    class Meta:
        app_label = "intake"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="intake_version_unique")]


class Picture(models.Model):
    submission: "models.ForeignKey[Submission, Submission]" = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="pictures")
    name: models.BinaryField[bytes, bytes] = models.BinaryField()
    """Sealed too: a file name can say a lot."""
    data: models.BinaryField[bytes, bytes] = models.BinaryField()

    class Meta:
        app_label = "intake"
        ordering = ["id"]
