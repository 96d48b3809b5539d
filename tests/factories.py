"""factory_boy factories for the catalogue, targets and results."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from indicators.models import ComparatorSeries, ComparatorValue, Directorate, Division, Indicator
from performance.models import Result, Target


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Directorate {n}")
    slug = factory.LazyAttribute(lambda d: d.name.lower().replace(" ", "-"))
    cabinet_member = "Cllr Jane Smith"
    corporate_director = "Alex Jones"


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Service area {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"KPI{n:03d}")
    title = factory.Sequence(lambda n: f"Percentage of things done on time {n}")
    kind = Indicator.Kind.KPI
    directorate = factory.SubFactory(DirectorateFactory)
    polarity = Indicator.Polarity.HIGHER
    unit = Indicator.Unit.PERCENTAGE
    decimal_places = 1
    frequency = "quarterly"


class ComparatorSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparatorSeries

    indicator = factory.SubFactory(IndicatorFactory)
    name = "National average"


class ComparatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparatorValue

    series = factory.SubFactory(ComparatorSeriesFactory)
    period_end = date(2020, 9, 30)
    value = Decimal("50")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period_end = date(2020, 9, 30)
    target = Decimal("85")
    floor = Decimal("80")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    indicator = factory.SubFactory(IndicatorFactory)
    period_end = date(2020, 9, 30)
    actual = Decimal("86")
