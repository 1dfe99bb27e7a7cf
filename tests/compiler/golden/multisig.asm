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
    ENCODE "()"    ; pc 111
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
    ENCODE "()"    ; pc 323
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
    ENCODE "()"    ; pc 385
    LOG 3    ; pc 388
    ENCODE "()"    ; pc 390
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
    ENCODE "()"    ; pc 547
    LOG 2    ; pc 550
    ENCODE "()"    ; pc 552
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
    ENCODE "()"    ; pc 659
    LOG 2    ; pc 662
    ENCODE "()"    ; pc 664
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
    DECODE "()"    ; pc 725
    PUSHC 0x23e28019a3377402    ; pc 728
    SLOAD    ; pc 731
    ENCODE "(u8)"    ; pc 732
    RET    ; pc 735
.end
.function f10 external view selector=0x3668393e params=b locals=- returns=b
    LOAD 0    ; pc 736
    DECODE "()"    ; pc 738
    PUSHC 0xef886e512245a691    ; pc 741
    SLOAD    ; pc 744
    ENCODE "(u64)"    ; pc 745
    RET    ; pc 748
.end
.function f11 params=bl locals=ii returns=-
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
.function f12 params=b locals=lii returns=l
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
    LPUSH 10    ; pc 822
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
.function f13 params=bl locals=- returns=-
    LOAD 0    ; pc 844
    PUSHC 0x943056f2    ; pc 846
    BCAT    ; pc 849
    LOAD 1    ; pc 850
    PUSHI 0    ; pc 852
    LGET bytes    ; pc 854
    BTOI u160    ; pc 856
    SSTORE    ; pc 858
    LOAD 0    ; pc 859
    PUSHC 0xb5e79bc9    ; pc 861
    BCAT    ; pc 864
    LOAD 1    ; pc 865
    PUSHI 1    ; pc 867
    LGET bytes    ; pc 869
    SSTOREB    ; pc 871
    LOAD 0    ; pc 872
    PUSHC 0xcbc52754    ; pc 874
    BCAT    ; pc 877
    LOAD 1    ; pc 878
    PUSHI 2    ; pc 880
    LGET bytes    ; pc 882
    SSTOREB    ; pc 884
    LOAD 0    ; pc 885
    PUSHC 0xfae2ae62    ; pc 887
    BCAT    ; pc 890
    LOAD 1    ; pc 891
    PUSHI 3    ; pc 893
    LGET bytes    ; pc 895
    BTOI u160    ; pc 897
    SSTORE    ; pc 899
    LOAD 0    ; pc 900
    PUSHC 0xc0e2525d    ; pc 902
    BCAT    ; pc 905
    LOAD 1    ; pc 906
    PUSHI 4    ; pc 908
    LGET int    ; pc 910
    SSTORE    ; pc 912
    LOAD 0    ; pc 913
    PUSHC 0xb240c3a5    ; pc 915
    BCAT    ; pc 918
    LOAD 1    ; pc 919
    PUSHI 5    ; pc 921
    LGET int    ; pc 923
    SSTORE    ; pc 925
    LOAD 0    ; pc 926
    PUSHC 0x5ecaaa91    ; pc 928
    BCAT    ; pc 931
    LOAD 1    ; pc 932
    PUSHI 6    ; pc 934
    LGET int    ; pc 936
    SSTORE    ; pc 938
    RET    ; pc 939
.end
.function f14 params=b locals=- returns=l
    LOAD 0    ; pc 940
    PUSHC 0x943056f2    ; pc 942
    BCAT    ; pc 945
    SLOAD    ; pc 946
    BFROMI u160    ; pc 947
    LOAD 0    ; pc 949
    PUSHC 0xb5e79bc9    ; pc 951
    BCAT    ; pc 954
    SLOADB    ; pc 955
    LOAD 0    ; pc 956
    PUSHC 0xcbc52754    ; pc 958
    BCAT    ; pc 961
    SLOADB    ; pc 962
    LOAD 0    ; pc 963
    PUSHC 0xfae2ae62    ; pc 965
    BCAT    ; pc 968
    SLOAD    ; pc 969
    BFROMI u160    ; pc 970
    LOAD 0    ; pc 972
    PUSHC 0xc0e2525d    ; pc 974
    BCAT    ; pc 977
    SLOAD    ; pc 978
    LOAD 0    ; pc 979
    PUSHC 0xb240c3a5    ; pc 981
    BCAT    ; pc 984
    SLOAD    ; pc 985
    LOAD 0    ; pc 986
    PUSHC 0x5ecaaa91    ; pc 988
    BCAT    ; pc 991
    SLOAD    ; pc 992
    LMAKE 7    ; pc 993
    RET    ; pc 996
.end
