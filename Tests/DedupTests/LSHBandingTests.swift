// LSHBandingTests: the S-curve rule — a pair at the threshold is a candidate with probability ≥ 0.99, using the
// most rows per band that allows.

import Dedup
import Testing

@Test func defaultThresholdGives21BandsOf6Rows() {
    let banding = LSHBanding(threshold: 0.8, signatureLength: 128)
    #expect(banding.bands == 21 && banding.rows == 6)
    #expect(banding.candidateProbability(jaccard: 0.8) > 0.99)
    #expect(banding.candidateProbability(jaccard: 0.3) < 0.02)
}

@Test(arguments: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
func bandingMeetsRecallWithMostRows(threshold: Double) {
    let banding = LSHBanding(threshold: threshold, signatureLength: 128)
    #expect(banding.bands * banding.rows <= 128)
    #expect(banding.candidateProbability(jaccard: threshold) >= 0.99)
    let oneMoreRow = LSHBanding(bands: 128 / (banding.rows + 1), rows: banding.rows + 1)
    #expect(oneMoreRow.candidateProbability(jaccard: threshold) < 0.99)
}

@Test func sCurveIsMonotone() {
    let banding = LSHBanding(bands: 21, rows: 6)
    let probabilities = stride(from: 0.0, through: 1.0, by: 0.05).map { banding.candidateProbability(jaccard: $0) }
    #expect(zip(probabilities, probabilities.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(probabilities.first == 0 && probabilities.last == 1)
}
