"""The opcode table is the single source: every row is implemented by both
engines, the generated docs match it, and its fields are consistent."""

from vm import docs, reference, translator
from vm.opcodes import BY_CODE, IMMEDIATE_SIZE, OPCODES, numtype_byte, numtype_from_byte


def test_every_row_has_an_implementation_in_both_engines():
    missing_reference = [op.name for op in OPCODES if reference.HANDLERS[op.code] is None]
    missing_translator = [op.name for op in OPCODES if not hasattr(translator.FunctionTranslator, f"t_{op.name}")]
    assert missing_reference == [] and missing_translator == []


def test_no_handler_without_a_row():
    reference_names = {name[3:] for name in dir(reference) if name.startswith("op_")}
    translator_names = {name[2:] for name in dir(translator.FunctionTranslator) if name.startswith("t_")}
    names = {op.name for op in OPCODES}
    assert reference_names - names == set()
    assert translator_names - names == set()


def test_docs_are_generated_from_the_table():
    assert docs.TARGET.read_text() == docs.render(), "docs/opcodes.md is stale: run `python -m vm.docs`"


def test_rows_are_consistent():
    assert len(BY_CODE) == len(OPCODES)
    for op in OPCODES:
        assert all(kind in IMMEDIATE_SIZE for kind in op.immediates), op.name
        assert op.gas > 0 and op.doc.endswith("."), op.name
        if op.ends_block in ("jump", "branch"):
            assert op.immediates == ("target",), op.name
        if op.pops is not None:
            assert set(op.pops + op.pushes) <= set("ibl*"), op.name


def test_numeric_type_bytes_round_trip():
    for bits in range(8, 257, 8):
        for prefix in "ui":
            t = numtype_from_byte(numtype_byte(f"{prefix}{bits}"))
            assert (t.name, t.bits, t.signed) == (f"{prefix}{bits}", bits, prefix == "i")
    assert numtype_from_byte(0x20) is None and numtype_from_byte(0x40) is None
