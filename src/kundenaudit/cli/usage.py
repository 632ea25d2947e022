"""Help and usage errors in this program's words: no typer internals, one error style.

typer shows a parameter's Python type in the help (``<list[str]>``, ``<%Y-%m-%d>``, ``{inputs}``)
and reports a bad option value in pydantic's words (``Value error, ...``, ``Input should be
...``) under its own ``Usage: ... Error: ...`` block, with the user's text raw. Here every
option shows what to write (``FILE``, ``YYYY-MM-DD``, ``N``, ``rot|gelb``), and every usage
error is one line ``kundenaudit: error: ...`` like the program's other errors, exit code 2, with
input text shown escaped (model/text.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, get_args, get_origin

import typer
import typer.core
from typer._click import exceptions as click_errors  # the exceptions typer raises and shows

from kundenaudit.cli.coercion import LeanCoercion
from kundenaudit.model.errors import ExitCode
from kundenaudit.model.text import visible


def _annotation(param: Any) -> Any:
    """The parameter's Python type, without ``list[...]`` (a repeatable option)."""
    annotation = param.type_descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    return annotation


def _choices(param: Any) -> list[str]:
    annotation = _annotation(param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    return []


def metavar(param: Any) -> str:
    """What a user writes as the value of an option: its choices, a date, a number, a file."""
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    annotation = _annotation(param)
    if annotation is dt.datetime:
        return "YYYY-MM-DD"
    if annotation in (int, float):
        return "N"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "DIR" if param.name in ("directory", "dir") else "FILE"
    return "TEXT"


def _argument_name(param: Any) -> str:
    """An argument as usage and errors show it: ``INPUT...``, ``[FILE]...``, ``OLD``."""
    if param.metavar is not None:
        return str(param.metavar)
    name = param.name.upper().removesuffix("S") if param.nargs != 1 else param.name.upper()
    name = name if param.required else f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


def _range(param: Any) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else ""


def _typer_range(param: Any) -> str:
    """A range as typer's help writes it (``x>=1``, ``1<=x<=5``)."""
    low, high = param.min, param.max
    if low is None:
        return f"x<={high}"
    return f"x>={low}" if high is None else f"{low}<=x<={high}"


class Command(LeanCoercion, typer.core.TyperCommand):
    """A typer command whose help shows what to write instead of Python types."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if not isinstance(param, typer.core.TyperOption) or param.is_flag:
                continue
            if param.metavar is None:
                param.metavar = metavar(param)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                pieces.append(_argument_name(param))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            names, text = record
            limits = _range(param)
            if limits:  # typer writes a range as 'x>=1': say it in words instead
                shown = _typer_range(param)
                text = text.replace(f"  [{shown}]", "").replace(f"; {shown}]", "]")
                text = text.replace(f"[{shown}; ", "[")
                text = f"{text[:-1]}; {limits}]" if text.endswith("]") else f"{text}  [{limits}]"
            if isinstance(param, typer.core.TyperArgument):
                arguments.append((_argument_name(param), text))
            else:
                options.append((names, text))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(LeanCoercion, typer.core.TyperGroup):
    """The root command: usage errors of any command are printed in this program's style."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click_errors.NoArgsIsHelpError as exc:
            exc.show()  # the help, as asked for by giving no arguments
            code = exc.exit_code
        except click_errors.ClickException as exc:
            if not standalone_mode:
                raise
            _usage_error(exc, self._command_of(args, prog_name))
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.stderr.write("kundenaudit: aborted\n")
            code = ExitCode.FINDINGS
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else ExitCode.OK)

    def _command_of(self, args: Sequence[str] | None, prog_name: str | None) -> str:
        """``kundenaudit score``, for the errors the parser raises without their command."""
        given = sys.argv[1:] if args is None else args
        name = next((a for a in given if a in self.commands), None)
        return " ".join(filter(None, (prog_name or "kundenaudit", name)))


def _usage_error(exc: Exception, command: str) -> NoReturn:
    """One line on stderr in the style of every other error, then exit code 2."""
    ctx = getattr(exc, "ctx", None)
    where = f"; see '{ctx.command_path if ctx is not None else command} --help'"
    try:
        sys.stderr.write(f"kundenaudit: error: {visible(describe(exc))}{where}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # a closed stderr loses the message, never the exit code
    sys.exit(ExitCode.USAGE)


def _option_name(param: Any) -> str:
    if isinstance(param, typer.core.TyperArgument):
        return _argument_name(param)
    return str(max(param.opts, key=len))


def describe(exc: Exception) -> str:  # noqa: PLR0911 - one message per kind of usage error
    """A usage error in this program's words (input text still raw; the caller escapes it)."""
    from kundenaudit.model.suggest import did_you_mean  # noqa: PLC0415 - only an error needs it

    if isinstance(exc, click_errors.NoSuchOption):
        hint = did_you_mean(exc.option_name, exc.possibilities or [])
        return f"unknown option '{exc.option_name}'{hint}"
    if isinstance(exc, click_errors.BadOptionUsage):
        if "requires an argument" in exc.message:
            return f"option '{exc.option_name}' needs a value"
        if "does not take a value" in exc.message:
            return f"option '{exc.option_name}' takes no value"
        return _plain(exc.message)
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        if param is None:
            return _plain(exc.message)
        if isinstance(param, typer.core.TyperArgument):
            what = (param.help or "").rstrip(".")
            said = f" ({what[:1].lower()}{what[1:]})" if what else ""
            return f"missing {_argument_name(param)}{said}"
        return f"missing option '{_option_name(param)}' (it is required)"
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        return _bad_value(exc, exc.param)
    return _plain(exc.message if isinstance(exc, click_errors.ClickException) else str(exc))


def _bad_value(exc: click_errors.BadParameter, param: Any) -> str:
    from kundenaudit.model.suggest import did_you_mean  # noqa: PLC0415 - only an error needs it

    name = _option_name(param)
    raw = _raw_value(exc)
    if raw is None:
        return f"{name}: {_plain(exc.message)}"
    choices = _choices(param)
    if choices:
        return f"{name}: '{raw}' is not one of {', '.join(choices)}{did_you_mean(raw, choices)}"
    annotation = _annotation(param)
    if annotation is dt.datetime:
        return f"{name}: '{raw}' is not a date: use YYYY-MM-DD"
    if annotation in (int, float):
        limits = _range(param)
        what = "a whole number" if annotation is int else "a number"
        try:
            float(raw)
        except ValueError:
            return f"{name}: '{raw}' is not {what}" + (f" ({limits})" if limits else "")
        return f"{name}: {raw} is out of range: it must be {limits or what}"
    return f"{name}: '{raw}': {_plain(exc.message)}"


def _raw_value(exc: BaseException) -> str | None:
    """The text the user gave, from the validation error behind typer's BadParameter."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors(include_url=False)
        if found and "input" in found[0]:
            return str(found[0]["input"])
    return None


def _plain(message: str) -> str:
    from kundenaudit.load.model_errors import plain  # noqa: PLC0415 - only an error needs it

    return plain(message.rstrip("."))
