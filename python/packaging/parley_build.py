"""A PEP 517 build backend for the `parley` Python package, using only the standard library.

It configures Parley's CMake project with the Python package on (PARLEY_BUILD_PYTHON) for the
interpreter running the build, builds the package target, and zips the staged package into a
wheel. Nothing needs downloading, so `pip install --no-index --no-build-isolation .` works on a
machine without access to a package index. Build settings (pip's --config-settings):

  build-dir=PATH   CMake build directory to use (and keep); default: a temporary one
  jobs=N           parallel compile jobs; default: the number of CPUs
  cmake-args=ARGS  extra arguments for CMake's configure step, separated by spaces

ccache is used when it is on PATH.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = "parley"


def _version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text()
    match = re.search(r"project\(\s*parley\s+VERSION\s+([0-9.]+)", text)
    if not match:
        raise RuntimeError(f"{ROOT / 'CMakeLists.txt'}: no `project(parley VERSION x.y.z)` line")
    return match.group(1)


def _tag() -> str:
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{interpreter}{getattr(sys, 'abiflags', '')}-{platform}"


def _metadata() -> str:
    summary = "Model, run and analyse multi-issue negotiations: a C++ engine with Python bindings"
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {_version()}\nSummary: {summary}\n"
            f"Requires-Python: >=3.9\nProvides-Extra: numpy\nRequires-Dist: numpy; extra == \"numpy\"\n")


def _wheel_file() -> str:
    return f"Wheel-Version: 1.0\nGenerator: parley_build\nRoot-Is-Purelib: false\nTag: {_tag()}\n"


def _dist_info() -> str:
    return f"{NAME}-{_version()}.dist-info"


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    directory = Path(metadata_directory) / _dist_info()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "METADATA").write_text(_metadata())
    (directory / "WHEEL").write_text(_wheel_file())
    return directory.name


def _setting(config_settings, key, default=None):
    value = (config_settings or {}).get(key, default)
    return value[-1] if isinstance(value, list) else value


def _build(build_dir: Path, config_settings) -> Path:
    configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                 "-DPARLEY_BUILD_PYTHON=ON", "-DPARLEY_PYTHON_STANDALONE=ON", "-DPARLEY_BUILD_TESTS=OFF",
                 "-DPARLEY_BUILD_BENCH=OFF", f"-DPython3_EXECUTABLE={sys.executable}"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    configure += (_setting(config_settings, "cmake-args") or "").split()
    jobs = _setting(config_settings, "jobs") or str(os.cpu_count() or 1)
    for command in (configure, ["cmake", "--build", str(build_dir), "--target", "parley_python", "-j", jobs]):
        print("+", " ".join(command), flush=True)
        subprocess.run(command, check=True, stdout=sys.stderr)
    return build_dir / "python" / NAME


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    chosen = _setting(config_settings, "build-dir")
    temporary = None if chosen else tempfile.TemporaryDirectory(prefix="parley-build-")
    try:
        package = _build(Path(chosen or temporary.name).resolve(), config_settings)
        wheel_name = f"{NAME}-{_version()}-{_tag()}.whl"
        records = []
        with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as wheel:
            def add(path: str, data: bytes) -> None:
                wheel.writestr(path, data)
                records.append(_record_line(path, data))

            for file in sorted(package.iterdir()):
                if file.is_file() and file.suffix not in (".pyc",):
                    add(f"{NAME}/{file.name}", file.read_bytes())
            add(f"{_dist_info()}/METADATA", _metadata().encode())
            add(f"{_dist_info()}/WHEEL", _wheel_file().encode())
            record = f"{_dist_info()}/RECORD"
            wheel.writestr(record, "\n".join(records + [f"{record},,"]) + "\n")
        return wheel_name
    finally:
        if temporary:
            temporary.cleanup()
