// Baseline: placeholder until its first type lands.
