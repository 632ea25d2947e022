"""Hardened YAML parsing: YAML 1.2-like scalars, positions kept, every trap a finding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from kundenaudit.errors import FindingSink

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 64
# Every nesting level takes at least one character, so a text this short cannot nest deeper
# than MAX_DEPTH; any longer text is prescanned (a 4 KB file can nest 2000 levels deep).
_SAFE_SIZE = MAX_DEPTH
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TAG_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _TAG_PREFIX + t for t in ("str", "map", "seq", "int", "float", "bool", "null", "timestamp")
)


class _Loader(_BaseLoader):
    """Composes nodes only; no implicit typing, so every plain scalar stays a string."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - class attribute pyyaml reads


_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True)
class Document:
    """One parsed YAML document: plain data plus the node tree that remembers positions."""

    data: Any
    node: yaml.Node

    @property
    def line(self) -> int:
        """1-based line where the document's content starts."""
        return int(self.node.start_mark.line) + 1


def parse_documents(text: str, sink: FindingSink) -> list[Document]:
    """Parse every document of ``text``; problems go to ``sink`` and yield no document."""
    if (len(text) > _SAFE_SIZE or "*" in text) and not _prescan(text, sink):
        return []
    docs: list[Document] = []
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            walker = _Walker(sink)
            docs.append(Document(walker.build(node), node))
    except yaml.MarkedYAMLError as exc:
        _yaml_error(exc, text, sink)
        return []
    except yaml.YAMLError as exc:
        sink.add(1, 1, f"YAML error: {exc}", "yaml-syntax")
        return []
    finally:
        loader.dispose()
    return docs


def _prescan(text: str, sink: FindingSink) -> bool:
    """Reject aliases and deep nesting before the (recursive) composer sees them."""
    depth = 0
    try:
        for event in _events(text):
            if isinstance(event, yaml.AliasEvent):
                sink.add(
                    *_pos(event.start_mark),
                    f"aliases (*{event.anchor}) are not allowed in kundenaudit files",
                    "yaml-alias",
                )
                return False
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    sink.add(
                        *_pos(event.start_mark),
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "yaml-depth",
                    )
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        _yaml_error(exc, text, sink)
        return False
    except yaml.YAMLError as exc:
        sink.add(1, 1, f"YAML error: {exc}", "yaml-syntax")
        return False
    return True


def _pos(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a mark; (1, 1) without one."""
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, sink: FindingSink) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col, at = 1, 1, ""
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
        at = text[mark.index : mark.index + 1]  # libyaml's message does not name the character
    problem = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    hint = ""
    if at == "\t" or "found character '\\t'" in problem:
        hint = " (indent with spaces, not tabs)"
    elif at == "-" or "'-'" in problem or problem.startswith("expected <block end>"):
        hint = " (check the indentation; write a dash value as a quoted string)"
    sink.add(line, col, f"YAML syntax error: {problem}{context}{hint}", "yaml-syntax")


class _Walker:
    """Turns a node tree into dicts, lists, strings and None, reporting every trap."""

    def __init__(self, sink: FindingSink) -> None:
        self.sink = sink
        self.key_verdicts: dict[str, str | None] = {}

    def build(self, node: yaml.Node) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            self._at(node, f"YAML tag '{node.tag}' is not supported", "yaml-tag")
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if not node.style and value in _NULLS:
                return None
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node)

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._at(key_node, "keys must be plain strings, not collections", "yaml-key")
                continue
            key = key_node.value
            if not key_node.style:  # plain: '' from libyaml, None from pure Python
                self._check_plain_key(key_node)
            if key in first_seen:
                first = first_seen[key].start_mark.line + 1
                self._at(
                    key_node,
                    f"duplicate key '{key}' (first defined on line {first})",
                    "yaml-duplicate-key",
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node)
        return result

    def _check_plain_key(self, key_node: yaml.ScalarNode) -> None:
        key = key_node.value
        verdict = self.key_verdicts.get(key, "")
        if verdict == "":
            tag = str(_RESOLVER.resolve(yaml.ScalarNode, key, (True, False)))  # type: ignore[no-untyped-call]
            kind = tag.rsplit(":", 1)[-1]
            verdict = kind if kind in ("bool", "int", "float", "null") else None
            self.key_verdicts[key] = verdict
        if verdict is not None:
            what = {"bool": "a boolean", "null": "null"}.get(verdict, "a number")
            self._at(
                key_node,
                f"key {key!r} is read by YAML as {what}; quote it: '{key}':",
                "yaml-key",
            )

    def _at(self, node: yaml.Node, message: str, rule: str) -> None:
        m = node.start_mark
        self.sink.add(m.line + 1, m.column + 1, message, rule)


def locate(root: yaml.Node, loc: tuple[Any, ...], *, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``loc`` in ``root``, or of its deepest ancestor.

    With ``at_key`` the last step points at the mapping key rather than its value.
    """
    node = root
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        child = _child(node, part, key=at_key and last)
        if child is None:
            break
        node = child
    m = node.start_mark
    return int(m.line) + 1, int(m.column) + 1


def _child(node: yaml.Node, part: Any, *, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node if key else value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


def path_text(loc: tuple[Any, ...]) -> str:
    """``services[3].levels.foo`` for ``('services', 3, 'levels', 'foo')``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
