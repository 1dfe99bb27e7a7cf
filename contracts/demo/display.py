"""What the demo shows: a progress bar over Scenario A's transactions and, at
the end, the summary tables (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

NAMES = {
    "bank": "Bank1 (operator bank)", "owner": "Owner (2-of-3 multisig)", "A": "Bidder A", "B": "B, the GC (winner)",
    "C": "Bidder C (never revealed)", "D": "Bidder D (over the ceiling)", "E": "Bidder E",
    "guarantor": "Wage guarantor", "SA": "SA earthworks", "SB": "SB paving", "SC": "SC electrical",
    "S": "S aggregate supplier", "tender": "SealedBidTender", "lot4": "SealedBidTender, lot 4 (failed)",
    "payroll": "WagePayroll", "escrow": "ProjectEscrow",
}


def yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


class ScenarioProgress:
    """A listener for `scenario_a.Recorder`: one bar over every transaction, the
    current step as its description, and a line per finished step."""

    def __init__(self, console: Console, expected_transactions: int):
        self.console = console
        self.progress = Progress(TextColumn("{task.description:<44}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console)
        self.task = self.progress.add_task("starting", total=expected_transactions)
        self.step = None
        self.step_count = 0

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc_info):
        self.finish_step()
        self.progress.stop()

    def finish_step(self):
        if self.step is not None:
            self.console.print(f"  [green]✓[/] {self.step} [dim]({self.step_count} transactions)[/]")

    def __call__(self, step: str, label: str | None, gas: int | None, ok: bool):
        if label is None:
            if step != self.step:
                self.finish_step()
                self.step, self.step_count = step, 0
                self.progress.update(self.task, description=step)
            return
        self.step_count += 1
        self.progress.advance(self.task)


def summary_tables(summary: dict) -> list[Table]:
    balances = Table(title="Balances at the end (yuan)")
    balances.add_column("party")
    balances.add_column("balance", justify="right")
    for name, fen in summary["balances"].items():
        balances.add_row(NAMES.get(name, name), yuan(fen))
    balances.add_row("50 workers together", yuan(summary["workers total"]))

    milestones = Table(title="Milestones (yuan)")
    for column in ("milestone", "planned", "certified", "paid", "retained 3%"):
        milestones.add_column(column, justify="right" if column != "milestone" else "left")
    for m in summary["milestones"]:
        milestones.add_row(m["milestone"], yuan(m["planned"]), yuan(m["certified"]), yuan(m["paid"]),
                           yuan(m["retained"]))
    total = {k: sum(m[k] for m in summary["milestones"]) for k in ("planned", "certified", "paid", "retained")}
    milestones.add_row("Σ", yuan(total["planned"]), yuan(total["certified"]), yuan(total["paid"]),
                       yuan(total["retained"]))

    retention = Table(title="Retention (yuan)")
    retention.add_column("")
    retention.add_column("amount", justify="right")
    for label, fen in summary["retention"].items():
        retention.add_row(label, yuan(fen))

    wages = Table(title="Wages (yuan)")
    for column in ("crew", "workers", "monthly wage", "paid per worker (6 months)", "crew total"):
        wages.add_column(column, justify="right" if column != "crew" else "left")
    for crew, row in summary["wages"].items():
        wages.add_row(crew, str(row["workers"]), yuan(row["monthly wage"]),
                      ", ".join(yuan(p) for p in row["paid per worker"]), yuan(row["total"]))
    wages.add_row("Σ", "50", "", "", yuan(summary["wages paid"]))

    conservation = Table(title="Conservation check")
    conservation.add_column("")
    conservation.add_column("yuan", justify="right")
    conservation.add_column("")
    c = summary["conservation"]
    conservation.add_row("token supply", yuan(c["supply"]), "")
    conservation.add_row("sum of every balance", yuan(c["sum of balances"]),
                         "[green]equal[/]" if c["sum of balances"] == c["supply"] else "[red]DIFFERENT[/]")
    for contract in ("tender", "escrow", "payroll"):
        conservation.add_row(f"left in the {contract}", yuan(c[contract]),
                             "[green]empty[/]" if c[contract] == 0 else "[red]NOT EMPTY[/]")
    return [balances, milestones, retention, wages, conservation]
