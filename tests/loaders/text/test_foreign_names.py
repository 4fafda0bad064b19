"""Foreign names that join two places or fields with their own language's "and" or "on"
(issue 16, class 2): one name, not cut there; and two names joined by that word are two."""

import pytest

from tests.loaders.text.reading import sides_of

HEADER = "News\n\nStaff reporter | Tarvik | 3 May 2024\n\n"


@pytest.mark.parametrize(
    "name",
    [
        "Hochschule für Technik und Wirtschaft Freiberg",
        "Universidad Politécnica de Castilla y León",
        "Univerzita Jana Evangelisty Purkyně v Ústí nad Labem",
        "Universidade de Trás-os-Montes e Alto Douro",
    ],
)
def test_a_foreign_name_joining_two_places_or_fields_is_one_name(name: str) -> None:
    text = HEADER + f"Tarvik University signed an agreement with the {name}."
    assert sides_of(text) == [[["Tarvik University"], [name]]]


@pytest.mark.parametrize(
    ("first", "link", "second"),
    [
        ("Universidad de Chile", "y", "Pontificia Universidad Católica de Chile"),
        ("Universidade de Coimbra", "e", "Universidade do Porto"),
    ],
)
def test_two_foreign_names_joined_by_their_language_s_and_are_two(
    first: str, link: str, second: str
) -> None:
    text = HEADER + f"{first} {link} {second} signed an agreement."
    assert sides_of(text) == [[[first], [second]]]


@pytest.mark.parametrize(
    "name",
    [
        "Vysoká škola polytechnická Severní Čechy",
        "Základní škola a mateřská škola Boží Dar",
        "Akademia Nauk Stosowanych Łużyce",
        "Gymnázium Kadaň",
    ],
)
def test_czech_and_polish_school_names_are_names(name: str) -> None:
    text = HEADER + f"Tarvik University signed an agreement with {name} on Monday."
    assert sides_of(text) == [[["Tarvik University"], [name]]]
