"""A plain-Python model of contracts/multisig.ht (DOMAIN.md C6).

Each model method returns the name of the error the contract must revert with, or
None after applying the call's effects. A proposal carries `effect`: a function that
applies the proposed call to the other models (for example a TokenModel, with the
multisig as sender) and returns the callee's error or None. Calls on the multisig
itself (signer management) are modelled here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

MAX_SIGNERS = 10
MAX_TTL = 365 * 86_400
ZERO_ADDRESS = "0x" + "00" * 20


@dataclass
class ProposalRecord:
    id: int
    target: bytes
    method: bytes
    args: bytes
    proposer: bytes
    created_at: int
    expires_at: int
    effect: Callable | None = None
    executed: bool = False
    cancelled: bool = False
    approval_epoch: dict = field(default_factory=dict)  # signer -> its epoch when it approved

    def as_tuple(self) -> list:
        """The fields in the order of the contract's `Proposal` struct."""
        return [self.target, self.method, self.args, self.proposer, self.created_at, self.expires_at,
                self.executed, self.cancelled]


@dataclass
class MultisigModel:
    address: bytes
    signers: list
    threshold: int
    proposals: dict = field(default_factory=dict)
    epoch: defaultdict = field(default_factory=lambda: defaultdict(int))
    next_id: int = 1
    executions: list = field(default_factory=list)  # (id, approvals, threshold, now, expires_at) per Executed

    def __post_init__(self):
        initial, self.signers = list(self.signers), []
        for s in initial:
            assert self._add(s) is None, "bad initial signer"
        assert 1 <= self.threshold <= len(self.signers)

    # --- proposals -----------------------------------------------------------------------

    def propose(self, sender, now, target, method, args, ttl, effect=None) -> str | None:
        if sender not in self.signers:
            return "NotASigner"
        if target == ZERO_ADDRESS:
            return "BadSigner"
        if not 1 <= ttl <= MAX_TTL:
            return "BadTtl"
        id, self.next_id = self.next_id, self.next_id + 1
        proposal = ProposalRecord(id, target, method, args, sender, now, now + ttl, effect)
        proposal.approval_epoch[sender] = self.epoch[sender]
        self.proposals[id] = proposal
        self.returned = id
        return None

    def approve(self, sender, now, id) -> str | None:
        error = self._signer_and_open_error(sender, now, id)
        if error:
            return error
        proposal = self.proposals[id]
        if proposal.approval_epoch.get(sender) == self.epoch[sender]:
            return "AlreadyApproved"
        proposal.approval_epoch[sender] = self.epoch[sender]
        return None

    def revoke(self, sender, now, id) -> str | None:
        error = self._signer_and_open_error(sender, now, id)
        if error:
            return error
        proposal = self.proposals[id]
        if proposal.approval_epoch.get(sender) != self.epoch[sender]:
            return "NotApproved"
        proposal.approval_epoch.pop(sender)
        return None

    def execute(self, sender, now, id) -> str | None:
        error = self._open_error(now, id)
        if error:
            return error
        proposal = self.proposals[id]
        count = self.approvals(id)
        if count < self.threshold:
            return "NotEnoughApprovals"
        saved = self._save()
        proposal.executed = True
        error = self._run(proposal)
        if error:
            self._restore(saved)
            return error
        self.executions.append((id, count, self.threshold, now, proposal.expires_at))
        return None

    def cancel(self, sender, now, id) -> str | None:
        error = self._open_error(now, id)
        if error:
            return error
        if self.proposals[id].proposer != sender:
            return "NotProposer"
        self.proposals[id].cancelled = True
        return None

    # --- signer management (msg.sender must be the multisig) ------------------------------------

    def add_signer(self, sender, account) -> str | None:
        if sender != self.address:
            return "OnlySelf"
        return self._add(account)

    def remove_signer(self, sender, account) -> str | None:
        if sender != self.address:
            return "OnlySelf"
        if account not in self.signers:
            return "NotASigner"
        if self.threshold > len(self.signers) - 1:
            return "BadThreshold"
        self.signers.remove(account)
        return None

    def set_threshold(self, sender, threshold) -> str | None:
        if sender != self.address:
            return "OnlySelf"
        if not 1 <= threshold <= len(self.signers):
            return "BadThreshold"
        self.threshold = threshold
        return None

    # --- views -------------------------------------------------------------------------------

    def approvals(self, id) -> int:
        proposal = self.proposals.get(id)
        if proposal is None:
            return 0
        return sum(1 for s in self.signers if proposal.approval_epoch.get(s) == self.epoch[s])

    def has_approved(self, id, signer) -> bool:
        proposal = self.proposals.get(id)
        return (proposal is not None and signer in self.signers
                and proposal.approval_epoch.get(signer) == self.epoch[signer])

    # --- internals ------------------------------------------------------------------------------

    def _add(self, account) -> str | None:
        if account in (ZERO_ADDRESS, self.address) or account in self.signers:
            return "BadSigner"
        if len(self.signers) >= MAX_SIGNERS:
            return "TooManySigners"
        self.signers.append(account)
        self.epoch[account] += 1
        return None

    def _open_error(self, now, id) -> str | None:
        if not 1 <= id < self.next_id:
            return "NoSuchProposal"
        proposal = self.proposals[id]
        if proposal.executed or proposal.cancelled:
            return "ProposalClosed"
        if now >= proposal.expires_at:
            return "ProposalExpired"
        return None

    def _signer_and_open_error(self, sender, now, id) -> str | None:
        if sender not in self.signers:
            return "NotASigner"
        return self._open_error(now, id)

    def _run(self, proposal: ProposalRecord) -> str | None:
        if proposal.effect is None:
            return "UnknownFunction"
        return proposal.effect(self)

    def _save(self):
        import copy
        effects = {id: p.effect for id, p in self.proposals.items()}
        for p in self.proposals.values():
            p.effect = None
        saved = copy.deepcopy((self.signers, self.threshold, self.proposals, self.epoch))
        for id, p in self.proposals.items():
            p.effect = effects[id]
        return saved, effects

    def _restore(self, state) -> None:
        saved, effects = state
        self.signers, self.threshold, self.proposals, self.epoch = saved
        for id, p in self.proposals.items():
            p.effect = effects[id]
