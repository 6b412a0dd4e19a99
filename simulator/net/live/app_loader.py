"""Load the Flask app to trace: the bundled demo, or a learner's own file.

Theory of operation
-------------------
A learner's app file is *their code and it runs*: importing it executes it, with this
program's rights (``LEARNER_CODE_WARNING`` says so, and the CLI and GUI show it). The file is
imported under its own module name with its folder on ``sys.path`` (so ``Flask(__name__)``
finds its templates and its local imports work), then Flask's own discovery
(``flask.cli.find_best_app``, the rules of ``flask --app``) picks the application: an
attribute ``app`` or ``application``, the only Flask instance, or a ``create_app()`` /
``make_app()`` factory.

Every way this can fail — no such file, a syntax error, an exception or a missing module at
import, no app or several — becomes one ``TraceError`` whose message names the file and, for
errors inside it, the line; nothing is left half-imported in ``sys.modules``.

Finally the app's registries (``before_request_funcs``, ``view_functions``,
``error_handler_spec``...) tell the recorder which of the file's functions are hooks, views
and error handlers, so the trace can say "your before_request hook".
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from simulator.models.wsgi.call_chain import FrameRole
from simulator.net.live.recorder import AppRoles

DEMO_APP = Path(__file__).resolve().parents[2] / "demo_app.py"  # simulator/demo_app.py
LEARNER_CODE_WARNING = ("The app file is Python code and it will run: importing it and serving "
                        "the request execute it with your rights. Trace only files you trust.")


class TraceError(Exception):
    """The app could not be loaded or served; the message is for the learner."""


@dataclass(frozen=True)
class LoadedApp:
    app: Any  # flask.Flask
    module: ModuleType
    file: str
    roles: AppRoles
    is_demo: bool
    previous: ModuleType | None  # what sys.modules held under the module's name before

    def unload(self) -> None:
        """Take the app's module out of sys.modules again (the app object stays usable)."""
        if sys.modules.get(self.module.__name__) is self.module:
            _restore(self.module.__name__, self.previous)


def _module_name(path: Path) -> str:
    stem = path.stem if path.stem.isidentifier() else "learner_app"
    name = stem
    n = 1
    while name in sys.modules and getattr(sys.modules[name], "__file__", None) != str(path):
        n += 1
        name = f"{stem}_{n}"
    return name


@contextmanager
def on_sys_path(folder: str) -> Iterator[None]:
    """The app's folder first on sys.path for as long as its code may import things."""
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        with suppress(ValueError):
            sys.path.remove(folder)


def _where(error: BaseException, file: str) -> str:
    """'app.py:12: ' — the deepest line of the learner's file in the traceback, if any."""
    lines = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == file]
    return f"{file}:{lines[-1].lineno}: " if lines else f"{file}: "


def _import(path: Path) -> tuple[ModuleType, ModuleType | None]:
    file = str(path)
    name = _module_name(path)
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise TraceError(f"{file}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    previous = sys.modules.get(name)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        _restore(name, previous)
        raise TraceError(f"{file}:{error.lineno}: syntax error: {error.msg}") from None
    except ModuleNotFoundError as error:
        _restore(name, previous)
        raise TraceError(f"{_where(error, file)}importing the app failed: {error} "
                         "(is it installed in this Python?)") from None
    except (Exception, SystemExit) as error:
        _restore(name, previous)
        raise TraceError(f"{_where(error, file)}importing the app raised "
                         f"{type(error).__name__}: {error}") from None
    return module, previous


def _restore(name: str, previous: ModuleType | None) -> None:
    if previous is None:
        sys.modules.pop(name, None)
    else:
        sys.modules[name] = previous


def _find_app(module: ModuleType, file: str) -> Any:
    from flask.cli import NoAppException, find_best_app

    try:
        return find_best_app(module)
    except NoAppException as error:
        if "multiple Flask applications" in str(error):
            raise TraceError(f"{file}: defines several Flask apps; name the one to trace "
                             "'app' (or 'application')") from None
        raise TraceError(f"{file}: no Flask app found: define app = Flask(__name__) or a "
                         "create_app() factory that takes no arguments") from None
    except Exception as error:  # the factory is learner code too
        raise TraceError(f"{_where(error, file)}create_app() raised "
                         f"{type(error).__name__}: {error}") from None


def _code(func: object) -> CodeType | None:
    with suppress(ValueError):  # a wrapper cycle: keep the function as it is
        func = inspect.unwrap(func)  # type: ignore[arg-type]
    code = getattr(func, "__code__", None)
    return code if isinstance(code, CodeType) else None


def _funcs(registry: dict[Any, list[Any]] | None) -> Iterable[Any]:
    for funcs in (registry or {}).values():
        yield from funcs


def app_roles(app: Any, file: str | None) -> AppRoles:
    """The app's hooks, views and error handlers by code object."""
    roles = AppRoles(file)

    def add(func: object, role: FrameRole, description: str) -> None:
        code = _code(func)
        if code is not None:
            roles.roles.setdefault(code, (role, description))

    hooks = (("url_value_preprocessors", "url_value_preprocessor"),
             ("before_request_funcs", "before_request hook"),
             ("after_request_funcs", "after_request hook"),
             ("teardown_request_funcs", "teardown_request hook"),
             ("teardown_appcontext_funcs", None))
    for attr, label in hooks:
        registry = getattr(app, attr, None)
        if isinstance(registry, dict):
            for func in _funcs(registry):
                add(func, FrameRole.HOOK, label or "teardown_appcontext hook")
        elif isinstance(registry, list):  # teardown_appcontext_funcs is a list in Flask 3
            for func in registry:
                add(func, FrameRole.HOOK, label or "teardown_appcontext hook")
    for func in getattr(app, "before_first_request_funcs", []) or []:
        add(func, FrameRole.HOOK, "before_first_request hook")
    for endpoint, func in (getattr(app, "view_functions", {}) or {}).items():
        if endpoint != "static":
            add(func, FrameRole.VIEW, f"view function for endpoint '{endpoint}'")
    for by_code in (getattr(app, "error_handler_spec", {}) or {}).values():
        for code, handlers in by_code.items():
            for exc_class, func in handlers.items():
                what = exc_class.__name__ if code is None else f"{code} {exc_class.__name__}"
                add(func, FrameRole.ERROR_HANDLER, f"error handler for {what}")
    return roles


def load_app(path: str | Path | None = None) -> LoadedApp:
    """Import the app file (the demo if None) and find its Flask application."""
    is_demo = path is None
    target = DEMO_APP if path is None else Path(path)
    if not target.exists():
        raise TraceError(f"{target}: no such file")
    if not target.is_file():
        raise TraceError(f"{target}: is not a file")
    if target.suffix != ".py":
        raise TraceError(f"{target}: is not a Python file (.py)")
    target = target.resolve()
    file = str(target)
    with on_sys_path(str(target.parent)):
        module, previous = _import(target)
        try:
            app = _find_app(module, file)
        except TraceError:
            _restore(module.__name__, previous)
            raise
    return LoadedApp(app, module, file, app_roles(app, file), is_demo, previous)
