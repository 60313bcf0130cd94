"""Media on S3-compatible storage, against a real S3 HTTP server on this machine: moto's server
mode (`moto_server`, from PyPI) is an in-memory emulator of the S3 REST API, started here as its
own process; boto3 talks to it over HTTP exactly as it would to a bucket in production."""

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from config.settings.base import s3_storage_options

MOTO_SERVER = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
BUCKET = "cocreation-media"

pytestmark = pytest.mark.skipif(
    not os.path.exists(MOTO_SERVER), reason="needs moto_server (pip install 'moto[server]')"
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("moto") / "server.log"
    server = subprocess.Popen(
        [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)], stdout=open(log, "wb"), stderr=subprocess.STDOUT
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("moto_server did not start: " + log.read_text())
            time.sleep(0.2)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3_env(s3_server, monkeypatch):
    import boto3

    env = {
        "AWS_ACCESS_KEY_ID": "cocreation-test",
        "AWS_SECRET_ACCESS_KEY": "cocreation-test-secret",
        "AWS_DEFAULT_REGION": "eu-north-1",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "eu-north-1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="eu-north-1")
    if BUCKET not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    return env, s3


@pytest.fixture
def s3_storage(s3_env, settings):
    env, s3 = s3_env
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(env)},
    }
    return s3


def bucket_keys(s3):
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_document_lands_in_the_bucket_and_is_served_through_the_login_checked_view(
    s3_storage, client_learner, client
):
    document = get_document_model().objects.create(
        title="Samarbejdsaftale", file=ContentFile(b"Aftale mellem politi og kommune", name="aftale.txt")
    )
    assert document.file.name in bucket_keys(s3_storage)
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()

    response = client_learner.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Aftale mellem politi og kommune"
    client_learner.logout()
    assert client.get(document.url).status_code == 302  # still behind the login


def test_image_renditions_are_stored_in_the_bucket_with_signed_links(db, s3_storage):
    from PIL import Image as PILImage

    png = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(png, "PNG")
    image = get_image_model().objects.create(
        title="Dialogmøde", file=ImageFile(io.BytesIO(png.getvalue()), name="dialog.png")
    )
    rendition = image.get_rendition("width-20")
    keys = bucket_keys(s3_storage)
    assert image.file.name in keys and rendition.file.name in keys
    assert "X-Amz-Signature=" in rendition.url
    with urllib.request.urlopen(rendition.url, timeout=5) as fetched:
        assert PILImage.open(io.BytesIO(fetched.read())).size == (20, 15)


def test_the_bucket_variable_alone_switches_the_site_to_s3(s3_env):
    """The settings, loaded fresh in another process as an app server would, store media in S3."""
    env, s3 = s3_env
    script = (
        "import django; django.setup()\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        "print(type(default_storage._wrapped if hasattr(default_storage, '_wrapped') else default_storage))\n"
        "name = default_storage.save('probe/hej.txt', ContentFile(b'fra en app-server'))\n"
        "print(name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    name = result.stdout.split()[-1]
    assert "S3Storage" in result.stdout
    body = s3.get_object(Bucket=BUCKET, Key=name)["Body"].read()
    assert body == b"fra en app-server"


def test_without_a_bucket_media_stays_on_local_disk():
    assert "AWS_STORAGE_BUCKET_NAME" not in os.environ or not os.environ["AWS_STORAGE_BUCKET_NAME"]
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
