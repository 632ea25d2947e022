"""`-o` never replaces what it should leave alone, and leaves nothing half-written behind."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from kundenaudit.cli import output
from kundenaudit.model.errors import UsageError
from tests.cli.runner import ROOT, invoke

TODAY = ["--today", "2026-11-27"]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("gelb.yaml", "rot.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    shutil.copytree(ROOT / "examples" / "crm", tmp_path / "crm")
    shutil.copy(ROOT / "catalogs" / "standard.yaml", tmp_path / "katalog.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("inputs", "target"),
    [
        (["."], "gelb.yaml"),  # found by walking a directory
        (["[gr]*.yaml"], "rot.yaml"),  # matched by a quoted glob
        (["crm/kunden-export.csv"], "crm/kunden-export.mapping.yaml"),  # the mapping beside it
        (["gelb.yaml", "--catalog", "katalog.yaml"], "katalog.yaml"),  # the catalog
    ],
)
def test_o_refuses_every_file_the_run_reads(work: Path, inputs: list[str], target: str) -> None:
    before = (work / target).read_bytes()
    code, out, err = invoke("score", *inputs, "-o", target, "-f", "markdown", *TODAY)
    assert code == 2, err
    assert "refusing to overwrite an input file" in err
    assert out == ""
    assert (work / target).read_bytes() == before
    assert not list(work.rglob(".*.tmp"))


def test_a_result_written_into_an_input_directory_does_not_break_the_next_run(work: Path) -> None:
    for _ in range(2):
        code, _, err = invoke("score", ".", "-o", "result.csv", *TODAY)
        assert code == 0, err
    assert (work / "result.csv").read_text(encoding="utf-8").startswith("customer,name,")
    code, _, err = invoke("score", "gelb.yaml", "-o", "gaps.csv", *TODAY)  # one customer's gaps
    assert code == 0, err
    assert "next_step" in (work / "gaps.csv").read_text(encoding="utf-8").partition("\n")[0]
    code, out, err = invoke("score", ".", "-f", "json", *TODAY)
    assert code == 0, err
    assert '"K-10417"' in out


def test_a_symlink_to_a_non_regular_file_is_refused(work: Path) -> None:
    (work / "out.md").symlink_to("/dev/null")
    code, _, err = invoke("score", "gelb.yaml", "-o", "out.md", *TODAY)
    assert code == 2
    assert "not a regular file" in err
    assert (work / "out.md").is_symlink()


def test_a_symlink_to_a_regular_file_replaces_that_file_and_keeps_the_link(work: Path) -> None:
    (work / "real.md").write_text("old\n", encoding="utf-8")
    (work / "link.md").symlink_to("real.md")
    code, _, err = invoke("score", "gelb.yaml", "-o", "link.md", *TODAY)
    assert code == 0, err
    assert (work / "link.md").is_symlink()
    assert (work / "real.md").read_text(encoding="utf-8").startswith("# Kunde K-10417")


def test_a_read_only_file_is_refused(work: Path) -> None:
    target = work / "out.md"
    target.write_text("keep\n", encoding="utf-8")
    target.chmod(0o444)
    code, _, err = invoke("score", "gelb.yaml", "-o", "out.md", *TODAY)
    assert code == 2
    assert "read-only" in err
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_sigterm_while_writing_removes_the_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "part one\n"
        os.kill(os.getpid(), signal.SIGTERM)
        yield "never written\n"

    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as info:
        output.write_output(chunks(), target)
    assert info.value.code == 128 + signal.SIGTERM
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert signal.getsignal(signal.SIGTERM) == previous


class _Full(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_disk_that_fills_while_writing_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_file(fd: int, *args: object, **kwargs: object) -> io.TextIOWrapper:
        os.close(fd)
        return io.TextIOWrapper(io.BufferedWriter(_Full()), encoding="utf-8", newline="")

    monkeypatch.setattr(os, "fdopen", full_file)
    target = tmp_path / "out.json"
    with pytest.raises(UsageError, match="No space left on device"):
        output.write_output(["x" * 10], target)  # fails only when the file is closed
    assert list(tmp_path.iterdir()) == []
