.function f0 external selector=0xcccc603c params=b locals=ibiiililii returns=b
    PUSHC 0x07dffdb0063bc112d034b2b544e4ffb619a9c156ae578fe21f38eb0997f097ca9569807ca157f4f6    ; pc 0
    CALLER    ; pc 3
    BCAT    ; pc 4
    SLOAD    ; pc 5
    JMPIF L21    ; pc 6
    PUSHC 0x4df71603    ; pc 9
    PUSHC 0xd034b2b544e4ffb619a9c156ae578fe21f38eb0997f097ca9569807ca157f4f6    ; pc 12
    CALLER    ; pc 15
    ENCODE "(bytes32,address)"    ; pc 16
    BCAT    ; pc 19
    REVERT    ; pc 20
L21:
    LOAD 0    ; pc 21
    DECODE "(u8,address)"    ; pc 23
    STORE 2    ; pc 26
    STORE 1    ; pc 28
    LOAD 1    ; pc 30
    NOT u8    ; pc 32
    NOT u8    ; pc 34
    PUSHI 1    ; pc 36
    ADD u8    ; pc 38
    STORE 3    ; pc 40
    LOAD 1    ; pc 42
    PUSHI 3    ; pc 44
    LT    ; pc 46
    DUP 0    ; pc 47
    JMPIFNOT L58    ; pc 49
    POP    ; pc 52
    LOAD 3    ; pc 53
    PUSHI 1    ; pc 55
    GE    ; pc 57
L58:
    DUP 0    ; pc 58
    JMPIF L120    ; pc 60
    POP    ; pc 63
    LOAD 1    ; pc 64
    STORE 5    ; pc 66
    PUSHI 1    ; pc 68
    PUSHI 2    ; pc 70
    LMAKE 2    ; pc 72
    STORE 6    ; pc 75
    PUSHI 0    ; pc 77
    STORE 7    ; pc 79
L81:
    LOAD 7    ; pc 81
    LOAD 6    ; pc 83
    LLEN    ; pc 85
    LT    ; pc 86
    JMPIFNOT L118    ; pc 87
    LOAD 6    ; pc 90
    LOAD 7    ; pc 92
    LGET int    ; pc 94
    LOAD 5    ; pc 96
    EQ    ; pc 98
    JMPIF L113    ; pc 99
    LOAD 7    ; pc 102
    PUSHI 1    ; pc 104
    ADD u32    ; pc 106
    STORE 7    ; pc 108
    JMP L81    ; pc 110
L113:
    PUSHI 1    ; pc 113
    JMP L120    ; pc 115
L118:
    PUSHI 0    ; pc 118
L120:
    LNOT    ; pc 120
    STORE 4    ; pc 121
    LOAD 1    ; pc 123
    CALLER    ; pc 125
    LMAKE 1    ; pc 126
    LMAKE 2    ; pc 129
    STORE 8    ; pc 132
    LOAD 8    ; pc 134
    PUSHI 0    ; pc 136
    STORE 7    ; pc 138
    STORE 6    ; pc 140
    LOAD 6    ; pc 142
    LOAD 7    ; pc 144
    LOAD 6    ; pc 146
    LOAD 7    ; pc 148
    LGET int    ; pc 150
    PUSHI 1    ; pc 152
    ADD u8    ; pc 154
    LSET    ; pc 156
    PUSHI 0    ; pc 157
    STORE 9    ; pc 159
L161:
    LOAD 9    ; pc 161
    PUSHI 1    ; pc 163
    EQ    ; pc 165
    JMPIFNOT L175    ; pc 166
    JMP L189    ; pc 169
    JMP L189    ; pc 172
L175:
    LOAD 9    ; pc 175
    PUSHI 1    ; pc 177
    GT    ; pc 179
    JMPIFNOT L189    ; pc 180
    JMP L205    ; pc 183
    JMP L189    ; pc 186
L189:
    LOAD 9    ; pc 189
    PUSHI 1    ; pc 191
    ADD u256    ; pc 193
    STORE 9    ; pc 195
    LOAD 9    ; pc 197
    PUSHI 3    ; pc 199
    LT    ; pc 201
    JMPIF L161    ; pc 202
L205:
    LOAD 4    ; pc 205
    DUP 0    ; pc 207
    JMPIF L215    ; pc 209
    POP    ; pc 212
    PUSHI 1    ; pc 213
L215:
    JMPIF L228    ; pc 215
    PUSHC 0x8780e600    ; pc 218
    LOAD 1    ; pc 221
    ENCODE "(u8)"    ; pc 223
    BCAT    ; pc 226
    REVERT    ; pc 227
L228:
    PUSHC 0x0d6395427e7093516804f20bc8d28feebe374af422b83e15500896694638ce54    ; pc 228
    CALLER    ; pc 231
    PUSHC 0x000000000000000000000000    ; pc 232
    SWAP 1    ; pc 235
    BCAT    ; pc 237
    LOAD 8    ; pc 238
    PUSHI 0    ; pc 240
    LGET int    ; pc 242
    ENCODE "(u8)"    ; pc 244
    LOG 2    ; pc 247
    PUSHC 0x1b42f48aa4371867    ; pc 249
    CALLER    ; pc 252
    BCAT    ; pc 253
    LOAD 8    ; pc 254
    ICALL f7    ; pc 256
    PUSHC "x"    ; pc 259
    SHA3    ; pc 262
    PUSHI 0    ; pc 263
    PUSHI 20    ; pc 265
    BSLICE    ; pc 267
    DUP 0    ; pc 268
    BLEN    ; pc 270
    PUSHI 20    ; pc 271
    EQ    ; pc 273
    JMPIF L281    ; pc 274
    PUSHC 0xd8bbfea3    ; pc 277
    REVERT    ; pc 280
L281:
    PUSHC 0x1b42f48aa4371867    ; pc 281
    CALLER    ; pc 284
    BCAT    ; pc 285
    PUSHC 0xb039179a    ; pc 286
    BCAT    ; pc 289
    DUP 0    ; pc 290
    SLOAD    ; pc 292
    DUP 0    ; pc 293
    PUSHI 2    ; pc 295
    LT    ; pc 297
    JMPIF L305    ; pc 298
    PUSHC 0xd8bbfea3    ; pc 301
    REVERT    ; pc 304
L305:
    DUP 1    ; pc 305
    DUP 1    ; pc 307
    PUSHI 1    ; pc 309
    ADD u32    ; pc 311
    SSTORE    ; pc 313
    BFROMI u32    ; pc 314
    BCAT    ; pc 316
    SWAP 1    ; pc 317
    BTOI u160    ; pc 319
    SSTORE    ; pc 321
    LOAD 2    ; pc 322
    PUSHC 0x9532e91c    ; pc 324
    LOAD 1    ; pc 327
    ENCODE "(u8)"    ; pc 329
    PUSHI -1    ; pc 332
    SCALL    ; pc 334
    SWAP 1    ; pc 335
    JMPIF L341    ; pc 337
    REVERT    ; pc 340
L341:
    DECODE "(bool)"    ; pc 341
    STORE 10    ; pc 344
    LOAD 1    ; pc 346
    PUSHC 255    ; pc 348
    EQ    ; pc 351
    JMPIFNOT L359    ; pc 352
    PUSHC 0x4e401cbe000000036d6178    ; pc 355
    REVERT    ; pc 358
L359:
    LOAD 8    ; pc 359
    PUSHI 0    ; pc 361
    LGET int    ; pc 363
    PUSHI 3    ; pc 365
    AND    ; pc 367
    PUSHI 3    ; pc 368
    OR    ; pc 370
    LOAD 10    ; pc 371
    ENCODE "(u8,bool)"    ; pc 373
    RET    ; pc 376
.end
.function f1 external view selector=0xf58d177d params=b locals=b returns=b
    LOAD 0    ; pc 377
    DECODE "(address)"    ; pc 379
    STORE 1    ; pc 382
    PUSHC 0x1b42f48aa4371867    ; pc 384
    LOAD 1    ; pc 387
    BCAT    ; pc 389
    ICALL f8    ; pc 390
    ENCODE "((u8,address[<=2]))"    ; pc 393
    RET    ; pc 396
.end
.function f2 external selector=0x7fd859ea params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 397
    CALLER    ; pc 400
    BCAT    ; pc 401
    SLOAD    ; pc 402
    JMPIF L418    ; pc 403
    PUSHC 0x4df71603    ; pc 406
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 409
    CALLER    ; pc 412
    ENCODE "(bytes32,address)"    ; pc 413
    BCAT    ; pc 416
    REVERT    ; pc 417
L418:
    LOAD 0    ; pc 418
    DECODE "(bytes32,address)"    ; pc 420
    STORE 2    ; pc 423
    STORE 1    ; pc 425
    LOAD 1    ; pc 427
    STORE 3    ; pc 429
    LOAD 2    ; pc 431
    STORE 4    ; pc 433
    PUSHC 0x07dffdb0063bc112    ; pc 435
    LOAD 3    ; pc 438
    BCAT    ; pc 440
    LOAD 4    ; pc 441
    BCAT    ; pc 443
    DUP 0    ; pc 444
    SLOAD    ; pc 446
    JMPIF L481    ; pc 447
    PUSHI 1    ; pc 450
    SSTORE    ; pc 452
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 453
    LOAD 3    ; pc 456
    LOAD 4    ; pc 458
    PUSHC 0x000000000000000000000000    ; pc 460
    SWAP 1    ; pc 463
    BCAT    ; pc 465
    CALLER    ; pc 466
    PUSHC 0x000000000000000000000000    ; pc 467
    SWAP 1    ; pc 470
    BCAT    ; pc 472
    PUSHC 0x    ; pc 473
    LOG 4    ; pc 476
    JMP L482    ; pc 478
L481:
    POP    ; pc 481
L482:
    ENCODE "()"    ; pc 482
    RET    ; pc 485
.end
.function f3 external selector=0xdd326c95 params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 486
    CALLER    ; pc 489
    BCAT    ; pc 490
    SLOAD    ; pc 491
    JMPIF L507    ; pc 492
    PUSHC 0x4df71603    ; pc 495
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 498
    CALLER    ; pc 501
    ENCODE "(bytes32,address)"    ; pc 502
    BCAT    ; pc 505
    REVERT    ; pc 506
L507:
    LOAD 0    ; pc 507
    DECODE "(bytes32,address)"    ; pc 509
    STORE 2    ; pc 512
    STORE 1    ; pc 514
    LOAD 1    ; pc 516
    STORE 3    ; pc 518
    LOAD 2    ; pc 520
    STORE 4    ; pc 522
    PUSHC 0x07dffdb0063bc112    ; pc 524
    LOAD 3    ; pc 527
    BCAT    ; pc 529
    LOAD 4    ; pc 530
    BCAT    ; pc 532
    DUP 0    ; pc 533
    SLOAD    ; pc 535
    JMPIFNOT L570    ; pc 536
    PUSHI 0    ; pc 539
    SSTORE    ; pc 541
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 542
    LOAD 3    ; pc 545
    LOAD 4    ; pc 547
    PUSHC 0x000000000000000000000000    ; pc 549
    SWAP 1    ; pc 552
    BCAT    ; pc 554
    CALLER    ; pc 555
    PUSHC 0x000000000000000000000000    ; pc 556
    SWAP 1    ; pc 559
    BCAT    ; pc 561
    PUSHC 0x    ; pc 562
    LOG 4    ; pc 565
    JMP L571    ; pc 567
L570:
    POP    ; pc 570
L571:
    ENCODE "()"    ; pc 571
    RET    ; pc 574
.end
.function f4 external selector=0x6a1192ea params=b locals=bbb returns=b
    LOAD 0    ; pc 575
    DECODE "(bytes32)"    ; pc 577
    STORE 1    ; pc 580
    LOAD 1    ; pc 582
    STORE 2    ; pc 584
    CALLER    ; pc 586
    STORE 3    ; pc 587
    PUSHC 0x07dffdb0063bc112    ; pc 589
    LOAD 2    ; pc 592
    BCAT    ; pc 594
    LOAD 3    ; pc 595
    BCAT    ; pc 597
    DUP 0    ; pc 598
    SLOAD    ; pc 600
    JMPIFNOT L635    ; pc 601
    PUSHI 0    ; pc 604
    SSTORE    ; pc 606
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 607
    LOAD 2    ; pc 610
    LOAD 3    ; pc 612
    PUSHC 0x000000000000000000000000    ; pc 614
    SWAP 1    ; pc 617
    BCAT    ; pc 619
    CALLER    ; pc 620
    PUSHC 0x000000000000000000000000    ; pc 621
    SWAP 1    ; pc 624
    BCAT    ; pc 626
    PUSHC 0x    ; pc 627
    LOG 4    ; pc 630
    JMP L636    ; pc 632
L635:
    POP    ; pc 635
L636:
    ENCODE "()"    ; pc 636
    RET    ; pc 639
.end
.function f5 external view selector=0xe9a7f3d4 params=b locals=bb returns=b
    LOAD 0    ; pc 640
    DECODE "(bytes32,address)"    ; pc 642
    STORE 2    ; pc 645
    STORE 1    ; pc 647
    PUSHC 0x07dffdb0063bc112    ; pc 649
    LOAD 1    ; pc 652
    BCAT    ; pc 654
    LOAD 2    ; pc 655
    BCAT    ; pc 657
    SLOAD    ; pc 658
    ENCODE "(bool)"    ; pc 659
    RET    ; pc 662
.end
.function f6 constructor params=b locals=- returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 663
    CALLER    ; pc 666
    BCAT    ; pc 667
    PUSHI 1    ; pc 668
    SSTORE    ; pc 670
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 671
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 674
    CALLER    ; pc 677
    PUSHC 0x000000000000000000000000    ; pc 678
    SWAP 1    ; pc 681
    BCAT    ; pc 683
    CALLER    ; pc 684
    PUSHC 0x000000000000000000000000    ; pc 685
    SWAP 1    ; pc 688
    BCAT    ; pc 690
    PUSHC 0x    ; pc 691
    LOG 4    ; pc 694
    PUSHC 0x    ; pc 696
    RET    ; pc 699
.end
.function f7 params=bl locals=- returns=-
    LOAD 0    ; pc 700
    PUSHC 0x80084bf2    ; pc 702
    BCAT    ; pc 705
    LOAD 1    ; pc 706
    PUSHI 0    ; pc 708
    LGET int    ; pc 710
    SSTORE    ; pc 712
    LOAD 0    ; pc 713
    PUSHC 0xb039179a    ; pc 715
    BCAT    ; pc 718
    LOAD 1    ; pc 719
    PUSHI 1    ; pc 721
    LGET list    ; pc 723
    ICALL f9    ; pc 725
    RET    ; pc 728
.end
.function f8 params=b locals=- returns=l
    LOAD 0    ; pc 729
    PUSHC 0x80084bf2    ; pc 731
    BCAT    ; pc 734
    SLOAD    ; pc 735
    LOAD 0    ; pc 736
    PUSHC 0xb039179a    ; pc 738
    BCAT    ; pc 741
    ICALL f10    ; pc 742
    LMAKE 2    ; pc 745
    RET    ; pc 748
.end
.function f9 params=bl locals=ii returns=-
    LOAD 1    ; pc 749
    LLEN    ; pc 751
    DUP 0    ; pc 752
    STORE 2    ; pc 754
    LOAD 0    ; pc 756
    SWAP 1    ; pc 758
    SSTORE    ; pc 760
    JMP L788    ; pc 761
L764:
    LOAD 0    ; pc 764
    LOAD 3    ; pc 766
    BFROMI u32    ; pc 768
    BCAT    ; pc 770
    LOAD 1    ; pc 771
    LOAD 3    ; pc 773
    LGET bytes    ; pc 775
    BTOI u160    ; pc 777
    SSTORE    ; pc 779
    LOAD 3    ; pc 780
    PUSHI 1    ; pc 782
    ADD u32    ; pc 784
    STORE 3    ; pc 786
L788:
    LOAD 3    ; pc 788
    LOAD 2    ; pc 790
    LT    ; pc 792
    JMPIF L764    ; pc 793
    RET    ; pc 796
.end
.function f10 params=b locals=lii returns=l
    LMAKE 0    ; pc 797
    STORE 1    ; pc 800
    LOAD 0    ; pc 802
    SLOAD    ; pc 804
    STORE 2    ; pc 805
    JMP L833    ; pc 807
L810:
    LOAD 1    ; pc 810
    LOAD 0    ; pc 812
    LOAD 3    ; pc 814
    BFROMI u32    ; pc 816
    BCAT    ; pc 818
    SLOAD    ; pc 819
    BFROMI u160    ; pc 820
    LPUSH 2    ; pc 822
    LOAD 3    ; pc 825
    PUSHI 1    ; pc 827
    ADD u32    ; pc 829
    STORE 3    ; pc 831
L833:
    LOAD 3    ; pc 833
    LOAD 2    ; pc 835
    LT    ; pc 837
    JMPIF L810    ; pc 838
    LOAD 1    ; pc 841
    RET    ; pc 843
.end
