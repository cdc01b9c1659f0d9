"""Where findings point: values span the value, keys the key, missing fields the parent's key."""

from __future__ import annotations

from .conftest import VALID_YAML, lint_yaml


def _where(text: str) -> list[tuple[str, str, int | None, int | None, int | None, int | None]]:
    return [(f.rule, f.path, f.line, f.column, f.end_line, f.end_column) for f in lint_yaml(text)]


def test_value_span() -> None:
    assert _where(VALID_YAML + "arch: 'x86'\n") == [("LS105", "arch", 9, 7, 9, 12)]


def test_unknown_key_spans_the_key() -> None:
    text = VALID_YAML + "root_volume:\n  root_type: SSD\n"
    assert _where(text) == [("LS102", "root_volume.root_type", 10, 3, 10, 12)]


def test_missing_field_points_at_parent_key() -> None:
    text = VALID_YAML.replace("  subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54\n", "")
    assert _where(text) == [("LS101", "network.subnet_id", 5, 1, 5, 8)]


def test_missing_top_level_field_points_at_document_start() -> None:
    text = "# comment\n" + VALID_YAML.replace("name: server_test\n", "")
    assert _where(text) == [("LS101", "name", 1, 1, 1, 1)]


def test_missing_field_in_later_document_points_at_its_start() -> None:
    text = VALID_YAML + "---\n" + VALID_YAML.replace("name: server_test\n", "")
    assert [(rule, line) for rule, _, line, *_ in _where(text)] == [("LS101", 10)]


def test_list_item_path_and_span() -> None:
    text = VALID_YAML + "  allowed_address_pairs:\n    - ip_address: 10.0.0.1\n    - {ip_address: 0.0.0.0/0}\n"
    assert _where(text) == [("LS702", "network.allowed_address_pairs[1].ip_address", 11, 20, 11, 29)]


def test_multiline_value_span() -> None:
    text = VALID_YAML + "data_volume:\n- type: SSD\n"
    assert _where(text) == [("LS103", "data_volume", 10, 1, 11, 1)]


def test_findings_sorted_by_line_then_column_then_rule() -> None:
    text = VALID_YAML.replace("key_pair_name: KeyPair-3d6a", "admin_pass: root") + "arch: x86\n"
    found = lint_yaml(text)
    assert [(f.line, f.rule) for f in found] == [(4, "LS203"), (4, "LS204"), (4, "LS206"), (9, "LS105")]


def test_unicode_columns_count_characters() -> None:
    text = "name: \"серв ер\"\n" + VALID_YAML.split("\n", 1)[1] + "arch: x86\n"
    assert [(rule, line, column) for rule, _, line, column, *_ in _where(text)] == [("LS108", 1, 7), ("LS105", 9, 7)]
