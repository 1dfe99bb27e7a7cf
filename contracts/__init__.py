"""The construction-finance reference contracts (`*.ht`, compiled by the
Hutong compiler), the end-to-end scenarios of the domain notes written once
over contract proxies (`contracts.scenarios`: they run on the in-process
`Chain` and against a live node), and `make demo` (`contracts.demo`)."""
