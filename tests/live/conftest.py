from __future__ import annotations

from typing import Any

import pytest

from designer.domain import operations
from tests.samples import WAR_TOMCAT


@pytest.fixture
def war_tomcat() -> dict[str, Any]:
    return operations.import_text(WAR_TOMCAT).design.to_dict()
