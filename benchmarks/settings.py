"""
The site's settings with the benchmark URLconf: careerguide.settings, plus ROOT_URLCONF = benchmarks.urls
(the site and the two baselines) and the benchmarks app. Everything else still comes from the environment
exactly as in production (DEBUG, SECRET_KEY, DATABASE_URL, CACHE_SECONDS, REDIS_URL...).
"""

from careerguide.settings import *  # noqa: F401,F403
from careerguide.settings import INSTALLED_APPS

ROOT_URLCONF = "benchmarks.urls"
if "benchmarks" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
