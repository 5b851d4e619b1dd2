"""``shipwatch people``: add, list and check people registry files (thin wrappers over ``registry``).

Register with ``cli.add_command(people)``. A user's file extends the bundled default; ``check`` validates it
together with the default (so a couple may name a default person) and reports every problem it finds.
"""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import RegistryError
from .registry import check_file, format_person, load_registry, person_toml


@click.group()
def people():
    """The people registry: who can be mentioned, under which names, and which of them are couples."""


@people.command("list")
@click.option("--people", "people_files", multiple=True, type=click.Path(dir_okay=False),
              help="An extra registry file (TOML) to load after the bundled one; repeatable.")
@click.option("--couples", is_flag=True, help="List the couples instead of the people.")
@click.argument("query", required=False)
def list_(people_files, couples, query):
    """List people (or couples) whose names contain QUERY (all when left out)."""
    try:
        reg = load_registry(extra_paths=people_files)
    except RegistryError as e:
        raise click.ClickException(str(e)) from None
    if couples:
        for c in reg.couples.values():
            line = (f"{c.id}\t{c.kind}\t{c.status or '-'}\t{c.work or '-'}\t{c.year or '-'}\t"
                    f"{' / '.join(reg.display(m) for m in c.members)}")
            if not query or query.casefold() in line.casefold():
                click.echo(line)
        return
    for p in reg.people.values():
        line = format_person(p)
        if not query or query.casefold() in line.casefold():
            click.echo(line)


@people.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--id", "pid", required=True, help='Romanized id, lowercase with hyphens: "song-kang".')
@click.option("--ko", "name_ko", help="Name in Hangul.")
@click.option("--en", "name_en", help="Name in romanization.")
@click.option("--alias", "aliases", multiple=True, help="Another strong name (stage name, handle); repeatable.")
@click.option("--given", "given_names", multiple=True, help="A given name fans use alone; repeatable.")
@click.option("--character", "characters", multiple=True, help="A role's name; repeatable.")
@click.option("--note", default="", help="Where the facts come from.")
def add(file, pid, name_ko, name_en, aliases, given_names, characters, note):
    """Append a person to FILE (created when missing), after checking it loads with the bundled registry."""
    path = Path(file)
    entry = person_toml(pid, name_ko=name_ko, name_en=name_en, aliases=aliases, given_names=given_names,
                        characters=characters, note=note)
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    after = before + ("\n" if before and not before.endswith("\n\n") else "") + entry
    problems = check_file(path, text=after)
    if problems:
        raise click.ClickException(problems[0])
    path.write_text(after, encoding="utf-8")
    click.echo(f"added {pid} to {path}")


@people.command()
@click.argument("file", type=click.Path(dir_okay=False))
def check(file):
    """Validate FILE with the bundled registry; print each problem with file, entry and fix."""
    problems = check_file(Path(file))
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    reg = load_registry(extra_paths=[file])
    click.echo(f"{file}: OK ({len(reg.people)} people, {len(reg.couples)} couples with the bundled registry)")
