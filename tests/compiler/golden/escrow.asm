.function f0 constructor params=b locals=bblbbilii returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 0
    CALLER    ; pc 3
    BCAT    ; pc 4
    PUSHI 1    ; pc 5
    SSTORE    ; pc 7
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 8
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 11
    CALLER    ; pc 14
    PUSHC 0x000000000000000000000000    ; pc 15
    SWAP 1    ; pc 18
    BCAT    ; pc 20
    CALLER    ; pc 21
    PUSHC 0x000000000000000000000000    ; pc 22
    SWAP 1    ; pc 25
    BCAT    ; pc 27
    PUSHC 0x    ; pc 28
    LOG 4    ; pc 31
    LOAD 0    ; pc 33
    DECODE "(address,address,u128[<=20])"    ; pc 35
    STORE 3    ; pc 38
    STORE 2    ; pc 40
    STORE 1    ; pc 42
    LOAD 1    ; pc 44
    PUSHC 0x8a0df52bcedfa766    ; pc 46
    SWAP 1    ; pc 49
    BTOI u160    ; pc 51
    SSTORE    ; pc 53
    LOAD 2    ; pc 54
    PUSHC 0x72211f382137173b    ; pc 56
    SWAP 1    ; pc 59
    BTOI u160    ; pc 61
    SSTORE    ; pc 63
    PUSHC 0xd50787e4e4518c6af99f64490c5bfef00c8532f09f2fcf1865fb560153eabd45    ; pc 64
    STORE 4    ; pc 67
    LOAD 2    ; pc 69
    STORE 5    ; pc 71
    PUSHC 0x07dffdb0063bc112    ; pc 73
    LOAD 4    ; pc 76
    BCAT    ; pc 78
    LOAD 5    ; pc 79
    BCAT    ; pc 81
    DUP 0    ; pc 82
    SLOAD    ; pc 84
    JMPIF L119    ; pc 85
    PUSHI 1    ; pc 88
    SSTORE    ; pc 90
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 91
    LOAD 4    ; pc 94
    LOAD 5    ; pc 96
    PUSHC 0x000000000000000000000000    ; pc 98
    SWAP 1    ; pc 101
    BCAT    ; pc 103
    CALLER    ; pc 104
    PUSHC 0x000000000000000000000000    ; pc 105
    SWAP 1    ; pc 108
    BCAT    ; pc 110
    PUSHC 0x    ; pc 111
    LOG 4    ; pc 114
    JMP L120    ; pc 116
L119:
    POP    ; pc 119
L120:
    LOAD 3    ; pc 120
    DUP 0    ; pc 122
    STORE 7    ; pc 124
    LLEN    ; pc 126
    STORE 9    ; pc 127
    PUSHI 0    ; pc 129
    STORE 8    ; pc 131
    JMP L190    ; pc 133
L136:
    LOAD 7    ; pc 136
    LOAD 8    ; pc 138
    LGET int    ; pc 140
    STORE 6    ; pc 142
    PUSHC 0xbe3cc70e4859f34d    ; pc 144
    PUSHC 0xf5c36f49962c26c5    ; pc 147
    SLOAD    ; pc 150
    BFROMI u16    ; pc 151
    BCAT    ; pc 153
    LOAD 6    ; pc 154
    PUSHI 0    ; pc 156
    PUSHI 0    ; pc 158
    PUSHC 0x0000000000000000000000000000000000000000000000000000000000000000    ; pc 160
    PUSHI 0    ; pc 163
    LMAKE 5    ; pc 165
    ICALL f14    ; pc 168
    PUSHC 0xf5c36f49962c26c5    ; pc 171
    DUP 0    ; pc 174
    SLOAD    ; pc 176
    PUSHI 1    ; pc 177
    ADD u16    ; pc 179
    SSTORE    ; pc 181
    LOAD 8    ; pc 182
    PUSHI 1    ; pc 184
    ADD u32    ; pc 186
    STORE 8    ; pc 188
L190:
    LOAD 8    ; pc 190
    LOAD 9    ; pc 192
    LT    ; pc 194
    JMPIF L136    ; pc 195
    PUSHC 0x    ; pc 198
    RET    ; pc 201
.end
.function f1 params=ii locals=i returns=-
    PUSHC 0xbe3cc70e4859f34d    ; pc 202
    LOAD 0    ; pc 205
    BFROMI u16    ; pc 207
    BCAT    ; pc 209
    PUSHC 0xae1ec56c    ; pc 210
    BCAT    ; pc 213
    SLOAD    ; pc 214
    STORE 2    ; pc 215
    LOAD 2    ; pc 217
    LOAD 1    ; pc 219
    NE    ; pc 221
    JMPIFNOT L237    ; pc 222
    PUSHC 0xf3ad2581    ; pc 225
    LOAD 0    ; pc 228
    LOAD 2    ; pc 230
    ENCODE "(u16,u8)"    ; pc 232
    BCAT    ; pc 235
    REVERT    ; pc 236
L237:
    RET    ; pc 237
.end
.function f2 external selector=0x1f3e7bc7 params=b locals=i returns=b
    PUSHC 0x07dffdb0063bc112d50787e4e4518c6af99f64490c5bfef00c8532f09f2fcf1865fb560153eabd45    ; pc 238
    CALLER    ; pc 241
    BCAT    ; pc 242
    SLOAD    ; pc 243
    JMPIF L259    ; pc 244
    PUSHC 0x4df71603    ; pc 247
    PUSHC 0xd50787e4e4518c6af99f64490c5bfef00c8532f09f2fcf1865fb560153eabd45    ; pc 250
    CALLER    ; pc 253
    ENCODE "(bytes32,address)"    ; pc 254
    BCAT    ; pc 257
    REVERT    ; pc 258
L259:
    LOAD 0    ; pc 259
    DECODE "(u16)"    ; pc 261
    STORE 1    ; pc 264
    LOAD 1    ; pc 266
    PUSHC 0xf5c36f49962c26c5    ; pc 268
    SLOAD    ; pc 271
    LT    ; pc 272
    JMPIF L280    ; pc 273
    PUSHC 0x4e401cbe000000116e6f2073756368206d696c6573746f6e65    ; pc 276
    REVERT    ; pc 279
L280:
    LOAD 1    ; pc 280
    PUSHI 0    ; pc 282
    ICALL f1    ; pc 284
    PUSHC 0xbe3cc70e4859f34d    ; pc 287
    LOAD 1    ; pc 290
    BFROMI u16    ; pc 292
    BCAT    ; pc 294
    PUSHC 0xae1ec56c    ; pc 295
    BCAT    ; pc 298
    PUSHI 1    ; pc 299
    SSTORE    ; pc 301
    PUSHC 0x    ; pc 302
    RET    ; pc 305
.end
.function f3 external selector=0x8daad242 params=b locals=iibl returns=b
    PUSHC 0x07dffdb0063bc1124b45f539693e19ba57f4800bbe8cb53e6f40d225936ce801558fa0124f285cc2    ; pc 306
    CALLER    ; pc 309
    BCAT    ; pc 310
    SLOAD    ; pc 311
    JMPIF L327    ; pc 312
    PUSHC 0x4df71603    ; pc 315
    PUSHC 0x4b45f539693e19ba57f4800bbe8cb53e6f40d225936ce801558fa0124f285cc2    ; pc 318
    CALLER    ; pc 321
    ENCODE "(bytes32,address)"    ; pc 322
    BCAT    ; pc 325
    REVERT    ; pc 326
L327:
    LOAD 0    ; pc 327
    DECODE "(u16,u128,bytes32)"    ; pc 329
    STORE 3    ; pc 332
    STORE 2    ; pc 334
    STORE 1    ; pc 336
    LOAD 1    ; pc 338
    PUSHI 1    ; pc 340
    ICALL f1    ; pc 342
    PUSHC 0xbe3cc70e4859f34d    ; pc 345
    LOAD 1    ; pc 348
    BFROMI u16    ; pc 350
    BCAT    ; pc 352
    ICALL f15    ; pc 353
    STORE 4    ; pc 356
    LOAD 2    ; pc 358
    LOAD 4    ; pc 360
    PUSHI 0    ; pc 362
    LGET int    ; pc 364
    LE    ; pc 366
    JMPIF L374    ; pc 367
    PUSHC 0x4e401cbe000000096f76657220706c616e    ; pc 370
    REVERT    ; pc 373
L374:
    LOAD 4    ; pc 374
    PUSHI 1    ; pc 376
    LOAD 2    ; pc 378
    LSET    ; pc 380
    LOAD 4    ; pc 381
    PUSHI 3    ; pc 383
    LOAD 3    ; pc 385
    LSET    ; pc 387
    LOAD 4    ; pc 388
    PUSHI 4    ; pc 390
    PUSHI 2    ; pc 392
    LSET    ; pc 394
    PUSHC 0xbe3cc70e4859f34d    ; pc 395
    LOAD 1    ; pc 398
    BFROMI u16    ; pc 400
    BCAT    ; pc 402
    LOAD 4    ; pc 403
    LCOPY    ; pc 405
    ICALL f14    ; pc 406
    PUSHC 0x8cafe0d0cafc2b0f8b8e7cfbedeee1c81de712d2bb8ad00d86535671af0e8648    ; pc 409
    LOAD 1    ; pc 412
    BFROMI u256    ; pc 414
    LOAD 2    ; pc 416
    LOAD 3    ; pc 418
    ENCODE "(u128,bytes32)"    ; pc 420
    LOG 2    ; pc 423
    PUSHC 0x    ; pc 425
    RET    ; pc 428
.end
.function f4 external selector=0x1cb88c8c params=b locals=iliii returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 429
    CALLER    ; pc 432
    BCAT    ; pc 433
    SLOAD    ; pc 434
    JMPIF L450    ; pc 435
    PUSHC 0x4df71603    ; pc 438
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 441
    CALLER    ; pc 444
    ENCODE "(bytes32,address)"    ; pc 445
    BCAT    ; pc 448
    REVERT    ; pc 449
L450:
    LOAD 0    ; pc 450
    DECODE "(u16)"    ; pc 452
    STORE 1    ; pc 455
    LOAD 1    ; pc 457
    PUSHI 2    ; pc 459
    ICALL f1    ; pc 461
    PUSHC 0xbe3cc70e4859f34d    ; pc 464
    LOAD 1    ; pc 467
    BFROMI u16    ; pc 469
    BCAT    ; pc 471
    ICALL f15    ; pc 472
    STORE 2    ; pc 475
    LOAD 2    ; pc 477
    PUSHI 1    ; pc 479
    LGET int    ; pc 481
    PUSHC 300    ; pc 483
    MUL u128    ; pc 486
    PUSHC 10000    ; pc 488
    DIV u128    ; pc 491
    STORE 3    ; pc 493
    LOAD 2    ; pc 495
    PUSHI 1    ; pc 497
    LGET int    ; pc 499
    LOAD 3    ; pc 501
    SUB u128    ; pc 503
    STORE 4    ; pc 505
    PUSHC 0x8a0df52bcedfa766    ; pc 507
    SLOAD    ; pc 510
    BFROMI u160    ; pc 511
    PUSHC 0x3034957f    ; pc 513
    SELF    ; pc 516
    ENCODE "(address)"    ; pc 517
    PUSHI -1    ; pc 520
    SCALL    ; pc 522
    SWAP 1    ; pc 523
    JMPIF L529    ; pc 525
    REVERT    ; pc 528
L529:
    DECODE "(u256)"    ; pc 529
    STORE 5    ; pc 532
    LOAD 5    ; pc 534
    LOAD 4    ; pc 536
    LT    ; pc 538
    JMPIFNOT L554    ; pc 539
    PUSHC 0x175cf8cb    ; pc 542
    LOAD 4    ; pc 545
    LOAD 5    ; pc 547
    ENCODE "(u256,u256)"    ; pc 549
    BCAT    ; pc 552
    REVERT    ; pc 553
L554:
    PUSHC 0xbe3cc70e4859f34d    ; pc 554
    LOAD 1    ; pc 557
    BFROMI u16    ; pc 559
    BCAT    ; pc 561
    PUSHC 0xdbc9cfcc    ; pc 562
    BCAT    ; pc 565
    LOAD 3    ; pc 566
    SSTORE    ; pc 568
    PUSHC 0xbe3cc70e4859f34d    ; pc 569
    LOAD 1    ; pc 572
    BFROMI u16    ; pc 574
    BCAT    ; pc 576
    PUSHC 0xae1ec56c    ; pc 577
    BCAT    ; pc 580
    PUSHI 3    ; pc 581
    SSTORE    ; pc 583
    PUSHC 0x907e8d20a98380e1    ; pc 584
    DUP 0    ; pc 587
    SLOAD    ; pc 589
    LOAD 3    ; pc 590
    ADD u128    ; pc 592
    SSTORE    ; pc 594
    PUSHC 0x8a0df52bcedfa766    ; pc 595
    SLOAD    ; pc 598
    BFROMI u160    ; pc 599
    PUSHC 0x2bd9894f    ; pc 601
    PUSHC 0x72211f382137173b    ; pc 604
    SLOAD    ; pc 607
    BFROMI u160    ; pc 608
    LOAD 4    ; pc 610
    ENCODE "(address,u256)"    ; pc 612
    PUSHI 0    ; pc 615
    PUSHI -1    ; pc 617
    CALL    ; pc 619
    SWAP 1    ; pc 620
    JMPIF L626    ; pc 622
    REVERT    ; pc 625
L626:
    DECODE "(bool)"    ; pc 626
    JMPIF L636    ; pc 629
    PUSHC "`Jf^"    ; pc 632
    REVERT    ; pc 635
L636:
    PUSHC 0xead06d936948630679f390d662cc2154d3d680b7962236b01e25ab346b1bee7f    ; pc 636
    LOAD 1    ; pc 639
    BFROMI u256    ; pc 641
    PUSHC 0x72211f382137173b    ; pc 643
    SLOAD    ; pc 646
    BFROMI u160    ; pc 647
    PUSHC 0x000000000000000000000000    ; pc 649
    SWAP 1    ; pc 652
    BCAT    ; pc 654
    LOAD 4    ; pc 655
    LOAD 3    ; pc 657
    ENCODE "(u128,u128)"    ; pc 659
    LOG 3    ; pc 662
    PUSHC 0x    ; pc 664
    RET    ; pc 667
.end
.function f5 external view selector=0xfc147e57 params=b locals=li returns=b
    LOAD 0    ; pc 668
    BLEN    ; pc 670
    JMPIFNOT L678    ; pc 671
    PUSHC 0xba8add75    ; pc 674
    REVERT    ; pc 677
L678:
    LMAKE 0    ; pc 678
    STORE 1    ; pc 681
    PUSHI 0    ; pc 683
    STORE 2    ; pc 685
L687:
    LOAD 2    ; pc 687
    PUSHC 0xf5c36f49962c26c5    ; pc 689
    SLOAD    ; pc 692
    GE    ; pc 693
    JMPIFNOT L700    ; pc 694
    JMP L734    ; pc 697
L700:
    LOAD 1    ; pc 700
    PUSHC 0xbe3cc70e4859f34d    ; pc 702
    LOAD 2    ; pc 705
    BFROMI u16    ; pc 707
    BCAT    ; pc 709
    PUSHC 0xae1ec56c    ; pc 710
    BCAT    ; pc 713
    SLOAD    ; pc 714
    LPUSH 20    ; pc 715
    LOAD 2    ; pc 718
    PUSHI 1    ; pc 720
    ADD u256    ; pc 722
    STORE 2    ; pc 724
    LOAD 2    ; pc 726
    PUSHI 20    ; pc 728
    LT    ; pc 730
    JMPIF L687    ; pc 731
L734:
    LOAD 1    ; pc 734
    LCOPY    ; pc 736
    ENCODE "(u8[<=20])"    ; pc 737
    RET    ; pc 740
.end
.function f6 external view selector=0x4ef8aed0 params=b locals=- returns=b
    LOAD 0    ; pc 741
    BLEN    ; pc 743
    JMPIFNOT L751    ; pc 744
    PUSHC 0xba8add75    ; pc 747
    REVERT    ; pc 750
L751:
    PUSHC 0x72211f382137173b    ; pc 751
    SLOAD    ; pc 754
    BFROMI u160    ; pc 755
    ENCODE "(address)"    ; pc 757
    RET    ; pc 760
.end
.function f7 external view selector=0xd9f18eee params=b locals=i returns=b
    LOAD 0    ; pc 761
    DECODE "(u16)"    ; pc 763
    STORE 1    ; pc 766
    PUSHC 0xbe3cc70e4859f34d    ; pc 768
    LOAD 1    ; pc 771
    BFROMI u16    ; pc 773
    BCAT    ; pc 775
    ICALL f15    ; pc 776
    ENCODE "((u128,u128,u128,bytes32,u8))"    ; pc 779
    RET    ; pc 782
.end
.function f8 external view selector=0x2d7d47f2 params=b locals=- returns=b
    LOAD 0    ; pc 783
    BLEN    ; pc 785
    JMPIFNOT L793    ; pc 786
    PUSHC 0xba8add75    ; pc 789
    REVERT    ; pc 792
L793:
    PUSHC 0xf5c36f49962c26c5    ; pc 793
    SLOAD    ; pc 796
    ENCODE "(u16)"    ; pc 797
    RET    ; pc 800
.end
.function f9 external view selector=0x07360174 params=b locals=- returns=b
    LOAD 0    ; pc 801
    BLEN    ; pc 803
    JMPIFNOT L811    ; pc 804
    PUSHC 0xba8add75    ; pc 807
    REVERT    ; pc 810
L811:
    PUSHC 0x907e8d20a98380e1    ; pc 811
    SLOAD    ; pc 814
    ENCODE "(u128)"    ; pc 815
    RET    ; pc 818
.end
.function f10 external selector=0x7fd859ea params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 819
    CALLER    ; pc 822
    BCAT    ; pc 823
    SLOAD    ; pc 824
    JMPIF L840    ; pc 825
    PUSHC 0x4df71603    ; pc 828
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 831
    CALLER    ; pc 834
    ENCODE "(bytes32,address)"    ; pc 835
    BCAT    ; pc 838
    REVERT    ; pc 839
L840:
    LOAD 0    ; pc 840
    DECODE "(bytes32,address)"    ; pc 842
    STORE 2    ; pc 845
    STORE 1    ; pc 847
    LOAD 1    ; pc 849
    STORE 3    ; pc 851
    LOAD 2    ; pc 853
    STORE 4    ; pc 855
    PUSHC 0x07dffdb0063bc112    ; pc 857
    LOAD 3    ; pc 860
    BCAT    ; pc 862
    LOAD 4    ; pc 863
    BCAT    ; pc 865
    DUP 0    ; pc 866
    SLOAD    ; pc 868
    JMPIF L903    ; pc 869
    PUSHI 1    ; pc 872
    SSTORE    ; pc 874
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 875
    LOAD 3    ; pc 878
    LOAD 4    ; pc 880
    PUSHC 0x000000000000000000000000    ; pc 882
    SWAP 1    ; pc 885
    BCAT    ; pc 887
    CALLER    ; pc 888
    PUSHC 0x000000000000000000000000    ; pc 889
    SWAP 1    ; pc 892
    BCAT    ; pc 894
    PUSHC 0x    ; pc 895
    LOG 4    ; pc 898
    JMP L904    ; pc 900
L903:
    POP    ; pc 903
L904:
    PUSHC 0x    ; pc 904
    RET    ; pc 907
.end
.function f11 external selector=0xdd326c95 params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 908
    CALLER    ; pc 911
    BCAT    ; pc 912
    SLOAD    ; pc 913
    JMPIF L929    ; pc 914
    PUSHC 0x4df71603    ; pc 917
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 920
    CALLER    ; pc 923
    ENCODE "(bytes32,address)"    ; pc 924
    BCAT    ; pc 927
    REVERT    ; pc 928
L929:
    LOAD 0    ; pc 929
    DECODE "(bytes32,address)"    ; pc 931
    STORE 2    ; pc 934
    STORE 1    ; pc 936
    LOAD 1    ; pc 938
    STORE 3    ; pc 940
    LOAD 2    ; pc 942
    STORE 4    ; pc 944
    PUSHC 0x07dffdb0063bc112    ; pc 946
    LOAD 3    ; pc 949
    BCAT    ; pc 951
    LOAD 4    ; pc 952
    BCAT    ; pc 954
    DUP 0    ; pc 955
    SLOAD    ; pc 957
    JMPIFNOT L992    ; pc 958
    PUSHI 0    ; pc 961
    SSTORE    ; pc 963
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 964
    LOAD 3    ; pc 967
    LOAD 4    ; pc 969
    PUSHC 0x000000000000000000000000    ; pc 971
    SWAP 1    ; pc 974
    BCAT    ; pc 976
    CALLER    ; pc 977
    PUSHC 0x000000000000000000000000    ; pc 978
    SWAP 1    ; pc 981
    BCAT    ; pc 983
    PUSHC 0x    ; pc 984
    LOG 4    ; pc 987
    JMP L993    ; pc 989
L992:
    POP    ; pc 992
L993:
    PUSHC 0x    ; pc 993
    RET    ; pc 996
.end
.function f12 external selector=0x6a1192ea params=b locals=bbb returns=b
    LOAD 0    ; pc 997
    DECODE "(bytes32)"    ; pc 999
    STORE 1    ; pc 1002
    LOAD 1    ; pc 1004
    STORE 2    ; pc 1006
    CALLER    ; pc 1008
    STORE 3    ; pc 1009
    PUSHC 0x07dffdb0063bc112    ; pc 1011
    LOAD 2    ; pc 1014
    BCAT    ; pc 1016
    LOAD 3    ; pc 1017
    BCAT    ; pc 1019
    DUP 0    ; pc 1020
    SLOAD    ; pc 1022
    JMPIFNOT L1057    ; pc 1023
    PUSHI 0    ; pc 1026
    SSTORE    ; pc 1028
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 1029
    LOAD 2    ; pc 1032
    LOAD 3    ; pc 1034
    PUSHC 0x000000000000000000000000    ; pc 1036
    SWAP 1    ; pc 1039
    BCAT    ; pc 1041
    CALLER    ; pc 1042
    PUSHC 0x000000000000000000000000    ; pc 1043
    SWAP 1    ; pc 1046
    BCAT    ; pc 1048
    PUSHC 0x    ; pc 1049
    LOG 4    ; pc 1052
    JMP L1058    ; pc 1054
L1057:
    POP    ; pc 1057
L1058:
    PUSHC 0x    ; pc 1058
    RET    ; pc 1061
.end
.function f13 external view selector=0xe9a7f3d4 params=b locals=bb returns=b
    LOAD 0    ; pc 1062
    DECODE "(bytes32,address)"    ; pc 1064
    STORE 2    ; pc 1067
    STORE 1    ; pc 1069
    PUSHC 0x07dffdb0063bc112    ; pc 1071
    LOAD 1    ; pc 1074
    BCAT    ; pc 1076
    LOAD 2    ; pc 1077
    BCAT    ; pc 1079
    SLOAD    ; pc 1080
    ENCODE "(bool)"    ; pc 1081
    RET    ; pc 1084
.end
.function f14 params=bl locals=- returns=-
    LOAD 0    ; pc 1085
    PUSHC 0x55455381    ; pc 1087
    BCAT    ; pc 1090
    LOAD 1    ; pc 1091
    PUSHI 0    ; pc 1093
    LGET int    ; pc 1095
    SSTORE    ; pc 1097
    LOAD 0    ; pc 1098
    PUSHC 0x87198ee0    ; pc 1100
    BCAT    ; pc 1103
    LOAD 1    ; pc 1104
    PUSHI 1    ; pc 1106
    LGET int    ; pc 1108
    SSTORE    ; pc 1110
    LOAD 0    ; pc 1111
    PUSHC 0xdbc9cfcc    ; pc 1113
    BCAT    ; pc 1116
    LOAD 1    ; pc 1117
    PUSHI 2    ; pc 1119
    LGET int    ; pc 1121
    SSTORE    ; pc 1123
    LOAD 0    ; pc 1124
    PUSHC 0xeb5af3fe    ; pc 1126
    BCAT    ; pc 1129
    LOAD 1    ; pc 1130
    PUSHI 3    ; pc 1132
    LGET bytes    ; pc 1134
    BTOI u256    ; pc 1136
    SSTORE    ; pc 1138
    LOAD 0    ; pc 1139
    PUSHC 0xae1ec56c    ; pc 1141
    BCAT    ; pc 1144
    LOAD 1    ; pc 1145
    PUSHI 4    ; pc 1147
    LGET int    ; pc 1149
    SSTORE    ; pc 1151
    RET    ; pc 1152
.end
.function f15 params=b locals=- returns=l
    LOAD 0    ; pc 1153
    PUSHC 0x55455381    ; pc 1155
    BCAT    ; pc 1158
    SLOAD    ; pc 1159
    LOAD 0    ; pc 1160
    PUSHC 0x87198ee0    ; pc 1162
    BCAT    ; pc 1165
    SLOAD    ; pc 1166
    LOAD 0    ; pc 1167
    PUSHC 0xdbc9cfcc    ; pc 1169
    BCAT    ; pc 1172
    SLOAD    ; pc 1173
    LOAD 0    ; pc 1174
    PUSHC 0xeb5af3fe    ; pc 1176
    BCAT    ; pc 1179
    SLOAD    ; pc 1180
    BFROMI u256    ; pc 1181
    LOAD 0    ; pc 1183
    PUSHC 0xae1ec56c    ; pc 1185
    BCAT    ; pc 1188
    SLOAD    ; pc 1189
    LMAKE 5    ; pc 1190
    RET    ; pc 1193
.end
