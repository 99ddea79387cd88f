"""Backup and restore as docs/storage.md describes it: database dump plus both media storages.

The source is the demo clinic seeded for the test session (committed, so a dump tool sees it).
The backup is restored into an empty instance: a new database made from the dump, and new
media folders (or a new bucket). A separate Django process then opens every treatment
record's photos and every site image there, and must find the same bytes.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import environ
import pytest
from django.conf import settings
from django.db import connection
from storages.backends.s3 import S3Storage
from wagtail.images import get_image_model

from common.management.commands.copy_media_to_s3 import copy_tree
from config.settings.storage import media_storages
from crm.models import TreatmentPhoto

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Runs in the restored instance and prints what it finds, keyed like `source_inventory`.
INVENTORY_SCRIPT = """
import hashlib, json
import django
django.setup()
from wagtail.images import get_image_model
from crm.models import TreatmentRecord
from common.storage import describe_storage, private_storage

def digest(field_file):
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()

photos = {}
for record in TreatmentRecord.objects.prefetch_related("photos"):
    for photo in record.photos.all():
        photos[str(photo.pk)] = [record.pk, digest(photo.image)]
images = {str(image.pk): digest(image.file) for image in get_image_model().objects.all()}
print(json.dumps({"photos": photos, "images": images, "private": describe_storage(private_storage())}))
"""


def digest(field_file) -> str:
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def source_inventory() -> dict:
    photos = {
        str(photo.pk): [photo.record_id, digest(photo.image)]
        for photo in TreatmentPhoto.objects.order_by("pk")
    }
    images = {str(image.pk): digest(image.file) for image in get_image_model().objects.all()}
    return {"photos": photos, "images": images}


# --- database dump and restore, with the database's own tools ---------------------------------


def restore_sqlite_copy(target: Path) -> str:
    """Copy the test database with SQLite's online backup API and return its DATABASE_URL."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return f"sqlite:///{target}"


def postgres_arguments() -> tuple[list[str], dict]:
    database = settings.DATABASES["default"]
    arguments = ["-h", database["HOST"] or "127.0.0.1", "-p", str(database["PORT"] or 5432), "-U", database["USER"]]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def restore_postgres_dump(tmp_path: Path, request) -> str:
    """pg_dump the test database, pg_restore it into a new database and return its URL."""
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian package postgresql-client)")
    database = settings.DATABASES["default"]
    arguments, environment = postgres_arguments()
    dump = tmp_path / "amaze.dump"
    restored_name = f"{database['NAME']}_restore_{uuid.uuid4().hex[:8]}"

    subprocess.run(["pg_dump", *arguments, "--format=custom", "--no-owner", "-f", str(dump), database["NAME"]], check=True, env=environment)
    subprocess.run(["createdb", *arguments, restored_name], check=True, env=environment)
    request.addfinalizer(
        lambda: subprocess.run(["dropdb", *arguments, "--if-exists", restored_name], check=False, env=environment)
    )
    subprocess.run(["pg_restore", *arguments, "--no-owner", "-d", restored_name, str(dump)], check=True, env=environment)

    user = database["USER"]
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{restored_name}"


def restored_database_url(tmp_path: Path, request) -> str:
    if connection.vendor == "sqlite":
        return restore_sqlite_copy(tmp_path / "restored.sqlite3")
    if connection.vendor == "postgresql":
        return restore_postgres_dump(tmp_path, request)
    pytest.skip(f"no restore procedure for {connection.vendor}")


# --- media backup and restore -----------------------------------------------------------------


def back_up_media(backup: Path) -> tuple[Path, Path]:
    """Copy the media files of the demo clinic, as a file-level backup of both folders would.

    The test media folders are shared by every test run on the machine and keep the files of
    earlier runs, so only the files this database refers to are copied. A clinic backs up
    the whole folders.
    """
    public_names = [image.file.name for image in get_image_model().objects.all()]
    private_names = [photo.image.name for photo in TreatmentPhoto.objects.all()]
    public = backup / "media"
    private = backup / "private_media"
    for root, destination, names in (
        (Path(settings.MEDIA_ROOT), public, public_names),
        (Path(settings.PRIVATE_MEDIA_ROOT), private, private_names),
    ):
        for name in names:
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, destination / name)
    return public, private


def run_inventory(environment: dict) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", INVENTORY_SCRIPT],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def instance_environment(database_url: str, media_root: Path, private_media_root: Path) -> dict:
    environment = {
        **os.environ,
        # Development settings read STORAGES from AWS_* like production does; test settings
        # would force local folders.
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "restore-check-only",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "PRIVATE_MEDIA_ROOT": str(private_media_root),
    }
    return environment


@pytest.mark.django_db
def test_restore_local_media(tmp_path, request, monkeypatch):
    for name in ("AWS_STORAGE_BUCKET_NAME", "AWS_PRIVATE_STORAGE_BUCKET_NAME"):
        monkeypatch.delenv(name, raising=False)
    expected = source_inventory()
    public_backup, private_backup = back_up_media(tmp_path / "backup")
    database_url = restored_database_url(tmp_path, request)
    restored = tmp_path / "restored"
    shutil.copytree(public_backup, restored / "media")
    shutil.copytree(private_backup, restored / "private_media")

    found = run_inventory(instance_environment(database_url, restored / "media", restored / "private_media"))

    assert expected["photos"], "the demo seed should create treatment photos"
    assert expected["images"], "the demo seed should create site images"
    assert found["photos"] == expected["photos"]
    assert found["images"] == expected["images"]
    assert found["private"] == f"folder {restored / 'private_media'}"


@pytest.mark.django_db
def test_restore_into_bucket(tmp_path, request, s3_environment):
    expected = source_inventory()
    public_backup, private_backup = back_up_media(tmp_path / "backup")
    database_url = restored_database_url(tmp_path, request)
    configured = media_storages(environ.Env(), private_media_root=tmp_path / "unused")
    copy_tree(public_backup, S3Storage(**configured["default"]["OPTIONS"]), dry_run=False)
    copy_tree(private_backup, S3Storage(**configured["private"]["OPTIONS"]), dry_run=False)
    empty = tmp_path / "empty"
    (empty / "media").mkdir(parents=True)
    (empty / "private_media").mkdir()

    # The local folders of the restored instance stay empty: every file must come from the bucket.
    found = run_inventory(instance_environment(database_url, empty / "media", empty / "private_media"))

    assert expected["photos"]
    assert found["photos"] == expected["photos"]
    assert found["images"] == expected["images"]
    assert found["private"] == f"s3://{s3_environment}/private"
