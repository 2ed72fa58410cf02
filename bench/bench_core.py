"""Core on a 40-container, 30-volume design: validate vs kubernetes_validate, YAML export."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.workloads import big_pod_manifest


def median_ms(fn: Callable[[], Any], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def run() -> None:
    import json

    import kubernetes_validate
    import yaml

    from designer.domain import operations
    from designer.domain.document import parse_document
    from designer.domain.export import export_manifests, export_pod
    from designer.domain.versions import DEFAULT_VERSION
    from designer.domain.yamlio import dump_yaml

    manifest = big_pod_manifest()
    design = operations.import_text(json.dumps(manifest)).design
    document = design.to_dict()
    report = operations.validate(design)
    assert report.valid, [str(f) for f in report.findings if f.severity == "error"]
    version = DEFAULT_VERSION
    exported = export_manifests(design, version=version)

    ours = median_ms(lambda: operations.validate(design), 300)
    ours_dict = median_ms(lambda: operations.validate(document), 300)
    theirs = median_ms(lambda: kubernetes_validate.validate(manifest, version, strict=True), 15, 1)
    parse = median_ms(lambda: parse_document(document), 300)
    export_one = median_ms(lambda: export_pod(design, design.pods[0].id, version=version), 300)
    dump = median_ms(lambda: dump_yaml(exported), 200)
    export_all = median_ms(lambda: dump_yaml(export_manifests(design, version=version)), 200)
    cdump = median_ms(lambda: yaml.dump_all(exported, Dumper=yaml.CSafeDumper, sort_keys=False), 30)

    print(
        f"   design: {sum(len(p.containers) for p in design.pods)} containers, "
        f"{sum(len(p.volumes) for p in design.pods)} volumes, Kubernetes {version}; "
        f"findings: {report.counts}"
    )
    print(f"   validate, all three layers (parsed design)   median {ours:.3f} ms  (target <= 1 ms)")
    print(f"   validate, from the JSON document (+parse)    median {ours_dict:.3f} ms")
    print(
        f"   kubernetes_validate.validate (schema only)   median {theirs:.2f} ms  -> ours is "
        f"{theirs / ours:.0f}x faster (target >= 40x)"
    )
    print(f"   parse_document {parse:.3f} ms, export_pod {export_one:.3f} ms")
    print(f"   export to YAML (export + dump)               median {export_all:.3f} ms  (target <= 5 ms)")
    print(f"   dump only: ours {dump:.3f} ms vs PyYAML CSafeDumper {cdump:.2f} ms")
