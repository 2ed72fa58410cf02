"""Best-practice lints for a Pod (pod-rules.md section C): kube-linter, Polaris, kube-score.

None of these is an API error. The API layer owns duplicate env names, named probe ports, unused
volumes, runAsNonRoot with UID 0 and sidecars below 1.29, so they are not repeated here.

``catalogue`` lists the rules; ``pod`` holds ``lint_pod`` and the pod-level rules, ``containers``
the per-container pass, with its ``resources`` and ``security`` rules; ``common`` what they share.
"""

from __future__ import annotations

from designer.domain.validation.lints.catalogue import LINT_RULES
from designer.domain.validation.lints.pod import lint_pod

__all__ = ["LINT_RULES", "lint_pod"]
