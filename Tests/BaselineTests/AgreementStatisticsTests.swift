// AgreementStatisticsTests: ARI, NMI and AUROC against values known by construction or computed by hand.

import Baseline
import Testing

@Test func identicalPartitionsAgreeFully() {
    let a = [0, 0, 1, 1, 2, 2]
    let relabelled = [5, 5, 3, 3, 9, 9]
    #expect(abs(AgreementStatistics.adjustedRandIndex(a, relabelled) - 1) < 1e-12)
    #expect(abs(AgreementStatistics.normalizedMutualInformation(a, relabelled) - 1) < 1e-12)
}

@Test func handComputedAdjustedRandIndex() {
    // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714
    #expect(abs(AgreementStatistics.adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 0.5714285714) < 1e-9)
    // normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8
    #expect(abs(AgreementStatistics.normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2]) - 0.8) < 1e-9)
}

@Test(arguments: [
    ([Float(0.9), 0.8, 0.7], [Float(0.1), 0.2], 1.0),
    ([Float(0.1), 0.2], [Float(0.9), 0.8], 0.0),
    ([Float(0.5), 0.5], [Float(0.5), 0.5], 0.5),
    ([Float(0.9), 0.3], [Float(0.5), 0.1], 0.75),
])
func aurocCountsOrderedPairs(_ positives: [Float], _ negatives: [Float], _ expected: Double) {
    #expect(abs(AgreementStatistics.auroc(positives: positives, negatives: negatives) - expected) < 1e-12)
}
