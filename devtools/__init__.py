"""
Benchmarking only: the real site served by gunicorn, measured with wrk against PostgreSQL.

`manage.py benchmark` (see management/commands/benchmark.py) serves `devtools.wsgi`, i.e. the whole site
plus two baselines (`/bench/hello/`, `/bench/plain-postings/`) that careerguide.urls never exposes.
"""
