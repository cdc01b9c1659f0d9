"""lint() on the official SDK's request objects (huaweicloudsdkmodelarts, in the test extra).

Skipped only where the SDK is not installed, and never under CI=true, where it must be.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from liteserver_lint import LintFailed, lint

from .conftest import VALID

if os.environ.get("CI") == "true":
    import huaweicloudsdkmodelarts.v1 as sdk
else:
    sdk = pytest.importorskip("huaweicloudsdkmodelarts.v1", reason="the official SDK is not installed")

PASSWORD = "Secret-Pass-1x"


def _network() -> Any:
    return sdk.ServerNetwork(**VALID["network"])


def test_a_valid_sdk_request_is_ok() -> None:
    body = sdk.ServerCreateRequest(
        name="server_test", flavor="s7.small.1", image_id=VALID["image_id"], key_pair_name="KeyPair-3d6a",
        network=_network(), root_volume=sdk.EvsVolume(type="SSD", size=200),
        charging_info=sdk.ChargingInfo(charging_mode="POST_PAID", period_num=1, period_type="MONTH"),
    )
    assert lint(body).findings == []


def test_an_sdk_request_with_mistakes() -> None:
    body = sdk.ServerCreateRequest(
        name="train-01", flavor="s7.small.1", image_id=VALID["image_id"], admin_pass=PASSWORD,
        network=_network(), root_volume=sdk.EvsVolume(type="ssd", size=50), server_type="HPS",
    )
    assert PASSWORD in repr(body)  # the SDK's repr shows the password: the linter never uses it
    report = lint(body)
    assert [(f.rule, f.path) for f in report.findings] == [
        ("LS105", "root_volume.type"),
        ("LS107", "root_volume.size"),
        ("LS301", "admin_pass"),
        ("LS302", "hps_cluster_id"),
    ]
    with pytest.raises(LintFailed) as caught:
        report.raise_for_errors()
    assert PASSWORD not in str(caught.value)


def test_the_whole_create_call_object() -> None:
    """A CreateDevServerRequest wraps the body: lint the body it carries."""
    body = sdk.ServerCreateRequest(name="a b", flavor="s7.small.1", image_id=VALID["image_id"],
                                   key_pair_name="kp", network=_network())
    call = sdk.CreateDevServerRequest(body=body)
    assert [(f.rule, f.path) for f in lint(call.body).findings] == [("LS108", "name")]
