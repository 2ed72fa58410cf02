"""Two saves based on the same revision, at the same time: one wins, the other gets a 409."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from designer.library import services
from designer.library.errors import StaleRevision
from designer.library.models import Design, Revision
from tests.library.builders import document
from tests.library.conftest import World


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_on_the_same_base_never_overwrite(world: World) -> None:
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def save(image: str) -> None:
        design = Design.objects.get(pk=world.private.pk)
        doc = document(image=image)
        barrier.wait()
        try:
            services.design_save(user=world.editor, design=design, document=doc, base_revision=1)
            outcomes.append("saved")
        except StaleRevision:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"nginx:1.27.{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "stale", "stale", "stale"]
    assert list(Revision.objects.filter(design=world.private).values_list("number", flat=True)) == [
        2,
        1,
    ]
