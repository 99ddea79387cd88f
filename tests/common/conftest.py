"""Media storages for the storage tests: local folders, or buckets on an S3 server on 127.0.0.1.

The S3 server is moto's ThreadedMotoServer, reached over HTTP by boto3 exactly as a clinic's
bucket would be. `media_backend` is parametrized, so every test using it runs on both.
"""

import datetime
import socket
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import boto3
import environ
import pytest
from django.core.files.storage import Storage, storages
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from common import private_media
from config.settings.storage import media_storages

S3_REGION = "ap-southeast-3"  # AWS Asia Pacific (Jakarta)
S3_ACCESS_KEY = "test-access-key"
S3_SECRET_KEY = "test-secret-key"


class PresignedUrlExpiry:
    """WSGI layer refusing presigned URLs used after X-Amz-Date + X-Amz-Expires, as S3 does.

    NOTE: moto 5.2.5 accepts presigned URLs without checking their expiry, so this layer applies
    AWS's rule in front of it. `clock_offset` (seconds) moves this server's clock forward, which
    lets a test expire a five-minute URL without sleeping.
    """

    def __init__(self, app):
        self.app = app
        self.clock_offset = 0

    def __call__(self, environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if "X-Amz-Date" in query and "X-Amz-Expires" in query:
            signed_at = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.UTC
            )
            valid_until = signed_at.timestamp() + int(query["X-Amz-Expires"][0])
            if time.time() + self.clock_offset > valid_until:
                body = (
                    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
                    b"<Message>Request has expired</Message></Error>"
                )
                start_response(
                    "403 Forbidden",
                    [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))],
                )
                return [body]
        return self.app(environ, start_response)


class S3TestServer(ThreadedMotoServer):
    """ThreadedMotoServer with the expiry layer in front of moto's application."""

    def __init__(self):
        super().__init__(ip_address="127.0.0.1", port=0, verbose=False)
        self.expiry = PresignedUrlExpiry(DomainDispatcherApplication(create_backend_app))

    def _server_entry(self) -> None:
        self._server = make_server(
            self._ip_address, self._port, self.expiry, threaded=True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()

    @property
    def endpoint_url(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{host}:{port}"

    @property
    def host_and_port(self) -> str:
        host, port = self.get_host_and_port()
        return f"{host}:{port}"


@pytest.fixture(scope="session")
def s3_server():
    server = S3TestServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def s3_client(s3_server):
    return boto3.client(
        "s3",
        endpoint_url=s3_server.endpoint_url,
        region_name=S3_REGION,
        aws_access_key_id=S3_ACCESS_KEY,
        aws_secret_access_key=S3_SECRET_KEY,
    )


def create_bucket(s3_client, name: str) -> None:
    s3_client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION})


def allow_public_read(s3_client, bucket: str, prefix: str) -> None:
    """Apply the bucket policy docs/storage.md recommends: anonymous read on the public prefix only."""
    s3_client.put_bucket_policy(
        Bucket=bucket,
        Policy=(
            '{"Version": "2012-10-17", "Statement": [{"Sid": "PublicMedia", "Effect": "Allow", '
            '"Principal": "*", "Action": "s3:GetObject", '
            f'"Resource": "arn:aws:s3:::{bucket}/{prefix}/*"' + "}]}"
        ),
    )


@pytest.fixture
def s3_environment(monkeypatch, s3_server, s3_client):
    """Set the environment a clinic would set for one shared bucket on the test server.

    Public media is served through a "custom domain" that is the bucket's path on the server, so
    its URLs can be fetched; returns the bucket name.
    """
    bucket = f"amaze-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_client, bucket)
    allow_public_read(s3_client, bucket, "public")
    variables = {
        "AWS_ACCESS_KEY_ID": S3_ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": S3_SECRET_KEY,
        # Without this boto3 may look for credentials at the EC2 metadata address.
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_REGION_NAME": S3_REGION,
        "AWS_S3_ENDPOINT_URL": s3_server.endpoint_url,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_S3_CUSTOM_DOMAIN": f"{s3_server.host_and_port}/{bucket}",
        "AWS_S3_URL_PROTOCOL": "http:",
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PRIVATE_STORAGE_BUCKET_NAME", "AWS_PUBLIC_LOCATION", "AWS_PRIVATE_LOCATION"):
        monkeypatch.delenv(name, raising=False)
    return bucket


def fetch(url: str) -> tuple[int, bytes]:
    """GET `url` over HTTP from 127.0.0.1 and return (status, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass
class MediaBackend:
    """The configured public and private storages of one test, with helpers to reach their files."""

    kind: str  # "local" or "s3"
    public: Storage
    private: Storage
    server: S3TestServer | None = None
    bucket: str | None = None
    monkeypatch: pytest.MonkeyPatch | None = field(default=None, repr=False)

    def fetch(self, url: str, client=None) -> tuple[int, bytes]:
        """Fetch a file URL: over HTTP for S3, through the Django test client for local links."""
        if self.kind == "s3":
            return fetch(url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body

    def advance_clock(self, seconds: int) -> None:
        """Move the clock that judges link expiry forward by `seconds`."""
        if self.kind == "s3":
            self.server.expiry.clock_offset += seconds
            return
        now = private_media.current_timestamp()
        self.monkeypatch.setattr(private_media, "current_timestamp", lambda: now + seconds)


@pytest.fixture(params=["local", "s3"])
def media_backend(request, settings, tmp_path, monkeypatch):
    """Point STORAGES at fresh local folders or at a fresh bucket, for one test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private_media")
    server = bucket = None
    if request.param == "s3":
        server = request.getfixturevalue("s3_server")
        bucket = request.getfixturevalue("s3_environment")
    configured = media_storages(environ.Env(), private_media_root=settings.PRIVATE_MEDIA_ROOT)
    settings.STORAGES = {**settings.STORAGES, **configured}
    backend = MediaBackend(
        kind=request.param,
        public=storages["default"],
        private=storages["private"],
        server=server,
        bucket=bucket,
        monkeypatch=monkeypatch,
    )
    yield backend
    if server is not None:
        server.expiry.clock_offset = 0


@pytest.fixture
def no_network(monkeypatch):
    """Make every new outgoing connection fail, to prove that code makes no network call."""

    def refuse(self, address):
        raise AssertionError(f"unexpected network call to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
