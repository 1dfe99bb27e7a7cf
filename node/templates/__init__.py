"""Files `hutong init` writes into a new project (node/cli/init_command.py)."""
