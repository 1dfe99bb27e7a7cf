"""Protocol constants of the VM, each with the reason for its value.

Changing any of these changes consensus: gas used, what verifies, what halts.
Static per-instruction costs live in the opcode table (vm/opcodes.py); the
data-dependent costs are here. docs/gas.md explains the rule behind them: a
unit of gas should buy about the same CPU time whatever instruction spends it
(about 10 ns on the reference 2-core machine, measured by
`python -m benchmarks vm --gas-calibration`).
"""

# --- container and verifier limits -----------------------------------------

MAGIC = b"HTVM"
FORMAT_VERSION = 1

# 24 KiB, EIP-170's figure: big enough for the reference contracts (the largest
# is under 12 KiB), small enough that verification and translation of one
# container stay in the low milliseconds. Jump targets are u16, so this must
# stay below 64 KiB.
MAX_CODE_SIZE = 24 * 1024
# A container also carries its constant pool and function table.
MAX_CONTAINER_SIZE = 64 * 1024
MAX_CONSTANTS = 4096
MAX_FUNCTIONS = 1024
# Local slots are addressed by a u8 immediate.
MAX_LOCALS = 256
# Operand stack height per function frame (EVM's figure).
MAX_STACK = 1024
# A constant integer fits u256 or i256 (33 bytes covers 2**256 - 1 in two's complement).
MAX_CONSTANT_INT_BYTES = 33

# --- runtime limits ---------------------------------------------------------

# Frames (external messages and internal calls together) on the frame stack.
MAX_CALL_DEPTH = 1024
# Longest byte string any instruction may create: 1 MiB. Memory pricing makes
# this unreachable below ~10^9 gas anyway; the cap keeps a single allocation bounded.
MAX_BYTES = 1 << 20
# Storage keys are paths chosen by the compiler (variable id + map keys);
# a longer key is an exceptional halt, which bounds state-key size.
MAX_STORAGE_KEY = 256
# An integer read from storage or decoded is at most this many bytes.
MAX_STORAGE_INT_BYTES = 33

# --- dynamic gas ------------------------------------------------------------

WORD = 32

# Memory: every byte string or list element any frame of a transaction creates
# counts towards the transaction's allocation `a` (in 32-byte words; a list
# element counts one word). Memory is metered per transaction, not per frame:
# the transaction pays MEMORY_LINEAR * a + a * a // MEMORY_QUADRATIC_DIVISOR in
# total (charged as the difference when `a` grows; `a` grows only when that
# charge succeeds). With G gas a transaction can allocate at most a words where
# 3a + a^2/512 <= G: 0.67 MiB at 1 M gas, 3.8 MiB at 30 M gas.
MEMORY_LINEAR = 3
MEMORY_QUADRATIC_DIVISOR = 512

# Hashing, per 32-byte word of input (on top of the opcode's static cost).
HASH_WORD = {"SHA256": 4, "SHA3": 8, "SM3": 12}
# Canonical encoding and decoding, per 32-byte word of the encoded form.
CODEC_WORD = 4
# Copying list elements (LCOPY), per element visited. Lists are references and
# may alias (a list reached by many paths, even a cycle): LCOPY counts paths, and
# stops with out of gas as soon as the count passes gas_left // COPY_ELEMENT.
COPY_ELEMENT = 10
# ENCODE walks its value as a tree of paths too. It may visit at most
# gas_left // CODEC_VISIT list elements (counted per list, as each is entered)
# and produce at most MAX_BYTES bytes (counted as it goes); past either it stops
# at once: out of gas, or the bytes_too_long halt. So aliased or cyclic lists
# never make it do work that the frame's gas does not cover.
CODEC_VISIT = 1
# EXP: per bit of the exponent (square-and-multiply steps at 256-bit width).
EXP_BIT = 6

# Storage. A key's first touch in a transaction reads the state tree (an LMDB
# page walk and a decode, ~10-20 us); later touches hit the transaction's
# overlay. Writes that create a key pay for the permanent state they add.
STORAGE_COLD = 2000
STORAGE_WARM = 10
STORAGE_WRITE = 40
STORAGE_CREATE = 5000
STORAGE_PER_BYTE = 1

# Accounts (BALANCE, CODEHASH, call targets, TRANSFER recipients).
ACCOUNT_COLD = 2000
ACCOUNT_WARM = 10
# Loading a contract's code the first time in a transaction: parsing, verifying
# and translating cost time per byte of code when the code is not cached.
CODE_LOAD_PER_BYTE = 3

# Logs: per topic and per byte of data (stored in the receipt and log index).
LOG_TOPIC = 50
LOG_BYTE = 2
# What one receipt can hold (node/block.py builds RECEIPT_TYPE from these):
# at most MAX_LOGS_PER_TX logs in a transaction, each with at most MAX_LOG_DATA
# bytes of data. A LOG past either limit is an exceptional halt of its frame.
MAX_LOGS_PER_TX = 1024
MAX_LOG_DATA = 1 << 20

# An internal call to a function that itself makes calls needs a frame on the
# driver's explicit stack (a generator and a round trip through the driver);
# calls to leaf functions are plain Python calls and pay only the static cost.
ICALL_FRAME = 120

# Calls: 1/64 of the remaining gas always stays with the caller (EIP-150).
CALL_RETAIN_DIVISOR = 64
# A call that moves value pays for the two balance writes.
CALL_VALUE = 2000
TRANSFER_NEW_ACCOUNT = 5000

# Deployment: per byte of container stored. Verification runs at about 1.4-2 us
# per byte here (benchmarks/verifier_speed.py), ~200 gas at ~10 ns/gas; stored
# code also grows the state forever. (EVM's code deposit is 200 gas per byte too.)
CREATE_BASE = 20000
CREATE_PER_BYTE = 200
