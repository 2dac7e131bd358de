"""Signals the apps send for the layers above them to act on, without importing them."""

from django.dispatch import Signal

# Sent after a bulk write (bulk_create, update, delete on a queryset), which sends no model
# signals; the figure cache listens (indicators/figure_cache.py).
bulk_written = Signal()
