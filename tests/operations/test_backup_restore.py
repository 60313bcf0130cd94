"""The backup procedure of docs/OPERATIONS.md, run for real: pg_dump of a live site and a tar of
its media, restored with pg_restore into a fresh database and media folder, then update_index;
the restored site must show the same user, progress, search and documents."""

import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


def server_url():
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"


def admin_sql(sql):
    import psycopg

    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def run(*args, database, media, check=True):
    env = {
        **os.environ,
        "DATABASE_URL": f"{server_url()}/{database}",
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(args, cwd=ROOT, env=env, check=check, capture_output=True, text=True, timeout=600)


@pytest.fixture
def databases():
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("backup and restore need PostgreSQL and its client tools")
    names = [f"cc_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("live", "restored")]
    admin_sql(f'CREATE DATABASE "{names[0]}"')
    yield names
    for name in names:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_has_the_site_progress_search_and_documents(databases, tmp_path):
    live, restored = databases
    live_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    manage = [sys.executable, "manage.py"]
    run(*manage, "migrate", "--noinput", database=live, media=live_media)
    run(*manage, "load_catalogue", database=live, media=live_media)
    run(sys.executable, "-m", "tests.operations.backup_probe", "seed", database=live, media=live_media)

    # Back up: the database in pg_dump's custom format, the media folder as a tarball.
    dump = tmp_path / "cocreation.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", f"{server_url()}/{live}"], check=True
    )
    with tarfile.open(tmp_path / "media.tar.gz", "w:gz") as archive:
        archive.add(live_media, arcname=".")

    # Restore into a fresh database and an empty media folder; rebuild the search index.
    admin_sql(f'CREATE DATABASE "{restored}"')
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={server_url()}/{restored}", str(dump)],
        check=True,
    )
    restored_media.mkdir()
    with tarfile.open(tmp_path / "media.tar.gz") as archive:
        archive.extractall(restored_media, filter="data")
    run(*manage, "migrate", "--noinput", database=restored, media=restored_media)
    run(*manage, "update_index", database=restored, media=restored_media)

    result = run(
        sys.executable, "-m", "tests.operations.backup_probe", "verify",
        database=restored, media=restored_media, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "document intact" in result.stdout
