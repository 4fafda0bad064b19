"""``educoop extract`` and ``educoop eval``: what articles would load, and how well the
rules read them against gold files. Thin commands over ``educoop.api`` and
``educoop.loaders.text.evaluate``."""

from __future__ import annotations

import json

import click
import yaml

from educoop import api
from educoop.loaders.text import evaluate as text_evaluate
from educoop.options import jobs_option, library_errors, output_format, spacy_model_option
from educoop.render import render_table


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@output_format("table", "json", "yaml")
@spacy_model_option
@jobs_option
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out agreements of a lower confidence (0 to 1; see the README's table).",
)
def extract(
    paths: tuple[str, ...],
    fmt: str,
    spacy_model: str | None,
    jobs: int | None,
    min_confidence: float,
) -> None:
    """Show what articles (.txt, .md, .html, .pdf, .docx) would load, writing nothing.

    With --format json, one JSON object per article (JSON Lines): its source and the record
    keys institutions, regions, programmes and agreements, each agreement with its
    confidence.

    \b
    Example:
        educoop extract news/2024-05-jiangmen.txt --format json --min-confidence 0.5
    """
    failed = False
    for source, found in api.extract(paths, spacy_model, jobs, min_confidence):
        if isinstance(found, list):
            failed = True
            for error in found:
                click.echo(f"Error: {error}", err=True)
            continue
        # The article's text stays out: the records are what extraction adds to it.
        records = found.model_dump(mode="json", exclude_none=True, exclude={"document": {"text"}})
        data = {"source": source, **records}
        if fmt == "json":
            click.echo(json.dumps(data, ensure_ascii=False))
        elif fmt == "yaml":
            click.echo("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False).rstrip())
        else:
            click.echo(f"{source}:")
            rows = [
                {
                    "kind": a.kind,
                    "date": a.date.value if a.date else None,
                    "confidence": a.confidence,
                    "sides": a.sides,
                }
                for a in found.agreements
            ]
            click.echo(render_table(rows) + "\n")
    if failed:
        raise click.exceptions.Exit(1)


@click.command(name="eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=str))
@output_format("table", "json")
@spacy_model_option
def evaluate(folder: str, fmt: str, spacy_model: str | None) -> None:
    """Score extraction against gold files: each NAME.txt beside a NAME.gold.yaml.

    Precision, recall and F1 for institutions, regions and partner pairs (alias-aware),
    per document with what it missed and what it added, and over all documents.

    \b
    Example:
        educoop eval tests/data/articles
    """
    with library_errors():
        scores = text_evaluate.evaluate(folder, spacy_model)
    overall = text_evaluate.totals(scores)
    rows = [
        {
            "document": name,
            **{
                f"{measure}_{stat}": round(getattr(tally, stat), 3)
                for measure, tally in tallies.items()
                for stat in ("precision", "recall", "f1")
            },
        }
        for name, tallies in [(d.name, d.tallies) for d in scores] + [("ALL", overall)]
    ]
    if fmt == "json":
        details = [{"document": d.name, "missed": d.missed, "spurious": d.spurious} for d in scores]
        click.echo(json.dumps({"scores": rows, "details": details}, indent=2, ensure_ascii=False))
        return
    compact = [
        {
            "document": row["document"],
            **{
                measure: f"P {row[f'{measure}_precision']:.2f} R {row[f'{measure}_recall']:.2f} "
                f"F1 {row[f'{measure}_f1']:.2f}"
                for measure in text_evaluate.MEASURES
            },
        }
        for row in rows
    ]
    click.echo(render_table(compact))
    for document in scores:
        for measure in text_evaluate.MEASURES:
            if document.missed[measure]:
                click.echo(
                    f"{document.name} missed {measure}: {'; '.join(document.missed[measure])}"
                )
