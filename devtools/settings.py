"""
The site's settings with the benchmark URLconf: careerguide.settings, plus ROOT_URLCONF = devtools.urls
(the site and the two baselines) and the devtools app. Everything else still comes from the environment
exactly as in production (DEBUG, SECRET_KEY, DATABASE_URL, CACHE_SECONDS, REDIS_URL...).
"""

from careerguide.settings import *  # noqa: F401,F403
from careerguide.settings import INSTALLED_APPS

ROOT_URLCONF = "devtools.urls"
if "devtools" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
