"""gunicorn's configuration for Samverkan: `gunicorn -c deploy/gunicorn.conf.py`.

Before it serves anything the server runs `manage.py check --deploy` (samverkan.checks and
Django's own) and refuses to start on any error, with the message saying what to set. The
access log holds no personal data: method, path without its query string, status, size and
time; no address, no referrer, no browser.
"""

import gc
import multiprocessing
import os
import sys

wsgi_app = "samverkan.wsgi:application"
bind = os.environ.get("SAMVERKAN_BIND", "127.0.0.1:8000")
# Single-threaded processes, four per core. A page is mostly Python (the ORM, the templates)
# between a dozen or more short database round trips; threads of one process queue for the
# interpreter's lock after each round trip behind whichever thread computes, while processes
# let the kernel run whichever is ready. Four per core keep the cores busy while some wait on the
# database and take bursts without a queue. On the load bench (300 people, 2 cores): 5 × 4
# threads p95 310 ms, worklist median 50 ms; 5 × 1 thread 180 and 49 ms; 8 × 1 thread 180 and
# 42 ms. Each process keeps its own connection (SAMVERKAN_CONN_MAX_AGE): workers × threads is
# what PostgreSQL's max_connections must allow beside the background worker. gthread, even with
# one thread, keeps idle keep-alive connections out of the way of the next request.
worker_class = "gthread"
workers = int(os.environ.get("SAMVERKAN_WORKERS", str(multiprocessing.cpu_count() * 4)))
threads = int(os.environ.get("SAMVERKAN_THREADS", "1"))
timeout = int(os.environ.get("SAMVERKAN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so that no slow leak grows without end.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the proxy on this host may say which scheme the client used (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("SAMVERKAN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("SAMVERKAN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("SAMVERKAN_LOG_LEVEL", "info").lower()
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def on_starting(server):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    django.setup()
    try:
        call_command("check", deploy=True, fail_level="ERROR")
    except SystemCheckError as refused:
        # What to set, without a traceback through gunicorn in front of it.
        print(refused, file=sys.stderr)
        sys.exit(1)


# A page builds some 20,000 short-lived objects (rows, template nodes, strings). At Python's
# default threshold of 700 new objects that is some 30 collections per request, and each
# full collection walked the 100,000 objects of the loaded code, URLs and validated agreements
# again: 13 ms of the worklist's 90 ms of CPU and 50 ms of the compliance page's 210 ms, measured
# in-process on the 200,000-case set. So each worker loads the views once it is up, moves
# everything loaded so far out of the collector's reach (gc.freeze; none of it is garbage) and
# collects the young generation every 50,000 new objects, about once in two pages.
YOUNG_OBJECTS_PER_COLLECTION = 50_000


def post_worker_init(worker):
    from importlib import import_module

    from django.conf import settings

    import_module(settings.ROOT_URLCONF)  # and with it every view module and what it uses
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, 50, 50)
