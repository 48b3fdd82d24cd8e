"""A tiny, safe arithmetic evaluator for the formulas of worked examples.

Worked examples in the book state numbers that readers copy into budgets, so their
arithmetic is recomputed at build time. The formulas come from Markdown files that
anyone may propose, so they are parsed with `ast` and only a whitelist of nodes is
walked: numbers, names, `+ - * / **`, unary minus, parentheses and three functions
(`sqrt`, `min`, `max`). Nothing is ever passed to `eval`; attributes, subscripts,
calls of other names and every other construct are refused with a message naming
what was found.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

from .errors import CvmbokError


class FormulaError(CvmbokError):
    """A formula that cannot be parsed or evaluated; the message says why."""


_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: float(a**b),
}
_SYMBOL: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷", ast.Pow: "^"}
_PRECEDENCE: dict[type[ast.operator], int] = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2, ast.Pow: 4}
FUNCTIONS: dict[str, Callable[..., float]] = {"sqrt": math.sqrt, "min": min, "max": max}


def parse(formula: str) -> ast.expr:
    """The formula's expression tree, after checking every node against the whitelist."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"formula {formula!r} is not valid arithmetic ({exc.msg})") from None
    for node in ast.walk(tree.body):
        _check_node(node, formula)
    return tree.body


def _check_node(node: ast.AST, formula: str) -> None:
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise FormulaError(f"formula {formula!r} uses an operator that is not allowed; use + - * / ** only")
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise FormulaError(f"formula {formula!r} uses a unary operator that is not allowed")
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise FormulaError(f"formula {formula!r} contains {node.value!r}; only numbers are allowed")
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise FormulaError(f"formula {formula!r} calls something other than {', '.join(sorted(FUNCTIONS))}")
    elif isinstance(node, ast.Name):
        if not isinstance(node.ctx, ast.Load):
            raise FormulaError(f"formula {formula!r} is not an expression")
    elif not isinstance(node, (ast.operator, ast.unaryop, ast.expr_context)):
        raise FormulaError(f"formula {formula!r} contains {type(node).__name__}, which is not arithmetic")


def names(formula: str) -> list[str]:
    """The names a formula reads, in order of first use (function names excluded)."""
    tree = parse(formula)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called]
    return list(dict.fromkeys(found))


def evaluate(formula: str, values: Mapping[str, float]) -> float:
    """The formula's value with `values` bound to its names."""
    return _eval(parse(formula), values, formula)


def _eval(node: ast.expr, values: Mapping[str, float], formula: str) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in values:
            known = ", ".join(sorted(values)) or "none"
            raise FormulaError(f"formula {formula!r} uses {node.id!r}, which is not defined before it (known: {known})")
        return float(values[node.id])
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values, formula)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values, formula), _eval(node.right, values, formula)
        try:
            return _BINARY[type(node.op)](left, right)
        except ZeroDivisionError:
            raise FormulaError(f"formula {formula!r} divides by zero") from None
        except OverflowError:
            raise FormulaError(f"formula {formula!r} overflows") from None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_eval(arg, values, formula) for arg in node.args]
        try:
            return float(FUNCTIONS[node.func.id](*args))
        except (TypeError, ValueError) as exc:
            raise FormulaError(f"formula {formula!r}: {node.func.id}() {exc}") from None
    raise FormulaError(f"formula {formula!r} contains {type(node).__name__}, which is not arithmetic")


def render(formula: str, show: Callable[[str], str]) -> str:
    """The formula written for readers: each name replaced by `show(name)`, with × ÷ −,
    and only the parentheses the arithmetic needs."""
    return _render(parse(formula), show, 0)


def _render(node: ast.expr, show: Callable[[str], str], outer: int) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return f"{node.value:,}"
    if isinstance(node, ast.Name):
        return show(node.id)
    if isinstance(node, ast.UnaryOp):
        text = ("−" if isinstance(node.op, ast.USub) else "+") + _render(node.operand, show, 3)
        return f"({text})" if outer >= 3 else text
    if isinstance(node, ast.BinOp):
        level = _PRECEDENCE[type(node.op)]
        # Left-associative: the right operand of − and ÷ needs brackets at the same level.
        # ** is right-associative: there the left operand is the one that needs them.
        left = _render(node.left, show, level + 1 if level == 4 else level)
        right = _render(node.right, show, level if level == 4 else level + 1)
        text = f"{left} {_SYMBOL[type(node.op)]} {right}"
        return f"({text})" if level < outer else text
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        inner = ", ".join(_render(arg, show, 0) for arg in node.args)
        return f"√({inner})" if node.func.id == "sqrt" else f"{node.func.id}({inner})"
    raise FormulaError(f"cannot render {type(node).__name__}")
