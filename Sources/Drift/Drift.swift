// Drift: windows of live interactions compared with a stored baseline — the statistical tests (Statistics/),
// the per-window profiles, findings, and the alert state machine. Knows nothing of packets: it takes
// interactions and their slice assignments, so logs and tests feed it directly.
