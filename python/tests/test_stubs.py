"""The type stubs (parley/__init__.pyi) name exactly what the package defines, so they cannot drift."""

import ast
import dataclasses
import inspect
import re
from pathlib import Path

import parley
from parley import _parley

STUB = Path(parley.__file__).with_name("__init__.pyi")


def stub_tree():
    return ast.parse(STUB.read_text())


def public(names):
    return {name for name in names if not name.startswith("_")}


def stub_top_level():
    names = {}
    for node in stub_tree().body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names[target.id] = node
    return names


def test_stub_names_equal_the_package_api():
    stub = stub_top_level()
    assert public(stub) | {"__version__"} == set(parley.__all__)
    # Everything the extension defines is exported, so a new binding needs a stub.
    assert public(dir(_parley)) <= set(parley.__all__)
    for name in parley.__all__:
        assert hasattr(parley, name), name


def test_stub_classes_have_the_members_of_the_real_classes():
    for name, node in stub_top_level().items():
        if not isinstance(node, ast.ClassDef) or name.startswith("_"):
            continue
        cls = getattr(parley, name)
        stubbed = set()
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                stubbed.add(item.name)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                stubbed.add(item.target.id)
        if dataclasses.is_dataclass(cls):
            real = {field.name for field in dataclasses.fields(cls)}
        elif issubclass(cls, BaseException):
            real = set()
        else:
            real = public(name for name in dir(cls) if name not in dir(object))
        assert public(stubbed) == real, name


def signature_names(function):
    """Parameter names of a Python function or of a pybind11 function (from its docstring)."""
    try:
        return [p for p in inspect.signature(function).parameters if p != "self"]
    except (TypeError, ValueError):
        first = function.__doc__.splitlines()[0]
        inside = first[first.index("(") + 1:first.rindex(")")]
        names = re.findall(r"(?:^|, )(\*?\w+)(?=: |$|, )", inside)
        return [name for name in names if name not in ("self", "*")]


def test_stub_functions_have_the_parameters_of_the_real_ones():
    for name, node in stub_top_level().items():
        if not isinstance(node, ast.FunctionDef):
            continue
        args = node.args
        stubbed = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
        assert stubbed == signature_names(getattr(parley, name)), name
