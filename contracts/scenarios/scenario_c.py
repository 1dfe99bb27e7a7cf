"""Scenario C of DOMAIN.md: a digital debt voucher is split, transferred, discounted
to a bank and redeemed at maturity, every figure asserted.

The scenario is one function over contract proxies, so it runs unchanged on the
in-process `Chain` and on a live node through the SDK `Client` (both give the same
proxies). Time is the only difference: the scenario asks a `Clock` to put the next
transaction on day N. The in-process chain can move its clock; a live node cannot,
so there the scenario stops before the first step that needs real days to pass
and says how far it got.

Every transaction's gas is recorded per step; contracts/scenarios/golden/scenario_c_gas.json
holds the expected figures. Regenerate it after a deliberate change in cost with

    .venv/bin/python -m contracts.scenarios.scenario_c --update-golden

and review the diff.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from node.sdk.errors import TransactionFailed

ROOT = Path(__file__).resolve().parents[2]
TOKEN = ROOT / "contracts" / "settlement_token.ht"
VOUCHER = ROOT / "contracts" / "debt_voucher.ht"
GOLDEN = Path(__file__).resolve().parent / "golden" / "scenario_c_gas.json"
REGENERATE = ".venv/bin/python -m contracts.scenarios.scenario_c --update-golden"

DAY = 86_400
YUAN = 100  # contracts count fen
PENDING, ACTIVE, OFFERED, SPLIT, REDEEMED, CANCELLED = range(6)
H1 = hashlib.sha3_256(b"invoice H1: cement, GC -> S, 1 000 000 yuan").digest()
H2 = hashlib.sha3_256(b"invoice H2: X").digest()
CASE = hashlib.sha3_256(b"court case: S2 receivable attachment").digest()


class NeedsTimeTravel(Exception):
    """The clock cannot reach the day a step needs (a live node keeps real time)."""


class ChainClock:
    """Day N of the scenario on the in-process chain: `set_time`."""

    def __init__(self, chain):
        self.chain = chain
        self.day0 = chain.next_timestamp

    def at_day(self, day: int) -> None:
        target = self.day0 + day * DAY
        if target > self.chain.next_timestamp:
            self.chain.set_time(target)


class NodeClock:
    """Day N of the scenario on a `hutong node --dev`: `hutong_devSetTime` pins
    the next block's timestamp (the SDK client's `set_time`). Day 0 starts one
    second after the head when the scenario first asks for a day: the node's
    blocks run on wall time until then."""

    def __init__(self, client):
        self.client = client
        self.day0: int | None = None

    def at_day(self, day: int) -> None:
        if self.day0 is None:
            self.day0 = self.client.timestamp() + 1 - day * DAY
        target = self.day0 + day * DAY
        if target > self.client.timestamp():
            self.client.set_time(target)


class WallClock:
    """A live node's real time: every day of the scenario is 'now'. Steps that need
    days to pass (maturity) raise NeedsTimeTravel."""

    def __init__(self, now: Callable[[], int], reachable_day: int):
        self.day0 = now()
        self.reachable_day = reachable_day

    def at_day(self, day: int) -> None:
        if day > self.reachable_day:
            raise NeedsTimeTravel(f"day {day} of scenario C needs the node's clock to move")


@dataclass
class Actors:
    central: object     # issuer of the settlement token (central-bank simulator), also its regulator
    registrar: object   # platform operator: credit lines
    regulator: object   # freezes vouchers
    gc: object          # general contractor, the voucher issuer
    s: object           # cement supplier
    s2: object          # sand supplier
    t: object           # trucking
    bank1: object       # operator bank and factor
    x: object           # another supplier (the credit-line check)
    y: object           # an outsider (the refused transfers)

    @classmethod
    def of(cls, accounts) -> "Actors":
        return cls(*accounts[:10])


@dataclass
class Record:
    """What the scenario did: gas per step, in order, and the last day it reached."""

    gas: dict = field(default_factory=dict)
    reached_day: int = 0
    complete: bool = False


def run(deploy, clock, who: Actors, record: Record | None = None) -> Record:
    """Scenario C from DOMAIN.md section 3, asserting every figure. `deploy(path, *args,
    sender=...)` returns a contract proxy (Chain.deploy, Client.deploy). Pass `record`
    to keep what was done when the clock stops the run (NeedsTimeTravel)."""
    record = record if record is not None else Record()

    def step(name: str, action, error: str | None = None, **error_args):
        """One transaction; `error` (with arguments) if it must revert. Gas is recorded."""
        try:
            receipt = action()
        except TransactionFailed as exc:
            assert error is not None, f"{name}: unexpected revert {exc}"
            assert exc.error == error, f"{name}: expected {error}, got {exc}"
            for key, value in error_args.items():
                assert exc.args[key] == value, f"{name}: {key} = {exc.args[key]!r}, expected {value!r}"
            record.gas[name] = exc.receipt.gas_used if exc.receipt is not None else None
            return None
        assert error is None, f"{name}: expected {error}, the transaction succeeded"
        record.gas[name] = receipt.gas_used
        return receipt

    def day(n: int) -> None:
        clock.at_day(n)
        record.reached_day = n

    # --- setup: money and contracts ------------------------------------------------------
    token = deploy(TOKEN, who.central, who.central, sender=who.central)
    record.gas["setup: deploy token"] = token.deploy_receipt.gas_used
    voucher = deploy(VOUCHER, token, who.registrar, who.regulator, sender=who.central)
    record.gas["setup: deploy voucher"] = voucher.deploy_receipt.gas_used

    def pass_through() -> None:  # V6, after every step
        assert token.balance_of(voucher) == 0

    step("setup: central authorises Bank1", lambda: token.set_operator(who.bank1, True, sender=who.central))
    step("setup: central issues 5 000 000 to Bank1",
         lambda: token.issue(who.bank1, 5_000_000 * YUAN, sender=who.central))
    step("setup: Bank1 funds the GC with 1 000 000",
         lambda: token.transfer(who.gc, 1_000_000 * YUAN, sender=who.bank1))
    receipt = step("setup: registrar sets the GC's credit line to 5 000 000",
                   lambda: voucher.set_credit_line(who.gc, 5_000_000 * YUAN, sender=who.registrar))
    assert receipt.event("CreditLineSet").args["limit"] == 5_000_000 * YUAN
    assert voucher.credit_line(who.gc) == 5_000_000 * YUAN

    # --- day 0: issue R1 against H1 ------------------------------------------------------
    day(0)
    maturity = clock.day0 + 180 * DAY
    receipt = step("day 0: GC issues R1 (S, 1 000 000, day 180, H1)",
                   lambda: voucher.issue(who.s, 1_000_000 * YUAN, maturity, H1, sender=who.gc))
    r1 = receipt.return_value
    assert r1 == 1
    step("day 0: S accepts R1", lambda: voucher.accept(r1, sender=who.s))
    v = voucher.voucher(r1)
    assert (v.status, v.holder, v.face, v.maturity, v.trade_hash) == (ACTIVE, who.s, 1_000_000 * YUAN, maturity, H1)
    assert voucher.outstanding(who.gc) == 1_000_000 * YUAN
    pass_through()
    step("day 0: GC issues again against H1 (V4)",
         lambda: voucher.issue(who.s, 500_000 * YUAN, maturity, H1, sender=who.gc),
         "TradeDocumentUsed", trade_hash=H1, root=r1)
    step("day 0: GC issues 4 500 000 to X (V3)",
         lambda: voucher.issue(who.x, 4_500_000 * YUAN, maturity, H2, sender=who.gc),
         "CreditExceeded", needed=5_500_000 * YUAN, limit=5_000_000 * YUAN)
    assert voucher.outstanding(who.gc) == 1_000_000 * YUAN
    pass_through()

    # --- day 10: S passes 400 000 to S2 ---------------------------------------------------
    day(10)
    receipt = step("day 10: S transfer_partial(R1, S2, 400 000)",
                   lambda: voucher.transfer_partial(r1, who.s2, 400_000 * YUAN, sender=who.s))
    r2, r3 = receipt.return_value
    assert (r2, r3) == (2, 3)
    assert voucher.voucher(r1).status == SPLIT and voucher.voucher(r1).children == [r2, r3]
    assert (voucher.voucher(r2).holder, voucher.voucher(r2).face) == (who.s2, 400_000 * YUAN)
    assert (voucher.voucher(r3).holder, voucher.voucher(r3).face) == (who.s, 600_000 * YUAN)
    pass_through()

    # --- day 20: a split that does not add up ---------------------------------------------------
    day(20)
    step("day 20: S split(R3, [300 000, 299 999]) (V1)",
         lambda: voucher.split(r3, [300_000 * YUAN, 299_999 * YUAN], sender=who.s),
         "BadParts", count=2, total=599_999 * YUAN, face=600_000 * YUAN)

    # --- day 30: S2 passes 100 000 to T; S discounts R3 with Bank1 -----------------------------
    day(30)
    receipt = step("day 30: S2 transfer_partial(R2, T, 100 000)",
                   lambda: voucher.transfer_partial(r2, who.t, 100_000 * YUAN, sender=who.s2))
    r4, r5 = receipt.return_value
    assert (r4, r5) == (4, 5)
    assert (voucher.voucher(r4).holder, voucher.voucher(r4).face) == (who.t, 100_000 * YUAN)
    assert (voucher.voucher(r5).holder, voucher.voucher(r5).face) == (who.s2, 300_000 * YUAN)
    step("day 30: S offers R3 to Bank1 at 600 001 (V7)",
         lambda: voucher.offer_discount(r3, who.bank1, 600_001 * YUAN, sender=who.s),
         "PriceAboveFace", price=600_001 * YUAN, face=600_000 * YUAN)
    # 600 000 x 3.65% x 150/365 = 9 000 of discount
    price = voucher.discount_price(600_000 * YUAN, 365, (maturity - clock.day0) // DAY - 30)
    assert price == 591_000 * YUAN
    step("day 30: S offers R3 to Bank1 at 591 000",
         lambda: voucher.offer_discount(r3, who.bank1, price, sender=who.s))
    step("day 30: Bank1 approves the voucher contract for 591 000",
         lambda: token.approve(voucher, price, sender=who.bank1))
    s_before, bank_before = token.balance_of(who.s), token.balance_of(who.bank1)
    receipt = step("day 30: Bank1 accepts the discount of R3",
                   lambda: voucher.accept_discount(r3, sender=who.bank1))
    assert receipt.event("Discounted").args == {"id": r3, "seller": who.s.address, "bank": who.bank1.address,
                                                "price": 591_000 * YUAN, "face": 600_000 * YUAN}
    assert token.balance_of(who.s) - s_before == 591_000 * YUAN
    assert bank_before - token.balance_of(who.bank1) == 591_000 * YUAN
    assert (voucher.voucher(r3).holder, voucher.voucher(r3).financed) == (who.bank1, True)
    pass_through()

    # --- day 100-101: a court freezes R5 --------------------------------------------------------
    day(100)
    step("day 100: regulator freezes R5", lambda: voucher.freeze_voucher(r5, CASE, sender=who.regulator))
    day(101)
    step("day 101: S2 transfer(R5, Y) while frozen",
         lambda: voucher.transfer(r5, who.y, sender=who.s2), "IsFrozen", id=r5)

    # V2: the leaves under R1 are R4, R5 and R3, and they add up to its face
    leaves = voucher.leaves_of(r1)
    assert leaves == [r4, r5, r3]
    assert sum(voucher.voucher(i).face for i in leaves) == 1_000_000 * YUAN == voucher.voucher(r1).face
    assert voucher.outstanding(who.gc) == 1_000_000 * YUAN
    pass_through()

    # --- day 181: matured; the GC redeems every piece ----------------------------------------
    day(181)
    step("day 181: S2 transfer(R5, Y) after maturity (V5)",
         lambda: voucher.transfer(r5, who.y, sender=who.s2), "Matured", id=r5, maturity=maturity)
    step("day 181: GC approves the voucher contract for 1 000 000",
         lambda: token.approve(voucher, 1_000_000 * YUAN, sender=who.gc))
    before = {name: token.balance_of(getattr(who, name)) for name in ("bank1", "t", "s2", "gc")}
    receipt = step("day 181: GC redeem_many([R3, R4, R5])",
                   lambda: voucher.redeem_many([r3, r4, r5], sender=who.gc))
    assert [(e.args["id"], e.args["holder"], e.args["face"]) for e in receipt.events_named("Redeemed")] == \
        [(r3, who.bank1.address, 600_000 * YUAN), (r4, who.t.address, 100_000 * YUAN),
         (r5, who.s2.address, 300_000 * YUAN)]  # R5 is still frozen: paid to the holder of record
    gained = {name: token.balance_of(getattr(who, name)) - before[name] for name in before}
    assert gained == {"bank1": 600_000 * YUAN, "t": 100_000 * YUAN, "s2": 300_000 * YUAN, "gc": -1_000_000 * YUAN}
    assert voucher.outstanding(who.gc) == 0
    assert all(voucher.voucher(i).status == REDEEMED for i in (r3, r4, r5))
    pass_through()

    # --- the books at the end -------------------------------------------------------------------
    balances = {name: token.balance_of(getattr(who, name)) // YUAN for name in ("gc", "s", "s2", "t", "bank1")}
    assert balances == {"gc": 0, "s": 591_000, "s2": 300_000, "t": 100_000, "bank1": 4_009_000}
    assert token.total_supply() == 5_000_000 * YUAN  # K1: nothing created or destroyed
    # Bank1 earned the 9 000 discount: paid 591 000 for a piece redeemed at 600 000
    record.complete = True
    return record


def load_golden() -> dict:
    with open(GOLDEN, encoding="utf-8") as f:
        return json.load(f)["gas"]


def write_golden(gas: dict) -> None:
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    document = {"regenerate": REGENERATE,
                "about": "gas used by each transaction of DOMAIN.md scenario C on the in-process chain",
                "gas": gas}
    GOLDEN.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run_on_chain() -> Record:
    from node.devchain import Chain

    chain = Chain()
    return run(chain.deploy, ChainClock(chain), Actors.of(chain.accounts))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run scenario C on the in-process chain.")
    parser.add_argument("--update-golden", action="store_true", help=f"rewrite {GOLDEN.relative_to(ROOT)}")
    options = parser.parse_args(argv)
    record = run_on_chain()
    for name, gas in record.gas.items():
        print(f"{gas:>9}  {name}")
    if options.update_golden:
        write_golden(record.gas)
        print(f"wrote {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
