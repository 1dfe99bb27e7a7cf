"""A token, a wage account and a project escrow wired together on an in-process
`Chain`, with named parties: the starting point of the escrow and payroll tests
and state machines.

`World.reverts(error, **args)` asserts a revert *and* that it changed nothing:
the state root (nonces aside; a failed transaction still uses its nonce), every
tracked token balance and the event log are what they were before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from node.devchain import Chain

from contracts.scenarios.escrow_payroll import (A2_BOND, A2_DEFECT_PERIOD, A2_LABOUR_BPS, A2_PLANNED, A2_RETENTION_BPS,
                                       DAY, CONTRACTS, Crew, connect, deploy_escrow, deploy_payroll, doc, fen,
                                       hire, register_party)
from tests.contracts.chain_checks import TokenWorld

TOKEN_SOURCE = CONTRACTS / "settlement_token.ht"
FULL, RECEIVE_ONLY = 2, 1
ROLE_NAMES = ("issuer", "regulator", "bank", "owner", "gc", "supervisor", "auditor", "guarantor", "inspector",
              "platform", "supplier", "sa", "sb", "stranger")


@dataclass
class World(TokenWorld):
    chain: Chain
    token: object
    payroll: object
    escrow: object
    people: SimpleNamespace
    crews: dict = field(default_factory=dict)
    tracked: list = field(default_factory=list)

    # --- reading -----------------------------------------------------------------------------

    # --- acting ------------------------------------------------------------------------------

    def give(self, party, amount: int):
        self.token.transfer(party, amount, sender=self.people.bank)

    def travel(self, seconds: int):
        self.chain.time_travel(seconds)

    @property
    def now(self) -> int:
        """The timestamp the next transaction will have."""
        return self.chain.next_timestamp


def people(chain: Chain, workers: int = 6) -> SimpleNamespace:
    named = {name: chain.new_account(balance=0) for name in ROLE_NAMES}
    named["workers"] = [chain.new_account(balance=0) for _ in range(workers)]
    return SimpleNamespace(**named)


def build(chain: Chain | None = None, *, planned=tuple(fen(x) for x in A2_PLANNED),
          retention_bps: int = A2_RETENTION_BPS, labour_bps: int = A2_LABOUR_BPS,
          defect_period: int = A2_DEFECT_PERIOD, bond: int | None = fen(A2_BOND), workers: int = 6,
          activate: bool = True, fund: int | None = None, payroll_parties: bool = True) -> World:
    """Deploy token, payroll and escrow (A2's parameters by default), money for
    everyone, the escrow funded, bonded and active, the payroll's parties
    registered with deposits and a pool, and two crews of workers hired
    (SA: workers[0:4] at 6 000, SB: workers[4:] at 6 500)."""
    chain = chain or Chain()
    p = people(chain, workers)
    token = chain.deploy(TOKEN_SOURCE, p.issuer, p.regulator, sender=p.issuer)
    token.set_operator(p.bank, True, sender=p.issuer)
    token.issue(p.bank, fen(100_000_000), sender=p.issuer)
    payroll = deploy_payroll(chain, token, gc=p.gc, inspector=p.inspector, guarantor=p.guarantor, admin=p.platform)
    token.set_protected(payroll, True, sender=p.issuer)
    escrow = deploy_escrow(chain, token, payroll, owner=p.owner, gc=p.gc, supervisor=p.supervisor,
                           auditor=p.auditor, deployer=p.platform, planned=planned, retention_bps=retention_bps,
                           labour_bps=labour_bps, defect_period=defect_period, bond=bond or 0)
    connect(payroll, escrow, admin=p.platform)
    world = World(chain, token, payroll, escrow, p)
    world.tracked = [p.owner, p.gc, p.supplier, p.sa, p.sb, p.guarantor, p.stranger, escrow, payroll, *p.workers]
    price = sum(planned)
    for party, amount in [(p.owner, 2 * price), (p.gc, fen(2_000_000) + (bond or 0)), (p.guarantor, fen(2_000_000)),
                          (p.sa, fen(100_000)), (p.sb, fen(100_000)), (p.stranger, fen(100_000))]:
        world.give(party, amount)
    if activate:
        amount = price if fund is None else fund
        if amount:
            token.approve(escrow, amount, sender=p.owner)
            escrow.fund(amount, sender=p.owner)
        if bond:
            token.approve(escrow, bond, sender=p.gc)
            escrow.post_bond(sender=p.gc)
        escrow.activate(sender=p.owner)
    if payroll_parties:
        register_party(token, payroll, p.gc, "GC", fen(10_000_000), gc=p.gc)
        register_party(token, payroll, p.sa, "SUB", fen(3_000_000), gc=p.gc)
        register_party(token, payroll, p.sb, "SUB", fen(4_000_000), gc=p.gc)
        token.approve(payroll, fen(1_000_000), sender=p.guarantor)
        payroll.fund_pool(fen(1_000_000), sender=p.guarantor)
        half = min(4, len(p.workers))
        world.crews = {"SA": Crew(p.sa, p.workers[:half], fen(6_000), name="SA"),
                       "SB": Crew(p.sb, p.workers[half:], fen(6_500), name="SB")}
        for crew in world.crews.values():
            if crew.workers:
                hire(payroll, crew)
    return world


def fund_labour_directly(world: World, amount: int):
    """Labour money from a plain funder account (the bank, granted ESCROW): payroll tests
    that do not need milestones."""
    payroll, p = world.payroll, world.people
    if not payroll.has_role(payroll.role("ESCROW"), p.bank):
        payroll.grant_role(payroll.role("ESCROW"), p.bank, sender=p.platform)
    world.token.approve(payroll, amount, sender=p.bank)
    return payroll.fund_labour(amount, sender=p.bank)


__all__ = ["World", "build", "fund_labour_directly", "people", "doc", "fen", "DAY", "FULL", "RECEIVE_ONLY"]
