"""Demo data: a realistic county council built from the seed reports (`python manage.py load_demo`).

`catalogue` holds what was transcribed from the seeds (directorates, service areas, indicators,
targets, published values and commentary); `build` generates the rest with a fixed random seed and
loads it idempotently. Everything here is demo data: the user accounts and passwords are for
demonstrations only and must never exist on a live system.
"""
