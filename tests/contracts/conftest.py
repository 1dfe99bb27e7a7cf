"""Shared by the contract tests."""


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    import os

    from .machine_steps import summary_lines

    lines = summary_lines(details=bool(os.environ.get("HUTONG_MACHINE_STATS")))
    if lines:
        terminalreporter.write_sep("-", "state-machine steps")
        for line in lines:
            terminalreporter.write_line(line)
