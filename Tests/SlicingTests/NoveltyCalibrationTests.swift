// NoveltyCalibrationTests: the cross-fitted threshold flags about the intended share of fresh
// in-distribution vectors and nearly all vectors from an unseen direction.

import SliceWatchTesting
import Slicing
import Testing

private func cloud(around axes: [Int], count: Int, dimension: Int = 24, noise: Float = 0.6, seed: UInt64) -> [[Float]] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { i in
        var v = (0..<dimension).map { _ in (Float(rng.next() % 10_000) / 10_000 - 0.5) * noise }
        v[axes[i % axes.count]] += 1
        return normalised(v)
    }
}

@Test func thresholdMeetsItsExpectedRateAndCatchesUnseenDirections() {
    let baseline = cloud(around: [0, 1, 2, 3], count: 800, seed: 1)
    let calibration = NoveltyCalibrator.calibrate(
        baseline, k: 4, folds: 5, quantile: 0.95, kmeans: SphericalKMeans(seed: 7, minimumClusterSize: 20))
    #expect(calibration.heldOut == 800)
    #expect(abs(calibration.expectedRate - 0.05) < 0.01)

    let model = SphericalKMeans(seed: 7).cluster(baseline, k: 4)
    let fresh = cloud(around: [0, 1, 2, 3], count: 2000, seed: 99)
    let freshRate = Double(fresh.filter { calibration.isNovel(distance: NoveltyCalibrator.distance($0, to: model.centroids)) }.count) / 2000
    #expect(abs(freshRate - calibration.expectedRate) < 0.03)

    let unseen = cloud(around: [10, 11], count: 500, seed: 5)
    let caught = Double(unseen.filter { calibration.isNovel(distance: NoveltyCalibrator.distance($0, to: model.centroids)) }.count) / 500
    #expect(caught > 0.95)
}
