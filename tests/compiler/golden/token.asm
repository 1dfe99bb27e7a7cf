.function f0 constructor params=b locals=i returns=b
    LOAD 0    ; pc 0
    DECODE "(u256)"    ; pc 2
    STORE 1    ; pc 5
    PUSHC 0x9fb6dfbd6442679d    ; pc 7
    CALLER    ; pc 10
    BCAT    ; pc 11
    LOAD 1    ; pc 12
    SSTORE    ; pc 14
    PUSHC 0xd8e4136b0fd21843    ; pc 15
    LOAD 1    ; pc 18
    SSTORE    ; pc 20
    PUSHC 0x5c9d0d051f728613f355305440966aaf5cbda961e7bcec91c851f810a258d81d    ; pc 21
    PUSHC 0x0000000000000000000000000000000000000000    ; pc 24
    PUSHC 0x000000000000000000000000    ; pc 27
    SWAP 1    ; pc 30
    BCAT    ; pc 32
    CALLER    ; pc 33
    PUSHC 0x000000000000000000000000    ; pc 34
    SWAP 1    ; pc 37
    BCAT    ; pc 39
    LOAD 1    ; pc 40
    ENCODE "(u256)"    ; pc 42
    LOG 3    ; pc 45
    ENCODE "()"    ; pc 47
    RET    ; pc 50
.end
.function f1 external selector=0x2bd9894f params=b locals=bii returns=b
    LOAD 0    ; pc 51
    DECODE "(address,u256)"    ; pc 53
    STORE 2    ; pc 56
    STORE 1    ; pc 58
    PUSHC 0x9fb6dfbd6442679d    ; pc 60
    CALLER    ; pc 63
    BCAT    ; pc 64
    SLOAD    ; pc 65
    STORE 3    ; pc 66
    LOAD 3    ; pc 68
    LOAD 2    ; pc 70
    LT    ; pc 72
    JMPIFNOT L88    ; pc 73
    PUSHC 0x8329cec9    ; pc 76
    LOAD 2    ; pc 79
    LOAD 3    ; pc 81
    ENCODE "(u256,u256)"    ; pc 83
    BCAT    ; pc 86
    REVERT    ; pc 87
L88:
    PUSHC 0x9fb6dfbd6442679d    ; pc 88
    CALLER    ; pc 91
    BCAT    ; pc 92
    LOAD 3    ; pc 93
    LOAD 2    ; pc 95
    SUB u256    ; pc 97
    SSTORE    ; pc 99
    PUSHC 0x9fb6dfbd6442679d    ; pc 100
    LOAD 1    ; pc 103
    BCAT    ; pc 105
    DUP 0    ; pc 106
    SLOAD    ; pc 108
    LOAD 2    ; pc 109
    ADD u256    ; pc 111
    SSTORE    ; pc 113
    PUSHC 0x5c9d0d051f728613f355305440966aaf5cbda961e7bcec91c851f810a258d81d    ; pc 114
    CALLER    ; pc 117
    PUSHC 0x000000000000000000000000    ; pc 118
    SWAP 1    ; pc 121
    BCAT    ; pc 123
    LOAD 1    ; pc 124
    PUSHC 0x000000000000000000000000    ; pc 126
    SWAP 1    ; pc 129
    BCAT    ; pc 131
    LOAD 2    ; pc 132
    ENCODE "(u256)"    ; pc 134
    LOG 3    ; pc 137
    PUSHI 1    ; pc 139
    ENCODE "(bool)"    ; pc 141
    RET    ; pc 144
.end
.function f2 external view selector=0x3034957f params=b locals=b returns=b
    LOAD 0    ; pc 145
    DECODE "(address)"    ; pc 147
    STORE 1    ; pc 150
    PUSHC 0x9fb6dfbd6442679d    ; pc 152
    LOAD 1    ; pc 155
    BCAT    ; pc 157
    SLOAD    ; pc 158
    ENCODE "(u256)"    ; pc 159
    RET    ; pc 162
.end
.function f3 external view selector=0xcf544828 params=b locals=- returns=b
    LOAD 0    ; pc 163
    DECODE "()"    ; pc 165
    PUSHC 0xd8e4136b0fd21843    ; pc 168
    SLOAD    ; pc 171
    ENCODE "(u256)"    ; pc 172
    RET    ; pc 175
.end
