// SplitMix64: the test kit's name for the project's seeded generator (Hashing.SeededRandom), so fuzz-style tests
// are reproducible with the same sequence as everything else.

import Hashing

/// A deterministic 64-bit random number generator (SplitMix64).
public typealias SplitMix64 = SeededRandom
