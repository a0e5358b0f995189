"""Read the YAML files researchers edit (layout rules, aliases, stopwords, frames, runs).

One loader for all of them, so they share one behaviour: a key written twice
is an error naming both lines (plain YAML silently keeps the last one, which
would drop half of a frame or a layout rule without a word).
"""

from __future__ import annotations

from typing import Any

import yaml

from corpuslib.errors import CorpuslibError, LexiconError


class _DuplicateKeyError(yaml.YAMLError):
    pass


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate mapping keys instead of keeping the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        self.flatten_mapping(node)
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKeyError(
                    f"duplicate key {key!r} on line {line} (first on line {seen[key]})"
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeyLoader.construct_mapping
)


def parse_yaml(
    text: str, *, source: str, error: type[CorpuslibError] = LexiconError
) -> Any:
    """Parse YAML ``text``; duplicate keys and syntax errors raise ``error`` naming ``source``.

    Examples
    --------
    >>> parse_yaml("frames:\\n  a: 1\\n", source="f.yml")
    {'frames': {'a': 1}}
    >>> parse_yaml("a: 1\\na: 2\\n", source="f.yml")
    Traceback (most recent call last):
    corpuslib.errors.LexiconError: f.yml: duplicate key 'a' on line 2 (first on line 1)
    """
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKeyError as exc:
        raise error(f"{source}: {exc}") from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: not valid YAML: {exc}") from None
