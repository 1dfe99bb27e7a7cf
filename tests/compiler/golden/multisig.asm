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
    ICALL f11    ; pc 102
    PUSHC 0x23e28019a3377402    ; pc 105
    LOAD 2    ; pc 108
    SSTORE    ; pc 110
    PUSHC 0x    ; pc 111
    RET    ; pc 114
.end
.function f1 params=- locals=- returns=-
    PUSHC 0xaa29ce6a682e2530    ; pc 115
    CALLER    ; pc 118
    BCAT    ; pc 119
    SLOAD    ; pc 120
    LNOT    ; pc 121
    JMPIFNOT L134    ; pc 122
    PUSHC 0x528680b1    ; pc 125
    CALLER    ; pc 128
    ENCODE "(address)"    ; pc 129
    BCAT    ; pc 132
    REVERT    ; pc 133
L134:
    RET    ; pc 134
.end
.function f2 params=i locals=iblii returns=i
    PUSHI 0    ; pc 135
    STORE 1    ; pc 137
    PUSHC 0xffae7180709f76cb    ; pc 139
    ICALL f12    ; pc 142
    DUP 0    ; pc 145
    STORE 3    ; pc 147
    LLEN    ; pc 149
    STORE 5    ; pc 150
    PUSHI 0    ; pc 152
    STORE 4    ; pc 154
    JMP L198    ; pc 156
L159:
    LOAD 3    ; pc 159
    LOAD 4    ; pc 161
    LGET bytes    ; pc 163
    STORE 2    ; pc 165
    PUSHC 0xa3ad0bd43e426078    ; pc 167
    LOAD 0    ; pc 170
    BFROMI u64    ; pc 172
    BCAT    ; pc 174
    LOAD 2    ; pc 175
    BCAT    ; pc 177
    SLOAD    ; pc 178
    JMPIFNOT L190    ; pc 179
    LOAD 1    ; pc 182
    PUSHI 1    ; pc 184
    ADD u256    ; pc 186
    STORE 1    ; pc 188
L190:
    LOAD 4    ; pc 190
    PUSHI 1    ; pc 192
    ADD u32    ; pc 194
    STORE 4    ; pc 196
L198:
    LOAD 4    ; pc 198
    LOAD 5    ; pc 200
    LT    ; pc 202
    JMPIF L159    ; pc 203
    LOAD 1    ; pc 206
    RET    ; pc 208
.end
.function f3 external selector=0x43e99abd params=b locals=bbbii returns=b
    LOAD 0    ; pc 209
    DECODE "(address,string<=64,bytes<=512,u64)"    ; pc 211
    STORE 4    ; pc 214
    STORE 3    ; pc 216
    STORE 2    ; pc 218
    STORE 1    ; pc 220
    ICALL f1    ; pc 222
    PUSHC 0xef886e512245a691    ; pc 225
    SLOAD    ; pc 228
    STORE 5    ; pc 229
    PUSHC 0xef886e512245a691    ; pc 231
    LOAD 5    ; pc 234
    PUSHI 1    ; pc 236
    ADD u64    ; pc 238
    SSTORE    ; pc 240
    PUSHC 0x186f5051e73cfc19    ; pc 241
    LOAD 5    ; pc 244
    BFROMI u64    ; pc 246
    BCAT    ; pc 248
    LOAD 1    ; pc 249
    LOAD 2    ; pc 251
    LOAD 3    ; pc 253
    CALLER    ; pc 255
    TIMESTAMP    ; pc 256
    LOAD 4    ; pc 257
    ADD u64    ; pc 259
    PUSHI 0    ; pc 261
    PUSHI 0    ; pc 263
    LMAKE 7    ; pc 265
    ICALL f13    ; pc 268
    PUSHC 0xa3ad0bd43e426078    ; pc 271
    LOAD 5    ; pc 274
    BFROMI u64    ; pc 276
    BCAT    ; pc 278
    CALLER    ; pc 279
    BCAT    ; pc 280
    PUSHI 1    ; pc 281
    SSTORE    ; pc 283
    PUSHC 0x5c591606303f3ef0feab2190c1521c819b39bab1ac0e3067b1feece14b20c81c    ; pc 284
    LOAD 5    ; pc 287
    BFROMI u256    ; pc 289
    LOAD 1    ; pc 291
    PUSHC 0x000000000000000000000000    ; pc 293
    SWAP 1    ; pc 296
    BCAT    ; pc 298
    LOAD 2    ; pc 299
    LOAD 3    ; pc 301
    SHA3    ; pc 303
    ENCODE "(string<=64,bytes32)"    ; pc 304
    LOG 3    ; pc 307
    PUSHC 0x760fd24abc61d7657c2b93e24c4f8edb6a9738cae64ff81bd61bc025fbb0bb58    ; pc 309
    LOAD 5    ; pc 312
    BFROMI u256    ; pc 314
    CALLER    ; pc 316
    PUSHC 0x000000000000000000000000    ; pc 317
    SWAP 1    ; pc 320
    BCAT    ; pc 322
    PUSHC 0x    ; pc 323
    LOG 3    ; pc 326
    LOAD 5    ; pc 328
    ENCODE "(u64)"    ; pc 330
    RET    ; pc 333
.end
.function f4 external selector=0x16362bb2 params=b locals=i returns=b
    LOAD 0    ; pc 334
    DECODE "(u64)"    ; pc 336
    STORE 1    ; pc 339
    ICALL f1    ; pc 341
    LOAD 1    ; pc 344
    PUSHC 0xef886e512245a691    ; pc 346
    SLOAD    ; pc 349
    LT    ; pc 350
    JMPIF L358    ; pc 351
    PUSHC 0x4e401cbe000000106e6f20737563682070726f706f73616c    ; pc 354
    REVERT    ; pc 357
L358:
    PUSHC 0xa3ad0bd43e426078    ; pc 358
    LOAD 1    ; pc 361
    BFROMI u64    ; pc 363
    BCAT    ; pc 365
    CALLER    ; pc 366
    BCAT    ; pc 367
    PUSHI 1    ; pc 368
    SSTORE    ; pc 370
    PUSHC 0x760fd24abc61d7657c2b93e24c4f8edb6a9738cae64ff81bd61bc025fbb0bb58    ; pc 371
    LOAD 1    ; pc 374
    BFROMI u256    ; pc 376
    CALLER    ; pc 378
    PUSHC 0x000000000000000000000000    ; pc 379
    SWAP 1    ; pc 382
    BCAT    ; pc 384
    PUSHC 0x    ; pc 385
    LOG 3    ; pc 388
    PUSHC 0x    ; pc 390
    RET    ; pc 393
.end
.function f5 external selector=0xef0112f2 params=b locals=il returns=b
    LOAD 0    ; pc 394
    DECODE "(u64)"    ; pc 396
    STORE 1    ; pc 399
    PUSHC 0x186f5051e73cfc19    ; pc 401
    LOAD 1    ; pc 404
    BFROMI u64    ; pc 406
    BCAT    ; pc 408
    ICALL f14    ; pc 409
    STORE 2    ; pc 412
    LOAD 2    ; pc 414
    PUSHI 5    ; pc 416
    LGET int    ; pc 418
    DUP 0    ; pc 420
    JMPIF L432    ; pc 422
    POP    ; pc 425
    LOAD 2    ; pc 426
    PUSHI 6    ; pc 428
    LGET int    ; pc 430
L432:
    DUP 0    ; pc 432
    JMPIF L446    ; pc 434
    POP    ; pc 437
    TIMESTAMP    ; pc 438
    LOAD 2    ; pc 439
    PUSHI 4    ; pc 441
    LGET int    ; pc 443
    GE    ; pc 445
L446:
    DUP 0    ; pc 446
    JMPIF L459    ; pc 448
    POP    ; pc 451
    LOAD 1    ; pc 452
    PUSHC 0xef886e512245a691    ; pc 454
    SLOAD    ; pc 457
    GE    ; pc 458
L459:
    JMPIFNOT L472    ; pc 459
    PUSHC 0x9ac6b79b    ; pc 462
    LOAD 1    ; pc 465
    ENCODE "(u64)"    ; pc 467
    BCAT    ; pc 470
    REVERT    ; pc 471
L472:
    LOAD 1    ; pc 472
    ICALL f2    ; pc 474
    PUSHC 0x23e28019a3377402    ; pc 477
    SLOAD    ; pc 480
    GE    ; pc 481
    JMPIF L489    ; pc 482
    PUSHC 0x4e401cbe000000146e6f7420656e6f75676820617070726f76616c73    ; pc 485
    REVERT    ; pc 488
L489:
    PUSHC 0x186f5051e73cfc19    ; pc 489
    LOAD 1    ; pc 492
    BFROMI u64    ; pc 494
    BCAT    ; pc 496
    PUSHC 0xb240c3a5    ; pc 497
    BCAT    ; pc 500
    PUSHI 1    ; pc 501
    SSTORE    ; pc 503
    LOAD 2    ; pc 504
    PUSHI 0    ; pc 506
    LGET bytes    ; pc 508
    LOAD 2    ; pc 510
    PUSHI 1    ; pc 512
    LGET bytes    ; pc 514
    SHA3    ; pc 516
    PUSHI 0    ; pc 517
    PUSHI 4    ; pc 519
    BSLICE    ; pc 521
    LOAD 2    ; pc 522
    PUSHI 2    ; pc 524
    LGET bytes    ; pc 526
    PUSHI 0    ; pc 528
    PUSHI -1    ; pc 530
    CALL    ; pc 532
    SWAP 1    ; pc 533
    JMPIF L539    ; pc 535
    REVERT    ; pc 538
L539:
    POP    ; pc 539
    PUSHC 0x061fcdc754ce27634709609c4c2984d93a8a22cdde9d73865701e275b84cf7e2    ; pc 540
    LOAD 1    ; pc 543
    BFROMI u256    ; pc 545
    PUSHC 0x    ; pc 547
    LOG 2    ; pc 550
    PUSHC 0x    ; pc 552
    RET    ; pc 555
.end
.function f6 external reentrant selector=0x4bb58180 params=b locals=b returns=b
    LOAD 0    ; pc 556
    DECODE "(address)"    ; pc 558
    STORE 1    ; pc 561
    CALLER    ; pc 563
    SELF    ; pc 564
    EQ    ; pc 565
    JMPIF L573    ; pc 566
    PUSHC 0x4e401cbe000000216f6e6c79207468726f75676820616e2065786563757465642070726f706f73616c    ; pc 569
    REVERT    ; pc 572
L573:
    PUSHC 0xaa29ce6a682e2530    ; pc 573
    LOAD 1    ; pc 576
    BCAT    ; pc 578
    SLOAD    ; pc 579
    LNOT    ; pc 580
    JMPIF L588    ; pc 581
    PUSHC 0x4e401cbe00000010616c72656164792061207369676e6572    ; pc 584
    REVERT    ; pc 587
L588:
    PUSHC 0xffae7180709f76cb    ; pc 588
    SLOAD    ; pc 591
    PUSHI 10    ; pc 592
    LT    ; pc 594
    JMPIF L602    ; pc 595
    PUSHC 0x4e401cbe00000010746f6f206d616e79207369676e657273    ; pc 598
    REVERT    ; pc 601
L602:
    LOAD 1    ; pc 602
    PUSHC 0xffae7180709f76cb    ; pc 604
    DUP 0    ; pc 607
    SLOAD    ; pc 609
    DUP 0    ; pc 610
    PUSHI 10    ; pc 612
    LT    ; pc 614
    JMPIF L622    ; pc 615
    PUSHC 0xd8bbfea3    ; pc 618
    REVERT    ; pc 621
L622:
    DUP 1    ; pc 622
    DUP 1    ; pc 624
    PUSHI 1    ; pc 626
    ADD u32    ; pc 628
    SSTORE    ; pc 630
    BFROMI u32    ; pc 631
    BCAT    ; pc 633
    SWAP 1    ; pc 634
    BTOI u160    ; pc 636
    SSTORE    ; pc 638
    PUSHC 0xaa29ce6a682e2530    ; pc 639
    LOAD 1    ; pc 642
    BCAT    ; pc 644
    PUSHI 1    ; pc 645
    SSTORE    ; pc 647
    PUSHC 0x733df67248395c057d61241ca9e13fc5052538d7d07ca61273e442b6dbad8fe0    ; pc 648
    LOAD 1    ; pc 651
    PUSHC 0x000000000000000000000000    ; pc 653
    SWAP 1    ; pc 656
    BCAT    ; pc 658
    PUSHC 0x    ; pc 659
    LOG 2    ; pc 662
    PUSHC 0x    ; pc 664
    RET    ; pc 667
.end
.function f7 external view selector=0xe5d74b3e params=b locals=i returns=b
    LOAD 0    ; pc 668
    DECODE "(u256)"    ; pc 670
    STORE 1    ; pc 673
    PUSHC 0xffae7180709f76cb    ; pc 675
    DUP 0    ; pc 678
    SLOAD    ; pc 680
    LOAD 1    ; pc 681
    SWAP 1    ; pc 683
    DUP 1    ; pc 685
    GT    ; pc 687
    JMPIF L695    ; pc 688
    PUSHC 0x0307ad08    ; pc 691
    REVERT    ; pc 694
L695:
    BFROMI u32    ; pc 695
    BCAT    ; pc 697
    SLOAD    ; pc 698
    BFROMI u160    ; pc 699
    ENCODE "(address)"    ; pc 701
    RET    ; pc 704
.end
.function f8 external view selector=0x07150261 params=b locals=b returns=b
    LOAD 0    ; pc 705
    DECODE "(address)"    ; pc 707
    STORE 1    ; pc 710
    PUSHC 0xaa29ce6a682e2530    ; pc 712
    LOAD 1    ; pc 715
    BCAT    ; pc 717
    SLOAD    ; pc 718
    ENCODE "(bool)"    ; pc 719
    RET    ; pc 722
.end
.function f9 external view selector=0x3fa2497a params=b locals=- returns=b
    LOAD 0    ; pc 723
    BLEN    ; pc 725
    JMPIFNOT L733    ; pc 726
    PUSHC 0xba8add75    ; pc 729
    REVERT    ; pc 732
L733:
    PUSHC 0x23e28019a3377402    ; pc 733
    SLOAD    ; pc 736
    ENCODE "(u8)"    ; pc 737
    RET    ; pc 740
.end
.function f10 external view selector=0x3668393e params=b locals=- returns=b
    LOAD 0    ; pc 741
    BLEN    ; pc 743
    JMPIFNOT L751    ; pc 744
    PUSHC 0xba8add75    ; pc 747
    REVERT    ; pc 750
L751:
    PUSHC 0xef886e512245a691    ; pc 751
    SLOAD    ; pc 754
    ENCODE "(u64)"    ; pc 755
    RET    ; pc 758
.end
.function f11 params=bl locals=ii returns=-
    LOAD 1    ; pc 759
    LLEN    ; pc 761
    DUP 0    ; pc 762
    STORE 2    ; pc 764
    LOAD 0    ; pc 766
    SWAP 1    ; pc 768
    SSTORE    ; pc 770
    JMP L798    ; pc 771
L774:
    LOAD 0    ; pc 774
    LOAD 3    ; pc 776
    BFROMI u32    ; pc 778
    BCAT    ; pc 780
    LOAD 1    ; pc 781
    LOAD 3    ; pc 783
    LGET bytes    ; pc 785
    BTOI u160    ; pc 787
    SSTORE    ; pc 789
    LOAD 3    ; pc 790
    PUSHI 1    ; pc 792
    ADD u32    ; pc 794
    STORE 3    ; pc 796
L798:
    LOAD 3    ; pc 798
    LOAD 2    ; pc 800
    LT    ; pc 802
    JMPIF L774    ; pc 803
    RET    ; pc 806
.end
.function f12 params=b locals=lii returns=l
    LMAKE 0    ; pc 807
    STORE 1    ; pc 810
    LOAD 0    ; pc 812
    SLOAD    ; pc 814
    STORE 2    ; pc 815
    JMP L843    ; pc 817
L820:
    LOAD 1    ; pc 820
    LOAD 0    ; pc 822
    LOAD 3    ; pc 824
    BFROMI u32    ; pc 826
    BCAT    ; pc 828
    SLOAD    ; pc 829
    BFROMI u160    ; pc 830
    LPUSH 10    ; pc 832
    LOAD 3    ; pc 835
    PUSHI 1    ; pc 837
    ADD u32    ; pc 839
    STORE 3    ; pc 841
L843:
    LOAD 3    ; pc 843
    LOAD 2    ; pc 845
    LT    ; pc 847
    JMPIF L820    ; pc 848
    LOAD 1    ; pc 851
    RET    ; pc 853
.end
.function f13 params=bl locals=- returns=-
    LOAD 0    ; pc 854
    PUSHC 0x943056f2    ; pc 856
    BCAT    ; pc 859
    LOAD 1    ; pc 860
    PUSHI 0    ; pc 862
    LGET bytes    ; pc 864
    BTOI u160    ; pc 866
    SSTORE    ; pc 868
    LOAD 0    ; pc 869
    PUSHC 0xb5e79bc9    ; pc 871
    BCAT    ; pc 874
    LOAD 1    ; pc 875
    PUSHI 1    ; pc 877
    LGET bytes    ; pc 879
    SSTOREB    ; pc 881
    LOAD 0    ; pc 882
    PUSHC 0xcbc52754    ; pc 884
    BCAT    ; pc 887
    LOAD 1    ; pc 888
    PUSHI 2    ; pc 890
    LGET bytes    ; pc 892
    SSTOREB    ; pc 894
    LOAD 0    ; pc 895
    PUSHC 0xfae2ae62    ; pc 897
    BCAT    ; pc 900
    LOAD 1    ; pc 901
    PUSHI 3    ; pc 903
    LGET bytes    ; pc 905
    BTOI u160    ; pc 907
    SSTORE    ; pc 909
    LOAD 0    ; pc 910
    PUSHC 0xc0e2525d    ; pc 912
    BCAT    ; pc 915
    LOAD 1    ; pc 916
    PUSHI 4    ; pc 918
    LGET int    ; pc 920
    SSTORE    ; pc 922
    LOAD 0    ; pc 923
    PUSHC 0xb240c3a5    ; pc 925
    BCAT    ; pc 928
    LOAD 1    ; pc 929
    PUSHI 5    ; pc 931
    LGET int    ; pc 933
    SSTORE    ; pc 935
    LOAD 0    ; pc 936
    PUSHC 0x5ecaaa91    ; pc 938
    BCAT    ; pc 941
    LOAD 1    ; pc 942
    PUSHI 6    ; pc 944
    LGET int    ; pc 946
    SSTORE    ; pc 948
    RET    ; pc 949
.end
.function f14 params=b locals=- returns=l
    LOAD 0    ; pc 950
    PUSHC 0x943056f2    ; pc 952
    BCAT    ; pc 955
    SLOAD    ; pc 956
    BFROMI u160    ; pc 957
    LOAD 0    ; pc 959
    PUSHC 0xb5e79bc9    ; pc 961
    BCAT    ; pc 964
    SLOADB    ; pc 965
    LOAD 0    ; pc 966
    PUSHC 0xcbc52754    ; pc 968
    BCAT    ; pc 971
    SLOADB    ; pc 972
    LOAD 0    ; pc 973
    PUSHC 0xfae2ae62    ; pc 975
    BCAT    ; pc 978
    SLOAD    ; pc 979
    BFROMI u160    ; pc 980
    LOAD 0    ; pc 982
    PUSHC 0xc0e2525d    ; pc 984
    BCAT    ; pc 987
    SLOAD    ; pc 988
    LOAD 0    ; pc 989
    PUSHC 0xb240c3a5    ; pc 991
    BCAT    ; pc 994
    SLOAD    ; pc 995
    LOAD 0    ; pc 996
    PUSHC 0x5ecaaa91    ; pc 998
    BCAT    ; pc 1001
    SLOAD    ; pc 1002
    LMAKE 7    ; pc 1003
    RET    ; pc 1006
.end
