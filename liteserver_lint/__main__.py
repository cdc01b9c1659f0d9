"""``python -m liteserver_lint``: the same as the ``liteserver-lint`` console script."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="liteserver-lint")
