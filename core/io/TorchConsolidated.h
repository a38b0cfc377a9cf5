// SPDX-License-Identifier: GPL-3.0-or-later
// Meta's own LLaMA release layout: a folder of consolidated.00.pth, consolidated.01.pth, ...
// (bf16 state dicts written by torch.save, one per model-parallel rank, read by io/TorchReader.h)
// and params.json (dim, n_layers, n_heads, vocab_size, ...). Opened as one model, from the folder
// or from any one of its consolidated files.
//
// Every file holds the same tensor names; each tensor is one slice of the whole, cut the way
// fairscale's model-parallel layers cut it (the same table as transformers'
// convert_llama_weights_to_hf.py and mlx-examples' llama convert.py):
//   ColumnParallelLinear, split on dim 0: attention.wq/wk/wv, feed_forward.w1/w3, output;
//   RowParallelLinear, split on dim 1:    attention.wo, feed_forward.w2;
//   ParallelEmbedding, split on dim 1:    tok_embeddings;
//   replicated (the same in every file): attention_norm, ffn_norm, norm, rope.freqs.
// The tensors are listed twice: first each whole tensor under its state-dict name, read by
// gathering the slices in file order (what torch.cat(slices, dim) gives; a replicated tensor is
// the first file's), then every file's own tensors as "consolidated.01/<name>". A name the table
// does not know is listed per file only. With a single file the whole tensors are the file's and
// are listed once.
//
// Refused, naming the file and the place: a gap in the numbers (consolidated.00 and .02 without
// .01), more than kMaxConsolidatedFiles files, files that do not hold the same names, slices that
// differ outside the split dimension, a split dimension the tensor does not have, and a params.json
// whose dim, n_layers or vocab_size the whole tensors contradict (which is also what a folder with
// only some of the files gives). Replicated tensors that differ between files are opened, with a
// warning naming the tensor and the files (metadata "warnings").
#pragma once

#include "io/TorchReader.h"
#include "io/WeightFile.h"

#include <memory>
#include <string>
#include <vector>

namespace ws {

// Far beyond any release (LLaMA 65B and 70B came in 8 files); a folder with more is refused
// before any of them is opened, so that a hostile folder cannot make thousands of mappings.
inline constexpr size_t kMaxConsolidatedFiles = 256;

class TorchConsolidatedFile final : public WeightFile {
public:
    // `path` is the folder or one of its consolidated.NN.pth files. Throws FormatError.
    explicit TorchConsolidatedFile(const std::string& path);
    std::string format() const override { return "pytorch (consolidated)"; }
    // Thread-safe: reads only the mapped files.
    void read(size_t index, int64_t first, int64_t count, float* out) const override;

private:
    // Where a listed tensor's elements come from: slices[s] is (file, tensor in that file); a
    // whole tensor split on `dim` has one slice per file, anything else one slice.
    struct Source {
        std::vector<std::pair<size_t, size_t>> slices;
        size_t dim = 0;
    };
    void mergeTensors(const std::vector<std::string>& names);
    void checkParams(const std::string& paramsPath);

    std::vector<std::string> fileNames_;
    std::vector<std::unique_ptr<TorchFile>> files_;
    std::vector<Source> sources_; // parallel to tensors_
};

// A folder holding consolidated.00.pth, or a consolidated.NN.pth beside a params.json.
bool looksLikeTorchConsolidated(const std::string& path);

// The model-parallel split dimension of a LLaMA tensor by its state-dict name
// ("layers.3.attention.wo.weight" -> 1), -1 for replicated ones, nullopt for names not known.
std::optional<int> llamaSplitDim(const std::string& name);

} // namespace ws
