"""A parsed YAML document and how a position in it is found: line and column of a path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class Loader(_BaseLoader):
    """Parses events and (only to locate an error) composes nodes; never constructs objects."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - class attribute pyyaml reads



@dataclass(kw_only=True)
class Document:
    """One parsed YAML document: plain data, and the node tree that remembers positions.

    The node tree is composed only when a position is needed (an error), from the document's
    own part of the text (``span``), so locating errors in every document of a large file costs
    the file's length once, not once per document.
    """

    data: Any
    line: int  # 1-based line where the document's content starts
    text: str = field(repr=False)
    index: int = 0  # position among the file's documents
    span: tuple[int, int, int] | None = None  # (start, end, 0-based line of start); None: all
    _node: yaml.Node | None = field(default=None, repr=False)

    @property
    def node(self) -> yaml.Node:
        """The document's node tree (composed on first use)."""
        if self._node is None:
            self._node = self._compose()
        return self._node

    def _compose(self) -> yaml.Node:
        if self.span is None:
            text, skip, offset = self.text, self.index, 0
        else:
            start, end, offset = self.span
            start = self.text.rfind("\n", 0, start) + 1  # from the start of its line
            text, skip = self.text[start:end], 0
        loader = Loader(text)
        node: yaml.Node | None = None
        try:
            for _ in range(skip + 1):
                loader.check_node()  # also consumes the stream start
                node = loader.get_node()
        except yaml.YAMLError:
            node = None
        finally:
            loader.dispose()
        if node is None:
            # only what the event parse accepts but composing refuses (an anchor defined
            # twice): errors are then located at the document's start
            mark = yaml.Mark("", 0, self.line - 1, 0, "", 0)
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", mark, mark)
        if offset:
            _shift_lines(node, offset)
        return node


def _shift_lines(root: yaml.Node, offset: int) -> None:
    """Add ``offset`` to the line of every node's start (composed from a part of the file)."""
    stack = [root]
    while stack:
        node = stack.pop()
        m = node.start_mark
        node.start_mark = yaml.Mark(m.name, m.index, m.line + offset, m.column, m.buffer, m.pointer)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value



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
        pair = _keys(node).get(str(part))
        return None if pair is None else pair[0 if key else 1]
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


def _keys(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The mapping's (key, value) nodes by key, built once per mapping: a record with many
    findings looks up each in constant time instead of scanning the mapping."""
    index: dict[str, tuple[yaml.Node, yaml.Node]] | None = node.__dict__.get("_keys")
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                index.setdefault(key_node.value, (key_node, value_node))
        node.__dict__["_keys"] = index
    return index


def path_text(loc: tuple[Any, ...]) -> str:
    """``services[3].levels.foo`` for ``('services', 3, 'levels', 'foo')``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
