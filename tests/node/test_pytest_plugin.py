"""The pytest plugin (node/pytest_plugin.py), run on small test files with
pytester: fixtures, isolation, `reverts` and the gas report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

TOKEN = Path(__file__).parent.parent / "compiler" / "golden" / "token.ht"


@pytest.fixture(scope="module", autouse=True)
def warm_imports():
    """pytester's in-process runs drop modules first imported inside them;
    importing and compiling here once keeps each run fast."""
    from node.sdk.contract import load_source
    load_source(TOKEN)


@pytest.fixture
def project(pytester):
    (pytester.path / "contracts").mkdir()
    shutil.copy(TOKEN, pytester.path / "contracts" / "token.ht")
    return pytester


def test_plugin_is_registered_through_the_entry_point():
    from importlib.metadata import entry_points
    assert [e.value for e in entry_points(group="pytest11") if e.name == "hutong"] == ["node.pytest_plugin"]


def test_fixtures_and_isolation_between_tests(project):
    project.makepyfile(test_token="""
        import pytest

        @pytest.fixture
        def token(deploy, accounts):
            return deploy("contracts/token.ht", 1000, sender=accounts[0])

        def test_transfer(token, accounts, chain):
            alice, bob = accounts[:2]
            token.transfer(bob, 10, sender=alice)
            assert token.balance_of(bob) == 10
            assert chain.height == 2

        def test_fresh_chain_for_every_test(token, accounts, chain):
            assert token.balance_of(accounts[1]) == 0
            assert chain.height == 1 and accounts[0].nonce == 1

        def test_time_travel_is_undone_too(chain):
            chain.time_travel(10**6)

        def test_clock_back(chain):
            assert chain.next_timestamp < chain.blocks[0]["timestamp"] + 100
    """)
    result = project.runpytest()
    result.assert_outcomes(passed=4)
    assert "hutong gas report" not in result.stdout.str()  # only with --gas-report


def test_module_scoped_deployments_on_the_session_chain(project):
    project.makepyfile(test_shared="""
        import pytest

        @pytest.fixture(scope="module")
        def token(session_chain):
            return session_chain.deploy("contracts/token.ht", 1000)

        def test_one(token, chain, accounts):
            token.transfer(accounts[1], 5)
            assert token.balance_of(accounts[1]) == 5

        def test_two(token, chain, accounts):
            assert token.balance_of(accounts[1]) == 0
            assert token.total_supply() == 1000
    """)
    project.runpytest().assert_outcomes(passed=2)


def test_hypothesis_examples_isolated_with_chain_isolate(project):
    """The pattern docs/sdk.md gives for property tests: one deployment per
    test, every example inside `chain.isolate()`."""
    project.makepyfile(test_property="""
        import pytest
        from hypothesis import HealthCheck, given, settings, strategies as st

        @pytest.fixture
        def token(deploy, accounts):
            return deploy("contracts/token.ht", 1000, sender=accounts[0])

        @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(amount=st.integers(0, 2000))
        def test_transfers_conserve_supply(chain, token, accounts, reverts, amount):
            alice, bob = accounts[:2]
            with chain.isolate():
                before = chain.state_root(ignore_nonces=True)
                if amount > 1000:
                    with reverts("InsufficientBalance", needed=amount, available=1000):
                        token.transfer(bob, amount, sender=alice)
                    assert chain.state_root(ignore_nonces=True) == before
                else:
                    token.transfer(bob, amount, sender=alice)
                assert token.balance_of(alice) + token.balance_of(bob) == 1000
            assert token.balance_of(bob) == 0
    """)
    project.runpytest().assert_outcomes(passed=1)


def test_reverts_matches_name_message_and_arguments(project):
    project.makepyfile(test_reverts="""
        def test_by_name_and_arguments(deploy, accounts, reverts):
            token = deploy("contracts/token.ht", 1000)
            with reverts("InsufficientBalance", needed=5, available=0) as caught:
                token.transfer(accounts[0], 5, sender=accounts[1])
            assert caught.error == "InsufficientBalance" and caught.value.location["line"] == 28

        def test_by_message(chain, reverts):
            source = '#@ version 0.1\\n\\n@external\\ndef f(x: uint8):\\n    assert x > 3, "too small"\\n'
            c = chain.deploy(source, name="picky")
            with reverts("too small"):
                c.f(1)
            with reverts():
                c.f(2)

        def test_importable(deploy, accounts):
            from node.pytest_plugin import reverts
            token = deploy("contracts/token.ht", 1)
            with reverts("InsufficientBalance", needed=2):
                token.transfer(accounts[1], 2)
    """)
    project.runpytest().assert_outcomes(passed=3)


def test_reverts_mismatch_shows_expected_and_actual(project):
    project.makepyfile(test_mismatch="""
        def test_wrong_name(deploy, accounts, reverts):
            token = deploy("contracts/token.ht", 1000)
            with reverts("Unauthorized"):
                token.transfer(accounts[0], 5, sender=accounts[1])

        def test_wrong_argument(deploy, accounts, reverts):
            token = deploy("contracts/token.ht", 1000)
            with reverts("InsufficientBalance", needed=6):
                token.transfer(accounts[0], 5, sender=accounts[1])

        def test_no_revert(deploy, accounts, reverts):
            token = deploy("contracts/token.ht", 1000)
            with reverts("InsufficientBalance"):
                token.transfer(accounts[1], 5)
    """)
    result = project.runpytest()
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines([
        "*expected revert: Unauthorized",
        "*actual revert:   InsufficientBalance(needed=5, available=0)",
        "*at token.ht:28:9 in transfer",
        "*raise InsufficientBalance(needed=amount, available=available)",
        "*error: expected 'Unauthorized', got InsufficientBalance",
    ])
    result.stdout.fnmatch_lines(["*argument needed: expected 6, got 5"])
    result.stdout.fnmatch_lines(["*expected revert: InsufficientBalance", "*but nothing reverted"])


def test_gas_report_lists_each_function(project):
    project.makepyfile(test_gas="""
        def test_a(deploy, accounts):
            token = deploy("contracts/token.ht", 1000)
            token.transfer(accounts[1], 5)
            token.transfer(accounts[2], 6)

        def test_b(deploy, accounts, reverts):
            token = deploy("contracts/token.ht", 1000)
            token.transfer(accounts[1], 7)
            with reverts("InsufficientBalance"):  # not counted: the report says so
                token.transfer(accounts[0], 5, sender=accounts[2])
    """)
    result = project.runpytest("--gas-report")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "*hutong gas report*",
        "successful transactions only: reverted and failed ones (and views) are not counted",
        "contract*function*min*mean*max*calls",
        "token*constructor*2",
        "token*transfer*3",
    ])


def test_gas_report_gathers_xdist_workers(project):
    project.makepyfile(test_gas="""
        import pytest

        @pytest.mark.parametrize("n", range(4))
        def test_a(deploy, accounts, n):
            deploy("contracts/token.ht", 1000).transfer(accounts[1], n)
    """)
    result = project.runpytest_subprocess("--gas-report", "-n", "2")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["token*constructor*4", "token*transfer*4"])
