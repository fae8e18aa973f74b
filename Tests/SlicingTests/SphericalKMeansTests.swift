// SphericalKMeansTests: well-separated directions are found, the run is deterministic for a seed, small
// clusters are dissolved, and k is chosen by silhouette within bounds.

import SliceWatchTesting
import Slicing
import Testing

/// `perCluster` noisy unit vectors around each of `k` orthogonal directions in `dimension` dims.
private func blobs(k: Int, perCluster: Int, dimension: Int = 16, noise: Float = 0.15, seed: UInt64 = 3) -> ([[Float]], [Int]) {
    var rng = SplitMix64(seed: seed)
    var vectors: [[Float]] = []
    var labels: [Int] = []
    for c in 0..<k {
        for _ in 0..<perCluster {
            var v = (0..<dimension).map { _ in (Float(rng.next() % 10_000) / 10_000 - 0.5) * noise }
            v[c] += 1
            vectors.append(normalised(v))
            labels.append(c)
        }
    }
    return (vectors, labels)
}

/// Whether two labelings are the same partition.
private func samePartition(_ a: [Int], _ b: [Int]) -> Bool {
    var map: [Int: Int] = [:]
    for (x, y) in zip(a, b) {
        if let m = map[x], m != y { return false }
        map[x] = y
    }
    return Set(map.values).count == map.count
}

@Test(arguments: [2, 4, 7])
func separatedClustersAreRecovered(_ k: Int) {
    let (vectors, labels) = blobs(k: k, perCluster: 30)
    let result = SphericalKMeans(seed: 11).cluster(vectors, k: k)
    #expect(result.centroids.count == k)
    #expect(samePartition(result.assignments, labels))
    for c in result.centroids { #expect(abs(dot(c, c) - 1) < 1e-4) }
}

@Test func sameSeedSameResult() {
    let (vectors, _) = blobs(k: 5, perCluster: 20, noise: 0.9)
    let a = SphericalKMeans(seed: 5).cluster(vectors, k: 5)
    let b = SphericalKMeans(seed: 5).cluster(vectors, k: 5)
    #expect(a == b)
}

@Test func smallClustersAreDissolved() {
    var (vectors, _) = blobs(k: 3, perCluster: 25)
    let (outliers, _) = blobs(k: 6, perCluster: 2, seed: 9)
    vectors += outliers.suffix(4)  // two tiny groups along directions 4 and 5
    let result = SphericalKMeans(seed: 1, minimumClusterSize: 10).cluster(vectors, k: 5)
    var sizes: [Int: Int] = [:]
    for a in result.assignments { sizes[a, default: 0] += 1 }
    #expect(sizes.values.allSatisfy { $0 >= 10 })
    #expect(result.centroids.count == sizes.count)
}

@Test func kIsChosenBySilhouette() {
    let (vectors, labels) = blobs(k: 4, perCluster: 25)
    let result = SphericalKMeans(seed: 2, minimumClusterSize: 5).cluster(vectors, kIn: 2...8)
    #expect(result.centroids.count == 4)
    #expect(samePartition(result.assignments, labels))
    #expect((result.silhouette ?? 0) > 0.5)
}
