"""Shared by the contract tests; the fixtures themselves come from the hutong pytest
plugin (node/pytest_plugin.py: chain, accounts, deploy, reverts)."""


def pytest_terminal_summary(terminalreporter):
    from tests.contracts.chain_checks import STEPS

    if STEPS:
        terminalreporter.write_sep("-", "contract state machines: steps run")
        for machine, steps in sorted(STEPS.items()):
            terminalreporter.write_line(f"{machine}: {steps} steps")
