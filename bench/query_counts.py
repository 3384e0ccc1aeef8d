"""Print, as JSON, the status and the number of SQL queries of each path given (cache off).

Run by bench/bench.py with the benchmark database's settings in the environment:
    python bench/query_counts.py /editions/20/ /api/v1/conferences/ ...
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.production")
os.environ["DJANGO_PAGE_CACHE"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
counts = {}
for path in sys.argv[1:]:
    client.get(path)  # the first request may fill per-process caches (content types…)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    counts[path] = {"status": response.status_code, "queries": len(queries)}
print(json.dumps(counts))
