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
    ENCODE "()"    ; pc 198
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
    ENCODE "()"    ; pc 302
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
    ICALL f14    ; pc 405
    PUSHC 0x8cafe0d0cafc2b0f8b8e7cfbedeee1c81de712d2bb8ad00d86535671af0e8648    ; pc 408
    LOAD 1    ; pc 411
    BFROMI u256    ; pc 413
    LOAD 2    ; pc 415
    LOAD 3    ; pc 417
    ENCODE "(u128,bytes32)"    ; pc 419
    LOG 2    ; pc 422
    ENCODE "()"    ; pc 424
    RET    ; pc 427
.end
.function f4 external selector=0x1cb88c8c params=b locals=iliii returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 428
    CALLER    ; pc 431
    BCAT    ; pc 432
    SLOAD    ; pc 433
    JMPIF L449    ; pc 434
    PUSHC 0x4df71603    ; pc 437
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 440
    CALLER    ; pc 443
    ENCODE "(bytes32,address)"    ; pc 444
    BCAT    ; pc 447
    REVERT    ; pc 448
L449:
    LOAD 0    ; pc 449
    DECODE "(u16)"    ; pc 451
    STORE 1    ; pc 454
    LOAD 1    ; pc 456
    PUSHI 2    ; pc 458
    ICALL f1    ; pc 460
    PUSHC 0xbe3cc70e4859f34d    ; pc 463
    LOAD 1    ; pc 466
    BFROMI u16    ; pc 468
    BCAT    ; pc 470
    ICALL f15    ; pc 471
    STORE 2    ; pc 474
    LOAD 2    ; pc 476
    PUSHI 1    ; pc 478
    LGET int    ; pc 480
    PUSHC 300    ; pc 482
    MUL u128    ; pc 485
    PUSHC 10000    ; pc 487
    DIV u128    ; pc 490
    STORE 3    ; pc 492
    LOAD 2    ; pc 494
    PUSHI 1    ; pc 496
    LGET int    ; pc 498
    LOAD 3    ; pc 500
    SUB u128    ; pc 502
    STORE 4    ; pc 504
    PUSHC 0x8a0df52bcedfa766    ; pc 506
    SLOAD    ; pc 509
    BFROMI u160    ; pc 510
    PUSHC 0x3034957f    ; pc 512
    SELF    ; pc 515
    ENCODE "(address)"    ; pc 516
    PUSHI -1    ; pc 519
    SCALL    ; pc 521
    SWAP 1    ; pc 522
    JMPIF L528    ; pc 524
    REVERT    ; pc 527
L528:
    DECODE "(u256)"    ; pc 528
    STORE 5    ; pc 531
    LOAD 5    ; pc 533
    LOAD 4    ; pc 535
    LT    ; pc 537
    JMPIFNOT L553    ; pc 538
    PUSHC 0x175cf8cb    ; pc 541
    LOAD 4    ; pc 544
    LOAD 5    ; pc 546
    ENCODE "(u256,u256)"    ; pc 548
    BCAT    ; pc 551
    REVERT    ; pc 552
L553:
    PUSHC 0xbe3cc70e4859f34d    ; pc 553
    LOAD 1    ; pc 556
    BFROMI u16    ; pc 558
    BCAT    ; pc 560
    PUSHC 0xdbc9cfcc    ; pc 561
    BCAT    ; pc 564
    LOAD 3    ; pc 565
    SSTORE    ; pc 567
    PUSHC 0xbe3cc70e4859f34d    ; pc 568
    LOAD 1    ; pc 571
    BFROMI u16    ; pc 573
    BCAT    ; pc 575
    PUSHC 0xae1ec56c    ; pc 576
    BCAT    ; pc 579
    PUSHI 3    ; pc 580
    SSTORE    ; pc 582
    PUSHC 0x907e8d20a98380e1    ; pc 583
    DUP 0    ; pc 586
    SLOAD    ; pc 588
    LOAD 3    ; pc 589
    ADD u128    ; pc 591
    SSTORE    ; pc 593
    PUSHC 0x8a0df52bcedfa766    ; pc 594
    SLOAD    ; pc 597
    BFROMI u160    ; pc 598
    PUSHC 0x2bd9894f    ; pc 600
    PUSHC 0x72211f382137173b    ; pc 603
    SLOAD    ; pc 606
    BFROMI u160    ; pc 607
    LOAD 4    ; pc 609
    ENCODE "(address,u256)"    ; pc 611
    PUSHI 0    ; pc 614
    PUSHI -1    ; pc 616
    CALL    ; pc 618
    SWAP 1    ; pc 619
    JMPIF L625    ; pc 621
    REVERT    ; pc 624
L625:
    DECODE "(bool)"    ; pc 625
    JMPIF L635    ; pc 628
    PUSHC "`Jf^"    ; pc 631
    REVERT    ; pc 634
L635:
    PUSHC 0xead06d936948630679f390d662cc2154d3d680b7962236b01e25ab346b1bee7f    ; pc 635
    LOAD 1    ; pc 638
    BFROMI u256    ; pc 640
    PUSHC 0x72211f382137173b    ; pc 642
    SLOAD    ; pc 645
    BFROMI u160    ; pc 646
    PUSHC 0x000000000000000000000000    ; pc 648
    SWAP 1    ; pc 651
    BCAT    ; pc 653
    LOAD 4    ; pc 654
    LOAD 3    ; pc 656
    ENCODE "(u128,u128)"    ; pc 658
    LOG 3    ; pc 661
    ENCODE "()"    ; pc 663
    RET    ; pc 666
.end
.function f5 external view selector=0xfc147e57 params=b locals=li returns=b
    LOAD 0    ; pc 667
    DECODE "()"    ; pc 669
    LMAKE 0    ; pc 672
    STORE 1    ; pc 675
    PUSHI 0    ; pc 677
    STORE 2    ; pc 679
L681:
    LOAD 2    ; pc 681
    PUSHC 0xf5c36f49962c26c5    ; pc 683
    SLOAD    ; pc 686
    GE    ; pc 687
    JMPIFNOT L694    ; pc 688
    JMP L728    ; pc 691
L694:
    LOAD 1    ; pc 694
    PUSHC 0xbe3cc70e4859f34d    ; pc 696
    LOAD 2    ; pc 699
    BFROMI u16    ; pc 701
    BCAT    ; pc 703
    PUSHC 0xae1ec56c    ; pc 704
    BCAT    ; pc 707
    SLOAD    ; pc 708
    LPUSH 20    ; pc 709
    LOAD 2    ; pc 712
    PUSHI 1    ; pc 714
    ADD u256    ; pc 716
    STORE 2    ; pc 718
    LOAD 2    ; pc 720
    PUSHI 20    ; pc 722
    LT    ; pc 724
    JMPIF L681    ; pc 725
L728:
    LOAD 1    ; pc 728
    ENCODE "(u8[<=20])"    ; pc 730
    RET    ; pc 733
.end
.function f6 external view selector=0x4ef8aed0 params=b locals=- returns=b
    LOAD 0    ; pc 734
    DECODE "()"    ; pc 736
    PUSHC 0x72211f382137173b    ; pc 739
    SLOAD    ; pc 742
    BFROMI u160    ; pc 743
    ENCODE "(address)"    ; pc 745
    RET    ; pc 748
.end
.function f7 external view selector=0xd9f18eee params=b locals=i returns=b
    LOAD 0    ; pc 749
    DECODE "(u16)"    ; pc 751
    STORE 1    ; pc 754
    PUSHC 0xbe3cc70e4859f34d    ; pc 756
    LOAD 1    ; pc 759
    BFROMI u16    ; pc 761
    BCAT    ; pc 763
    ICALL f15    ; pc 764
    ENCODE "((u128,u128,u128,bytes32,u8))"    ; pc 767
    RET    ; pc 770
.end
.function f8 external view selector=0x2d7d47f2 params=b locals=- returns=b
    LOAD 0    ; pc 771
    DECODE "()"    ; pc 773
    PUSHC 0xf5c36f49962c26c5    ; pc 776
    SLOAD    ; pc 779
    ENCODE "(u16)"    ; pc 780
    RET    ; pc 783
.end
.function f9 external view selector=0x07360174 params=b locals=- returns=b
    LOAD 0    ; pc 784
    DECODE "()"    ; pc 786
    PUSHC 0x907e8d20a98380e1    ; pc 789
    SLOAD    ; pc 792
    ENCODE "(u128)"    ; pc 793
    RET    ; pc 796
.end
.function f10 external selector=0x7fd859ea params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 797
    CALLER    ; pc 800
    BCAT    ; pc 801
    SLOAD    ; pc 802
    JMPIF L818    ; pc 803
    PUSHC 0x4df71603    ; pc 806
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 809
    CALLER    ; pc 812
    ENCODE "(bytes32,address)"    ; pc 813
    BCAT    ; pc 816
    REVERT    ; pc 817
L818:
    LOAD 0    ; pc 818
    DECODE "(bytes32,address)"    ; pc 820
    STORE 2    ; pc 823
    STORE 1    ; pc 825
    LOAD 1    ; pc 827
    STORE 3    ; pc 829
    LOAD 2    ; pc 831
    STORE 4    ; pc 833
    PUSHC 0x07dffdb0063bc112    ; pc 835
    LOAD 3    ; pc 838
    BCAT    ; pc 840
    LOAD 4    ; pc 841
    BCAT    ; pc 843
    DUP 0    ; pc 844
    SLOAD    ; pc 846
    JMPIF L881    ; pc 847
    PUSHI 1    ; pc 850
    SSTORE    ; pc 852
    PUSHC 0x031e9a988f54d6235ce5f7dbc29117111a0f63a8d96c7cf2f7da784b4a54c63c    ; pc 853
    LOAD 3    ; pc 856
    LOAD 4    ; pc 858
    PUSHC 0x000000000000000000000000    ; pc 860
    SWAP 1    ; pc 863
    BCAT    ; pc 865
    CALLER    ; pc 866
    PUSHC 0x000000000000000000000000    ; pc 867
    SWAP 1    ; pc 870
    BCAT    ; pc 872
    PUSHC 0x    ; pc 873
    LOG 4    ; pc 876
    JMP L882    ; pc 878
L881:
    POP    ; pc 881
L882:
    ENCODE "()"    ; pc 882
    RET    ; pc 885
.end
.function f11 external selector=0xdd326c95 params=b locals=bbbb returns=b
    PUSHC 0x07dffdb0063bc112aeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 886
    CALLER    ; pc 889
    BCAT    ; pc 890
    SLOAD    ; pc 891
    JMPIF L907    ; pc 892
    PUSHC 0x4df71603    ; pc 895
    PUSHC 0xaeae63318b23cc3826a1b396f8ce6c5b83c89629acc8e5ed6ff944eb21d047ed    ; pc 898
    CALLER    ; pc 901
    ENCODE "(bytes32,address)"    ; pc 902
    BCAT    ; pc 905
    REVERT    ; pc 906
L907:
    LOAD 0    ; pc 907
    DECODE "(bytes32,address)"    ; pc 909
    STORE 2    ; pc 912
    STORE 1    ; pc 914
    LOAD 1    ; pc 916
    STORE 3    ; pc 918
    LOAD 2    ; pc 920
    STORE 4    ; pc 922
    PUSHC 0x07dffdb0063bc112    ; pc 924
    LOAD 3    ; pc 927
    BCAT    ; pc 929
    LOAD 4    ; pc 930
    BCAT    ; pc 932
    DUP 0    ; pc 933
    SLOAD    ; pc 935
    JMPIFNOT L970    ; pc 936
    PUSHI 0    ; pc 939
    SSTORE    ; pc 941
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 942
    LOAD 3    ; pc 945
    LOAD 4    ; pc 947
    PUSHC 0x000000000000000000000000    ; pc 949
    SWAP 1    ; pc 952
    BCAT    ; pc 954
    CALLER    ; pc 955
    PUSHC 0x000000000000000000000000    ; pc 956
    SWAP 1    ; pc 959
    BCAT    ; pc 961
    PUSHC 0x    ; pc 962
    LOG 4    ; pc 965
    JMP L971    ; pc 967
L970:
    POP    ; pc 970
L971:
    ENCODE "()"    ; pc 971
    RET    ; pc 974
.end
.function f12 external selector=0x6a1192ea params=b locals=bbb returns=b
    LOAD 0    ; pc 975
    DECODE "(bytes32)"    ; pc 977
    STORE 1    ; pc 980
    LOAD 1    ; pc 982
    STORE 2    ; pc 984
    CALLER    ; pc 986
    STORE 3    ; pc 987
    PUSHC 0x07dffdb0063bc112    ; pc 989
    LOAD 2    ; pc 992
    BCAT    ; pc 994
    LOAD 3    ; pc 995
    BCAT    ; pc 997
    DUP 0    ; pc 998
    SLOAD    ; pc 1000
    JMPIFNOT L1035    ; pc 1001
    PUSHI 0    ; pc 1004
    SSTORE    ; pc 1006
    PUSHC 0xf9e5acdaf07a028d771586ac0f168bfbe6dd2b793b90da56564297811625accc    ; pc 1007
    LOAD 2    ; pc 1010
    LOAD 3    ; pc 1012
    PUSHC 0x000000000000000000000000    ; pc 1014
    SWAP 1    ; pc 1017
    BCAT    ; pc 1019
    CALLER    ; pc 1020
    PUSHC 0x000000000000000000000000    ; pc 1021
    SWAP 1    ; pc 1024
    BCAT    ; pc 1026
    PUSHC 0x    ; pc 1027
    LOG 4    ; pc 1030
    JMP L1036    ; pc 1032
L1035:
    POP    ; pc 1035
L1036:
    ENCODE "()"    ; pc 1036
    RET    ; pc 1039
.end
.function f13 external view selector=0xe9a7f3d4 params=b locals=bb returns=b
    LOAD 0    ; pc 1040
    DECODE "(bytes32,address)"    ; pc 1042
    STORE 2    ; pc 1045
    STORE 1    ; pc 1047
    PUSHC 0x07dffdb0063bc112    ; pc 1049
    LOAD 1    ; pc 1052
    BCAT    ; pc 1054
    LOAD 2    ; pc 1055
    BCAT    ; pc 1057
    SLOAD    ; pc 1058
    ENCODE "(bool)"    ; pc 1059
    RET    ; pc 1062
.end
.function f14 params=bl locals=- returns=-
    LOAD 0    ; pc 1063
    PUSHC 0x55455381    ; pc 1065
    BCAT    ; pc 1068
    LOAD 1    ; pc 1069
    PUSHI 0    ; pc 1071
    LGET int    ; pc 1073
    SSTORE    ; pc 1075
    LOAD 0    ; pc 1076
    PUSHC 0x87198ee0    ; pc 1078
    BCAT    ; pc 1081
    LOAD 1    ; pc 1082
    PUSHI 1    ; pc 1084
    LGET int    ; pc 1086
    SSTORE    ; pc 1088
    LOAD 0    ; pc 1089
    PUSHC 0xdbc9cfcc    ; pc 1091
    BCAT    ; pc 1094
    LOAD 1    ; pc 1095
    PUSHI 2    ; pc 1097
    LGET int    ; pc 1099
    SSTORE    ; pc 1101
    LOAD 0    ; pc 1102
    PUSHC 0xeb5af3fe    ; pc 1104
    BCAT    ; pc 1107
    LOAD 1    ; pc 1108
    PUSHI 3    ; pc 1110
    LGET bytes    ; pc 1112
    BTOI u256    ; pc 1114
    SSTORE    ; pc 1116
    LOAD 0    ; pc 1117
    PUSHC 0xae1ec56c    ; pc 1119
    BCAT    ; pc 1122
    LOAD 1    ; pc 1123
    PUSHI 4    ; pc 1125
    LGET int    ; pc 1127
    SSTORE    ; pc 1129
    RET    ; pc 1130
.end
.function f15 params=b locals=- returns=l
    LOAD 0    ; pc 1131
    PUSHC 0x55455381    ; pc 1133
    BCAT    ; pc 1136
    SLOAD    ; pc 1137
    LOAD 0    ; pc 1138
    PUSHC 0x87198ee0    ; pc 1140
    BCAT    ; pc 1143
    SLOAD    ; pc 1144
    LOAD 0    ; pc 1145
    PUSHC 0xdbc9cfcc    ; pc 1147
    BCAT    ; pc 1150
    SLOAD    ; pc 1151
    LOAD 0    ; pc 1152
    PUSHC 0xeb5af3fe    ; pc 1154
    BCAT    ; pc 1157
    SLOAD    ; pc 1158
    BFROMI u256    ; pc 1159
    LOAD 0    ; pc 1161
    PUSHC 0xae1ec56c    ; pc 1163
    BCAT    ; pc 1166
    SLOAD    ; pc 1167
    LMAKE 5    ; pc 1168
    RET    ; pc 1171
.end
