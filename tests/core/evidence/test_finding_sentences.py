"""Every finding the comparison can report has its Chinese sentence (the Chinese report, the hub's Chinese page).

The codes are read from the source: every ``Finding(...)`` the package
builds, its code a literal, a choice between literals, or a name taken from
a loop over a literal table. A producer this test cannot read fails it, so a
new code cannot slip past without a sentence.
"""

from __future__ import annotations

import ast
from pathlib import Path

import packseal
from packseal.core.evidence.texts import finding_sentence
from tests.support.findings import every_kind_of_finding


def _literal_codes(node: ast.expr, function: ast.AST, where: str) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literal_codes(node.body, function, where) | _literal_codes(node.orelse, function, where)
    if isinstance(node, ast.Name):  # for a, code, b in (("…", "code_1", …), …): the column of ``code``
        for loop in ast.walk(function):
            if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Tuple)
                    and isinstance(loop.iter, ast.Tuple)):
                continue
            names = [t.id if isinstance(t, ast.Name) else None for t in loop.target.elts]
            if node.id in names:
                column = names.index(node.id)
                return set().union(*(_literal_codes(row.elts[column], function, where) for row in loop.iter.elts))
    raise AssertionError(f"{where}: the code of this Finding cannot be read from the source; teach this test")


def finding_codes_in_the_source() -> set[str]:
    """Every code a ``Finding(...)`` in the package is built with."""
    codes: set[str] = set()
    for path in sorted(Path(packseal.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "Finding":
                    first = call.args[0] if call.args else next(k.value for k in call.keywords if k.arg == "code")
                    codes |= _literal_codes(first, function, f"{path.name}:{call.lineno}")
    return codes


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_the_source_is_read_whole():
    codes = finding_codes_in_the_source()
    # A few producers of each kind: a literal, a loop over a table, a choice between two literals.
    assert {"no_camera_metadata", "photo_taken_before_packing", "photo_taken_before_shipment", "iptc_ai_source",
            "iptc_source_type", "difference_on_item", "waybill_of_another_order", "before_closing"} <= codes
    assert len(codes) >= 29


def test_every_finding_code_has_a_chinese_sentence_filled_in_with_its_particulars():
    codes = finding_codes_in_the_source()
    made = every_kind_of_finding()
    assert codes == {f.code for f in made}, "every code is made by the core's own function below"
    for finding in made:
        said = finding_sentence(finding.code, finding.params, "zh_CN")
        assert said and _chinese(said) and said != finding.message, finding.code
        # The particulars that are names, times or codes are kept as the photo spells them.
        for name in ("software", "make", "model", "producer", "reference", "code", "other", "time", "source_type"):
            if finding.params.get(name) and finding.params[name] in finding.message:
                assert finding.params[name] in said, (finding.code, name)
    assert finding_sentence("no_camera_metadata", {}, "en") == ""  # English keeps the core's own sentence


def test_a_finding_stored_without_its_particulars_keeps_the_english_sentence():
    assert finding_sentence("camera", {}, "zh_CN") == ""
