"""GB 32100-2015 check character, against the standard's example and hand-worked codes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from tests.factories import VALID_CODE, VALID_CODE_2

from chainatlas.domain.credit_code import ALPHABET, credit_code_problems, expected_check_character


def test_the_standards_worked_example_is_valid() -> None:
    assert credit_code_problems(VALID_CODE) == []


def test_a_hand_worked_code_is_valid() -> None:
    assert expected_check_character(VALID_CODE_2[:17]) == "M"
    assert credit_code_problems(VALID_CODE_2) == []


def test_wrong_check_character_names_the_expected_one() -> None:
    assert credit_code_problems("91350100M000100Y44") == ["has a wrong check character 4 (expected 3)"]


def test_length_and_alphabet_are_checked() -> None:
    assert credit_code_problems("9135010") == ["must be 18 characters, got 7"]
    assert "not allowed" in credit_code_problems("91350100M000100YI3")[0]


def _weighted_check(first17: str) -> str:
    # Independent oracle: the formula written out as the standard states it, C18 = 31 - MOD(Σ Ci·Wi, 31).
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    value = 31 - total % 31
    return ALPHABET[0 if value == 31 else value]


@given(
    st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9),
)
def test_check_character_matches_the_formula(head: str, region: str, body: str) -> None:
    first17 = head + region + body
    check = _weighted_check(first17)
    assert expected_check_character(first17) == check
    assert credit_code_problems(first17 + check) == []
    wrong = ALPHABET[(ALPHABET.index(check) + 1) % 31]
    assert credit_code_problems(first17 + wrong) == [f"has a wrong check character {wrong} (expected {check})"]
