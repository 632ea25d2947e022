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



@dataclass
class Document:
    """One parsed YAML document: plain data, and the node tree that remembers positions.

    The node tree is composed only when a position is needed (an error), from the same text.
    """

    data: Any
    line: int  # 1-based line where the document's content starts
    text: str = field(repr=False)
    index: int = 0  # position among the file's documents
    _node: yaml.Node | None = field(default=None, repr=False)

    @property
    def node(self) -> yaml.Node:
        """The document's node tree (composed on first use)."""
        if self._node is None:
            loader = Loader(self.text)
            try:
                for _ in range(self.index + 1):
                    loader.check_node()  # also consumes the stream start
                    self._node = loader.get_node()
            except yaml.YAMLError:
                # only what the event parse accepts but composing refuses (an anchor defined
                # twice): errors are then located at the document's start
                mark = yaml.Mark("", 0, self.line - 1, 0, "", 0)
                self._node = yaml.ScalarNode("tag:yaml.org,2002:null", "", mark, mark)
            finally:
                loader.dispose()
        assert self._node is not None
        return self._node



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
