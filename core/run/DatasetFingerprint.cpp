// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/DatasetFingerprint.h"

#include "util/Sha256.h"

namespace ws {

namespace {

void hashSplit(Sha256& sha, const Dataset& d)
{
    const int64_t rank = int64_t(d.x.rank());
    sha.update(&rank, sizeof rank);
    for (int64_t dim : d.x.shape())
        sha.update(&dim, sizeof dim);
    sha.update(d.x.data(), size_t(d.x.size()) * sizeof(float));
    const int64_t labels = int64_t(d.labels.size());
    sha.update(&labels, sizeof labels);
    sha.update(d.labels.data(), d.labels.size() * sizeof(int32_t));
    const int64_t targets = d.targets.size();
    sha.update(&targets, sizeof targets);
    sha.update(d.targets.data(), size_t(targets) * sizeof(float));
}

} // namespace

std::string datasetSha256(const Dataset& train, const Dataset& test)
{
    Sha256 sha;
    hashSplit(sha, train);
    hashSplit(sha, test);
    return sha.hexDigest();
}

} // namespace ws
