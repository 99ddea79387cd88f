"""Copy media files from the local folders to the configured S3 storages.

Used once when a clinic moves from `make run` (files on disk) to object storage. Every file under
MEDIA_ROOT goes to the public storage and every file under PRIVATE_MEDIA_ROOT to the private
storage. Each keeps its name, so the names stored in the database keep pointing at the files. Files
already present in the bucket are skipped and never overwritten, so the command can be run again
after an interruption.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage
from django.core.management.base import BaseCommand, CommandError

from common.storage import describe_storage, is_s3_storage, private_storage, public_storage

logger = logging.getLogger(__name__)


@dataclass
class CopyReport:
    copied: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)


def local_file_names(root: Path) -> list[str]:
    """Return the storage names (POSIX paths relative to `root`) of the regular files under it."""
    if not root.is_dir():
        return []
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def copy_tree(root: Path, target: Storage, *, dry_run: bool, on_file=None) -> CopyReport:
    """Copy every file under `root` to `target` under the same name, skipping existing names."""
    report = CopyReport()
    for name in local_file_names(root):
        source = root / name
        if target.exists(name):
            # Same name, different size: probably another file; reported, left alone.
            if target.size(name) == source.stat().st_size:
                report.already_there.append(name)
                outcome = "already there"
            else:
                report.differing.append(name)
                outcome = "already there with another size, left unchanged"
        else:
            if not dry_run:
                with source.open("rb") as handle:
                    saved_name = target.save(name, File(handle, name=name))
                if saved_name != name:
                    raise CommandError(
                        f"{name} was stored as {saved_name}, so the database would not find it; "
                        "stop other uploads to the bucket and run the command again."
                    )
            report.copied.append(name)
            outcome = "would copy" if dry_run else "copied"
        if on_file is not None:
            on_file(name, outcome)
    return report


class Command(BaseCommand):
    help = (
        "Copy local media (MEDIA_ROOT and PRIVATE_MEDIA_ROOT) to the configured S3 storages, "
        "skipping files already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            help="Folder of the public media to copy (default: MEDIA_ROOT).",
        )
        parser.add_argument(
            "--private-media-root",
            type=Path,
            default=None,
            help="Folder of the private media to copy (default: PRIVATE_MEDIA_ROOT).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be copied without copying."
        )

    def handle(self, *args, media_root=None, private_media_root=None, dry_run=False, **options):
        self.verbosity = options.get("verbosity", 1)
        jobs = [
            ("public", Path(media_root or settings.MEDIA_ROOT), public_storage()),
            ("private", Path(private_media_root or settings.PRIVATE_MEDIA_ROOT), private_storage()),
        ]
        if not any(is_s3_storage(target) for _kind, _root, target in jobs):
            raise CommandError(
                "No S3 storage is configured. Set AWS_STORAGE_BUCKET_NAME and/or "
                "AWS_PRIVATE_STORAGE_BUCKET_NAME (see docs/storage.md) and run the command again."
            )

        for kind, root, target in jobs:
            if not is_s3_storage(target):
                self.stdout.write(f"{kind} media: storage is {describe_storage(target)}, not S3; skipped.")
                continue
            self._copy(kind, root, target, dry_run=dry_run)

    def _copy(self, kind: str, root: Path, target: Storage, *, dry_run: bool) -> None:
        self.stdout.write(f"{kind} media: {root} -> {describe_storage(target)}")
        logger.info("Copying %s media to %s (dry run: %s)", kind, describe_storage(target), dry_run)
        verbose = self.verbosity >= 2

        def on_file(name: str, outcome: str) -> None:
            if verbose or outcome != "already there":
                self.stdout.write(f"  {outcome}: {name}")

        report = copy_tree(root, target, dry_run=dry_run, on_file=on_file)
        copied_label = "would copy" if dry_run else "copied"
        summary = (
            f"{kind} media: {len(report.copied)} {copied_label}, "
            f"{len(report.already_there)} already there"
        )
        if report.differing:
            summary += f", {len(report.differing)} differing and left unchanged"
            self.stdout.write(self.style.WARNING(summary + "."))
        else:
            self.stdout.write(self.style.SUCCESS(summary + "."))
        logger.info(
            "Copied %s media: copied=%s already_there=%s differing=%s",
            kind,
            len(report.copied),
            len(report.already_there),
            len(report.differing),
        )
