.function f0 constructor params=b locals=liblii returns=b
    LOAD 0    ; pc 0
    DECODE "(address[<=10],u8)"    ; pc 2
    STORE 2    ; pc 5
    STORE 1    ; pc 7
    LOAD 2    ; pc 9
    PUSHI 1    ; pc 11
    GE    ; pc 13
    DUP 0    ; pc 14
    JMPIFNOT L26    ; pc 16
    POP    ; pc 19
    LOAD 2    ; pc 20
    LOAD 1    ; pc 22
    LLEN    ; pc 24
    LE    ; pc 25
L26:
    JMPIF L33    ; pc 26
    PUSHC 0x4e401cbe000000167468726573686f6c64206f7574206f662072616e6765    ; pc 29
    REVERT    ; pc 32
L33:
    LOAD 1    ; pc 33
    DUP 0    ; pc 35
    STORE 4    ; pc 37
    LLEN    ; pc 39
    STORE 6    ; pc 40
    PUSHI 0    ; pc 42
    STORE 5    ; pc 44
    JMP L89    ; pc 46
L49:
    LOAD 4    ; pc 49
    LOAD 5    ; pc 51
    LGET bytes    ; pc 53
    STORE 3    ; pc 55
    PUSHC 0xaa29ce6a682e2530    ; pc 57
    LOAD 3    ; pc 60
    BCAT    ; pc 62
    SLOAD    ; pc 63
    LNOT    ; pc 64
    JMPIF L72    ; pc 65
    PUSHC 0x4e401cbe000000106475706c6963617465207369676e6572    ; pc 68
    REVERT    ; pc 71
L72:
    PUSHC 0xaa29ce6a682e2530    ; pc 72
    LOAD 3    ; pc 75
    BCAT    ; pc 77
    PUSHI 1    ; pc 78
    SSTORE    ; pc 80
    LOAD 5    ; pc 81
    PUSHI 1    ; pc 83
    ADD u32    ; pc 85
    STORE 5    ; pc 87
L89:
    LOAD 5    ; pc 89
    LOAD 6    ; pc 91
    LT    ; pc 93
    JMPIF L49    ; pc 94
    PUSHC 0xffae7180709f76cb    ; pc 97
    LOAD 1    ; pc 100
    LCOPY    ; pc 102
    ICALL f11    ; pc 103
    PUSHC 0x23e28019a3377402    ; pc 106
    LOAD 2    ; pc 109
    SSTORE    ; pc 111
    PUSHC 0x    ; pc 112
    RET    ; pc 115
.end
.function f1 params=- locals=- returns=-
    PUSHC 0xaa29ce6a682e2530    ; pc 116
    CALLER    ; pc 119
    BCAT    ; pc 120
    SLOAD    ; pc 121
    LNOT    ; pc 122
    JMPIFNOT L135    ; pc 123
    PUSHC 0x528680b1    ; pc 126
    CALLER    ; pc 129
    ENCODE "(address)"    ; pc 130
    BCAT    ; pc 133
    REVERT    ; pc 134
L135:
    RET    ; pc 135
.end
.function f2 params=i locals=iblii returns=i
    PUSHI 0    ; pc 136
    STORE 1    ; pc 138
    PUSHC 0xffae7180709f76cb    ; pc 140
    ICALL f12    ; pc 143
    DUP 0    ; pc 146
    STORE 3    ; pc 148
    LLEN    ; pc 150
    STORE 5    ; pc 151
    PUSHI 0    ; pc 153
    STORE 4    ; pc 155
    JMP L199    ; pc 157
L160:
    LOAD 3    ; pc 160
    LOAD 4    ; pc 162
    LGET bytes    ; pc 164
    STORE 2    ; pc 166
    PUSHC 0xa3ad0bd43e426078    ; pc 168
    LOAD 0    ; pc 171
    BFROMI u64    ; pc 173
    BCAT    ; pc 175
    LOAD 2    ; pc 176
    BCAT    ; pc 178
    SLOAD    ; pc 179
    JMPIFNOT L191    ; pc 180
    LOAD 1    ; pc 183
    PUSHI 1    ; pc 185
    ADD u256    ; pc 187
    STORE 1    ; pc 189
L191:
    LOAD 4    ; pc 191
    PUSHI 1    ; pc 193
    ADD u32    ; pc 195
    STORE 4    ; pc 197
L199:
    LOAD 4    ; pc 199
    LOAD 5    ; pc 201
    LT    ; pc 203
    JMPIF L160    ; pc 204
    LOAD 1    ; pc 207
    RET    ; pc 209
.end
.function f3 external selector=0x43e99abd params=b locals=bbbii returns=b
    LOAD 0    ; pc 210
    DECODE "(address,string<=64,bytes<=512,u64)"    ; pc 212
    STORE 4    ; pc 215
    STORE 3    ; pc 217
    STORE 2    ; pc 219
    STORE 1    ; pc 221
    ICALL f1    ; pc 223
    PUSHC 0xef886e512245a691    ; pc 226
    SLOAD    ; pc 229
    STORE 5    ; pc 230
    PUSHC 0xef886e512245a691    ; pc 232
    LOAD 5    ; pc 235
    PUSHI 1    ; pc 237
    ADD u64    ; pc 239
    SSTORE    ; pc 241
    PUSHC 0x186f5051e73cfc19    ; pc 242
    LOAD 5    ; pc 245
    BFROMI u64    ; pc 247
    BCAT    ; pc 249
    LOAD 1    ; pc 250
    LOAD 2    ; pc 252
    LOAD 3    ; pc 254
    CALLER    ; pc 256
    TIMESTAMP    ; pc 257
    LOAD 4    ; pc 258
    ADD u64    ; pc 260
    PUSHI 0    ; pc 262
    PUSHI 0    ; pc 264
    LMAKE 7    ; pc 266
    ICALL f13    ; pc 269
    PUSHC 0xa3ad0bd43e426078    ; pc 272
    LOAD 5    ; pc 275
    BFROMI u64    ; pc 277
    BCAT    ; pc 279
    CALLER    ; pc 280
    BCAT    ; pc 281
    PUSHI 1    ; pc 282
    SSTORE    ; pc 284
    PUSHC 0x5c591606303f3ef0feab2190c1521c819b39bab1ac0e3067b1feece14b20c81c    ; pc 285
    LOAD 5    ; pc 288
    BFROMI u256    ; pc 290
    LOAD 1    ; pc 292
    PUSHC 0x000000000000000000000000    ; pc 294
    SWAP 1    ; pc 297
    BCAT    ; pc 299
    LOAD 2    ; pc 300
    LOAD 3    ; pc 302
    SHA3    ; pc 304
    ENCODE "(string<=64,bytes32)"    ; pc 305
    LOG 3    ; pc 308
    PUSHC 0x760fd24abc61d7657c2b93e24c4f8edb6a9738cae64ff81bd61bc025fbb0bb58    ; pc 310
    LOAD 5    ; pc 313
    BFROMI u256    ; pc 315
    CALLER    ; pc 317
    PUSHC 0x000000000000000000000000    ; pc 318
    SWAP 1    ; pc 321
    BCAT    ; pc 323
    PUSHC 0x    ; pc 324
    LOG 3    ; pc 327
    LOAD 5    ; pc 329
    ENCODE "(u64)"    ; pc 331
    RET    ; pc 334
.end
.function f4 external selector=0x16362bb2 params=b locals=i returns=b
    LOAD 0    ; pc 335
    DECODE "(u64)"    ; pc 337
    STORE 1    ; pc 340
    ICALL f1    ; pc 342
    LOAD 1    ; pc 345
    PUSHC 0xef886e512245a691    ; pc 347
    SLOAD    ; pc 350
    LT    ; pc 351
    JMPIF L359    ; pc 352
    PUSHC 0x4e401cbe000000106e6f20737563682070726f706f73616c    ; pc 355
    REVERT    ; pc 358
L359:
    PUSHC 0xa3ad0bd43e426078    ; pc 359
    LOAD 1    ; pc 362
    BFROMI u64    ; pc 364
    BCAT    ; pc 366
    CALLER    ; pc 367
    BCAT    ; pc 368
    PUSHI 1    ; pc 369
    SSTORE    ; pc 371
    PUSHC 0x760fd24abc61d7657c2b93e24c4f8edb6a9738cae64ff81bd61bc025fbb0bb58    ; pc 372
    LOAD 1    ; pc 375
    BFROMI u256    ; pc 377
    CALLER    ; pc 379
    PUSHC 0x000000000000000000000000    ; pc 380
    SWAP 1    ; pc 383
    BCAT    ; pc 385
    PUSHC 0x    ; pc 386
    LOG 3    ; pc 389
    PUSHC 0x    ; pc 391
    RET    ; pc 394
.end
.function f5 external selector=0xef0112f2 params=b locals=il returns=b
    LOAD 0    ; pc 395
    DECODE "(u64)"    ; pc 397
    STORE 1    ; pc 400
    PUSHC 0x186f5051e73cfc19    ; pc 402
    LOAD 1    ; pc 405
    BFROMI u64    ; pc 407
    BCAT    ; pc 409
    ICALL f14    ; pc 410
    STORE 2    ; pc 413
    LOAD 2    ; pc 415
    PUSHI 5    ; pc 417
    LGET int    ; pc 419
    DUP 0    ; pc 421
    JMPIF L433    ; pc 423
    POP    ; pc 426
    LOAD 2    ; pc 427
    PUSHI 6    ; pc 429
    LGET int    ; pc 431
L433:
    DUP 0    ; pc 433
    JMPIF L447    ; pc 435
    POP    ; pc 438
    TIMESTAMP    ; pc 439
    LOAD 2    ; pc 440
    PUSHI 4    ; pc 442
    LGET int    ; pc 444
    GE    ; pc 446
L447:
    DUP 0    ; pc 447
    JMPIF L460    ; pc 449
    POP    ; pc 452
    LOAD 1    ; pc 453
    PUSHC 0xef886e512245a691    ; pc 455
    SLOAD    ; pc 458
    GE    ; pc 459
L460:
    JMPIFNOT L473    ; pc 460
    PUSHC 0x9ac6b79b    ; pc 463
    LOAD 1    ; pc 466
    ENCODE "(u64)"    ; pc 468
    BCAT    ; pc 471
    REVERT    ; pc 472
L473:
    LOAD 1    ; pc 473
    ICALL f2    ; pc 475
    PUSHC 0x23e28019a3377402    ; pc 478
    SLOAD    ; pc 481
    GE    ; pc 482
    JMPIF L490    ; pc 483
    PUSHC 0x4e401cbe000000146e6f7420656e6f75676820617070726f76616c73    ; pc 486
    REVERT    ; pc 489
L490:
    PUSHC 0x186f5051e73cfc19    ; pc 490
    LOAD 1    ; pc 493
    BFROMI u64    ; pc 495
    BCAT    ; pc 497
    PUSHC 0xb240c3a5    ; pc 498
    BCAT    ; pc 501
    PUSHI 1    ; pc 502
    SSTORE    ; pc 504
    LOAD 2    ; pc 505
    PUSHI 0    ; pc 507
    LGET bytes    ; pc 509
    LOAD 2    ; pc 511
    PUSHI 1    ; pc 513
    LGET bytes    ; pc 515
    SHA3    ; pc 517
    PUSHI 0    ; pc 518
    PUSHI 4    ; pc 520
    BSLICE    ; pc 522
    LOAD 2    ; pc 523
    PUSHI 2    ; pc 525
    LGET bytes    ; pc 527
    PUSHI 0    ; pc 529
    PUSHI -1    ; pc 531
    CALL    ; pc 533
    SWAP 1    ; pc 534
    JMPIF L540    ; pc 536
    REVERT    ; pc 539
L540:
    POP    ; pc 540
    PUSHC 0x061fcdc754ce27634709609c4c2984d93a8a22cdde9d73865701e275b84cf7e2    ; pc 541
    LOAD 1    ; pc 544
    BFROMI u256    ; pc 546
    PUSHC 0x    ; pc 548
    LOG 2    ; pc 551
    PUSHC 0x    ; pc 553
    RET    ; pc 556
.end
.function f6 external reentrant selector=0x4bb58180 params=b locals=b returns=b
    LOAD 0    ; pc 557
    DECODE "(address)"    ; pc 559
    STORE 1    ; pc 562
    CALLER    ; pc 564
    SELF    ; pc 565
    EQ    ; pc 566
    JMPIF L574    ; pc 567
    PUSHC 0x4e401cbe000000216f6e6c79207468726f75676820616e2065786563757465642070726f706f73616c    ; pc 570
    REVERT    ; pc 573
L574:
    PUSHC 0xaa29ce6a682e2530    ; pc 574
    LOAD 1    ; pc 577
    BCAT    ; pc 579
    SLOAD    ; pc 580
    LNOT    ; pc 581
    JMPIF L589    ; pc 582
    PUSHC 0x4e401cbe00000010616c72656164792061207369676e6572    ; pc 585
    REVERT    ; pc 588
L589:
    PUSHC 0xffae7180709f76cb    ; pc 589
    SLOAD    ; pc 592
    PUSHI 10    ; pc 593
    LT    ; pc 595
    JMPIF L603    ; pc 596
    PUSHC 0x4e401cbe00000010746f6f206d616e79207369676e657273    ; pc 599
    REVERT    ; pc 602
L603:
    LOAD 1    ; pc 603
    PUSHC 0xffae7180709f76cb    ; pc 605
    DUP 0    ; pc 608
    SLOAD    ; pc 610
    DUP 0    ; pc 611
    PUSHI 10    ; pc 613
    LT    ; pc 615
    JMPIF L623    ; pc 616
    PUSHC 0xd8bbfea3    ; pc 619
    REVERT    ; pc 622
L623:
    DUP 1    ; pc 623
    DUP 1    ; pc 625
    PUSHI 1    ; pc 627
    ADD u32    ; pc 629
    SSTORE    ; pc 631
    BFROMI u32    ; pc 632
    BCAT    ; pc 634
    SWAP 1    ; pc 635
    BTOI u160    ; pc 637
    SSTORE    ; pc 639
    PUSHC 0xaa29ce6a682e2530    ; pc 640
    LOAD 1    ; pc 643
    BCAT    ; pc 645
    PUSHI 1    ; pc 646
    SSTORE    ; pc 648
    PUSHC 0x733df67248395c057d61241ca9e13fc5052538d7d07ca61273e442b6dbad8fe0    ; pc 649
    LOAD 1    ; pc 652
    PUSHC 0x000000000000000000000000    ; pc 654
    SWAP 1    ; pc 657
    BCAT    ; pc 659
    PUSHC 0x    ; pc 660
    LOG 2    ; pc 663
    PUSHC 0x    ; pc 665
    RET    ; pc 668
.end
.function f7 external view selector=0xe5d74b3e params=b locals=i returns=b
    LOAD 0    ; pc 669
    DECODE "(u256)"    ; pc 671
    STORE 1    ; pc 674
    PUSHC 0xffae7180709f76cb    ; pc 676
    DUP 0    ; pc 679
    SLOAD    ; pc 681
    LOAD 1    ; pc 682
    SWAP 1    ; pc 684
    DUP 1    ; pc 686
    GT    ; pc 688
    JMPIF L696    ; pc 689
    PUSHC 0x0307ad08    ; pc 692
    REVERT    ; pc 695
L696:
    BFROMI u32    ; pc 696
    BCAT    ; pc 698
    SLOAD    ; pc 699
    BFROMI u160    ; pc 700
    ENCODE "(address)"    ; pc 702
    RET    ; pc 705
.end
.function f8 external view selector=0x07150261 params=b locals=b returns=b
    LOAD 0    ; pc 706
    DECODE "(address)"    ; pc 708
    STORE 1    ; pc 711
    PUSHC 0xaa29ce6a682e2530    ; pc 713
    LOAD 1    ; pc 716
    BCAT    ; pc 718
    SLOAD    ; pc 719
    ENCODE "(bool)"    ; pc 720
    RET    ; pc 723
.end
.function f9 external view selector=0x3fa2497a params=b locals=- returns=b
    LOAD 0    ; pc 724
    BLEN    ; pc 726
    JMPIFNOT L734    ; pc 727
    PUSHC 0xba8add75    ; pc 730
    REVERT    ; pc 733
L734:
    PUSHC 0x23e28019a3377402    ; pc 734
    SLOAD    ; pc 737
    ENCODE "(u8)"    ; pc 738
    RET    ; pc 741
.end
.function f10 external view selector=0x3668393e params=b locals=- returns=b
    LOAD 0    ; pc 742
    BLEN    ; pc 744
    JMPIFNOT L752    ; pc 745
    PUSHC 0xba8add75    ; pc 748
    REVERT    ; pc 751
L752:
    PUSHC 0xef886e512245a691    ; pc 752
    SLOAD    ; pc 755
    ENCODE "(u64)"    ; pc 756
    RET    ; pc 759
.end
.function f11 params=bl locals=ii returns=-
    LOAD 1    ; pc 760
    LLEN    ; pc 762
    DUP 0    ; pc 763
    STORE 2    ; pc 765
    LOAD 0    ; pc 767
    SWAP 1    ; pc 769
    SSTORE    ; pc 771
    JMP L799    ; pc 772
L775:
    LOAD 0    ; pc 775
    LOAD 3    ; pc 777
    BFROMI u32    ; pc 779
    BCAT    ; pc 781
    LOAD 1    ; pc 782
    LOAD 3    ; pc 784
    LGET bytes    ; pc 786
    BTOI u160    ; pc 788
    SSTORE    ; pc 790
    LOAD 3    ; pc 791
    PUSHI 1    ; pc 793
    ADD u32    ; pc 795
    STORE 3    ; pc 797
L799:
    LOAD 3    ; pc 799
    LOAD 2    ; pc 801
    LT    ; pc 803
    JMPIF L775    ; pc 804
    RET    ; pc 807
.end
.function f12 params=b locals=lii returns=l
    LMAKE 0    ; pc 808
    STORE 1    ; pc 811
    LOAD 0    ; pc 813
    SLOAD    ; pc 815
    STORE 2    ; pc 816
    JMP L844    ; pc 818
L821:
    LOAD 1    ; pc 821
    LOAD 0    ; pc 823
    LOAD 3    ; pc 825
    BFROMI u32    ; pc 827
    BCAT    ; pc 829
    SLOAD    ; pc 830
    BFROMI u160    ; pc 831
    LPUSH 10    ; pc 833
    LOAD 3    ; pc 836
    PUSHI 1    ; pc 838
    ADD u32    ; pc 840
    STORE 3    ; pc 842
L844:
    LOAD 3    ; pc 844
    LOAD 2    ; pc 846
    LT    ; pc 848
    JMPIF L821    ; pc 849
    LOAD 1    ; pc 852
    RET    ; pc 854
.end
.function f13 params=bl locals=- returns=-
    LOAD 0    ; pc 855
    PUSHC 0x943056f2    ; pc 857
    BCAT    ; pc 860
    LOAD 1    ; pc 861
    PUSHI 0    ; pc 863
    LGET bytes    ; pc 865
    BTOI u160    ; pc 867
    SSTORE    ; pc 869
    LOAD 0    ; pc 870
    PUSHC 0xb5e79bc9    ; pc 872
    BCAT    ; pc 875
    LOAD 1    ; pc 876
    PUSHI 1    ; pc 878
    LGET bytes    ; pc 880
    SSTOREB    ; pc 882
    LOAD 0    ; pc 883
    PUSHC 0xcbc52754    ; pc 885
    BCAT    ; pc 888
    LOAD 1    ; pc 889
    PUSHI 2    ; pc 891
    LGET bytes    ; pc 893
    SSTOREB    ; pc 895
    LOAD 0    ; pc 896
    PUSHC 0xfae2ae62    ; pc 898
    BCAT    ; pc 901
    LOAD 1    ; pc 902
    PUSHI 3    ; pc 904
    LGET bytes    ; pc 906
    BTOI u160    ; pc 908
    SSTORE    ; pc 910
    LOAD 0    ; pc 911
    PUSHC 0xc0e2525d    ; pc 913
    BCAT    ; pc 916
    LOAD 1    ; pc 917
    PUSHI 4    ; pc 919
    LGET int    ; pc 921
    SSTORE    ; pc 923
    LOAD 0    ; pc 924
    PUSHC 0xb240c3a5    ; pc 926
    BCAT    ; pc 929
    LOAD 1    ; pc 930
    PUSHI 5    ; pc 932
    LGET int    ; pc 934
    SSTORE    ; pc 936
    LOAD 0    ; pc 937
    PUSHC 0x5ecaaa91    ; pc 939
    BCAT    ; pc 942
    LOAD 1    ; pc 943
    PUSHI 6    ; pc 945
    LGET int    ; pc 947
    SSTORE    ; pc 949
    RET    ; pc 950
.end
.function f14 params=b locals=- returns=l
    LOAD 0    ; pc 951
    PUSHC 0x943056f2    ; pc 953
    BCAT    ; pc 956
    SLOAD    ; pc 957
    BFROMI u160    ; pc 958
    LOAD 0    ; pc 960
    PUSHC 0xb5e79bc9    ; pc 962
    BCAT    ; pc 965
    SLOADB    ; pc 966
    LOAD 0    ; pc 967
    PUSHC 0xcbc52754    ; pc 969
    BCAT    ; pc 972
    SLOADB    ; pc 973
    LOAD 0    ; pc 974
    PUSHC 0xfae2ae62    ; pc 976
    BCAT    ; pc 979
    SLOAD    ; pc 980
    BFROMI u160    ; pc 981
    LOAD 0    ; pc 983
    PUSHC 0xc0e2525d    ; pc 985
    BCAT    ; pc 988
    SLOAD    ; pc 989
    LOAD 0    ; pc 990
    PUSHC 0xb240c3a5    ; pc 992
    BCAT    ; pc 995
    SLOAD    ; pc 996
    LOAD 0    ; pc 997
    PUSHC 0x5ecaaa91    ; pc 999
    BCAT    ; pc 1002
    SLOAD    ; pc 1003
    LMAKE 7    ; pc 1004
    RET    ; pc 1007
.end
