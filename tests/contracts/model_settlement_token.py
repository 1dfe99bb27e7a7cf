"""A plain-Python model of contracts/settlement_token.ht (DOMAIN.md C1).

The state-machine tests run every call on the chain and on this model. Each model
method returns the name of the error the contract must revert with, or None after
applying the call's effects, so a test can compare the outcome, the state and the
events of every step with the contract's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

UINT256_MAX = 2**256 - 1
NONE, RECEIVE_ONLY, FULL = 0, 1, 2
ROLES = ("ADMIN", "ISSUER", "OPERATOR", "REGULATOR")


@dataclass
class TokenModel:
    issuer: bytes
    regulator: bytes
    roles: dict = field(default_factory=lambda: {r: set() for r in ROLES})
    balances: defaultdict = field(default_factory=lambda: defaultdict(int))
    allowances: defaultdict = field(default_factory=lambda: defaultdict(int))  # (owner, spender) -> amount
    mode: defaultdict = field(default_factory=lambda: defaultdict(int))
    protected: set = field(default_factory=set)
    total_supply: int = 0
    issued_total: int = 0
    redeemed_total: int = 0

    def __post_init__(self):
        self.roles["ADMIN"].add(self.issuer)  # the constructor hands ADMIN to the issuer
        self.roles["ISSUER"].add(self.issuer)
        self.roles["REGULATOR"].add(self.regulator)

    def has(self, role: str, account: bytes) -> bool:
        return account in self.roles[role]

    # --- issuance --------------------------------------------------------------------

    def set_operator(self, sender, operator, enabled) -> str | None:
        if not self.has("ISSUER", sender):
            return "Unauthorized"
        (self.roles["OPERATOR"].add if enabled else self.roles["OPERATOR"].discard)(operator)
        return None

    def issue(self, sender, operator, amount) -> str | None:
        if not self.has("ISSUER", sender):
            return "Unauthorized"
        if amount == 0:
            return "ZeroAmount"
        if not self.has("OPERATOR", operator):
            return "NotAnOperator"
        if self.balances[operator] + amount > UINT256_MAX or self.issued_total + amount > UINT256_MAX:
            return "Overflow"
        self.balances[operator] += amount
        self.total_supply += amount
        self.issued_total += amount
        return None

    def redeem(self, sender, amount) -> str | None:
        if not self.has("OPERATOR", sender):
            return "Unauthorized"
        if amount == 0:
            return "ZeroAmount"
        if self.balances[sender] < amount:
            return "InsufficientBalance"
        if self.redeemed_total + amount > UINT256_MAX:
            return "Overflow"
        self.balances[sender] -= amount
        self.total_supply -= amount
        self.redeemed_total += amount
        return None

    def set_protected(self, sender, account, protected) -> str | None:
        if not self.has("ISSUER", sender):
            return "Unauthorized"
        if protected and self.mode[account] != NONE:
            return "AccountFrozen"
        (self.protected.add if protected else self.protected.discard)(account)
        return None

    # --- payments ----------------------------------------------------------------------

    def _move_error(self, sender, receiver, amount) -> str | None:
        if amount == 0:
            return "ZeroAmount"
        if self.mode[sender] != NONE:
            return "SenderFrozen"
        if self.mode[receiver] == FULL:
            return "ReceiverFrozen"
        if self.balances[sender] < amount:
            return "InsufficientBalance"
        if sender != receiver and self.balances[receiver] + amount > UINT256_MAX:
            return "Overflow"
        return None

    def _move(self, sender, receiver, amount) -> None:
        self.balances[sender] -= amount
        self.balances[receiver] += amount

    def transfer(self, sender, to, amount) -> str | None:
        error = self._move_error(sender, to, amount)
        if error is None:
            self._move(sender, to, amount)
        return error

    def approve(self, sender, spender, amount) -> str | None:
        self.allowances[(sender, spender)] = amount
        return None

    def transfer_from(self, sender, owner, to, amount) -> str | None:
        if self.allowances[(owner, sender)] < amount:
            return "InsufficientAllowance"
        error = self._move_error(owner, to, amount)
        if error is None:
            self.allowances[(owner, sender)] -= amount
            self._move(owner, to, amount)
        return error

    # --- regulation ------------------------------------------------------------------------

    def freeze(self, sender, account, mode, case_hash) -> str | None:
        if not self.has("REGULATOR", sender):
            return "Unauthorized"
        if mode == NONE:
            return "BadFreezeMode"
        if account in self.protected:
            return "AccountProtected"
        self.mode[account] = mode
        return None

    def unfreeze(self, sender, account, case_hash) -> str | None:
        if not self.has("REGULATOR", sender):
            return "Unauthorized"
        if self.mode[account] == NONE:
            return "NotFrozen"
        self.mode[account] = NONE
        return None

    # --- the generated role functions ----------------------------------------------------

    def grant_role(self, sender, role, account) -> str | None:
        if not self.has("ADMIN", sender):
            return "Unauthorized"
        self.roles[role].add(account)
        return None

    def revoke_role(self, sender, role, account) -> str | None:
        if not self.has("ADMIN", sender):
            return "Unauthorized"
        self.roles[role].discard(account)
        return None

    def renounce_role(self, sender, role) -> str | None:
        self.roles[role].discard(sender)
        return None

    # --- what the views must say ---------------------------------------------------------------

    def can_send(self, account) -> bool:
        return self.mode[account] == NONE

    def can_receive(self, account) -> bool:
        return self.mode[account] != FULL
