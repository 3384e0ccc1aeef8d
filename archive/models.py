from django.db import models


class CacheGeneration(models.Model):
    """The archive's generation, kept durably: the truth that the cache only copies.

    One row. Every write to the archive's rows sets it in the same transaction
    (archive/cache.py), so a write made while Redis was away still expires what it
    changed once Redis is back.
    """

    value = models.BigIntegerField(help_text="The time of the last edit, in ns.")

    class Meta:
        verbose_name = "cache generation"

    def __str__(self):
        return str(self.value)
