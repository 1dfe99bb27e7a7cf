"""Protocol constants of the node, each with the reason for its value."""

# Every transaction pays this before its message runs: signature check, nonce and
# balance bookkeeping, receipt and index writes (about 200 us here at ~10 ns/gas
# would be 20 000; signature verification runs off the execution path, so less).
TX_BASE_GAS = 10_000
# Per byte of transaction data: it is stored in the block forever.
TX_DATA_BYTE_GAS = 8

# A block's timestamp must exceed its parent's and be at most this far ahead of
# the producer's clock (geth allows 15 s; a permissioned chain keeps clocks tight).
MAX_FUTURE_DRIFT = 15

# Defaults for a genesis file that does not say.
DEFAULT_BLOCK_GAS_LIMIT = 50_000_000
DEFAULT_CHAIN_ID = 86

# Block building: at most this many transactions per block.
MAX_BLOCK_TXS = 5000

# Read-only calls (call, estimateGas) over RPC: gas cap and wall-clock limit.
CALL_GAS_CAP = 50_000_000
CALL_TIME_LIMIT = 2.0
