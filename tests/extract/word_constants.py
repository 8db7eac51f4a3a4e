"""Count the English word lists still written in Python: module-level constants holding words.

    .venv/bin/python tests/extract/word_constants.py [src/sitrep] [--list]

A constant counts when a module-level assignment's value is a literal collection (set, frozenset,
tuple, list, dict, or an expression over them) holding at least `MIN_WORDS` words. A word is a
lower-case string of letters, spaces, hyphens and apostrophes that is not a dependency label of
the parser (labels are the model's vocabulary, not the language's). Regular expressions, entity
labels and `__all__` do not count. Words belong in `sitrep/data/lang/<code>/*.yaml`
(docs/languages.md); this counts what is left.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

MIN_WORDS = 3
WORD = re.compile(r"[a-z][a-z' -]*")
# ClearNLP dependency labels, as the English model (and the French one, once converted) writes them.
DEPENDENCY_LABELS = frozenset(
    "acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj csubjpass "
    "dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod oprd parataxis pcomp "
    "pobj poss preconj predet prep prt punct quantmod relcl xcomp".split()
)
COLLECTIONS = (ast.Set, ast.Tuple, ast.List, ast.Dict, ast.SetComp, ast.DictComp, ast.ListComp)
COLLECTION_CALLS = frozenset({"frozenset", "set", "tuple", "list", "dict"})


@dataclass(frozen=True, slots=True)
class WordConstant:
    """One constant holding words: where it is, its name and how many words it holds."""

    module: str
    line: int
    name: str
    words: int


def word_constants(root: Path) -> list[WordConstant]:
    """Every constant of the modules under `root` that holds at least `MIN_WORDS` words."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for statement in tree.body:
            name, value = _assignment(statement)
            if value is None or name == "__all__" or not _is_collection(value):
                continue
            words = _count_words(value)
            if words >= MIN_WORDS:
                found.append(WordConstant(str(path.relative_to(root)), statement.lineno, name, words))
    return found


def _assignment(statement: ast.stmt) -> tuple[str, ast.expr | None]:
    if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id, statement.value
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id, statement.value
    return "", None


def _is_collection(value: ast.expr) -> bool:
    if isinstance(value, COLLECTIONS):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in COLLECTION_CALLS
    if isinstance(value, ast.BinOp):
        return _is_collection(value.left) or _is_collection(value.right)
    return False


def _count_words(value: ast.expr) -> int:
    """The words written in `value`: each word string, each word of a "a b c".split() string."""
    calls = [node.func for node in ast.walk(value) if isinstance(node, ast.Call)]
    split = {id(call.value) for call in calls if isinstance(call, ast.Attribute) and call.attr == "split"}
    count = 0
    for node in ast.walk(value):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = node.value.split() if id(node) in split else [node.value]
            count += sum(_is_word(word) for word in words)
    return count


def _is_word(text: str) -> bool:
    return WORD.fullmatch(text) is not None and text not in DEPENDENCY_LABELS


def main(arguments: list[str]) -> None:
    """Print the count per module (and each constant with --list), then the totals."""
    root = Path(next((a for a in arguments if not a.startswith("-")), "src/sitrep"))
    found = word_constants(root)
    modules: dict[str, list[WordConstant]] = {}
    for constant in found:
        modules.setdefault(constant.module, []).append(constant)
    for module, constants in modules.items():
        print(f"{len(constants):3} {sum(c.words for c in constants):5}  {module}")
        for constant in constants if "--list" in arguments else ():
            print(f"        {constant.name} (line {constant.line}): {constant.words} words")
    print(f"{len(found)} constants holding {sum(c.words for c in found)} words in {len(modules)} modules")


if __name__ == "__main__":
    main(sys.argv[1:])
