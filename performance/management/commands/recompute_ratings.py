from django.core.management.base import BaseCommand

from performance.rating import recompute


class Command(BaseCommand):
    help = "Recompute the stored RAG, direction of travel and activity status of every result (or some indicators)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Indicator codes (default: all)")

    def handle(self, *codes, **options):
        from indicators.models import Indicator

        ids = list(Indicator.objects.filter(code__in=codes).values_list("pk", flat=True)) if codes else None
        changed = recompute(ids)
        self.stdout.write(f"{changed} result(s) re-rated.")
