"""Scenario B (DOMAIN.md section 3): wage arrears, the guarantee pool and a frozen wallet.

Written once over contract proxies, so it runs on the in-process `Chain` and on
a live node through the SDK `Client`. `run(backend)` asserts every figure of the
scenario as it goes and returns the gas used by each transaction of steps 1-10,
keyed by step; `contracts/scenarios/golden/scenario_b_gas.json` holds the expected
gas. Regenerate it (and review the diff) with

    make scenario-b-gas   (= .venv/bin/python -m contracts.scenarios.scenario_b --update-gas)

Time: the scenario sets the next block's time through `clock.set_time(t)` and
reads the latest block's with `clock.timestamp`. The in-process `Chain` is its
own clock; a live `hutong node --dev` is moved with `hutong_devSetTime` (`NodeClock`).

Start: Scenario A up to the end of month 1 (token money as A0 without the tender,
escrow A2, M1 paid as A3, 50 workers and month 1 paid as A4: free = 145 600).
M2 is delayed by a measurement dispute; month-2 batches are due on day 15 of the
following month at 15:00.
"""

from __future__ import annotations

import json
import pathlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from node.crypto import Key

from .escrow_payroll import (A4_CONTRACT_VALUES, A4_CREWS, DAY, GRACE, HOUR, Calendar, Crew, act, address_of,
                             connect, deploy_escrow, deploy_payroll, doc, fen, fund_escrow, fund_pool, hire,
                             pay_a3_milestone, post_bond, register_party, run_month, submit_payroll)

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOKEN_SOURCE = ROOT / "contracts" / "settlement_token.ht"
GAS_GOLDEN = pathlib.Path(__file__).resolve().parent / "golden" / "scenario_b_gas.json"
FULL = 2  # SettlementToken.FreezeMode.FULL


def key(label: str) -> Key:
    return Key.deterministic(f"xiongan-scenario-b-{label}")


@dataclass
class Cast:
    """Every party of the scenario, as deterministic keys (the same on any backend)."""

    issuer: Key = field(default_factory=lambda: key("issuer"))
    regulator: Key = field(default_factory=lambda: key("regulator"))
    bank: Key = field(default_factory=lambda: key("bank1"))
    owner: Key = field(default_factory=lambda: key("owner"))
    gc: Key = field(default_factory=lambda: key("gc-B"))
    supervisor: Key = field(default_factory=lambda: key("supervisor"))
    auditor: Key = field(default_factory=lambda: key("auditor"))
    guarantor: Key = field(default_factory=lambda: key("guarantor"))
    inspector: Key = field(default_factory=lambda: key("inspector"))
    platform: Key = field(default_factory=lambda: key("platform"))
    supplier: Key = field(default_factory=lambda: key("S"))
    subs: dict = field(default_factory=lambda: {name: key(name) for name in ("SA", "SB", "SC")})
    stranger: Key = field(default_factory=lambda: key("stranger"))


class GasLog:
    """Gas of every transaction, by step, in the order sent (reverted ones included)."""

    def __init__(self):
        self.steps: dict[str, dict[str, int]] = {}
        self.current = "setup"

    def step(self, name: str):
        self.current = name
        self.steps.setdefault(name, {})

    def record(self, label: str, gas: int):
        entries = self.steps.setdefault(self.current, {})
        assert label not in entries, f"duplicate gas label {label!r} in step {self.current}"
        entries[label] = gas

    def send(self, label: str, sender, contract, function: str, *args):
        receipt = act(sender, contract, function, *args)
        self.record(label, receipt.gas_used)
        return receipt

    def reverts(self, label: str, error: str, sender, contract, function: str, *args):
        """Send a transaction that must fail with `error`; record its gas; return the failure."""
        from node.sdk.errors import TransactionFailed

        try:
            act(sender, contract, function, *args)
        except TransactionFailed as failure:
            assert failure.error == error, f"{label}: expected {error}, got {failure}"
            if failure.receipt is not None:
                self.record(label, failure.receipt.gas_used)
            return failure
        raise AssertionError(f"{label}: expected a revert with {error}, but the transaction succeeded")

    def as_json(self) -> dict:
        return {step: dict(entries) for step, entries in self.steps.items() if step != "setup"}


@dataclass
class World:
    backend: object
    cast: Cast
    token: object
    escrow: object
    payroll: object
    crews: dict
    calendar: Calendar
    gas: GasLog
    batches: dict = field(default_factory=dict)

    def balance(self, party) -> int:
        return self.token.balance_of(address_of(party))

    @contextmanager
    def subs_never_gain(self):
        """W1: a subcontractor's token balance never rises inside a payroll transaction."""
        before = {name: self.balance(sub) for name, sub in self.cast.subs.items()}
        yield
        for name, sub in self.cast.subs.items():
            assert self.balance(sub) <= before[name], f"{name}'s balance rose in a payroll transaction"


class TimeControlUnavailable(RuntimeError):
    """The backend cannot move its clock, so the timed steps cannot run."""


class NodeClock:
    """A live node's clock, moved with the development RPC `hutong_devSetTime` (the next
    block gets exactly the given timestamp; `hutong node --dev` only). On a node
    without it, the clock follows the wall clock: the calendar is back-dated so that
    everything before the month-2 deadline (setup and steps 1-3) still runs, and
    moving to the deadline raises TimeControlUnavailable."""

    def __init__(self, client):
        from node.sdk.errors import RPCError

        self.client = client
        try:
            client.rpc("hutong_devSetTime", self.timestamp + 1)
            self.dev = True
        except RPCError:
            self.dev = False
        self.backdate = 0 if self.dev else 61 * DAY  # without a dev clock: month 2 has ended already

    @property
    def timestamp(self) -> int:
        return self.client.get_block("latest")["timestamp"]

    def set_time(self, timestamp: int, when: str = "at") -> None:
        """`when`: "at" this time exactly, "after" it (it has passed) or "before" it."""
        latest = self.timestamp
        if self.dev and timestamp > latest:
            self.client.rpc("hutong_devSetTime", timestamp)
            return
        if not (when == "after" and timestamp <= latest or when == "before" and latest + 1 < timestamp):
            raise TimeControlUnavailable(f"the node cannot move its clock {when} {timestamp} "
                                         f"(latest block at {latest})")


def move_clock(clock, timestamp: int, when: str = "at") -> None:
    """Set the next block's time. A clock that cannot move (NodeClock) accepts
    `when="after"` a time that has passed and `when="before"` one still ahead."""
    if isinstance(clock, NodeClock):
        clock.set_time(timestamp, when)
    else:
        clock.set_time(timestamp)


def setup(backend, clock=None) -> World:
    """Scenario A to the end of month 1 (A0 money, A2 escrow, A3 M1, A4 registration and month 1)."""
    clock = clock or backend
    cast = Cast()
    gas = GasLog()
    token = backend.deploy(TOKEN_SOURCE, cast.issuer.address, cast.regulator.address, sender=cast.issuer)
    token.set_operator(cast.bank.address, True, sender=cast.issuer)
    token.issue(cast.bank.address, fen(30_000_000), sender=cast.issuer)
    # A0, with the GC funded directly (no tender here): bond 1 000 000 + deposit + top-up.
    for party, amount in [(cast.owner, 10_000_000), (cast.guarantor, 10_000_000), (cast.gc, 1_300_000),
                          *[(sub, 100_000) for sub in cast.subs.values()]]:
        token.transfer(party.address, fen(amount), sender=cast.bank)

    payroll = deploy_payroll(backend, token, gc=cast.gc, inspector=cast.inspector, guarantor=cast.guarantor,
                             admin=cast.platform)
    token.set_protected(payroll.address, True, sender=cast.issuer)
    escrow = deploy_escrow(backend, token, payroll, owner=cast.owner, gc=cast.gc, supervisor=cast.supervisor,
                           auditor=cast.auditor)
    connect(payroll, escrow, admin=cast.platform)
    fund_escrow(token, escrow, fen(10_000_000), owner=cast.owner)
    post_bond(token, escrow, gc=cast.gc)
    escrow.activate(sender=cast.owner)

    register_party(token, payroll, cast.gc, "GC", fen(A4_CONTRACT_VALUES["GC"]), gc=cast.gc)
    for name, sub in cast.subs.items():
        register_party(token, payroll, sub, "SUB", fen(A4_CONTRACT_VALUES[name]), gc=cast.gc)
    fund_pool(token, payroll, fen(10_000_000), guarantor=cast.guarantor)
    crews = {}
    for name, (count, wage) in A4_CREWS.items():
        workers = [key(f"W-{name[1]}{i + 1:02d}") for i in range(count)]
        crews[name] = Crew(cast.subs[name], workers, fen(wage), name=name)
        hire(payroll, crews[name])

    calendar = Calendar(clock.timestamp - getattr(clock, "backdate", 0))
    world = World(backend, cast, token, escrow, payroll, crews, calendar, gas)
    parties = {"S": cast.supplier, **cast.subs}
    move_clock(clock, calendar.month_end(1), "after")
    pay_a3_milestone(escrow, 0, parties, gc=cast.gc, supervisor=cast.supervisor, owner=cast.owner)
    month_1_due = max(calendar.payroll_due(1), clock.timestamp + DAY)  # (a back-dated calendar: still ahead)
    run_month(payroll, list(crews.values()), Calendar.period(1), month_1_due, gc=cast.gc)
    assert payroll.free() == fen(145_600)
    # Month 2: the crews file on time; M2 is claimed but its certification is disputed.
    move_clock(clock, calendar.month_end(2), "after")
    for name, crew in crews.items():
        world.batches[name] = submit_payroll(payroll, crew, Calendar.period(2), calendar.payroll_due(2))
    escrow.submit_claim(1, fen(3_000_000), doc("claim M2"), sender=cast.gc)
    escrow.set_direct_payees(1, [{"to": cast.supplier.address, "amount": fen(1_000_000), "kind": "MATERIAL"},
                                 {"to": cast.subs["SB"].address, "amount": fen(600_000), "kind": "SUBCONTRACT"}],
                             sender=cast.gc)
    return world


def run(backend, clock=None, gas: GasLog | None = None) -> dict:
    """Steps 1-10 of Scenario B with every figure asserted; returns the gas log
    (also kept in `gas`, if given, when a step fails part-way)."""
    clock = clock or backend
    w = setup(backend, clock)
    if gas is not None:
        w.gas = gas
    c, token, escrow, payroll, gas = w.cast, w.token, w.escrow, w.payroll, w.gas
    due = w.calendar.payroll_due(2)
    w_b07, w_c03, w_b01 = w.crews["SB"].workers[6], w.crews["SC"].workers[2], w.crews["SB"].workers[0]
    sa_batch, sb_batch, sc_batch = w.batches["SA"], w.batches["SB"], w.batches["SC"]
    assert token.total_supply() == fen(30_000_000)

    # 1. The regulator FULL-freezes W-B07's wallet; freezing the wage account itself fails (K4/W11).
    gas.step("1 freeze")
    move_clock(clock, due - 6 * HOUR, "before")
    gas.send("freeze W-B07", c.regulator, token, "freeze", w_b07.address, FULL, doc("court case 2026-017"))
    assert token.can_receive(w_b07.address) is False
    gas.reverts("freeze payroll", "AccountProtected", c.regulator, token, "freeze", payroll.address, FULL,
                doc("court case 2026-018"))

    # 2. The GC approves SA's batch: free 145 600 -> 25 600.
    gas.step("2 approve SA")
    with w.subs_never_gain():
        receipt = gas.send("approve SA batch", c.gc, payroll, "approve_payroll", sa_batch)
    assert len(receipt.events_named("WagePaid")) == 20
    assert payroll.free() == fen(25_600)

    # 3. SC's (70 000) and SB's (130 000) batches exceed the free balance.
    gas.step("3 insufficient free")
    failure = gas.reverts("approve SC batch", "InsufficientFree", c.gc, payroll, "approve_payroll", sc_batch)
    assert failure.args == {"needed": fen(70_000), "available": fen(25_600)}
    failure = gas.reverts("approve SB batch", "InsufficientFree", c.gc, payroll, "approve_payroll", sb_batch)
    assert failure.args == {"needed": fen(130_000), "available": fen(25_600)}

    # 4. The deadline passes: 15:59:59 is too early, 16:00:00 triggers the pool.
    gas.step("4 guarantee")
    assert payroll.batch(sc_batch).due_at == due
    move_clock(clock, due + GRACE - 1)
    failure = gas.reverts("trigger SC at 15:59:59", "TooEarly", w_c03, payroll, "trigger_guarantee", sc_batch)
    assert failure.args["allowed_at"] == due + GRACE
    move_clock(clock, due + GRACE)
    with w.subs_never_gain():
        receipt = gas.send("trigger SC at 16:00:00", w_c03, payroll, "trigger_guarantee", sc_batch)
    assert clock.timestamp == due + GRACE
    used = receipt.event("GuaranteeUsed").args
    assert (used["total"], used["triggered_by"]) == (fen(70_000), address_of(w_c03))
    assert sum(e.args["amount"] for e in receipt.events_named("WagePaid")) == fen(70_000) == 10 * fen(7_000)
    with w.subs_never_gain():
        receipt = gas.send("trigger SB", w_b01, payroll, "trigger_guarantee", sb_batch)
    paid = receipt.events_named("WagePaid")
    held = receipt.events_named("WageHeld")
    assert len(paid) == 19 and sum(e.args["amount"] for e in paid) == fen(123_500)
    assert [(e.args["worker"], e.args["amount"]) for e in held] == [(address_of(w_b07), fen(6_500))]
    assert payroll.pool_balance() == fen(9_800_000)
    assert payroll.unsettled() == fen(200_000)
    assert payroll.worker(w_b07.address).held == fen(6_500)

    # 5. Settling SC's batch against the GC: 25 600 from free, 44 400 from the deposit; integrity 90.
    gas.step("5 settle SC")
    receipt = gas.send("settle SC batch", c.inspector, payroll, "settle_default", sc_batch, c.gc.address,
                       doc("inspection 5"))
    settled = receipt.event("DefaultSettled").args
    assert (settled["from_free"], settled["from_deposit"], settled["new_debt"], settled["integrity"]) == \
        (fen(25_600), fen(44_400), 0, 90)
    assert receipt.event("DepositTopUpRequired").args["amount"] == fen(44_400)
    assert payroll.party(c.gc.address).deposit == fen(5_600)
    assert payroll.free() == 0

    # 6. Settling SB's batch: 0 from free, 5 600 from the deposit, a new GC debt of 124 400; integrity 80.
    gas.step("6 settle SB")
    receipt = gas.send("settle SB batch", c.inspector, payroll, "settle_default", sb_batch, c.gc.address,
                       doc("inspection 6"))
    settled = receipt.event("DefaultSettled").args
    assert (settled["from_free"], settled["from_deposit"], settled["new_debt"], settled["integrity"]) == \
        (0, fen(5_600), fen(124_400), 80)
    top_up = receipt.event("DepositTopUpRequired").args
    assert (top_up["party"], top_up["amount"]) == (address_of(c.gc), fen(50_000))
    gc_party = payroll.party(c.gc.address)
    assert (gc_party.deposit, gc_party.debt, gc_party.integrity) == (0, fen(124_400), 80)
    assert payroll.unsettled() == 0
    assert payroll.pool_balance() + payroll.debt_total() == fen(10_000_000)

    # 7. M2 is certified and approved: 582 000 of labour repays the 124 400 debt first.
    gas.step("7 M2 labour")
    gas.send("certify M2", c.supervisor, escrow, "certify", 1, fen(3_000_000), doc("certificate M2"))
    receipt = gas.send("approve M2", c.owner, escrow, "approve_payment", 1)
    funded = receipt.event("LabourFunded").args
    assert (funded["amount"], funded["debt_repaid"]) == (fen(582_000), fen(124_400))
    assert payroll.pool_balance() == fen(10_000_000)
    assert payroll.party(c.gc.address).debt == 0
    assert payroll.free() == fen(457_600)

    # 8. The GC tops its deposit back up.
    gas.step("8 top-up")
    gas.send("approve deposit", c.gc, token, "approve", payroll.address, fen(50_000))
    gas.send("post deposit", c.gc, payroll, "post_deposit", fen(50_000))
    assert payroll.party(c.gc.address).deposit == fen(50_000)

    # 9. W-B07 is unfrozen and claims the held 6 500.
    gas.step("9 claim held")
    gas.send("unfreeze W-B07", c.regulator, token, "unfreeze", w_b07.address, doc("court case 2026-017"))
    with w.subs_never_gain():
        receipt = gas.send("claim held", w_b07, payroll, "claim_held")
    assert receipt.event("HeldClaimed").args["amount"] == fen(6_500)

    # 10. Negative checks.
    gas.step("10 negative")
    gas.reverts("SB approves", "Unauthorized", c.subs["SB"], payroll, "approve_payroll", sb_batch)
    gas.reverts("guarantee on paid batch", "WrongBatchStatus", w_b01, payroll, "trigger_guarantee", sa_batch)
    outsider = key("unregistered")
    gas.reverts("unregistered worker", "WorkerNotActive", c.subs["SB"], payroll, "submit_payroll",
                Calendar.period(3), [{"worker": outsider.address, "amount": fen(6_500)}], due + 30 * DAY)
    gas.reverts("second claim", "NothingHeld", w_b07, payroll, "claim_held")

    check_conservation(w)
    return {"gas": gas.as_json()}


def check_conservation(w: World):
    """W4/W5 with the scenario's figures, and one month's wage for month 2 per worker."""
    payroll, token = w.payroll, w.token
    assert payroll.labour_received() == fen(1_047_600)
    assert payroll.pool_funded() == fen(10_000_000)
    assert payroll.deposits_posted() == fen(142_500)
    inflows = payroll.labour_received() + payroll.pool_funded() + payroll.deposits_posted()
    assert inflows == fen(11_190_100)
    assert payroll.wages_paid() == fen(633_500)
    assert payroll.held_claimed() == fen(6_500)
    outflows = payroll.wages_paid() + payroll.held_claimed()
    assert outflows == fen(640_000)
    balance = token.balance_of(payroll.address)
    assert balance == inflows - outflows == fen(10_550_100)
    assert payroll.free() == fen(457_600)
    assert payroll.pool_balance() == fen(10_000_000)
    assert payroll.deposits_total() == fen(92_500)
    assert payroll.held_total() - payroll.held_claimed() == 0
    assert balance == payroll.free() + payroll.pool_balance() + payroll.deposits_total()
    for crew in w.crews.values():
        for worker in crew.workers:
            # Month 1 from the wage account and month 2 (approved, guaranteed or held and claimed): 2 wages.
            assert payroll.worker(worker.address).total_paid == 2 * crew.wage
            assert w.balance(worker) == 2 * crew.wage
    assert token.total_supply() == fen(30_000_000)


def main(argv=None) -> int:
    import argparse

    from node.devchain import Chain

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-gas", action="store_true", help=f"rewrite {GAS_GOLDEN.relative_to(ROOT)}")
    options = parser.parse_args(argv)
    result = run(Chain())
    text = json.dumps(result["gas"], indent=2) + "\n"
    if options.update_gas:
        GAS_GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GAS_GOLDEN.write_text(text)
        print(f"wrote {GAS_GOLDEN.relative_to(ROOT)}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
