"""Notebook parameters: read the cell tagged ``parameters`` (``name: type = value  # help``).
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpuslib.errors import RunConfigError

__all__ = [
    "RESERVED_PARAMETERS",
    "read_parameters",
    "Parameter",
]


#: Parameters the runner sets itself; runs.yml may not override them.
RESERVED_PARAMETERS = frozenset({"out_dir"})


_MISSING = object()


@dataclass(frozen=True)
class Parameter:
    """One parameter declared in a notebook's ``parameters`` cell.

    Attributes
    ----------
    name : str
        Variable name.
    annotation : str or None
        The type annotation as written (``"list[str]"``), ``None`` if unannotated.
    default : Any
        The literal default value (``None`` when it is not a literal).
    default_source : str
        The default as written in the cell.
    help : str
        The trailing ``# comment`` of the line, without the ``#``.
    """

    name: str
    annotation: str | None
    default: Any
    default_source: str
    help: str = ""

    def accepts(self, value: Any) -> bool:
        """Return whether ``value`` (as read from YAML) fits this parameter's type.

        The annotation is checked structurally: ``str``, ``int``, ``float`` (ints
        accepted), ``bool``, ``list[T]``, ``dict[K, V]``, ``tuple`` (a YAML list),
        ``X | None``, ``Optional``, ``Union`` and ``Literal``. An unannotated
        parameter must match the type of its default; unknown names accept anything.

        Parameters
        ----------
        value : Any
            Candidate value.

        Returns
        -------
        bool

        Examples
        --------
        >>> p = Parameter("top_n", "int", 20, "20")
        >>> p.accepts(5), p.accepts("5"), p.accepts(True)
        (True, False, False)
        >>> Parameter("roles", "list[str]", [], "[]").accepts(["body", 3])
        False
        """
        if self.annotation is None:
            if self.default is None:
                return True
            return _matches(value, ast.Name(id=type(self.default).__name__))
        try:
            node = ast.parse(self.annotation, mode="eval").body
        except SyntaxError:
            return True
        return _matches(value, node)


_SIMPLE_TYPES: dict[str, Any] = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "List": lambda v: isinstance(v, list),
    "Sequence": lambda v: isinstance(v, (list, tuple)),
    "tuple": lambda v: isinstance(v, (list, tuple)),
    "Tuple": lambda v: isinstance(v, (list, tuple)),
    "dict": lambda v: isinstance(v, dict),
    "Dict": lambda v: isinstance(v, dict),
    "Mapping": lambda v: isinstance(v, dict),
    "NoneType": lambda v: v is None,
}


def _type_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # typing.List, t.Optional
        return node.attr
    return None


def _matches(value: Any, node: ast.expr) -> bool:
    """Structural check of a YAML value against an annotation AST."""
    if isinstance(node, ast.Constant):
        if node.value is None:
            return value is None
        if isinstance(node.value, str):  # a string annotation: "int"
            try:
                return _matches(value, ast.parse(node.value, mode="eval").body)
            except SyntaxError:
                return True
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _matches(value, node.left) or _matches(value, node.right)
    if isinstance(node, ast.Subscript):
        return _matches_generic(value, node)
    name = _type_name(node)
    if name in {"set", "Set", "frozenset"}:
        return isinstance(value, list)
    check = _SIMPLE_TYPES.get(name or "")
    return True if check is None else bool(check(value))


def _matches_generic(value: Any, node: ast.Subscript) -> bool:
    """``Optional[...]``, ``Union``, ``Literal``, lists, tuples and dicts."""
    base = _type_name(node.value)
    args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
    if base == "Optional":
        return value is None or _matches(value, args[0])
    if base == "Union":
        return any(_matches(value, arg) for arg in args)
    if base == "Literal":
        return any(isinstance(a, ast.Constant) and a.value == value for a in args)
    if base in {"list", "List", "Sequence", "set", "Set", "frozenset"}:
        return isinstance(value, list) and all(_matches(v, args[0]) for v in value)
    if base in {"tuple", "Tuple"}:
        if not isinstance(value, (list, tuple)):
            return False
        if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is ...:
            return all(_matches(v, args[0]) for v in value)
        return len(value) == len(args) and all(
            _matches(v, a) for v, a in zip(value, args, strict=True)
        )
    if base in {"dict", "Dict", "Mapping"} and len(args) == 2:
        return isinstance(value, dict) and all(
            _matches(k, args[0]) and _matches(v, args[1]) for k, v in value.items()
        )
    return True


def _line_comments(source: str) -> dict[int, str]:
    comments: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string.lstrip("#").strip()
    except (tokenize.TokenError, SyntaxError):
        pass
    return comments


def read_parameters(notebook: Path) -> dict[str, Parameter]:
    """Read the parameters a notebook declares in its cell tagged ``parameters``.

    Each top-level assignment ``name: type = value  # help`` (or ``name = value``)
    becomes a :class:`Parameter`, in the order written.

    Parameters
    ----------
    notebook : Path
        An ``.ipynb`` file.

    Returns
    -------
    dict of str to Parameter

    Raises
    ------
    RunConfigError
        When the notebook cannot be read, has no cell (or more than one cell)
        tagged ``parameters``, or the cell is not valid Python.
    """
    import nbformat

    notebook = Path(notebook)
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as exc:  # nbformat raises several unrelated types
        raise RunConfigError(f"{notebook}: cannot read notebook: {exc}") from exc
    cells = [
        (i, c)
        for i, c in enumerate(nb.cells)
        if "parameters" in (c.get("metadata", {}).get("tags") or [])
    ]
    if not cells:
        raise RunConfigError(f"{notebook}: no cell is tagged 'parameters'")
    if len(cells) > 1:
        where = ", ".join(str(i) for i, _ in cells)
        raise RunConfigError(f"{notebook}: more than one cell is tagged 'parameters' ({where})")
    source = cells[0][1].source
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise RunConfigError(
            f"{notebook}: the parameters cell is not valid Python (line {exc.lineno}: {exc.msg})"
        ) from exc
    comments = _line_comments(source)
    declared: dict[str, Parameter] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name, annotation, value = stmt.target.id, ast.unparse(stmt.annotation), stmt.value
        elif (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
        ):
            name, annotation, value = stmt.targets[0].id, None, stmt.value
        else:
            continue
        default: Any = None
        default_source = ""
        if value is not None:
            default_source = ast.unparse(value)
            try:
                default = ast.literal_eval(value)
            except (ValueError, SyntaxError, TypeError):
                default = None
        help_text = comments.get(stmt.end_lineno or stmt.lineno) or comments.get(stmt.lineno, "")
        declared[name] = Parameter(name, annotation, default, default_source, help_text)
    return declared
