"""A token and a SealedBidTender on an in-process `Chain`, with named parties:
the starting point of the tender's unit tests and state machine.

`TenderWorld.reverts(error, **args)` asserts a revert *and* that it changed
nothing: the state root (nonces aside; a failed transaction still uses its
nonce), every tracked token balance and the event log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from node.devchain import Chain

from contracts.scenarios.escrow_payroll import CONTRACTS, fen
from contracts.scenarios.tender import SealedBid, commit_bid, deploy_tender, reveal_bid
from tests.contracts.chain_checks import TokenWorld

TOKEN_SOURCE = CONTRACTS / "settlement_token.ht"
BIDDER_NAMES = ("A", "B", "C", "D", "E", "F")
BIDDER_FUNDS = fen(1_300_000)

# A stand-in for ProjectEscrow: just the views sign_and_bond reads, set by anyone.
ESCROW_STUB = '''#@ version 0.1
owner: public(address)
gc: public(address)
contract_price: public(uint256)
bond_held: public(uint256)

@external
def set(owner_: address, gc_: address, price: uint256, bond: uint256):
    self.owner = owner_
    self.gc = gc_
    self.contract_price = price
    self.bond_held = bond
'''


@dataclass
class TenderWorld(TokenWorld):
    chain: Chain
    token: object
    tender: object
    people: SimpleNamespace
    bidders: dict          # name -> account
    tracked: list = field(default_factory=list)

    # --- reading -----------------------------------------------------------------------------

    @property
    def now(self) -> int:
        """The timestamp the next transaction will have."""
        return self.chain.next_timestamp

    # --- acting ------------------------------------------------------------------------------

    def travel_to(self, timestamp: int):
        """The next transaction runs at `timestamp` (which must not be in the past)."""
        if timestamp > self.now:
            self.chain.time_travel(timestamp - self.now)
        assert self.now == timestamp, f"cannot go back to {timestamp} from {self.now}"

    def bid(self, name: str, price: int) -> SealedBid:
        return SealedBid(self.bidders[name], price)

    def commit(self, bid: SealedBid):
        return commit_bid(self.token, self.tender, bid)

    def reveal(self, bid: SealedBid):
        return reveal_bid(self.tender, bid)

    def escrow(self, gc, price: int, bond: int, owner=None):
        """A stub escrow whose views say what `sign_and_bond` should see."""
        owner = self.people.owner if owner is None else owner
        stub = self.chain.deploy(ESCROW_STUB, sender=self.people.platform, name="escrow_stub")
        stub.set(owner, gc, price, bond, sender=self.people.platform)
        return stub

    def deploy_tender(self, **overrides):
        """Another tender of the same owner, regulator and token."""
        p = self.people
        opens_at = overrides.pop("opens_at", self.now)
        return deploy_tender(self.chain, self.token, owner=p.owner, regulator=p.regulator, deployer=p.platform,
                             opens_at=opens_at, **overrides)


def build(chain: Chain | None = None, *, bidders=BIDDER_NAMES, **tender_overrides) -> TenderWorld:
    """A token with money for every bidder (1 300 000 each, as in A0) and a tender
    with A1's parameters, open from now."""
    chain = chain or Chain()
    named = {name: chain.new_account(balance=0)
             for name in ("issuer", "token_regulator", "bank", "owner", "regulator", "platform", "stranger")}
    p = SimpleNamespace(**named)
    token = chain.deploy(TOKEN_SOURCE, p.issuer, p.token_regulator, sender=p.issuer)
    token.set_operator(p.bank, True, sender=p.issuer)
    token.issue(p.bank, fen(30_000_000), sender=p.issuer)
    accounts = {name: chain.new_account(balance=0) for name in bidders}
    for account in [*accounts.values(), p.stranger, p.owner, p.regulator]:
        token.transfer(account, BIDDER_FUNDS, sender=p.bank)
    tender = deploy_tender(chain, token, owner=p.owner, regulator=p.regulator, deployer=p.platform,
                           opens_at=chain.next_timestamp, **tender_overrides)
    world = TenderWorld(chain, token, tender, p, accounts)
    world.tracked = [tender, p.owner, p.regulator, p.stranger, *accounts.values()]
    return world


__all__ = ["TenderWorld", "build", "ESCROW_STUB"]
