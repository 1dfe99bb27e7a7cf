"""Scenario A's steps A2-A5 with ProjectEscrow and WagePayroll alone (DOMAIN.md
section 3): the helper module in escrow_payroll.py reproduces every figure of
A3's table, A4's six months of payroll and A5's completion, warranty and
closure. (The whole of Scenario A, with the tender and the multisig owner, is
orchestrated on branch c-tender with these helpers.)"""

from __future__ import annotations

from node.devchain import Chain

from contracts.scenarios.escrow_payroll import (CONTRACTS, A3_EXPECTED, A4_CONTRACT_VALUES, A4_CREWS, A4_FREE_AFTER_MONTH, A4_LABOUR_MONTHS, DAY,
                             Calendar, Crew, connect, deploy_escrow, deploy_payroll, doc, fen, fund_escrow, fund_pool,
                             hire, pay_a3_milestone, post_bond, register_party, run_month)

TOKEN = CONTRACTS / "settlement_token.ht"


def test_a2_to_a5():
    chain = Chain()
    people = {n: chain.new_account(balance=0) for n in
              ("issuer", "regulator", "bank", "owner", "gc", "supervisor", "auditor", "guarantor", "inspector",
               "platform", "S", "SA", "SB", "SC")}
    p = people
    token = chain.deploy(TOKEN, p["issuer"], p["regulator"], sender=p["issuer"])
    token.set_operator(p["bank"], True, sender=p["issuer"])
    token.issue(p["bank"], fen(30_000_000), sender=p["issuer"])
    for name, amount in [("owner", 10_000_000), ("guarantor", 10_000_000), ("gc", 1_300_000), ("SA", 100_000),
                         ("SB", 100_000), ("SC", 100_000)]:
        token.transfer(p[name], fen(amount), sender=p["bank"])

    # A2
    payroll = deploy_payroll(chain, token, gc=p["gc"], inspector=p["inspector"], guarantor=p["guarantor"],
                             admin=p["platform"])
    token.set_protected(payroll, True, sender=p["issuer"])
    escrow = deploy_escrow(chain, token, payroll, owner=p["owner"], gc=p["gc"], supervisor=p["supervisor"],
                           auditor=p["auditor"])
    connect(payroll, escrow, admin=p["platform"])
    fund_escrow(token, escrow, fen(10_000_000), owner=p["owner"])
    post_bond(token, escrow, gc=p["gc"])
    escrow.activate(sender=p["owner"])
    assert (escrow.funded(), escrow.bond_held()) == (fen(10_000_000), fen(1_000_000))

    # A4 registration: deposits 50 000 + 15 000 + 20 000 + 7 500, pool 10 000 000, 50 workers
    register_party(token, payroll, p["gc"], "GC", fen(A4_CONTRACT_VALUES["GC"]), gc=p["gc"])
    for name in ("SA", "SB", "SC"):
        register_party(token, payroll, p[name], "SUB", fen(A4_CONTRACT_VALUES[name]), gc=p["gc"])
    assert [payroll.party(p[n]).deposit for n in ("SA", "SB", "SC")] == \
        [fen(15_000), fen(20_000), fen(7_500)]
    assert payroll.party(p["gc"]).deposit == fen(50_000)
    fund_pool(token, payroll, fen(10_000_000), guarantor=p["guarantor"])
    crews = []
    for name, (count, wage) in A4_CREWS.items():
        crew = Crew(p[name], [chain.new_account(balance=0) for _ in range(count)], fen(wage), name=name)
        hire(payroll, crew)
        crews.append(crew)
    assert sum(c.monthly_total for c in crews) == fen(320_000)

    # A3 with the labour of each milestone arriving as in A4, and six months of payroll
    parties = {"S": p["S"], "SA": p["SA"], "SB": p["SB"], "SC": p["SC"]}
    calendar = Calendar(chain.timestamp)
    for month in range(1, 7):
        chain.set_time(calendar.month_end(month))
        if month in A4_LABOUR_MONTHS:
            m = A4_LABOUR_MONTHS[month]
            with_subs = {n: token.balance_of(p[n]) for n in ("SA", "SB", "SC")}
            paid = pay_a3_milestone(escrow, m, parties, gc=p["gc"], supervisor=p["supervisor"],
                                    owner=p["owner"]).event("MilestonePaid").args
            retained, payable, labour, direct, to_gc = (fen(x) for x in A3_EXPECTED[m])
            assert (paid["retained"], paid["labour"], paid["direct_total"], paid["to_gc"]) == \
                (retained, labour, direct, to_gc)
            assert paid["certified"] - paid["retained"] == payable
            assert all(token.balance_of(p[n]) >= with_subs[n] for n in with_subs)
        before = {n: token.balance_of(p[n]) for n in ("SA", "SB", "SC")}
        run_month(payroll, crews, Calendar.period(month), calendar.payroll_due(month), gc=p["gc"])
        assert payroll.free() == fen(A4_FREE_AFTER_MONTH[month]), month
        assert {n: token.balance_of(p[n]) for n in before} == before  # W1: subs never gain in payroll
    assert payroll.wages_paid() == fen(1_920_000) and payroll.labour_received() == fen(1_920_600)
    for crew in crews:
        for worker in crew.workers:
            assert payroll.worker(worker).total_paid == 6 * crew.wage == token.balance_of(worker)
    totals = escrow.totals()
    assert (totals.retention_held, totals.paid_labour, totals.paid_direct, totals.paid_gc) == \
        (fen(297_000), fen(1_920_600), fen(5_500_000), fen(2_182_400))

    # A5
    escrow.confirm_completion(doc("completion"), sender=p["supervisor"])
    gc_before = token.balance_of(p["gc"])
    escrow.accept_completion(doc("acceptance"), sender=p["owner"])
    done = chain.timestamp
    assert token.balance_of(p["gc"]) - gc_before == fen(1_000_000)
    assert escrow.refund_unused(sender=p["owner"]).event("Refunded").args["amount"] == fen(100_000)
    chain.set_time(done + 200 * DAY)
    escrow.propose_defect_claim(fen(50_000), doc("pothole"), sender=p["owner"])
    escrow.confirm_defect_claim(sender=p["supervisor"])
    chain.set_time(done + 365 * DAY)
    escrow.request_retention_release(sender=p["gc"])
    chain.set_time(done + 393 * DAY)
    released = escrow.release_retention_by_default(sender=p["gc"]).event("RetentionReleased").args
    assert (released["amount"], released["by_default"]) == (fen(247_000), True)
    t = escrow.totals()
    assert t.funded == fen(10_000_000) == t.paid_gc + t.paid_direct + t.paid_labour + t.retention_to_owner \
        + t.retention_to_gc + t.refunded
    assert (t.bond_posted, t.bond_returned, t.balance) == (fen(1_000_000), fen(1_000_000), 0)
    assert escrow.phase() == 3  # CLOSED

    payroll.announce_closure(sender=p["gc"])
    chain.time_travel(30 * DAY)
    closed = payroll.close(sender=p["gc"]).event("Closed").args
    assert closed == {"deposits_refunded": fen(92_500), "pool_refunded": fen(10_000_000), "free_refunded": fen(600)}
    assert token.balance_of(payroll) == 0
    assert token.total_supply() == fen(30_000_000)
