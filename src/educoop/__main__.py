from educoop.cli import cli

cli(prog_name="educoop")
