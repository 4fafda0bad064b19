"""What the extraction tests ask of a text written for them: the sides of its agreements."""

from educoop.loaders.text.extract import extract_records


def sides_of(text: str) -> list[list[list[str]]]:
    """The sides of each agreement read from ``text``, in reading order."""
    return [a.sides for a in extract_records(text).agreements]
