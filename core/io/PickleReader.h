// SPDX-License-Identifier: GPL-3.0-or-later
// A restricted unpickler for PyTorch files (used by io/TorchReader.h): a small pickle virtual
// machine of our own that understands protocols 2-5 and builds plain values only. Nothing is
// ever imported, called or looked up, whatever the pickle names:
//  - a few globals are understood as data: the tensor rebuilds of torch._utils
//    (_rebuild_tensor, _rebuild_tensor_v2, _rebuild_parameter, _rebuild_parameter_with_state),
//    torch.nn.Parameter, torch.Size, the torch.*Storage classes of the dtypes Weightscope has,
//    collections.OrderedDict, set/frozenset, _codecs.encode (how protocol 2 spells bytes),
//    torch.jit._pickle's build_*list/restore_type_tag (TorchScript's typed containers) and
//    numpy.core.multiarray.scalar (a NumPy scalar: its bytes decoded by its dtype's letters),
//    _rebuild_qtensor (a quantised tensor: integers with scale and zero point, per tensor or per
//    channel) and _rebuild_sparse_tensor (COO or CSR: a dict of its index and value tensors and
//    its size).
//    These are the only things that produce tensors or change values, with one more: BUILD on a
//    record of numpy.core.multiarray._reconstruct whose state is (version, shape, dtype, fortran
//    order, bytes) of plain little-endian numbers makes a tensor of those bytes (a NumPy array);
//  - every other global (a model class such as __main__.Net or torch.nn.modules.conv.Conv2d,
//    __torch__.* of TorchScript, argparse.Namespace, numpy.dtype, but also os.system or
//    builtins.eval) becomes an inert Record holding its qualified name. REDUCE, NEWOBJ and
//    NEWOBJ_EX on a record make another record holding the arguments; BUILD stores the state
//    in it; SETITEM(S)/APPEND(S) on it store their items. torch.load would import the class and
//    call it; here it is a name beside some data (Pickle::unknownGlobals lists them all).
// Persistent ids (BINPERSID) become storage references that the caller resolves, or, in legacy
// whole-model files, the record of the module class they name.
// Pickle opcodes as in CPython's Lib/pickle.py and pickletools.py.
//
// Bounds: every length is checked against the bytes that remain before anything is allocated;
// the stack, the MARK depth, the object count and the memo have fixed limits; the memo holds at
// most one entry per PUT opcode. A value node is 16 bytes, so memory stays a small multiple of the
// pickle's size. The result is a graph (the memo can share and even cycle); consumers walk it
// with the depth limit kPickleMaxNesting and check for cycles.
#pragma once

#include "tensor/DType.h"
#include "tensor/Tensor.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ws {

inline constexpr size_t kPickleMaxStack = size_t(1) << 20;   // values on the stack
inline constexpr size_t kPickleMaxMarks = 1000;              // nested MARKs
inline constexpr size_t kPickleMaxObjects = size_t(1) << 24; // value nodes in all
inline constexpr int kPickleMaxNesting = 100;                // container depth when walking
inline constexpr size_t kPickleMaxMemo = size_t(1) << 22;    // memo entries

// A storage a tensor points into: the persistent id ('storage', torch.FloatStorage, key,
// location, numel[, view]) of torch.save.
struct PickleStorage {
    DType dtype = DType::F32;
    std::string typeName; // "FloatStorage"
    std::string key;      // the archive member data/<key> (zip) or the storage key (legacy)
    std::string location; // "cpu", "cuda:0"
    int64_t numel = 0;    // elements
    // Legacy files may name a view of a larger storage: (view key, offset, size) in elements.
    bool isView = false;
    std::string viewKey;
    int64_t viewOffset = 0, viewSize = 0;
    // A NumPy array pickled with its bytes (numpy.core.multiarray._reconstruct and BUILD): the
    // elements are Pickle::strings[inlineBytes], little-endian; `key` is empty.
    bool isInline = false;
    uint32_t inlineBytes = 0;
};

// A tensor as torch._utils._rebuild_tensor_v2 describes it (elements, not bytes).
struct PickleTensor {
    size_t storage = 0; // index into Pickle::storages
    int64_t offset = 0; // storage_offset
    Shape shape;
    std::vector<int64_t> stride;
    bool requiresGrad = false;
    // A quantised tensor (torch._utils._rebuild_qtensor): value = (q - zero point) * scale, per
    // tensor, or per channel along `axis` from the tensors `scales` and `zeroPoints` (indices into
    // Pickle::tensors).
    enum class Quantization : uint8_t { None, PerTensor, PerChannel } quantization = Quantization::None;
    double scale = 1;
    int64_t zeroPoint = 0;
    int64_t axis = 0;
    size_t scales = 0, zeroPoints = 0;
};

// An object of a class the unpickler does not know, or such a class itself: its qualified name
// and what the stream supplied for it, never a Python object. Node indices; 0 (None) for "none".
struct PickleRecord {
    uint32_t name = 0;      // index into Pickle::strings: "__main__.Net", "torch.nn.modules.conv.Conv2d"
    bool instance = false;  // false: the global itself; true: made by REDUCE/NEWOBJ/NEWOBJ_EX
    uint32_t args = 0;      // the argument tuple of REDUCE/NEWOBJ
    uint32_t state = 0;     // BUILD's state: a dict, or a tuple (state, slotstate)
    uint32_t dictItems = 0; // a Dict node of what SETITEM(S) stored on it
    uint32_t listItems = 0; // a List node of what APPEND(S) stored on it
};

// The unpickled object graph. Value nodes live in `nodes`; containers refer to their items by
// node index. Node 0 is None, 1 is False, 2 is True.
struct Pickle {
    enum class Kind : uint8_t {
        None, Bool, Int, BigInt, Float, Str, Bytes, Tuple, List, Dict, Global, Storage, Tensor, Record,
    };
    struct Node {
        Kind kind = Kind::None;
        uint32_t ref = 0;  // Str/Bytes/BigInt/Global: strings; Tuple/List/Dict: items; Storage; Tensor; Record
        int64_t num = 0;   // Int, Bool; Float as its bit pattern
        double real() const;
    };

    std::vector<Node> nodes;
    std::vector<std::string> strings;          // BigInt: its little-endian two's-complement bytes
    std::vector<std::vector<uint32_t>> items;  // Dict: key, value, key, value, ... in insertion order
    std::vector<PickleStorage> storages;
    std::vector<PickleTensor> tensors;
    std::vector<PickleRecord> records;
    std::vector<std::string> unknownGlobals; // every global named that is not understood as data, once each
    // Legacy whole models: each module class's qualified name and its Python source (index into
    // strings) as torch.save kept it beside the class; text, never run.
    std::vector<std::pair<std::string, uint32_t>> moduleSources;
    uint32_t root = 0;
    size_t bytesRead = 0; // up to and including STOP

    const Node& node(uint32_t i) const { return nodes.at(i); }
    const std::string& str(uint32_t i) const { return strings.at(nodes.at(i).ref); }
    const std::vector<uint32_t>& children(uint32_t i) const { return items.at(nodes.at(i).ref); }
    const PickleRecord& record(uint32_t i) const { return records.at(nodes.at(i).ref); }
    const std::string& recordName(uint32_t i) const { return strings.at(record(i).name); }
};

// Unpickles one pickle from `data` (stopping at its STOP opcode; `size` may extend beyond it, as
// in legacy torch files where pickles follow each other). `where` names the file and member in
// messages ("model.pt: member 'archive/data.pkl'"). Throws FormatError.
Pickle unpickle(const uint8_t* data, size_t size, const std::string& where);

// Storage class names (without "torch.") mapped to dtypes; false for others.
bool torchStorageDType(const std::string& name, DType& dtype);

} // namespace ws
