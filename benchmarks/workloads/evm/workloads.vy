# pragma version 0.4.3
# Workloads (a)-(d) of `python -m benchmarks vm`, the same algorithms as
# benchmarks/workloads/*.ht, for py-evm. Compiled with vyper.compile_code
# defaults (EVM version prague, checked arithmetic).

m: HashMap[uint64, uint256]


@external
def arith(n: uint256) -> uint256:
    s: uint256 = 0
    for i: uint256 in range(n, bound=10000000):
        s += (i * i) % 7
    return s


@external
def fib(n: uint256) -> uint256:
    a: uint256 = 0
    b: uint256 = 1
    for i: uint256 in range(n, bound=10000000):
        c: uint256 = (a + b) % 2**64
        a = b
        b = c
    return a


@external
def storage(n: uint64) -> uint256:
    for i: uint64 in range(n, bound=10000000):
        self.m[i] = convert(i, uint256) + 1
    s: uint256 = 0
    for i: uint64 in range(n, bound=10000000):
        s += self.m[i]
    return s


@external
def sha256_chain(n: uint256) -> bytes32:
    # sha256 is the precompile at address 0x02, reached through STATICCALL.
    h: bytes32 = empty(bytes32)
    for i: uint256 in range(n, bound=10000000):
        h = sha256(h)
    return h
