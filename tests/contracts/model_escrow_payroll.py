"""Plain-Python shadow models of SettlementToken (the parts the escrow and payroll
touch), ProjectEscrow and WagePayroll, for the state machines.

Each `check_<function>` returns the name of the error the contract must revert
with (mirroring its order of checks), or None when the call must succeed; each
`apply_<function>` then performs the call's effects on the model and returns
what the test should see (amounts paid, held, ...). The models never read the
chain: the machines compare them with it after every step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BPS = 10_000
DAY = 86_400
HOUR = 3_600
NONE_MODE, RECEIVE_ONLY, FULL = 0, 1, 2

# ProjectEscrow enums
SETUP, ACTIVE, COMPLETED, CLOSED = range(4)
PLANNED, CLAIMED, CERTIFIED, PAID, REJECTED, CANCELLED = range(6)
RELEASE_SILENCE = 28 * DAY

# WagePayroll enums and parameters
KIND_NONE, KIND_GC, KIND_SUB = range(3)
B_NONE, B_SUBMITTED, B_PAID, B_REJECTED, B_GUARANTEE_PAID, B_SETTLED = range(6)
GRACE = HOUR
DEPOSIT_BPS = 50
DEPOSIT_CAP = 300_000_000
CLOSURE_NOTICE = 30 * DAY
MAX_PARTIES = 50


def floor_bps(x: int, bps: int) -> int:
    return x * bps // BPS


# --- the token ----------------------------------------------------------------------------------

@dataclass
class TokenShadow:
    """Balances, allowances and freeze modes of the accounts a machine uses."""

    balances: dict = field(default_factory=dict)
    allowances: dict = field(default_factory=dict)   # (owner, spender) -> amount
    modes: dict = field(default_factory=dict)
    protected: set = field(default_factory=set)

    def balance(self, a) -> int:
        return self.balances.get(a, 0)

    def mode(self, a) -> int:
        return self.modes.get(a, NONE_MODE)

    def can_receive(self, a) -> bool:
        return self.mode(a) != FULL

    def move_error(self, sender, receiver, amount) -> str | None:
        if amount == 0:
            return "ZeroAmount"
        if self.mode(sender) != NONE_MODE:
            return "SenderFrozen"
        if self.mode(receiver) == FULL:
            return "ReceiverFrozen"
        if self.balance(sender) < amount:
            return "InsufficientBalance"
        return None

    def pull_error(self, owner, spender, amount) -> str | None:
        """transfer_from(owner, spender, amount) called by spender."""
        if self.allowances.get((owner, spender), 0) < amount:
            return "InsufficientAllowance"
        return self.move_error(owner, spender, amount)

    def move(self, sender, receiver, amount):
        assert self.move_error(sender, receiver, amount) is None
        self.balances[sender] = self.balance(sender) - amount
        self.balances[receiver] = self.balance(receiver) + amount

    def pull(self, owner, spender, amount):
        assert self.pull_error(owner, spender, amount) is None
        self.allowances[(owner, spender)] -= amount
        self.move(owner, spender, amount)

    def approve(self, owner, spender, amount):
        self.allowances[(owner, spender)] = amount

    def freeze_error(self, account, mode) -> str | None:
        if mode == NONE_MODE:
            return "BadFreezeMode"
        if account in self.protected:
            return "AccountProtected"
        return None

    def unfreeze_error(self, account) -> str | None:
        return "NotFrozen" if self.mode(account) == NONE_MODE else None


# --- ProjectEscrow -----------------------------------------------------------------------------------

@dataclass
class Milestone:
    planned: int
    claimed: int = 0
    certified: int = 0
    paid: int = 0
    retained: int = 0
    status: int = PLANNED


@dataclass
class EscrowModel:
    token: TokenShadow
    address: object
    payroll: object
    owner: object
    gc: object
    supervisor: object
    auditor: object
    planned: list
    retention_bps: int
    labour_bps: int
    defect_period: int
    bond_required: int
    milestones: list = field(default_factory=list)
    direct: dict = field(default_factory=dict)
    phase: int = SETUP
    suspended: bool = False
    completion_confirmed: bool = False
    completed_at: int = 0
    release_requested_at: int = 0
    retention_released: bool = False
    pending_defect: int = 0          # amount; 0 = none
    forfeit_proposed: bool = False
    funded: int = 0
    paid_gc: int = 0
    paid_direct: int = 0
    paid_labour: int = 0
    retention_held: int = 0
    retention_to_owner: int = 0
    retention_to_gc: int = 0
    refunded: int = 0
    bond_posted: int = 0
    bond_held: int = 0
    bond_returned: int = 0
    bond_forfeited: int = 0
    held: dict = field(default_factory=dict)
    held_total: int = 0
    held_claimed: int = 0
    stray: int = 0                   # tokens sent straight to the escrow, outside fund()

    def __post_init__(self):
        self.milestones = [Milestone(x) for x in self.planned]

    @property
    def price(self) -> int:
        return sum(self.planned)

    @property
    def balance(self) -> int:
        return self.token.balance(self.address)

    @property
    def held_outstanding(self) -> int:
        return self.held_total - self.held_claimed

    def free(self) -> int:
        return self.balance - self.bond_held - self.retention_held - self.held_outstanding

    def split(self, certified: int) -> tuple[int, int, int]:
        retained = floor_bps(certified, self.retention_bps)
        labour = floor_bps(certified - retained, self.labour_bps)
        return retained, labour, certified - retained - labour

    def role_error(self, sender, holder) -> str | None:
        return None if sender == holder else "Unauthorized"

    def milestone_error(self, m: int, allowed: tuple) -> str | None:
        if m >= len(self.milestones):
            return "IndexOutOfBounds"
        if self.milestones[m].status not in allowed:
            return "WrongStatus"
        return None

    def open_milestone(self) -> bool:
        return any(x.status not in (PAID, CANCELLED) for x in self.milestones)

    def pay_out(self, to, amount: int) -> int:
        """Transfer or hold; returns the amount held."""
        if amount == 0:
            return 0
        if self.token.can_receive(to):
            self.token.move(self.address, to, amount)
            return 0
        self.held[to] = self.held.get(to, 0) + amount
        self.held_total += amount
        return amount

    def maybe_close(self):
        if self.phase == COMPLETED and self.retention_released and self.free() == 0:
            self.phase = CLOSED

    # Each check_* mirrors the contract's order of checks.

    def check_fund(self, sender, amount):
        return (self.role_error(sender, self.owner)
                or (None if self.phase in (SETUP, ACTIVE) else "WrongPhase")
                or (None if amount > 0 else "BadAmount")
                or self.token.pull_error(sender, self.address, amount))

    def apply_fund(self, sender, amount):
        self.funded += amount
        self.token.pull(sender, self.address, amount)

    def check_post_bond(self, sender):
        return (self.role_error(sender, self.gc)
                or (None if self.phase == SETUP else "WrongPhase")
                or (None if self.bond_required > 0 else "BadAmount")
                or (None if self.bond_posted == 0 else "BondAlreadyPosted")
                or self.token.pull_error(sender, self.address, self.bond_required))

    def apply_post_bond(self, sender):
        self.bond_posted = self.bond_held = self.bond_required
        self.token.pull(sender, self.address, self.bond_required)

    def check_activate(self, sender):
        return (self.role_error(sender, self.owner)
                or (None if self.phase == SETUP else "WrongPhase")
                or (None if self.bond_held == self.bond_required else "BondNotPosted"))

    def apply_activate(self, sender):
        self.phase = ACTIVE

    def check_cancel_project(self, sender):
        return (self.role_error(sender, self.owner)
                or (None if self.phase == SETUP else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None))

    def apply_cancel_project(self, sender):
        amount, bond = self.free(), self.bond_held
        self.refunded += amount
        self.bond_held = 0
        self.bond_returned += bond
        self.forfeit_proposed = False
        self.phase = CLOSED
        self.pay_out(self.owner, amount)
        self.pay_out(self.gc, bond)

    def check_submit_claim(self, sender, m, amount):
        return (self.role_error(sender, self.gc)
                or (None if self.phase == ACTIVE else "WrongPhase")
                or self.milestone_error(m, (PLANNED, REJECTED))
                or (None if 0 < amount <= self.milestones[m].planned else "BadAmount"))

    def apply_submit_claim(self, sender, m, amount):
        self.milestones[m].claimed = amount
        self.milestones[m].status = CLAIMED

    def check_set_direct_payees(self, sender, m, payees):
        error = (self.role_error(sender, self.gc)
                 or (None if self.phase == ACTIVE else "WrongPhase")
                 or self.milestone_error(m, (CLAIMED, CERTIFIED)))
        if error:
            return error
        for to, amount, _ in payees:
            if amount == 0:
                return "BadAmount"
            if to in (None, self.address, self.payroll):
                return "BadPayee"
        return None

    def apply_set_direct_payees(self, sender, m, payees):
        self.direct[m] = list(payees)

    def check_certify(self, sender, m, value):
        return (self.role_error(sender, self.supervisor)
                or (None if self.phase == ACTIVE else "WrongPhase")
                or self.milestone_error(m, (CLAIMED,))
                or (None if 0 < value <= self.milestones[m].claimed else "BadAmount"))

    def apply_certify(self, sender, m, value):
        self.milestones[m].certified = value
        self.milestones[m].status = CERTIFIED

    def check_reject(self, sender, m):
        return (self.role_error(sender, self.supervisor)
                or (None if self.phase == ACTIVE else "WrongPhase")
                or self.milestone_error(m, (CLAIMED,)))

    def apply_reject(self, sender, m):
        self.milestones[m].claimed = 0
        self.milestones[m].status = REJECTED

    def check_cancel_milestone(self, sender, m):
        return (self.role_error(sender, self.owner)
                or (None if self.phase == ACTIVE else "WrongPhase")
                or self.milestone_error(m, (PLANNED, REJECTED)))

    def apply_cancel_milestone(self, sender, m):
        self.milestones[m].status = CANCELLED

    def check_approve_payment(self, sender, m):
        error = (self.role_error(sender, self.owner)
                 or (None if self.phase == ACTIVE else "WrongPhase")
                 or ("ProjectSuspended" if self.suspended else None)
                 or self.milestone_error(m, (CERTIFIED,)))
        if error:
            return error
        certified = self.milestones[m].certified
        retained, labour, nonlabour = self.split(certified)
        if sum(a for _, a, _ in self.direct.get(m, [])) > nonlabour:
            return "DirectExceedsNonlabour"
        if self.free() < certified:
            return "NotFunded"
        return None

    def apply_approve_payment(self, sender, m) -> dict:
        """Returns what the MilestonePaid event and the transfers must show."""
        ms = self.milestones[m]
        retained, labour, nonlabour = self.split(ms.certified)
        payees = self.direct.get(m, [])
        direct_total = sum(a for _, a, _ in payees)
        to_gc = nonlabour - direct_total
        ms.paid, ms.retained, ms.status = ms.certified - retained, retained, PAID
        self.retention_held += retained
        self.paid_labour += labour
        self.paid_direct += direct_total
        self.paid_gc += to_gc
        if labour:
            self.token.move(self.address, self.payroll, labour)
        held = {}
        for to, amount, _ in payees:
            if self.pay_out(to, amount):
                held[to] = held.get(to, 0) + amount
        if self.pay_out(self.gc, to_gc):
            held[self.gc] = held.get(self.gc, 0) + to_gc
        return {"certified": ms.certified, "retained": retained, "labour": labour, "direct_total": direct_total,
                "to_gc": to_gc, "payees": payees, "held": held}

    def check_suspend(self, sender):
        return self.role_error(sender, self.auditor) or ("ProjectSuspended" if self.suspended else None)

    def apply_suspend(self, sender):
        self.suspended = True

    def check_resume(self, sender):
        return self.role_error(sender, self.auditor) or (None if self.suspended else "NotSuspended")

    def apply_resume(self, sender):
        self.suspended = False

    def check_confirm_completion(self, sender):
        return (self.role_error(sender, self.supervisor)
                or (None if self.phase == ACTIVE else "WrongPhase")
                or ("MilestonesOpen" if self.open_milestone() else None))

    def apply_confirm_completion(self, sender):
        self.completion_confirmed = True

    def check_accept_completion(self, sender):
        return (self.role_error(sender, self.owner)
                or (None if self.phase == ACTIVE else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None)
                or (None if self.completion_confirmed else "CompletionNotConfirmed")
                or ("MilestonesOpen" if self.open_milestone() else None))

    def apply_accept_completion(self, sender, now):
        self.phase = COMPLETED
        self.completed_at = now
        bond = self.bond_held
        self.bond_held = 0
        self.bond_returned += bond
        self.forfeit_proposed = False
        self.pay_out(self.gc, bond)

    def check_propose_forfeit(self, sender):
        return (self.role_error(sender, self.owner)
                or (None if self.phase in (SETUP, ACTIVE) else "WrongPhase")
                or (None if self.bond_held > 0 else "BondNotPosted"))

    def apply_propose_forfeit(self, sender):
        self.forfeit_proposed = True

    def check_confirm_forfeit(self, sender):
        return (self.role_error(sender, self.auditor)
                or (None if self.phase in (SETUP, ACTIVE) else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None)
                or (None if self.forfeit_proposed else "NoForfeitProposed"))

    def apply_confirm_forfeit(self, sender):
        bond = self.bond_held
        self.bond_held = 0
        self.bond_forfeited += bond
        self.forfeit_proposed = False
        self.pay_out(self.owner, bond)

    def defect_ends(self) -> int:
        return self.completed_at + self.defect_period

    def check_propose_defect_claim(self, sender, amount, now):
        return (self.role_error(sender, self.owner)
                or (None if self.phase == COMPLETED else "WrongPhase")
                or (None if now < self.defect_ends() else "DefectPeriodOver")
                or ("ClaimPending" if self.pending_defect else None)
                or (None if 0 < amount <= self.retention_held else "BadAmount"))

    def apply_propose_defect_claim(self, sender, amount, now):
        self.pending_defect = amount

    def check_confirm_defect_claim(self, sender, now):
        return (self.role_error(sender, self.supervisor)
                or (None if self.phase == COMPLETED else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None)
                or (None if now < self.defect_ends() else "DefectPeriodOver")
                or (None if self.pending_defect else "NoPendingClaim"))

    def apply_confirm_defect_claim(self, sender, now):
        amount, self.pending_defect = self.pending_defect, 0
        self.retention_held -= amount
        self.retention_to_owner += amount
        self.pay_out(self.owner, amount)

    def check_dismiss_defect_claim(self, sender):
        return self.role_error(sender, self.supervisor) or (None if self.pending_defect else "NoPendingClaim")

    def apply_dismiss_defect_claim(self, sender):
        self.pending_defect = 0

    def check_request_retention_release(self, sender, now):
        return (self.role_error(sender, self.gc)
                or (None if self.phase == COMPLETED else "WrongPhase")
                or ("NothingToPay" if self.retention_released else None)
                or (None if now >= self.defect_ends() else "DefectPeriodRunning")
                or ("AlreadyRequested" if self.release_requested_at else None))

    def apply_request_retention_release(self, sender, now):
        self.release_requested_at = now

    def release(self):
        amount, self.retention_held = self.retention_held, 0
        self.retention_to_gc += amount
        self.retention_released = True
        self.pending_defect = 0
        self.pay_out(self.gc, amount)
        self.maybe_close()

    def check_approve_retention_release(self, sender, now):
        return (self.role_error(sender, self.owner)
                or (None if self.phase == COMPLETED else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None)
                or ("NothingToPay" if self.retention_released else None)
                or (None if now >= self.defect_ends() else "DefectPeriodRunning"))

    def apply_approve_retention_release(self, sender, now):
        self.release()

    def check_release_retention_by_default(self, sender, now):
        return (self.role_error(sender, self.gc)
                or (None if self.phase == COMPLETED else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None)
                or ("NothingToPay" if self.retention_released else None)
                or (None if self.release_requested_at else "ReleaseNotRequested")
                or (None if now >= self.release_requested_at + RELEASE_SILENCE else "SilenceRunning"))

    def apply_release_retention_by_default(self, sender, now):
        self.release()

    def check_refund_unused(self, sender):
        return (self.role_error(sender, self.owner)
                or (None if self.phase in (COMPLETED, CLOSED) else "WrongPhase")
                or ("ProjectSuspended" if self.suspended else None)
                or (None if self.free() > 0 else "NothingToPay"))

    def apply_refund_unused(self, sender):
        amount = self.free()
        self.refunded += amount
        self.pay_out(self.owner, amount)
        self.maybe_close()

    def check_claim_held(self, sender):
        return (("ProjectSuspended" if self.suspended else None)
                or (None if self.held.get(sender, 0) > 0 else "NothingToPay")
                or (None if self.token.can_receive(sender) else "CannotReceive"))

    def apply_claim_held(self, sender):
        amount = self.held.pop(sender)
        self.held_claimed += amount
        self.token.move(self.address, sender, amount)
        return amount

    def outflows(self) -> int:
        return (self.paid_gc + self.paid_direct + self.paid_labour + self.retention_to_owner + self.retention_to_gc
                + self.refunded + self.bond_returned + self.bond_forfeited)


# --- WagePayroll -------------------------------------------------------------------------------------------

@dataclass
class Party:
    kind: int
    contract_value: int
    deposit_required: int
    deposit: int = 0
    integrity: int = 100
    debt: int = 0


@dataclass
class Worker:
    employer: object = None
    id_hash: bytes | None = None
    active: bool = False
    total_paid: int = 0
    held: int = 0


@dataclass
class Batch:
    id: int
    sub: object
    period: int
    due_at: int
    entries: list
    status: int = B_SUBMITTED

    @property
    def total(self) -> int:
        return sum(a for _, a in self.entries)


@dataclass
class PayrollModel:
    token: TokenShadow
    address: object
    gc: object
    inspector: object
    guarantor: object
    funders: set                       # holders of ESCROW
    parties: dict = field(default_factory=dict)
    party_list: list = field(default_factory=list)
    debtors: list = field(default_factory=list)
    workers: dict = field(default_factory=dict)
    id_owner: dict = field(default_factory=dict)
    open_entries: dict = field(default_factory=dict)
    period_batch: dict = field(default_factory=dict)   # (worker, period) -> batch id
    batches: dict = field(default_factory=dict)
    next_batch: int = 1
    labour_received: int = 0
    wages_paid: int = 0
    held_total: int = 0
    held_claimed: int = 0
    pool_balance: int = 0
    pool_funded: int = 0
    pool_refunded: int = 0
    unsettled: int = 0
    debt_total: int = 0
    deposits_total: int = 0
    deposits_posted: int = 0
    deposits_taken: int = 0
    deposits_refunded: int = 0
    free_refunded: int = 0
    closure_announced_at: int = 0
    closed: bool = False
    stray: int = 0

    @property
    def balance(self) -> int:
        return self.token.balance(self.address)

    def free(self) -> int:
        return self.balance - self.pool_balance - self.deposits_total - (self.held_total - self.held_claimed)

    @property
    def submitted_count(self) -> int:
        return sum(1 for b in self.batches.values() if b.status == B_SUBMITTED)

    def kind(self, a) -> int:
        return self.parties[a].kind if a in self.parties else KIND_NONE

    def worker(self, a) -> Worker:
        return self.workers.get(a) or Worker()

    def status(self, batch_id) -> int:
        return self.batches[batch_id].status if batch_id in self.batches else B_NONE

    def closed_error(self):
        return "AlreadyClosed" if self.closed else None

    def check_register_party(self, sender, party, kind, value):
        if sender != self.gc:
            return "Unauthorized"
        if self.closed:
            return "AlreadyClosed"
        if kind == KIND_NONE:
            return "BadParty"
        if (kind == KIND_GC) != (party == self.gc) or party is None or party == self.address:
            return "BadParty"
        if party in self.parties:
            return "PartyExists"
        if self.worker(party).id_hash is not None:
            return "BadParty"
        if value == 0:
            return "ZeroAmount"
        if len(self.party_list) >= MAX_PARTIES:
            return "LengthExceeded"
        return None

    def apply_register_party(self, sender, party, kind, value):
        self.parties[party] = Party(kind, value, min(value * DEPOSIT_BPS // BPS, DEPOSIT_CAP))
        self.party_list.append(party)

    def check_post_deposit(self, sender, amount):
        if self.closed:
            return "AlreadyClosed"
        if sender not in self.parties:
            return "NotAParty"
        if amount == 0:
            return "ZeroAmount"
        party = self.parties[sender]
        if amount > party.deposit_required - party.deposit:
            return "DepositExceeded"
        return self.token.pull_error(sender, self.address, amount)

    def apply_post_deposit(self, sender, amount):
        self.parties[sender].deposit += amount
        self.deposits_total += amount
        self.deposits_posted += amount
        self.token.pull(sender, self.address, amount)

    def check_fund_pool(self, sender, amount):
        return (None if sender == self.guarantor else "Unauthorized") or self.closed_error() \
            or (None if amount > 0 else "ZeroAmount") or self.token.pull_error(sender, self.address, amount)

    def apply_fund_pool(self, sender, amount):
        self.pool_balance += amount
        self.pool_funded += amount
        self.token.pull(sender, self.address, amount)

    def check_fund_labour(self, sender, amount):
        return (None if sender in self.funders else "Unauthorized") or self.closed_error() \
            or (None if amount > 0 else "ZeroAmount") or self.token.pull_error(sender, self.address, amount)

    def apply_fund_labour(self, sender, amount, pull: bool = True) -> tuple[int, list]:
        """Returns (repaid, [(debtor, part)]). `pull=False` when the caller's model already moved the tokens."""
        remaining, repaid, repayments, still = amount, 0, [], []
        for debtor in self.debtors:
            debt = self.parties[debtor].debt
            part = min(debt, remaining)
            if part:
                self.parties[debtor].debt = debt - part
                remaining -= part
                repaid += part
                repayments.append((debtor, part))
            if debt > part:
                still.append(debtor)
        self.debtors = still
        self.debt_total -= repaid
        self.pool_balance += repaid
        self.labour_received += amount
        if pull:
            self.token.pull(sender, self.address, amount)
        return repaid, repayments

    def check_register_worker(self, sender, worker, id_hash):
        if self.closed:
            return "AlreadyClosed"
        if self.kind(sender) != KIND_SUB:
            return "NotASubcontractor"
        if worker in (None, self.address, self.gc, self.guarantor):
            return "BadWorker"
        if self.kind(worker) != KIND_NONE:
            return "BadWorker"
        if id_hash is None:
            return "BadParameter"
        record = self.worker(worker)
        if record.active:
            return "WorkerActive"
        owner = self.id_owner.get(id_hash)
        if owner is not None and owner != worker:
            return "IdHashTaken"
        if record.id_hash is not None and record.id_hash != id_hash:
            return "IdHashTaken"
        return None

    def apply_register_worker(self, sender, worker, id_hash):
        record = self.workers.setdefault(worker, Worker())
        self.id_owner[id_hash] = worker
        record.employer, record.id_hash = sender, id_hash

    def check_sign_labour_contract(self, sender):
        if self.closed:
            return "AlreadyClosed"
        record = self.worker(sender)
        if record.employer is None:
            return "NotRegistered"
        if record.active:
            return "AlreadySigned"
        return None

    def apply_sign_labour_contract(self, sender):
        self.workers[sender].active = True

    def check_deregister_worker(self, sender, worker):
        if self.closed:
            return "AlreadyClosed"
        employer = self.worker(worker).employer
        if employer is None or employer != sender:
            return "NotEmployer"
        if self.open_entries.get(worker, 0):
            return "WorkerInOpenBatch"
        return None

    def apply_deregister_worker(self, sender, worker):
        self.workers[worker].active = False
        self.workers[worker].employer = None

    def check_submit_payroll(self, sender, period, entries, due_at, now):
        if self.closed:
            return "AlreadyClosed"
        if self.kind(sender) != KIND_SUB:
            return "NotASubcontractor"
        if not entries:
            return "NoEntries"
        if not (1 <= period % 100 <= 12 and period >= 190001):
            return "BadPeriod"
        if due_at < now:
            return "BadDueTime"
        seen = set()
        for worker, amount in entries:
            if amount == 0:
                return "ZeroAmount"
            record = self.worker(worker)
            if not record.active:
                return "WorkerNotActive"
            if record.employer != sender:
                return "NotEmployer"
            earlier = self.next_batch if worker in seen else self.period_batch.get((worker, period), 0)
            if earlier and (worker in seen or self.status(earlier) != B_REJECTED):
                return "WorkerAlreadyInPeriod"
            seen.add(worker)
        return None

    def apply_submit_payroll(self, sender, period, entries, due_at, now) -> int:
        batch_id = self.next_batch
        self.next_batch += 1
        for worker, _ in entries:
            self.period_batch[(worker, period)] = batch_id
            self.open_entries[worker] = self.open_entries.get(worker, 0) + 1
        self.batches[batch_id] = Batch(batch_id, sender, period, due_at, list(entries))
        return batch_id

    def pay_entries(self, batch: Batch) -> list:
        """[(worker, amount, paid: bool)] in entry order."""
        out = []
        for worker, amount in batch.entries:
            self.open_entries[worker] -= 1
            if self.token.can_receive(worker):
                self.wages_paid += amount
                self.workers[worker].total_paid += amount
                self.token.move(self.address, worker, amount)
                out.append((worker, amount, True))
            else:
                self.held_total += amount
                self.workers[worker].held += amount
                out.append((worker, amount, False))
        return out

    def check_approve_payroll(self, sender, batch_id):
        return ((None if sender == self.gc else "Unauthorized") or self.closed_error()
                or (None if self.status(batch_id) == B_SUBMITTED else "WrongBatchStatus")
                or (None if self.free() >= self.batches[batch_id].total else "InsufficientFree"))

    def apply_approve_payroll(self, sender, batch_id):
        batch = self.batches[batch_id]
        batch.status = B_PAID
        return self.pay_entries(batch)

    def check_reject_payroll(self, sender, batch_id, now):
        return ((None if sender == self.gc else "Unauthorized") or self.closed_error()
                or (None if self.status(batch_id) == B_SUBMITTED else "WrongBatchStatus")
                or (None if now < self.batches[batch_id].due_at else "TooLate"))

    def apply_reject_payroll(self, sender, batch_id, now):
        batch = self.batches[batch_id]
        batch.status = B_REJECTED
        for worker, _ in batch.entries:
            self.open_entries[worker] -= 1

    def check_reinstate(self, sender, batch_id):
        error = ((None if sender == self.inspector else "Unauthorized") or self.closed_error()
                 or (None if self.status(batch_id) == B_REJECTED else "WrongBatchStatus"))
        if error:
            return error
        batch = self.batches[batch_id]
        for worker, _ in batch.entries:
            if self.period_batch.get((worker, batch.period)) != batch_id:
                return "WorkerAlreadyInPeriod"
        return None

    def apply_reinstate(self, sender, batch_id, now):
        batch = self.batches[batch_id]
        for worker, _ in batch.entries:
            self.open_entries[worker] += 1
        batch.status, batch.due_at = B_SUBMITTED, now

    def check_trigger_guarantee(self, sender, batch_id, now):
        return (self.closed_error()
                or (None if self.status(batch_id) == B_SUBMITTED else "WrongBatchStatus")
                or (None if now >= self.batches[batch_id].due_at + GRACE else "TooEarly")
                or (None if self.pool_balance >= self.batches[batch_id].total else "InsufficientPool"))

    def apply_trigger_guarantee(self, sender, batch_id, now):
        batch = self.batches[batch_id]
        self.pool_balance -= batch.total
        self.unsettled += batch.total
        batch.status = B_GUARANTEE_PAID
        return self.pay_entries(batch)

    def check_settle_default(self, sender, batch_id, defaulter):
        error = ((None if sender == self.inspector else "Unauthorized") or self.closed_error()
                 or (None if self.status(batch_id) == B_GUARANTEE_PAID else "WrongBatchStatus"))
        if error:
            return error
        if defaulter != self.gc and defaulter != self.batches[batch_id].sub:
            return "BadDefaulter"
        if defaulter not in self.parties:
            return "NotAParty"
        return None

    def apply_settle_default(self, sender, batch_id, defaulter) -> tuple:
        batch, party = self.batches[batch_id], self.parties[defaulter]
        total = batch.total
        from_free = min(self.free(), total)
        from_deposit = min(party.deposit, total - from_free)
        new_debt = total - from_free - from_deposit
        if new_debt and party.debt == 0:
            self.debtors.append(defaulter)
        party.deposit -= from_deposit
        party.debt += new_debt
        party.integrity = max(party.integrity - 10, 0)
        self.deposits_total -= from_deposit
        self.deposits_taken += from_deposit
        self.debt_total += new_debt
        self.pool_balance += from_free + from_deposit
        self.unsettled -= total
        batch.status = B_SETTLED
        return from_free, from_deposit, new_debt, party.integrity

    def check_claim_held(self, sender):
        return ((None if self.worker(sender).held > 0 else "NothingHeld")
                or (None if self.token.can_receive(sender) else "CannotReceive"))

    def apply_claim_held(self, sender) -> int:
        record = self.workers[sender]
        amount, record.held = record.held, 0
        record.total_paid += amount
        self.held_claimed += amount
        self.token.move(self.address, sender, amount)
        return amount

    def open_error(self):
        if self.submitted_count or self.unsettled or self.debt_total:
            return "OpenObligations"
        return None

    def check_announce_closure(self, sender):
        return ((None if sender == self.gc else "Unauthorized") or self.closed_error()
                or ("AlreadyAnnounced" if self.closure_announced_at else None) or self.open_error())

    def apply_announce_closure(self, sender, now):
        self.closure_announced_at = now

    def check_close(self, sender, now):
        error = ((None if sender == self.gc else "Unauthorized") or self.closed_error()
                 or (None if self.closure_announced_at else "NotAnnounced"))
        if error:
            return error
        if now < self.closure_announced_at + CLOSURE_NOTICE:
            return "TooEarly"
        error = self.open_error()
        if error:
            return error
        # The pool goes to the guarantor and free to the GC with plain transfers.
        if self.pool_balance and not self.token.can_receive(self.guarantor):
            return "ReceiverFrozen"
        if self.free() and not self.token.can_receive(self.gc):
            return "ReceiverFrozen"
        return None

    def apply_close(self, sender, now) -> tuple:
        free, pool = self.free(), self.pool_balance
        self.closed = True
        self.pool_balance = 0
        self.pool_refunded += pool
        self.free_refunded += free
        refunded = 0
        for party in self.party_list:
            deposit = self.parties[party].deposit
            if deposit and self.token.can_receive(party):
                self.parties[party].deposit = 0
                refunded += deposit
                self.token.move(self.address, party, deposit)
        self.deposits_total -= refunded
        self.deposits_refunded += refunded
        if pool:
            self.token.move(self.address, self.guarantor, pool)
        if free:
            self.token.move(self.address, self.gc, free)
        return refunded, pool, free

    def check_withdraw_deposit(self, sender):
        if not self.closed:
            return "NotClosed"
        if sender not in self.parties or self.parties[sender].deposit == 0:
            return "ZeroAmount"
        return None if self.token.can_receive(sender) else "CannotReceive"

    def apply_withdraw_deposit(self, sender) -> int:
        amount, self.parties[sender].deposit = self.parties[sender].deposit, 0
        self.deposits_total -= amount
        self.deposits_refunded += amount
        self.token.move(self.address, sender, amount)
        return amount

    def expected_total_paid_plus_held(self, worker) -> int:
        """W3: Σ of the worker's entries in paid batches."""
        return sum(a for b in self.batches.values() if b.status in (B_PAID, B_GUARANTEE_PAID, B_SETTLED)
                   for w, a in b.entries if w == worker)
