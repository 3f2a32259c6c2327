"""The Permendagri 90/2019 code validator accepts every level's real shape and nothing else."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.alignment.models import NOMENCLATURE_RE
from kotacerdas.alignment.services import is_valid_code


@pytest.mark.parametrize("code", ["2.16", "2.16.02", "2.16.02.1.01", "2.16.02.2.01.0001", "1.02.02", "3.26.03", "1.02.02.2.02.0001"])
def test_real_codes_are_accepted(code):
    assert is_valid_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "2",
        "X.XX",
        "X.XX.01",
        "2.16.2",
        "2.16.002",
        "2.16.0001",
        "2.16.02.01",
        "2.16.02.1.1",
        "2.16.02.1.01.01",
        "2.16.02.1.01.00001",
        "0.16.02",
        "2.16.02.",
        " 2.16.02",
        "2,16,02",
        "2.16.02\n",
    ],
)
def test_malformed_codes_are_refused(code):
    assert not is_valid_code(code)


affair = st.integers(1, 9).map(str)
two = st.integers(0, 99).map(lambda n: f"{n:02d}")
activity = st.tuples(st.integers(1, 9), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]:02d}")
four = st.integers(0, 9999).map(lambda n: f"{n:04d}")


@given(affair, two, two, activity, four, st.integers(1, 4))
def test_every_well_formed_level_is_accepted(a, b, p, act, sub, levels):
    # levels: 1 affair+field (2.16), 2 programme (2.16.02), 3 activity (2.16.02.1.01), 4 sub-activity (…0001)
    parts = [f"{a}.{b}", p, act, sub]
    assert is_valid_code(".".join(parts[:levels]))


@given(st.text(alphabet="0123456789.X", max_size=20))
def test_accepted_codes_have_a_valid_shape(code):
    if is_valid_code(code):
        segments = code.split(".")
        assert len(segments) in (2, 3, 5, 6)
        assert [len(s) for s in segments] == [1, 2, 2, 1, 2, 4][: len(segments)]
        assert segments[0] != "0" and "X" not in code


@given(st.text(max_size=25))
def test_model_validator_and_service_agree(code):
    """The model field's validator (re.search) and the service check accept exactly the same strings."""
    assert is_valid_code(code) == (re.search(NOMENCLATURE_RE, code) is not None)
