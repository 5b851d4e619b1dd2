from pathlib import Path

from click.testing import CliRunner

from shipwatch.people import load_registry
from shipwatch.people.commands import people

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"


def test_check_reports_every_problem_with_file_line_and_fix():
    result = CliRunner().invoke(people, ["check", str(FIXTURES / "several_problems.toml")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert "several_problems.toml:1:" in lines[0] and "write it like" in lines[0]
    assert "several_problems.toml:9:" in lines[1] and "'nobody-here' is not a person" in lines[1]
    assert "several_problems.toml:13:" in lines[2] and "'friends'" in lines[2]


def test_check_accepts_a_good_file_that_names_default_people():
    result = CliRunner().invoke(people, ["check", str(FIXTURES / "extra.toml")])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_add_writes_a_loadable_entry_and_refuses_a_duplicate(tmp_path):
    target = tmp_path / "mine.toml"
    runner = CliRunner()
    ok = runner.invoke(people, ["add", str(target), "--id", "park-ji-hoo", "--ko", "박지후", "--en", "Park Ji-hoo",
                                "--character", "한겨울", "--note", "my notes"])
    assert ok.exit_code == 0, ok.output
    reg = load_registry(extra_paths=[target])
    assert reg.resolve("박지후") == reg.resolve("Ji-hoo Park") == "park-ji-hoo"
    text = target.read_text(encoding="utf-8")
    dup = runner.invoke(people, ["add", str(target), "--id", "park-ji-hoo", "--ko", "박지후"])
    assert dup.exit_code != 0 and "duplicate id 'park-ji-hoo'" in dup.output
    assert target.read_text(encoding="utf-8") == text  # nothing half-written
    bad = runner.invoke(people, ["add", str(target), "--id", "Not An Id", "--ko", "누구"])
    assert bad.exit_code != 0 and "lowercase romanized" in bad.output


def test_list_filters_people_and_couples():
    runner = CliRunner()
    out = runner.invoke(people, ["list", "현빈"]).output
    assert out.startswith("hyun-bin\t현빈\tHyun Bin") and "리정혁" in out
    couples = runner.invoke(people, ["list", "--couples", "Crash Landing"]).output.splitlines()
    assert any(line.startswith("hyun-bin|son-ye-jin\treal\tmarried") for line in couples)
