"""Setting up ProjectEscrow (C2) and WagePayroll (C3) with Scenario A's figures.

For scenario code and tests: every function works on contract proxies, so it
runs the same on the in-process `Chain` and on a live node through the SDK
`Client` (they share the proxy interface). The functions are stable; add new
ones rather than changing these.

A *sender* is whatever the backend accepts as `sender=` (a dev account, a
`node.crypto.Key`), or a callable `executor(contract, function, *args)` that
performs the call on that party's behalf, e.g. a 2-of-3 multisig owner that
proposes, approves and executes (Scenario A3).

Money here is in fen, like the contracts; `fen(yuan)` converts the figures of
DOMAIN.md, which are written in yuan.

    payroll = deploy_payroll(chain, token, gc=b, inspector=li, guarantor=xg, admin=platform)
    escrow = deploy_escrow(chain, token, payroll, owner=owner, gc=b, supervisor=sv, auditor=au)
    connect(payroll, escrow, admin=platform)
    fund_escrow(token, escrow, fen(10_000_000), owner=owner)
    post_bond(token, escrow, gc=b); activate(escrow, owner=owner)
    pay_milestone(escrow, 0, claimed=fen(2_500_000), certified=fen(2_400_000),
                  payees=[(s, fen(800_000), "MATERIAL"), (sa, fen(500_000), "SUBCONTRACT")],
                  gc=b, supervisor=sv, owner=owner)
"""

from __future__ import annotations

import hashlib
import pathlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from vm import abi as vm_abi

CONTRACTS = pathlib.Path(__file__).resolve().parents[1]
ESCROW_SOURCE = CONTRACTS / "project_escrow.ht"
PAYROLL_SOURCE = CONTRACTS / "wage_payroll.ht"

DAY = 86_400
HOUR = 3_600
FEN_PER_YUAN = 100
GRACE = HOUR                 # WagePayroll's guarantee grace period
CLOSURE_NOTICE = 30 * DAY    # WagePayroll's closure notice
RELEASE_SILENCE = 28 * DAY   # ProjectEscrow's deemed-approval silence (14 + 14 days)


def fen(yuan: int) -> int:
    """A DOMAIN.md figure (yuan) in the contracts' unit (fen)."""
    return yuan * FEN_PER_YUAN


# --- Scenario A's figures (DOMAIN.md section 3, in yuan) ---------------------------------

A2_PLANNED = (2_500_000, 3_000_000, 3_500_000, 1_000_000)   # M1 subgrade .. M4 lighting & signage
A2_PRICE = 10_000_000
A2_RETENTION_BPS = 300
A2_LABOUR_BPS = 2_000
A2_DEFECT_PERIOD = 365 * DAY
A2_BOND = 1_000_000

# A3: per milestone, (claimed, certified, direct payees as (party name, amount, kind)).
A3_MILESTONES = (
    (2_500_000, 2_400_000, (("S", 800_000, "MATERIAL"), ("SA", 500_000, "SUBCONTRACT"))),
    (3_000_000, 3_000_000, (("S", 1_000_000, "MATERIAL"), ("SB", 600_000, "SUBCONTRACT"))),
    (3_500_000, 3_500_000, (("S", 1_500_000, "MATERIAL"), ("SB", 700_000, "SUBCONTRACT"))),
    (1_000_000, 1_000_000, (("SC", 400_000, "SUBCONTRACT"),)),
)
# A3's table: per milestone (retained, payable, labour, direct total, to GC).
A3_EXPECTED = (
    (72_000, 2_328_000, 465_600, 1_300_000, 562_400),
    (90_000, 2_910_000, 582_000, 1_600_000, 728_000),
    (105_000, 3_395_000, 679_000, 2_200_000, 516_000),
    (30_000, 970_000, 194_000, 400_000, 376_000),
)

# A4: crews (workers, monthly wage) and contract values for the deposits.
A4_CREWS = {"SA": (20, 6_000), "SB": (20, 6_500), "SC": (10, 7_000)}
A4_CONTRACT_VALUES = {"GC": 10_000_000, "SA": 3_000_000, "SB": 4_000_000, "SC": 1_500_000}
A4_DEPOSITS = {"GC": 50_000, "SA": 15_000, "SB": 20_000, "SC": 7_500}
A4_POOL = 10_000_000
A4_MONTHLY_BILL = 320_000
# Labour arrives with the milestones: month -> milestone index whose labour lands then.
A4_LABOUR_MONTHS = {1: 0, 2: 1, 4: 2, 6: 3}
A4_FREE_AFTER_MONTH = {1: 145_600, 2: 407_600, 3: 87_600, 4: 446_600, 5: 126_600, 6: 600}


# --- acting as a party ------------------------------------------------------------------------

def act(sender, contract, function: str, *args):
    """Call `contract.function(*args)` as `sender` (an account or key, or an executor)."""
    if callable(sender) and not hasattr(sender, "address"):
        return sender(contract, function, *args)
    return contract.functions[function](*args, sender=sender)


def address_of(party) -> str:
    """The "0x..." address of an account, key, contract or address text."""
    raw = getattr(party, "address", party)
    if isinstance(raw, bytes):
        return "0x" + raw.hex()
    return raw


def id_hash(id_number: str, salt: bytes) -> bytes:
    """A worker's hashed ID: sha3_256 of the canonical encoding of (id number, salt).
    Only this digest goes on chain (DOMAIN.md section 0)."""
    return hashlib.sha3_256(vm_abi.encode("(string<=32,bytes32)", [id_number.encode(), salt])).digest()


def doc(text: str) -> bytes:
    """A document hash (inspection report, invoice, court order) for a label."""
    return hashlib.sha3_256(text.encode()).digest()


# --- deployment ------------------------------------------------------------------------------------

def deploy_payroll(backend, token, *, gc, inspector, guarantor, admin):
    """Deploy the wage account. `admin` (the platform operator) holds ADMIN and grants
    the escrow its funder role through `connect`."""
    return backend.deploy(PAYROLL_SOURCE, token, address_of(gc), address_of(inspector), address_of(guarantor),
                          sender=admin)


def deploy_escrow(backend, token, payroll, *, owner, gc, supervisor, auditor, deployer=None,
                  planned: Sequence[int] = tuple(fen(x) for x in A2_PLANNED),
                  retention_bps: int = A2_RETENTION_BPS, labour_bps: int = A2_LABOUR_BPS,
                  defect_period: int = A2_DEFECT_PERIOD, bond: int = fen(A2_BOND)):
    """Deploy the project escrow with A2's parameters unless told otherwise (amounts in fen).
    `owner` may be a contract (the multisig); `deployer` defaults to `owner`."""
    return backend.deploy(ESCROW_SOURCE, token, payroll, address_of(owner), address_of(gc), address_of(supervisor),
                          address_of(auditor), list(planned), retention_bps, labour_bps, defect_period, bond,
                          sender=deployer if deployer is not None else owner)


def connect(payroll, escrow, *, admin):
    """Make the escrow the wage account's labour funder (role ESCROW)."""
    return act(admin, payroll, "grant_role", payroll.role("ESCROW"), escrow.address)


# --- escrow steps -------------------------------------------------------------------------------------

def fund_escrow(token, escrow, amount: int, *, owner):
    act(owner, token, "approve", escrow.address, amount)
    return act(owner, escrow, "fund", amount)


def post_bond(token, escrow, *, gc):
    act(gc, token, "approve", escrow.address, escrow.bond_required())
    return act(gc, escrow, "post_bond")


def activate(escrow, *, owner):
    return act(owner, escrow, "activate")


def payee_list(payees: Iterable[tuple[Any, int, str]]) -> list[dict]:
    """[(party, amount, kind)] -> the Payee structs of `set_direct_payees`."""
    return [{"to": address_of(to), "amount": amount, "kind": kind} for to, amount, kind in payees]


def claim_milestone(escrow, m: int, claimed: int, payees=(), *, gc, claim_doc: bytes | None = None):
    """GC: submit the claim and register its direct payees."""
    act(gc, escrow, "submit_claim", m, claimed, claim_doc or doc(f"claim M{m + 1}"))
    if payees:
        act(gc, escrow, "set_direct_payees", m, payee_list(payees))


def certify(escrow, m: int, value: int, *, supervisor, cert_doc: bytes | None = None):
    return act(supervisor, escrow, "certify", m, value, cert_doc or doc(f"certificate M{m + 1}"))


def approve_payment(escrow, m: int, *, owner):
    return act(owner, escrow, "approve_payment", m)


def pay_milestone(escrow, m: int, *, claimed: int, certified: int, payees=(), gc, supervisor, owner):
    """Claim, register payees, certify and approve one milestone; returns the approval receipt."""
    claim_milestone(escrow, m, claimed, payees, gc=gc)
    certify(escrow, m, certified, supervisor=supervisor)
    return approve_payment(escrow, m, owner=owner)


def a3_payees(m: int, parties: dict) -> list[tuple[Any, int, str]]:
    """A3's direct payees of milestone `m` (0-based), in fen, with `parties` naming S, SA, SB, SC."""
    return [(parties[name], fen(amount), kind) for name, amount, kind in A3_MILESTONES[m][2]]


def pay_a3_milestone(escrow, m: int, parties: dict, *, gc, supervisor, owner):
    """Milestone `m` exactly as in A3's table."""
    claimed, certified, _ = A3_MILESTONES[m]
    return pay_milestone(escrow, m, claimed=fen(claimed), certified=fen(certified), payees=a3_payees(m, parties),
                         gc=gc, supervisor=supervisor, owner=owner)


# --- payroll steps --------------------------------------------------------------------------------------

def register_party(token, payroll, party, kind: str, contract_value: int, deposit: int | None = None, *, gc):
    """GC registers `party` (kind "GC" or "SUB"); the party posts `deposit` (default: all required)."""
    act(gc, payroll, "register_party", address_of(party), kind, contract_value)
    required = payroll.party(address_of(party)).deposit_required
    amount = required if deposit is None else deposit
    if amount:
        act(party, token, "approve", payroll.address, amount)
        act(party, payroll, "post_deposit", amount)


def fund_pool(token, payroll, amount: int, *, guarantor):
    act(guarantor, token, "approve", payroll.address, amount)
    return act(guarantor, payroll, "fund_pool", amount)


@dataclass
class Crew:
    """A subcontractor's workers, all on one monthly wage (fen)."""

    sub: Any
    workers: list
    wage: int
    name: str = ""
    ids: list[bytes] = field(default_factory=list)

    def entries(self, only: Iterable[int] | None = None) -> list[dict]:
        chosen = self.workers if only is None else [self.workers[i] for i in only]
        return [{"worker": address_of(w), "amount": self.wage} for w in chosen]

    @property
    def monthly_total(self) -> int:
        return self.wage * len(self.workers)


def hire(payroll, crew: Crew, salt: bytes = b"\x5a" * 32):
    """Register every worker of the crew under a hashed ID, and each signs a labour contract."""
    crew.ids = []
    for i, worker in enumerate(crew.workers):
        digest = id_hash(f"{crew.name or 'crew'}-{i + 1:02d}", salt)
        crew.ids.append(digest)
        act(crew.sub, payroll, "register_worker", address_of(worker), digest)
        act(worker, payroll, "sign_labour_contract", doc(f"labour contract {crew.name}-{i + 1:02d}"))


def submit_payroll(payroll, crew: Crew, period: int, due_at: int, only: Iterable[int] | None = None) -> int:
    """The crew's payroll for `period` (yyyymm); returns the batch id."""
    receipt = act(crew.sub, payroll, "submit_payroll", period, crew.entries(only), due_at)
    return receipt.event("PayrollSubmitted").args["id"]


def run_month(payroll, crews: Sequence[Crew], period: int, due_at: int, *, gc) -> list[int]:
    """Every crew files its payroll for `period` and the GC approves each: one month's pay."""
    ids = [submit_payroll(payroll, crew, period, due_at) for crew in crews]
    for batch_id in ids:
        act(gc, payroll, "approve_payroll", batch_id)
    return ids


# --- the calendar -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Calendar:
    """Project months of 30 days from `start` (a timestamp at 00:00 local time).
    Month k's payroll is due on day 15 of month k+1 at 15:00."""

    start: int

    def month_end(self, month: int) -> int:
        return self.start + month * 30 * DAY

    def payroll_due(self, month: int) -> int:
        return self.month_end(month) + 14 * DAY + 15 * HOUR

    @staticmethod
    def period(month: int, first: int = 202601) -> int:
        """yyyymm of project month `month` (1-based) when month 1 is `first`."""
        year, mon = divmod(first // 100 * 12 + first % 100 - 1 + month - 1, 12)
        return year * 100 + mon + 1
