// NoveltyCalibration: the distance beyond which an input belongs to no slice, calibrated by cross-fitting
// on held-out eval items, so the novel rate expected of in-distribution traffic is a known number (the
// binomial test of live novelty compares against it).

/// A calibrated novelty threshold.
public struct NoveltyCalibration: Sendable, Hashable {
    /// Cosine distance (1 - similarity to the nearest centroid) above which an input is novel.
    public var threshold: Float
    /// The share of held-out in-distribution items beyond the threshold: the expected novel rate.
    public var expectedRate: Double
    /// Held-out items the calibration used.
    public var heldOut: Int
    public var folds: Int

    public init(threshold: Float, expectedRate: Double, heldOut: Int, folds: Int) {
        self.threshold = threshold
        self.expectedRate = expectedRate
        self.heldOut = heldOut
        self.folds = folds
    }

    /// Whether a distance counts as novel.
    public func isNovel(distance: Float) -> Bool { distance > threshold }
}

/// Cross-fitted calibration of the novelty threshold.
public enum NoveltyCalibrator {
    /// Splits the vectors into `folds` (deterministically by index), clusters the other folds into `k`
    /// clusters, measures each held-out vector's distance to its nearest centroid, and takes the
    /// `quantile` of those distances as the threshold.
    public static func calibrate(
        _ vectors: [[Float]], k: Int, folds: Int = 5, quantile: Double = 0.95, kmeans: SphericalKMeans
    ) -> NoveltyCalibration {
        precondition(folds >= 2 && vectors.count >= folds * 2, "need at least two items per fold")
        precondition(quantile > 0 && quantile < 1, "quantile must be within (0, 1)")
        var distances: [Float] = []
        distances.reserveCapacity(vectors.count)
        for fold in 0..<folds {
            let training = vectors.indices.filter { $0 % folds != fold }.map { vectors[$0] }
            let heldOut = vectors.indices.filter { $0 % folds == fold }.map { vectors[$0] }
            let model = kmeans.cluster(training, k: min(k, training.count))
            for v in heldOut { distances.append(distance(v, to: model.centroids)) }
        }
        distances.sort()
        let index = min(distances.count - 1, Int((quantile * Double(distances.count)).rounded(.up)) - 1)
        let threshold = distances[max(0, index)]
        let beyond = distances.filter { $0 > threshold }.count
        return NoveltyCalibration(
            threshold: threshold, expectedRate: Double(beyond) / Double(distances.count), heldOut: distances.count,
            folds: folds)
    }

    /// Cosine distance from a unit vector to its nearest centroid.
    public static func distance(_ v: [Float], to centroids: [[Float]]) -> Float {
        1 - dot(v, centroids[nearest(v, centroids)])
    }
}
