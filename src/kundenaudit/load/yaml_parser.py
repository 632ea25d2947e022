"""Hardened YAML parsing: YAML 1.2-like scalars, positions kept, every trap a finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from kundenaudit.load.yaml_document import Document, Loader
from kundenaudit.model.errors import FindingSink
from kundenaudit.model.vocabulary import PLAIN_YAML11_WORDS

MAX_DEPTH = 64
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# what a plain scalar becomes when it is not just its text: null, or a marked YAML 1.1 word
_PLAIN: dict[str, Any] = {**dict.fromkeys(_NULLS), **PLAIN_YAML11_WORDS}
_TAG_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _TAG_PREFIX + t for t in ("str", "map", "seq", "int", "float", "bool", "null", "timestamp")
)


_RESOLVER = yaml.resolver.Resolver()


_FATAL = frozenset({"yaml-alias", "yaml-depth", "yaml-syntax"})


def parse_documents(text: str, sink: FindingSink) -> list[Document]:
    """Parse every document of ``text``; a file with any structural problem yields none."""
    before = len(sink.findings)
    docs = list(iter_documents(text, sink))
    if any(f.rule in _FATAL for f in sink.findings[before:]):
        return []
    return docs


def iter_documents(text: str, sink: FindingSink) -> Iterator[Document]:
    """Each document of ``text`` as soon as it is built, so a caller can turn it into a model
    and let go of it; a structural problem ends the stream with a finding in ``sink``.

    Built from libyaml's event stream, which is iterative: nesting is capped before anything
    recursive sees it, aliases are refused before they can expand, and no Python object is
    constructed that the file did not ask for.
    """
    try:
        yield from _Builder(text, sink).run()
    except yaml.MarkedYAMLError as exc:
        _yaml_error(exc, text, sink)
    except yaml.YAMLError as exc:
        sink.add(1, 1, f"YAML error: {exc}", "yaml-syntax")


_SKIP = object()  # the key of a value that is dropped (a duplicate or a collection key)


class _Builder:
    """Turns libyaml events into dicts, lists, strings and None, reporting every trap."""

    def __init__(self, text: str, sink: FindingSink) -> None:
        self.text = text
        self.sink = sink
        self.key_verdicts: dict[str, str | None] = {}
        self.count = 0  # documents built so far
        # the document being built
        self.stack: list[tuple[Any, Any, dict[str, Any], Any]] = []
        self.cur: Any = None  # the open container (dict or list), None at the top
        self.key: Any = None  # the pending key of the open mapping; None when a key is due
        self.lines: dict[str, Any] = {}  # the event of each key of the open mapping
        self.root: Any = None

    def run(self) -> Iterator[Document]:
        loader = Loader(self.text)
        try:
            while loader.check_event(yaml.DocumentStartEvent, yaml.StreamStartEvent):
                event = loader.get_event()
                if not isinstance(event, yaml.DocumentStartEvent):
                    continue
                doc = self._document(loader, event.start_mark)
                if doc is None:
                    return
                yield doc
        finally:
            loader.dispose()

    def _document(self, loader: Loader, start: Any) -> Document | None:
        """Build one document; None when the rest of the file must not be read."""
        self.stack, self.cur, self.key, self.lines, self.root = [], None, None, {}, None
        first: Any = loader.peek_event()
        first_line = first.start_mark.line + 1
        while True:
            event: Any = loader.get_event()  # libyaml events: attributes vary by kind
            kind = event.__class__
            if kind is yaml.DocumentEndEvent:
                end = event.end_mark.index
                break
            if kind is yaml.ScalarEvent:
                self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if not self._open(event, kind is yaml.MappingStartEvent):
                    return None
            elif kind is yaml.AliasEvent:
                self._at(
                    event,
                    f"aliases (*{event.anchor}) are not allowed in kundenaudit files",
                    "yaml-alias",
                )
                return None
            else:
                self._close()
        self.count += 1
        span = (start.index, end, start.line)
        return Document(
            data=self.root, line=first_line, text=self.text, index=self.count - 1, span=span
        )

    def _scalar(self, event: Any) -> None:
        if event.tag is not None:
            self._check_tag(event)
        value = event.value
        cur = self.cur
        if cur.__class__ is dict:  # the common case, handled here: it runs for every scalar
            key = self.key
            if key is None:
                self.key = self._key(event, cur, self.lines)
                return
            if key is not _SKIP:
                cur[key] = value if event.style else _PLAIN.get(value, value)
            self.key = None
            return
        self._place(value if event.style else _PLAIN.get(value, value))

    def _open(self, event: Any, mapping: bool) -> bool:  # False: nesting too deep
        if event.tag is not None:
            self._check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            self._at(event, f"nesting deeper than {MAX_DEPTH} levels", "yaml-depth")
            return False
        self.stack.append((self.cur, self.key, self.lines, event))
        self.cur, self.key, self.lines = ({} if mapping else []), None, {}
        return True

    def _close(self) -> None:
        value = self.cur
        self.cur, self.key, self.lines, opened = self.stack.pop()
        if self.key is None and self.cur.__class__ is dict:
            self._at(opened, "keys must be plain strings, not collections", "yaml-key")
            self.key = _SKIP
            return
        self._place(value)

    def _place(self, value: Any) -> None:
        cur = self.cur
        if cur is None:
            self.root = value
        elif cur.__class__ is list:
            cur.append(value)
        else:
            if self.key is not _SKIP:
                cur[self.key] = value
            self.key = None

    def _check_tag(self, event: Any) -> None:
        if event.tag not in _ALLOWED_TAGS:
            self._at(event, f"YAML tag '{event.tag}' is not supported", "yaml-tag")

    def _key(self, event: Any, mapping: dict[str, Any], lines: dict[str, Any]) -> Any:
        key = event.value
        # plain ('' from libyaml, None from pure Python), and not yet known to be harmless
        if not event.style and self.key_verdicts.get(key, "") is not None:
            self._check_plain_key(event)
        if key in lines:  # every key of the mapping so far (its event), kept or not
            first = lines[key].start_mark.line + 1
            self._at(
                event,
                f"duplicate key '{key}' (first defined on line {first})",
                "yaml-duplicate-key",
            )
            return _SKIP
        lines[key] = event
        return key

    def _check_plain_key(self, event: Any) -> None:
        key = event.value
        verdict = self.key_verdicts.get(key, "")
        if verdict == "":
            tag = str(_RESOLVER.resolve(yaml.ScalarNode, key, (True, False)))  # type: ignore[no-untyped-call]
            kind = tag.rsplit(":", 1)[-1]
            verdict = kind if kind in ("bool", "int", "float", "null") else None
            self.key_verdicts[key] = verdict
        if verdict is not None:
            what = {"bool": "a boolean", "null": "null"}.get(verdict, "a number")
            self._at(
                event, f"key {key!r} is read by YAML as {what}; quote it: '{key}':", "yaml-key"
            )

    def _at(self, event: Any, message: str, rule: str) -> None:
        m = event.start_mark
        self.sink.add(m.line + 1, m.column + 1, message, rule)


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, sink: FindingSink) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col, at = 1, 1, ""
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
        at = text[mark.index : mark.index + 1]  # libyaml's message does not name the character
    problem = exc.problem or "invalid YAML"
    if "nesting depth" in problem:  # newer libyaml stops deep flow nesting while scanning ahead
        sink.add(line, col, f"nesting deeper than {MAX_DEPTH} levels", "yaml-depth")
        return
    context = f" {exc.context}" if exc.context else ""
    hint = ""
    if at == "\t" or "found character '\\t'" in problem:
        hint = " (indent with spaces, not tabs)"
    elif at == "-" or "'-'" in problem or problem.startswith("expected <block end>"):
        hint = " (check the indentation; write a dash value as a quoted string)"
    sink.add(line, col, f"YAML syntax error: {problem}{context}{hint}", "yaml-syntax")
