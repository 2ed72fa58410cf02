"""``manage.py pod validate|export|import|simulate FILE``: the core for scripts and CI."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from designer.domain import operations
from designer.domain.errors import DomainError
from designer.domain.validation.findings import Finding

MAX_INPUT_BYTES = 20 * 1024 * 1024
EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class Command(BaseCommand):
    help = (
        "Validate, export, import or simulate Pod designs. FILE is a manifest (YAML/JSON, any supported "
        "kind, '-' for stdin) or a design document."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        def file_command(name: str, help_text: str) -> ArgumentParser:
            p = sub.add_parser(name, help=help_text)
            p.add_argument(
                "file", metavar="FILE", help="manifest or design document; '-' reads stdin"
            )
            p.add_argument(
                "--kubernetes-version",
                dest="kubernetes_version",
                default=None,
                help="target Kubernetes version, e.g. 1.33 (default: the design's, or newest)",
            )
            return p

        p = file_command("validate", "print findings; exit 0 valid, 1 errors, 2 unreadable input")
        p.add_argument("--json", action="store_true", help="print one JSON object")

        p = file_command("export", "print the validated manifest")
        p.add_argument(
            "--kind",
            default=None,
            choices=operations.WORKLOAD_KINDS,
            help="wrap each Pod as this kind (default: as imported, or Pod)",
        )
        p.add_argument("--format", dest="fmt", default="yaml", choices=("yaml", "json"))
        p.add_argument(
            "--draft", action="store_true", help="export even with errors (marked DRAFT)"
        )
        p.add_argument("-o", "--output", default=None, help="write to this file instead of stdout")

        file_command("import", "print the design document read from manifests")

        p = file_command("simulate", "print the startup/termination timeline")
        p.add_argument(
            "--scenario",
            default="normal",
            help="normal, init-failure, sidecar-startup-failure, job-completion, deletion",
        )
        p.add_argument(
            "--container", default=None, help="the container a failure scenario is about"
        )
        p.add_argument("--pod", default=None, help="the Pod id when the design has several")
        p.add_argument("--json", action="store_true", help="print the events as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            text = self._read(options["file"])
        except OSError as exc:
            self._unreadable(f"cannot read {options['file']}: {exc.strerror or exc}", options)
            return
        try:
            design = operations.load_design(text, kubernetes_version=options["kubernetes_version"])
        except (DomainError, ValueError) as exc:
            self._unreadable(str(exc), options)
            return
        try:
            getattr(self, f"_{action}")(design, options)
        except (DomainError, ValueError) as exc:
            raise CommandError(str(exc), returncode=EXIT_INVALID) from exc

    def _read(self, name: str) -> bytes:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with Path(name).open("rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise OSError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
        return data

    def _unreadable(self, message: str, options: dict[str, Any]) -> None:
        if options.get("json"):
            finding = {
                "severity": "error",
                "rule": "input.unreadable",
                "path": "",
                "message": message,
                "hint": "Give a Kubernetes manifest (YAML or JSON) or a Pod Designer design document.",
            }
            self.stdout.write(json.dumps({"valid": False, "findings": [finding]}))
            sys.exit(EXIT_UNREADABLE)
        raise CommandError(message, returncode=EXIT_UNREADABLE)

    def _validate(self, design: operations.Design, options: dict[str, Any]) -> None:
        report = operations.validate(design, options["kubernetes_version"])
        if options["json"]:
            out = {"valid": report.valid, "findings": [_public(f) for f in report.findings]}
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            for f in report.findings:
                self.stdout.write(f"{f.severity:<7} {f.path or '(pod)'}: {f.message}  [{f.rule}]")
                if f.hint:
                    self.stdout.write(f"        hint: {f.hint}")
            c = report.counts
            verdict = "valid" if report.valid else "INVALID"
            self.stdout.write(
                f"{verdict} for Kubernetes {report.version}: {c['error']} error(s), "
                f"{c['warning']} warning(s), {c['info']} info"
            )
        if not report.valid:
            sys.exit(EXIT_INVALID)

    def _export(self, design: operations.Design, options: dict[str, Any]) -> None:
        try:
            exported = operations.export(
                design,
                kind=options["kind"],
                fmt=options["fmt"],
                version=options["kubernetes_version"],
                draft=options["draft"],
            )
        except operations.ExportRefused as exc:
            for f in exc.findings:
                if f.severity == "error":
                    self.stderr.write(f"error {f.path or '(pod)'}: {f.message}  [{f.rule}]")
            raise CommandError(f"{exc} (--draft)", returncode=EXIT_INVALID) from exc
        if options["output"]:
            Path(options["output"]).write_text(exported.text)
        else:
            self.stdout.write(exported.text, ending="" if exported.text.endswith("\n") else "\n")

    def _import(self, design: operations.Design, options: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(design.to_dict(), indent=2, ensure_ascii=False))

    def _simulate(self, design: operations.Design, options: dict[str, Any]) -> None:
        scenario = {"kind": options["scenario"]}
        if options["container"]:
            scenario["container"] = options["container"]
        result = operations.simulate(
            design, scenario, pod_id=options["pod"], version=options["kubernetes_version"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        for event in result.events:
            who = f"{event.container:<16}" if event.container else " " * 16
            self.stdout.write(f"{event.t:8.1f}s  {who} {event.message}")
        self.stdout.write(f"phase: {result.phase}")


def _public(f: Finding) -> dict[str, str]:
    return {
        "severity": f.severity,
        "rule": f.rule,
        "path": f.path,
        "message": f.message,
        "hint": f.hint,
    }
