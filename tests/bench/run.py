"""`make bench`: server time, SQL queries and throughput of every page type at a realistic volume.

    python -m tests.bench.run [--scale 0.1] [--samples 30] [--duration 10] [--reuse]

Builds (or with --reuse, keeps) the PostgreSQL database `cc_bench` (BENCH_DATABASE) on the server
of BENCH_POSTGRES_URL, loads the catalogue and adds volume for the apps that exist: 1,000 cases,
300 tools, 1,000 lessons, 10,000 experience posts, 5,000 users and 200,000 progress rows (times
--scale). Then it measures, in this one run, each page type through the full middleware with the
Django test client as a signed-in officer (median and p95 server time, queries), quiz submission,
search and autocomplete, all as ratios to `/healthz`; and requests per second under gunicorn with
wrk (or a small Python load loop when wrk is missing) for a case page and a lesson page against
`/healthz`. Writes tests/bench/REPORT.md. Not part of `make test`."""

import argparse
import datetime
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "bench" / "REPORT.md"
DATABASE = os.environ.get("BENCH_DATABASE", "cc_bench")
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SETTINGS = "tests.bench.settings"

# Targets from the project's quality bar.
PAGE_RATIO, PAGE_QUERIES, SEARCH_RATIO = 20, 12, 40

VOLUME = {
    "cases": 1000,
    "tools": 300,
    "lessons": 1000,
    "experience_posts": 10000,
    "users": 5000,
    "progress_rows": 200000,
}

# Page types measured, as (label, "app.Model"); a type whose app has not landed is skipped.
PAGE_TYPES = [
    ("case index", "cases.CaseIndexPage"),
    ("case", "cases.CasePage"),
    ("toolbox", "toolbox.ToolboxPage"),
    ("phase", "toolbox.PhasePage"),
    ("tool", "toolbox.ToolPage"),
    ("glossary", "toolbox.GlossaryPage"),
    ("course index", "courses.CourseIndexPage"),
    ("course", "courses.CoursePage"),
    ("module", "courses.ModulePage"),
    ("lesson", "courses.LessonPage"),
    ("ERFA index", "erfa.ErfaIndexPage"),
    ("ERFA day", "erfa.ErfaDayPage"),
]
# Danish searches: a word in one case of the catalogue, one in most pages, two words together, and
# a misspelling the search corrects ("Mente du: natteliv?").
SEARCHES = [
    ("rare", "hashsalg"),
    ("common", "samskabelse"),
    ("two words", "tryghed borgere"),
    ("typo", "natteliiv"),
]
AUTOCOMPLETE = "samsk"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


# --- database ------------------------------------------------------------------------------------


def admin_sql(sql):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def database_exists():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()


def setup_django(reuse):
    if not reuse or not database_exists():
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin_sql(f'CREATE DATABASE "{DATABASE}"')
        reuse = False
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    return reuse


def model(label):
    from django.apps import apps

    try:
        return apps.get_model(label)
    except LookupError:
        return None


# --- volume --------------------------------------------------------------------------------------

# Fields a clone must not share with its template: identity, tree position, revisions, locks.
PAGE_OWN_FIELDS = {
    "pk", "id", "page_ptr", "path", "depth", "numchild", "url_path", "translation_key",
    "latest_revision", "live_revision", "latest_revision_created_at", "draft_title",
    "locked", "locked_at", "locked_by", "alias_of", "owner", "has_unpublished_changes",
}  # fmt: skip


def clone_page(template, parent, title, slug):
    """A live copy of ``template`` (with its inline child objects) as a new child of ``parent``.

    Faster than Page.copy(): no revisions, no log entries; the search index is updated as for
    any saved page."""
    data = template.serializable_data()
    for name in PAGE_OWN_FIELDS:
        data.pop(name, None)
    for value in data.values():
        if isinstance(value, list) and value and isinstance(value[0], dict) and "pk" in value[0]:
            for child in value:
                child["pk"] = None
                # Translatable children (a case's actors, quotes, results) are one translation
                # each: a copy is a new one.
                if "translation_key" in child:
                    child["translation_key"] = str(uuid.uuid4())
    data.update(pk=None, title=title, slug=slug, live=True)
    page = type(template).from_serializable_data(data, check_fks=False, strict_fks=False)
    parent.add_child(instance=page)
    return page


def clone_tree(template, parent, title, slug):
    root = clone_page(template, parent, title, slug)
    for child in template.get_children().specific():
        clone_tree(child, root, child.title, child.slug)
    return root


def danish(queryset):
    from wagtail.models import Locale

    return queryset.filter(locale=Locale.objects.get(language_code="da"))


def _add_copies(label, target, missing):
    """Copies of the catalogue's Danish pages of ``label`` beside them, until there are ``target``."""
    page_model = model(label)
    templates = list(danish(page_model.objects.live()).specific()) if page_model else []
    if not templates:
        return missing
    for n in range(danish(page_model.objects.all()).count(), target):
        template = templates[n % len(templates)]
        clone_page(template, template.get_parent(), f"{template.title} ({n})", f"{template.slug}-{n}")
    return None


def add_cases(target):
    return _add_copies("cases.CasePage", target, "no cases app or no catalogue cases")


def add_tools(target):
    return _add_copies("toolbox.ToolPage", target, "no toolbox app or no catalogue tools")


def add_lessons(target):
    """Whole courses are copied (course → modules → lessons), so courses keep a realistic size
    instead of one module holding a thousand lessons."""
    CoursePage, LessonPage = model("courses.CoursePage"), model("courses.LessonPage")
    if not CoursePage:
        return "no courses app"
    courses = [
        c
        for c in danish(CoursePage.objects.live()).specific()
        if LessonPage.objects.descendant_of(c).exists()
    ]
    if not courses:
        return "no catalogue course with lessons"
    n = 0
    while danish(LessonPage.objects.all()).count() < target:
        template = courses[n % len(courses)]
        clone_tree(template, template.get_parent(), f"{template.title} ({n})", f"{template.slug}-kopi-{n}")
        n += 1
    return None


def add_users(target):
    from django.contrib.auth.models import Group

    from home.models import District, User
    from home.roles import LEARNERS

    have = User.objects.count()
    districts = list(District.objects.all())
    users = [
        User(
            email=f"betjent{n}@politi.dk",
            first_name=f"Betjent{n}",
            last_name="Hansen",
            district=districts[n % len(districts)],
            password="!",
        )
        for n in range(have, target)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    learners = Group.objects.get(name=LEARNERS)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [
            Membership(user_id=u.pk, group_id=learners.pk)
            for u in User.objects.filter(email__startswith="betjent")
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )


def add_progress(target):
    LessonCompletion, LessonPage = model("courses.LessonCompletion"), model("courses.LessonPage")
    if not LessonCompletion:
        return "no courses app"
    from home.models import User

    lessons = list(danish(LessonPage.objects.live()).values_list("pk", flat=True))
    if not lessons:
        return "no lessons"
    if LessonCompletion.objects.count() >= target:
        return None
    users = list(User.objects.filter(email__startswith="betjent").values_list("pk", flat=True))
    per_user = min(len(lessons), max(1, target // max(1, len(users))))
    rng = random.Random(7)
    rows = [
        LessonCompletion(user_id=user, lesson_id=lesson)
        for user in users
        for lesson in rng.sample(lessons, per_user)
    ]
    LessonCompletion.objects.bulk_create(rows, batch_size=10000, ignore_conflicts=True)
    CourseEnrollment, CoursePage = model("courses.CourseEnrollment"), model("courses.CoursePage")
    if CourseEnrollment:
        course = danish(CoursePage.objects.live()).first()
        CourseEnrollment.objects.bulk_create(
            [CourseEnrollment(user_id=user, course_id=course.pk) for user in users],
            batch_size=5000,
            ignore_conflicts=True,
        )
    return None


def add_experience_posts(target):
    ExperiencePost = model("erfa.ExperiencePost")
    if not ExperiencePost:
        return "no erfa app"
    templates = list(ExperiencePost.objects.all()[:20])
    if not templates:
        return "no catalogue experience posts"
    from home.models import User

    authors = list(User.objects.filter(email__startswith="betjent").values_list("pk", flat=True)[:500])
    have = ExperiencePost.objects.count()
    if have >= target:
        return None
    own = {"id", "pk"}
    author_field = next(
        (f.attname for f in ExperiencePost._meta.concrete_fields if f.attname in ("author_id", "user_id")),
        None,
    )
    rows = []
    for n in range(have, target):
        template = templates[n % len(templates)]
        values = {f.attname: getattr(template, f.attname) for f in ExperiencePost._meta.concrete_fields}
        for name in own:
            values.pop(name, None)
        if author_field and authors:
            values[author_field] = authors[n % len(authors)]
        rows.append(ExperiencePost(**values))
    ExperiencePost.objects.bulk_create(rows, batch_size=2000)
    return None


def build_volume(scale):
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", "--noinput", verbosity=0)
    # Demo users first: the catalogue's ERFA posts are written by them.
    call_command("load_demo_users", "--allow-production", stdout=open(os.devnull, "w"))
    call_command("load_catalogue", stdout=open(os.devnull, "w"))
    skipped = {}
    steps = [
        ("users", add_users),
        ("cases", add_cases),
        ("tools", add_tools),
        ("lessons", add_lessons),
        ("progress_rows", add_progress),
        ("experience_posts", add_experience_posts),
    ]
    for name, build in steps:
        target = int(VOLUME[name] * scale)
        started = time.monotonic()
        with transaction.atomic():
            reason = build(target)
        if reason:
            skipped[name] = reason
        outcome = f"skipped, {reason}" if reason else "done"
        log(f"volume {name}: {outcome} ({time.monotonic() - started:.0f} s)")
    # The copies' words, as the site's loader and publishing add them: without them every copied
    # word is "unknown" and each search also pays for a typo correction it would not make.
    call_command("build_search_vocabulary", stdout=open(os.devnull, "w"))
    return skipped


def volume_counts():
    from home.models import User

    counts = {"users": User.objects.count()}
    for name, label in [
        ("cases", "cases.CasePage"),
        ("tools", "toolbox.ToolPage"),
        ("lessons", "courses.LessonPage"),
        ("experience posts", "erfa.ExperiencePost"),
        ("progress rows", "courses.LessonCompletion"),
        ("quiz attempts", "courses.QuizAttempt"),
    ]:
        Model = model(label)
        if Model:
            counts[name] = Model.objects.count()
    return counts


# --- measuring in process ------------------------------------------------------------------------


def measure(client, url, samples, method="get", data=None, expect=(200,), prepare=None):
    """Median and p95 server time (ms) and the most queries of ``samples`` requests after a
    warm-up; ``prepare()`` (untimed) returns the URL for each request when it changes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    for n in range(samples + 3):
        target = prepare() if prepare else url
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = (
                getattr(client, method)(target, data) if data is not None else getattr(client, method)(target)
            )
            elapsed = time.perf_counter() - started
        if response.status_code not in expect:
            raise RuntimeError(f"{method.upper()} {target} answered {response.status_code}")
        if n >= 3:
            times.append(elapsed * 1000)
            queries.append(len(captured))
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": max(queries),
        "url": url,
    }


def middle(queryset):
    count = queryset.count()
    return queryset.order_by("path")[count // 2] if count else None


def officer():
    """The demo officer, with progress on the first course and a certificate for it."""
    from home.models import User

    user = User.objects.get(email="kursist@politi.dk")
    LessonCompletion, LessonPage = model("courses.LessonCompletion"), model("courses.LessonPage")
    if LessonCompletion:
        lessons = danish(LessonPage.objects.live()).order_by("path")[:5]
        LessonCompletion.objects.bulk_create(
            [LessonCompletion(user=user, lesson=lesson) for lesson in lessons], ignore_conflicts=True
        )
    return user


def filtered_url(client, url):
    """The index URL with its first filter (a facet checkbox, else a select) set to its first value."""
    html = client.get(url).content.decode()
    checkbox = re.search(r'<input[^>]*type="checkbox"[^>]*name="([\w-]+)"[^>]*value="([^"]+)"', html)
    if checkbox:
        return f"{url}?{checkbox.group(1)}={checkbox.group(2)}"
    select = re.search(r'<select[^>]*name="([\w-]+)"[^>]*>(.*?)</select>', html, re.S)
    if select:
        value = re.search(r'<option value="([^"]+)"', select.group(2))
        if value:
            return f"{url}?{select.group(1)}={value.group(1)}"
    return None


def try_reverse(*names, **kwargs):
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name, **kwargs)
        except NoReverseMatch:
            continue
    return None


def forget_outcome(user, url):
    """A ``prepare`` for ``measure``: drops the cached outcome of the search at ``url`` (as this
    user), so each request is a search nobody has made before on a running site, whose other
    caches (navigation, page facts) are warm."""
    from urllib.parse import urlsplit

    from django.core.cache import cache
    from django.http import QueryDict

    from search.service import SearchRequest, SiteSearch

    key = SiteSearch(user)._cache_key(SearchRequest.from_params(QueryDict(urlsplit(url).query)))

    def prepare():
        cache.delete(key)
        return url

    return prepare


def forget_everything(url):
    """A ``prepare`` for ``measure``: a new content version, as right after a publish, so the
    search and everything around it is computed from the database."""

    def prepare():
        from home import cache_versions

        cache_versions.bump(cache_versions.CONTENT)
        return url

    return prepare


def measure_everything(samples):
    from django.test import Client

    rows, notes = [], []
    user = officer()
    client = Client()
    client.force_login(user)

    def add(kind, label, result):
        rows.append({"kind": kind, "label": label, **result})
        median, p95, queries = result["median"], result["p95"], result["queries"]
        log(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries")

    # The baseline goes through the same middleware with the same signed-in session.
    add("baseline", "/healthz (baseline)", measure(client, "/healthz", samples))
    add("page", "home", measure(client, "/", samples))
    for label, model_label in PAGE_TYPES:
        Model = model(model_label)
        page = middle(danish(Model.objects.live())) if Model else None
        if page is None:
            notes.append(f"{label}: not measured ({model_label} absent or without pages)")
            continue
        add("page", label, measure(client, page.url, samples))
        if label == "case index":
            url = filtered_url(client, page.url)
            if url:
                add("page", "case index, filtered", measure(client, url, samples))

    measure_learning(client, user, samples, add, notes)

    experience_form = try_reverse("erfa:post_create")
    if experience_form:
        add("page", "experience form", measure(client, experience_form, samples))
    else:
        notes.append("experience form: not measured (erfa:post_create absent)")

    search = try_reverse("search")
    if search:
        for label, query in SEARCHES:
            url = f"{search}?q={query}"
            add(
                "search",
                f"search, {label} ({query}), repeated (cached outcome)",
                measure(client, url, samples),
            )

            add(
                "search",
                f"search, {label} ({query}), first ask (nobody searched it before)",
                measure(client, url, samples, prepare=forget_outcome(user, url)),
            )
            add(
                "part",
                f"search, {label} ({query}), first ask after a publish (every cache cold)",
                measure(client, url, samples, prepare=forget_everything(url)),
            )
        autocomplete = try_reverse("search_autocomplete")
        if autocomplete:
            add("search", "autocomplete", measure(client, f"{autocomplete}?q={AUTOCOMPLETE}", samples))
    else:
        notes.append("search: not measured (no search view yet)")

    extra = ROOT / "tests" / "bench" / "bench_search.py"
    if extra.exists():
        from tests.bench import bench_search

        log("running tests/bench/bench_search.py")
        for row in bench_search.run(client=client, measure=measure, samples=samples) or []:
            rows.append({"kind": "search", **row})  # a row's own "kind" wins
    return rows, notes


def measure_learning(client, user, samples, add, notes):
    """My learning, a quiz (taking, submitting, reviewing) and a certificate."""
    from django.urls import reverse

    ModulePage, QuizAttempt = model("courses.ModulePage"), model("courses.QuizAttempt")
    if not ModulePage:
        notes.append("courses: not measured (no courses app)")
        return
    add("page", "my learning", measure(client, reverse("courses:my_learning"), samples))
    quiz_page = danish(ModulePage.objects.live().filter(quiz__isnull=False)).order_by("path").first()
    if quiz_page is None:
        notes.append("quiz: not measured (no module with a quiz)")
    else:
        quiz = quiz_page.quiz
        quiz.max_attempts = None  # the bench takes the quiz many times
        quiz.save(update_fields=["max_attempts"])
        from courses.quiz import choice_value

        questions = list(quiz.questions.prefetch_related("choices"))
        start = quiz_page.url + quiz_page.reverse_subpage("quiz_start")
        right = {}  # filled for each new attempt: the form's values differ between attempts

        def new_attempt():
            client.post(start)
            attempt = QuizAttempt.objects.filter(user=user, quiz=quiz, state=QuizAttempt.IN_PROGRESS).get()
            right.clear()
            for q in questions:
                right[f"question-{q.pk}"] = [
                    choice_value(attempt, c) for c in q.choices.all() if c.is_correct
                ]
            return reverse("courses:attempt_submit", args=[attempt.pk])

        client.post(start)
        attempt = QuizAttempt.objects.filter(user=user, quiz=quiz, state=QuizAttempt.IN_PROGRESS).get()
        add("page", "quiz", measure(client, reverse("courses:attempt", args=[attempt.pk]), samples))
        add(
            "action",
            "quiz submission",
            measure(client, None, samples, method="post", data=right, expect=(302,), prepare=new_attempt),
        )
        finished = QuizAttempt.objects.filter(user=user, quiz=quiz, state=QuizAttempt.FINISHED).last()
        add(
            "page",
            "quiz review",
            measure(client, reverse("courses:attempt_result", args=[finished.pk]), samples),
        )
    Certificate, CoursePage = model("courses.Certificate"), model("courses.CoursePage")
    course = danish(CoursePage.objects.live()).order_by("path").first()
    if course is None:
        notes.append("certificate: not measured (no course)")
        return
    certificate, _ = Certificate.objects.get_or_create(
        user=user,
        course_key=course.translation_key,
        defaults={
            "course": course,
            "recipient_name": user.get_full_name(),
            "course_title": course.title,
            "track": course.track,
            "activity_count": 10,
        },
    )
    add(
        "page", "certificate", measure(client, reverse("courses:certificate", args=[certificate.pk]), samples)
    )


# --- throughput under gunicorn -------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["last_activity"] = int(time.time())
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def load_with_wrk(url, cookie, duration, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, int(bad.group(1)) if bad else 0


def load_with_python(url, cookie, duration, connections):
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    done, bad = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < stop:
            conn.request("GET", parts.path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            with lock:
                done[0] += 1
                bad[0] += response.status >= 400

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / duration, bad[0]


def measure_throughput(duration):
    from home.models import User

    user = User.objects.get(email="kursist@politi.dk")
    cookie = session_cookie(user)
    targets = [("/healthz (baseline)", "/healthz")]
    for label, model_label in [("case", "cases.CasePage"), ("lesson", "courses.LessonPage")]:
        Model = model(model_label)
        page = middle(danish(Model.objects.live())) if Model else None
        if page is not None:
            targets.append((label, page.url))
    port = free_port()
    workers = os.cpu_count() or 2
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{port}", f"--workers={workers}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    load = load_with_wrk if shutil.which("wrk") else load_with_python
    tool = "wrk" if shutil.which("wrk") else "Python threads (wrk not installed)"
    results = []
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        for label, path in targets:
            load(base + path, cookie, 2, 4)  # warm every worker's caches
            rps, bad = load(base + path, cookie, duration, 8)
            results.append({"label": label, "url": path, "rps": rps, "bad": bad})
            log(f"throughput {label}: {rps:.0f} requests/s ({bad} non-2xx)")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results, f"gunicorn, {workers} sync workers; load: {tool}, 8 connections, {duration} s per URL"


# --- report --------------------------------------------------------------------------------------


def machine():
    from django.db import connection

    cpu = "unknown CPU"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    python = platform.python_version()
    return f"{platform.node()}: {cpu}, {os.cpu_count()} cores; Python {python}; PostgreSQL {postgres}"


def write_report(rows, notes, throughput, load_setup, skipped, counts, samples, elapsed):
    baseline = next(row for row in rows if row["kind"] == "baseline")
    lines = [
        "# Benchmark report",
        "",
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Volume: {', '.join(f'{n:,} {what}' for what, n in counts.items())}",
        f"- Method: Django test client through the full middleware, signed in as an officer, "
        f"{samples} requests per row after 3 warm-up requests; times are server time in ms. "
        f"Load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine inflates times). "
        f"Ratios are to `/healthz` measured in the same run. Run took {elapsed / 60:.1f} min.",
        f"- Targets: signed-in pages ≤ {PAGE_RATIO}× baseline and ≤ {PAGE_QUERIES} queries; "
        f"search ≤ {SEARCH_RATIO}× baseline.",
        "",
        "| what | median ms | p95 ms | × baseline | queries | target met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for row in rows:
        ratio = row["median"] / baseline["median"]
        if row["kind"] in ("baseline", "part"):
            verdict = ""
        elif row["kind"] == "search":
            verdict = "yes" if ratio <= SEARCH_RATIO else "**no**"
        elif row["kind"] == "action":  # a form post: the query target is for pages
            verdict = "yes" if ratio <= PAGE_RATIO else "**no**"
        else:
            verdict = "yes" if ratio <= PAGE_RATIO and row["queries"] <= PAGE_QUERIES else "**no**"
        times = f"{row['median']:.1f} | {row['p95']:.1f}"
        lines.append(f"| {row['label']} | {times} | {ratio:.1f} | {row['queries']} | {verdict} |")
    if throughput:
        base_rps = throughput[0]["rps"]
        lines += [
            "",
            f"## Throughput ({load_setup})",
            "",
            "| URL | requests/s | share of baseline | non-2xx |",
            "|---|---:|---:|---:|",
        ]
        for row in throughput:
            lines.append(
                f"| {row['label']} | {row['rps']:.0f} | {row['rps'] / base_rps:.2f} | {row['bad']} |"
            )
    if notes or skipped:
        lines += ["", "## Not measured", ""]
        lines += [f"- volume of {what}: {why}" for what, why in skipped.items()]
        lines += [f"- {note}" for note in notes]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"report written to {REPORT.relative_to(ROOT)}")


def analyse():
    """The database as autovacuum leaves it on a running site, after the bulk load: fresh planner
    statistics (without, PostgreSQL plans for the empty tables the migrations left) and the dead
    rows of the load's updates cleared (indexing writes each index row more than once, and
    searches read past the dead copies until a vacuum)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log("vacuumed and analysed the database")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full volume")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--reuse", action="store_true", help="top up an existing bench database")
    options = parser.parse_args()
    started = time.monotonic()
    setup_django(options.reuse)
    # Every step tops up to its target, so a reused database only gains what a newly landed app needs.
    skipped = build_volume(options.scale)
    analyse()
    counts = volume_counts()
    log(f"volume: {counts}")
    rows, notes = measure_everything(options.samples)
    throughput, load_setup = measure_throughput(options.duration)
    write_report(
        rows, notes, throughput, load_setup, skipped, counts, options.samples, time.monotonic() - started
    )


if __name__ == "__main__":
    main()
