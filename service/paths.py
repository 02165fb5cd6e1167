"""Where the project's data folders (migrations/, seeds/, openapi/) are.

In a source checkout they sit beside the ``service`` package; in the Docker image the
package is installed as a wheel and the folders are copied into the working directory.
"""

from __future__ import annotations

from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def project_dir(name: str) -> Path:
    """``name`` beside the package if it exists there, else in the current directory."""
    beside_package = SOURCE_ROOT / name
    return beside_package if beside_package.is_dir() else Path.cwd() / name
