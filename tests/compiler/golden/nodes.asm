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
    LCOPY    ; pc 256
    ICALL f7    ; pc 257
    PUSHC "x"    ; pc 260
    SHA3    ; pc 263
    PUSHI 0    ; pc 264
    PUSHI 20    ; pc 266
    BSLICE    ; pc 268
    DUP 0    ; pc 269
    BLEN    ; pc 271
    PUSHI 20    ; pc 272
    EQ    ; pc 274
    JMPIF L282    ; pc 275
    PUSHC 0xd8bbfea3    ; pc 278
    REVERT    ; pc 281
L282:
    PUSHC 0x1b42f48aa4371867    ; pc 282
    CALLER    ; pc 285
    BCAT    ; pc 286
    PUSHC 0xb039179a    ; pc 287
    BCAT    ; pc 290
    DUP 0    ; pc 291
    SLOAD    ; pc 293
    DUP 0    ; pc 294
    PUSHI 2    ; pc 296
    LT    ; pc 298
    JMPIF L306    ; pc 299
    PUSHC 0xd8bbfea3    ; pc 302
    REVERT    ; pc 305
L306:
    DUP 1    ; pc 306
    DUP 1    ; pc 308
    PUSHI 1    ; pc 310
    ADD u32    ; pc 312
    SSTORE    ; pc 314
    BFROMI u32    ; pc 315
    BCAT    ; pc 317
    SWAP 1    ; pc 318
    BTOI u160    ; pc 320
    SSTORE    ; pc 322
    LOAD 2    ; pc 323
    PUSHC 0x9532e91c    ; pc 325
    LOAD 1    ; pc 328
    ENCODE "(u8)"    ; pc 330
    PUSHI -1    ; pc 333
    SCALL    ; pc 335
    SWAP 1    ; pc 336
    JMPIF L342    ; pc 338
    REVERT    ; pc 341
L342:
    DECODE "(bool)"    ; pc 342
    STORE 10    ; pc 345
    LOAD 1    ; pc 347
    PUSHC 255    ; pc 349
    EQ    ; pc 352
    JMPIFNOT L360    ; pc 353
    PUSHC 0x4e401cbe000000036d6178    ; pc 356
    REVERT    ; pc 359
L360:
    LOAD 8    ; pc 360
    PUSHI 0    ; pc 362
    LGET int    ; pc 364
    PUSHI 3    ; pc 366
    AND    ; pc 368
    PUSHI 3    ; pc 369
    OR    ; pc 371
    LOAD 10    ; pc 372
    ENCODE "(u8,bool)"    ; pc 374
    RET    ; pc 377
.end
.function f1 external view selector=0xf58d177d params=b locals=b returns=b
    LOAD 0    ; pc 378
    DECODE "(address)"    ; pc 380
    STORE 1    ; pc 383
    PUSHC 0x1b42f48aa4371867    ; pc 385
    LOAD 1    ; pc 388
    BCAT    ; pc 390
    ICALL f8    ; pc 391
    ENCODE "((u8,address[<=2]))"    ; pc 394
    RET    ; pc 397
.end
.function f2 external selector=0x7fd859ea params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 398
    CALLER    ; pc 401
    BCAT    ; pc 402
    SLOAD    ; pc 403
    JMPIF L419    ; pc 404
    PUSHC 0x4df71603    ; pc 407
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 410
    CALLER    ; pc 413
    ENCODE "(bytes32,address)"    ; pc 414
    BCAT    ; pc 417
    REVERT    ; pc 418
L419:
    LOAD 0    ; pc 419
    DECODE "(bytes32,address)"    ; pc 421
    STORE 2    ; pc 424
    STORE 1    ; pc 426
    LOAD 1    ; pc 428
    STORE 3    ; pc 430
    LOAD 2    ; pc 432
    STORE 4    ; pc 434
    PUSHC 0x07dffdb0063bc112    ; pc 436
    LOAD 3    ; pc 439
    BCAT    ; pc 441
    LOAD 4    ; pc 442
    BCAT    ; pc 444
    DUP 0    ; pc 445
    SLOAD    ; pc 447
    JMPIF L482    ; pc 448
    PUSHI 1    ; pc 451
    SSTORE    ; pc 453
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 454
    LOAD 3    ; pc 457
    LOAD 4    ; pc 459
    PUSHC 0x000000000000000000000000    ; pc 461
    SWAP 1    ; pc 464
    BCAT    ; pc 466
    CALLER    ; pc 467
    PUSHC 0x000000000000000000000000    ; pc 468
    SWAP 1    ; pc 471
    BCAT    ; pc 473
    PUSHC 0x    ; pc 474
    LOG 4    ; pc 477
    JMP L483    ; pc 479
L482:
    POP    ; pc 482
L483:
    PUSHC 0x    ; pc 483
    RET    ; pc 486
.end
.function f3 external selector=0xdd326c95 params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 487
    CALLER    ; pc 490
    BCAT    ; pc 491
    SLOAD    ; pc 492
    JMPIF L508    ; pc 493
    PUSHC 0x4df71603    ; pc 496
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 499
    CALLER    ; pc 502
    ENCODE "(bytes32,address)"    ; pc 503
    BCAT    ; pc 506
    REVERT    ; pc 507
L508:
    LOAD 0    ; pc 508
    DECODE "(bytes32,address)"    ; pc 510
    STORE 2    ; pc 513
    STORE 1    ; pc 515
    LOAD 1    ; pc 517
    STORE 3    ; pc 519
    LOAD 2    ; pc 521
    STORE 4    ; pc 523
    PUSHC 0x07dffdb0063bc112    ; pc 525
    LOAD 3    ; pc 528
    BCAT    ; pc 530
    LOAD 4    ; pc 531
    BCAT    ; pc 533
    DUP 0    ; pc 534
    SLOAD    ; pc 536
    JMPIFNOT L571    ; pc 537
    PUSHI 0    ; pc 540
    SSTORE    ; pc 542
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 543
    LOAD 3    ; pc 546
    LOAD 4    ; pc 548
    PUSHC 0x000000000000000000000000    ; pc 550
    SWAP 1    ; pc 553
    BCAT    ; pc 555
    CALLER    ; pc 556
    PUSHC 0x000000000000000000000000    ; pc 557
    SWAP 1    ; pc 560
    BCAT    ; pc 562
    PUSHC 0x    ; pc 563
    LOG 4    ; pc 566
    JMP L572    ; pc 568
L571:
    POP    ; pc 571
L572:
    PUSHC 0x    ; pc 572
    RET    ; pc 575
.end
.function f4 external selector=0x6a1192ea params=b locals=bbb returns=b
    LOAD 0    ; pc 576
    DECODE "(bytes32)"    ; pc 578
    STORE 1    ; pc 581
    LOAD 1    ; pc 583
    STORE 2    ; pc 585
    CALLER    ; pc 587
    STORE 3    ; pc 588
    PUSHC 0x07dffdb0063bc112    ; pc 590
    LOAD 2    ; pc 593
    BCAT    ; pc 595
    LOAD 3    ; pc 596
    BCAT    ; pc 598
    DUP 0    ; pc 599
    SLOAD    ; pc 601
    JMPIFNOT L636    ; pc 602
    PUSHI 0    ; pc 605
    SSTORE    ; pc 607
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 608
    LOAD 2    ; pc 611
    LOAD 3    ; pc 613
    PUSHC 0x000000000000000000000000    ; pc 615
    SWAP 1    ; pc 618
    BCAT    ; pc 620
    CALLER    ; pc 621
    PUSHC 0x000000000000000000000000    ; pc 622
    SWAP 1    ; pc 625
    BCAT    ; pc 627
    PUSHC 0x    ; pc 628
    LOG 4    ; pc 631
    JMP L637    ; pc 633
L636:
    POP    ; pc 636
L637:
    PUSHC 0x    ; pc 637
    RET    ; pc 640
.end
.function f5 external view selector=0xe9a7f3d4 params=b locals=bb returns=b
    LOAD 0    ; pc 641
    DECODE "(bytes32,address)"    ; pc 643
    STORE 2    ; pc 646
    STORE 1    ; pc 648
    PUSHC 0x07dffdb0063bc112    ; pc 650
    LOAD 1    ; pc 653
    BCAT    ; pc 655
    LOAD 2    ; pc 656
    BCAT    ; pc 658
    SLOAD    ; pc 659
    ENCODE "(bool)"    ; pc 660
    RET    ; pc 663
.end
.function f6 constructor params=b locals=- returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 664
    CALLER    ; pc 667
    BCAT    ; pc 668
    PUSHI 1    ; pc 669
    SSTORE    ; pc 671
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 672
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 675
    CALLER    ; pc 678
    PUSHC 0x000000000000000000000000    ; pc 679
    SWAP 1    ; pc 682
    BCAT    ; pc 684
    CALLER    ; pc 685
    PUSHC 0x000000000000000000000000    ; pc 686
    SWAP 1    ; pc 689
    BCAT    ; pc 691
    PUSHC 0x    ; pc 692
    LOG 4    ; pc 695
    PUSHC 0x    ; pc 697
    RET    ; pc 700
.end
.function f7 params=bl locals=- returns=-
    LOAD 0    ; pc 701
    PUSHC 0x80084bf2    ; pc 703
    BCAT    ; pc 706
    LOAD 1    ; pc 707
    PUSHI 0    ; pc 709
    LGET int    ; pc 711
    SSTORE    ; pc 713
    LOAD 0    ; pc 714
    PUSHC 0xb039179a    ; pc 716
    BCAT    ; pc 719
    LOAD 1    ; pc 720
    PUSHI 1    ; pc 722
    LGET list    ; pc 724
    ICALL f9    ; pc 726
    RET    ; pc 729
.end
.function f8 params=b locals=- returns=l
    LOAD 0    ; pc 730
    PUSHC 0x80084bf2    ; pc 732
    BCAT    ; pc 735
    SLOAD    ; pc 736
    LOAD 0    ; pc 737
    PUSHC 0xb039179a    ; pc 739
    BCAT    ; pc 742
    ICALL f10    ; pc 743
    LMAKE 2    ; pc 746
    RET    ; pc 749
.end
.function f9 params=bl locals=ii returns=-
    LOAD 1    ; pc 750
    LLEN    ; pc 752
    DUP 0    ; pc 753
    STORE 2    ; pc 755
    LOAD 0    ; pc 757
    SWAP 1    ; pc 759
    SSTORE    ; pc 761
    JMP L789    ; pc 762
L765:
    LOAD 0    ; pc 765
    LOAD 3    ; pc 767
    BFROMI u32    ; pc 769
    BCAT    ; pc 771
    LOAD 1    ; pc 772
    LOAD 3    ; pc 774
    LGET bytes    ; pc 776
    BTOI u160    ; pc 778
    SSTORE    ; pc 780
    LOAD 3    ; pc 781
    PUSHI 1    ; pc 783
    ADD u32    ; pc 785
    STORE 3    ; pc 787
L789:
    LOAD 3    ; pc 789
    LOAD 2    ; pc 791
    LT    ; pc 793
    JMPIF L765    ; pc 794
    RET    ; pc 797
.end
.function f10 params=b locals=lii returns=l
    LMAKE 0    ; pc 798
    STORE 1    ; pc 801
    LOAD 0    ; pc 803
    SLOAD    ; pc 805
    STORE 2    ; pc 806
    JMP L834    ; pc 808
L811:
    LOAD 1    ; pc 811
    LOAD 0    ; pc 813
    LOAD 3    ; pc 815
    BFROMI u32    ; pc 817
    BCAT    ; pc 819
    SLOAD    ; pc 820
    BFROMI u160    ; pc 821
    LPUSH 2    ; pc 823
    LOAD 3    ; pc 826
    PUSHI 1    ; pc 828
    ADD u32    ; pc 830
    STORE 3    ; pc 832
L834:
    LOAD 3    ; pc 834
    LOAD 2    ; pc 836
    LT    ; pc 838
    JMPIF L811    ; pc 839
    LOAD 1    ; pc 842
    RET    ; pc 844
.end
