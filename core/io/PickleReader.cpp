// SPDX-License-Identifier: GPL-3.0-or-later
// The restricted unpickler of io/PickleReader.h. Opcode numbers and meanings from CPython's
// Lib/pickle.py; the tensor rebuilds follow torch/_utils.py, NumPy's scalar pickling
// numpy/core/src/multiarray/scalarapi.c, TorchScript's typed lists torch/jit/_pickle.py.
#include "io/PickleReader.h"

#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace ws {

double Pickle::Node::real() const
{
    return kind == Kind::Float ? std::bit_cast<double>(num) : double(num);
}

bool torchStorageDType(const std::string& name, DType& dtype)
{
    static const std::pair<const char*, DType> known[] = {
        { "FloatStorage", DType::F32 }, { "DoubleStorage", DType::F64 }, { "HalfStorage", DType::F16 },
        { "BFloat16Storage", DType::BF16 }, { "LongStorage", DType::I64 }, { "IntStorage", DType::I32 },
        { "ShortStorage", DType::I16 }, { "CharStorage", DType::I8 }, { "ByteStorage", DType::U8 },
        { "BoolStorage", DType::Bool }, { "QInt8Storage", DType::I8 }, { "QUInt8Storage", DType::U8 },
        { "QInt32Storage", DType::I32 },
    };
    for (const auto& [n, t] : known)
        if (name == n) {
            dtype = t;
            return true;
        }
    return false;
}

namespace {

using Kind = Pickle::Kind;

// The globals understood as data (the first ones are those torch/_weights_only_unpickler.py
// allows for a state dict); every other global becomes a record.
enum class Global : int64_t {
    OrderedDict, RebuildTensor, RebuildTensorV2, RebuildParameter, RebuildParameterWithState, Parameter, Size,
    Storage, Set, CodecsEncode, JitList, JitTypeTag, NumpyScalar, RebuildQTensor, RebuildSparse,
};

bool allowedGlobal(const std::string& module, const std::string& name, Global& g)
{
    static const std::pair<const char*, Global> known[] = {
        { "collections.OrderedDict", Global::OrderedDict },
        { "torch._utils._rebuild_tensor", Global::RebuildTensor },
        { "torch._utils._rebuild_tensor_v2", Global::RebuildTensorV2 },
        { "torch._utils._rebuild_parameter", Global::RebuildParameter },
        { "torch._utils._rebuild_parameter_with_state", Global::RebuildParameterWithState },
        { "torch.nn.parameter.Parameter", Global::Parameter },
        { "torch.Size", Global::Size },
        { "__builtin__.set", Global::Set },
        { "builtins.set", Global::Set },
        { "__builtin__.frozenset", Global::Set },
        { "builtins.frozenset", Global::Set },
        { "_codecs.encode", Global::CodecsEncode },
        { "torch.jit._pickle.build_intlist", Global::JitList },
        { "torch.jit._pickle.build_doublelist", Global::JitList },
        { "torch.jit._pickle.build_boollist", Global::JitList },
        { "torch.jit._pickle.build_tensorlist", Global::JitList },
        { "torch.jit._pickle.build_genericlist", Global::JitList },
        { "torch.jit._pickle.restore_type_tag", Global::JitTypeTag },
        { "numpy.core.multiarray.scalar", Global::NumpyScalar },
        { "numpy._core.multiarray.scalar", Global::NumpyScalar },
        { "torch._utils._rebuild_qtensor", Global::RebuildQTensor },
        { "torch._utils._rebuild_sparse_tensor", Global::RebuildSparse },
        { "torch._utils._rebuild_sparse_csr_tensor", Global::RebuildSparse }, // torch 1.13
    };
    const std::string full = module + "." + name;
    for (const auto& [n, kind] : known)
        if (full == n) {
            g = kind;
            return true;
        }
    DType unused;
    if (module == "torch" && torchStorageDType(name, unused)) {
        g = Global::Storage;
        return true;
    }
    return false;
}

// RFC 3629 UTF-8 (no overlongs, no surrogates): Python refuses the rest when it decodes, and the
// names end up in JSON, which must be valid UTF-8.
bool validUtf8(const uint8_t* s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const uint8_t c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        static const uint32_t minimum[] = { 0, 0, 0x80, 0x800, 0x10000 };
        if (cp < minimum[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

std::string hexByte(uint8_t b)
{
    static const char* digits = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

class Vm {
public:
    Vm(const uint8_t* data, size_t size, std::string where)
        : data_(data), size_(size), where_(std::move(where))
    {
        p_.nodes.push_back({ Kind::None, 0, 0 });
        p_.nodes.push_back({ Kind::Bool, 0, 0 });
        p_.nodes.push_back({ Kind::Bool, 0, 1 });
    }

    Pickle run()
    {
        for (;;) {
            op_ = pos_;
            if (pos_ >= size_)
                fail("the pickle ends without a STOP opcode (truncated)");
            const uint8_t code = data_[pos_++];
            if (code == '.') {
                p_.root = pop();
                p_.bytesRead = pos_;
                return std::move(p_);
            }
            step(code);
        }
    }

private:
    // "model.pt: member 'archive/data.pkl': pickle: memo index 5 is out of range at byte 7; why"
    [[noreturn]] void fail(const std::string& what, const std::string& why = "") const
    {
        throw FormatError(where_ + ": pickle: " + what + " at byte " + std::to_string(op_) + (why.empty() ? "" : "; ")
                          + why);
    }

    // --- reading operands, each checked against the bytes that remain ---
    void need(uint64_t n) const
    {
        if (n > size_ - pos_)
            fail("truncated: the opcode needs " + std::to_string(n) + " more bytes but " + std::to_string(size_ - pos_)
                 + " remain");
    }
    uint64_t le(int n)
    {
        need(uint64_t(n));
        uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = v << 8 | data_[pos_ + size_t(i)];
        pos_ += size_t(n);
        return v;
    }
    const uint8_t* take(uint64_t n)
    {
        need(n);
        const uint8_t* p = data_ + pos_;
        pos_ += size_t(n);
        return p;
    }
    // A text line of GLOBAL (module or name): printable ASCII, at most 256 characters.
    std::string line()
    {
        const size_t start = pos_;
        while (pos_ < size_ && data_[pos_] != '\n') {
            if (data_[pos_] < 0x20 || data_[pos_] > 0x7e || pos_ - start >= 256)
                fail("GLOBAL names a module or attribute that is not a short printable name");
            ++pos_;
        }
        if (pos_ >= size_)
            fail("truncated inside the name of a GLOBAL");
        return std::string(reinterpret_cast<const char*>(data_ + start), pos_++ - start);
    }

    // --- values ---
    uint32_t add(Pickle::Node n)
    {
        if (p_.nodes.size() >= kPickleMaxObjects)
            fail("more than " + std::to_string(kPickleMaxObjects) + " objects");
        p_.nodes.push_back(n);
        return uint32_t(p_.nodes.size() - 1);
    }
    uint32_t addInt(int64_t v) { return add({ Kind::Int, 0, v }); }
    uint32_t addString(Kind kind, const uint8_t* s, size_t n)
    {
        p_.strings.emplace_back(reinterpret_cast<const char*>(s), n);
        return add({ kind, uint32_t(p_.strings.size() - 1), 0 });
    }
    uint32_t addContainer(Kind kind, std::vector<uint32_t> items = {})
    {
        p_.items.push_back(std::move(items));
        return add({ kind, uint32_t(p_.items.size() - 1), 0 });
    }
    uint32_t text(uint64_t n, Kind kind = Kind::Str)
    {
        const uint8_t* s = take(n);
        if (kind == Kind::Str && !validUtf8(s, size_t(n)))
            fail("a string that is not valid UTF-8");
        return addString(kind, s, size_t(n));
    }
    uint32_t integerBytes(uint64_t n)
    {
        const uint8_t* b = take(n);
        if (n > 8)
            return addString(Kind::BigInt, b, size_t(n));
        uint64_t v = 0;
        for (size_t i = size_t(n); i-- > 0;)
            v = v << 8 | b[i];
        if (n > 0 && n < 8 && (b[n - 1] & 0x80)) // sign-extend two's complement
            v |= ~uint64_t(0) << (8 * n);
        return addInt(int64_t(v));
    }

    // --- the stack; pops never reach below the innermost MARK ---
    size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
    void push(uint32_t v)
    {
        if (stack_.size() >= kPickleMaxStack)
            fail("the stack grows beyond " + std::to_string(kPickleMaxStack) + " values");
        stack_.push_back(v);
    }
    uint32_t pop()
    {
        if (stack_.size() <= floor())
            fail("stack underflow", "the opcode takes a value that is not there");
        const uint32_t v = stack_.back();
        stack_.pop_back();
        return v;
    }
    uint32_t top() const
    {
        if (stack_.size() <= floor())
            fail("stack underflow", "the opcode needs a value that is not there");
        return stack_.back();
    }
    std::vector<uint32_t> popMark()
    {
        if (marks_.empty())
            fail("an opcode needs a MARK that is not there");
        std::vector<uint32_t> items(stack_.begin() + std::ptrdiff_t(marks_.back()), stack_.end());
        stack_.resize(marks_.back());
        marks_.pop_back();
        return items;
    }
    const Pickle::Node& node(uint32_t v) const { return p_.nodes[v]; }
    // The items APPEND(S) or SETITEM(S) add to: a list's or dict's own, or, on a record, the ones
    // it keeps beside its state (Python would call the object's append/__setitem__: code; here
    // the items are only stored).
    std::vector<uint32_t>& itemsOf(uint32_t v, Kind kind, const char* opname)
    {
        if (node(v).kind == Kind::Record) {
            uint32_t& held = kind == Kind::List ? p_.records[node(v).ref].listItems : p_.records[node(v).ref].dictItems;
            if (held == 0)
                held = addContainer(kind);
            return p_.items[node(held).ref];
        }
        if (node(v).kind != kind)
            fail(std::string(opname) + " on something that is not a " + (kind == Kind::List ? "list" : "dict"));
        return p_.items[node(v).ref];
    }
    const std::vector<uint32_t>& tupleOf(uint32_t v, const char* what) const
    {
        if (node(v).kind != Kind::Tuple)
            fail(std::string(what) + " is not a tuple");
        return p_.items[node(v).ref];
    }
    int64_t intOf(uint32_t v, const char* what) const
    {
        if (node(v).kind != Kind::Int)
            fail(std::string(what) + " is not an integer");
        return node(v).num;
    }
    const std::string& strOf(uint32_t v, const char* what) const
    {
        if (node(v).kind != Kind::Str)
            fail(std::string(what) + " is not a string");
        return p_.strings[node(v).ref];
    }

    void memoPut(uint64_t index)
    {
        if (memo_.size() >= kPickleMaxMemo && !memo_.count(uint32_t(index)))
            fail("more than " + std::to_string(kPickleMaxMemo) + " memo entries");
        memo_[uint32_t(index)] = top();
    }
    void memoGet(uint64_t index)
    {
        const auto it = memo_.find(uint32_t(index));
        if (it == memo_.end())
            fail("memo index " + std::to_string(index) + " is out of range", "nothing was stored there");
        push(it->second);
    }

    void step(uint8_t code)
    {
        switch (code) {
        case 0x80: { // PROTO
            const uint64_t v = le(1);
            if (v < 2 || v > 5)
                fail("pickle protocol " + std::to_string(v) + " is not supported (2 to 5 are)");
            break;
        }
        case 0x95: // FRAME: a length hint of the next frame; the data is read as it comes
            if (le(8) > size_ - pos_)
                fail("a FRAME longer than the bytes that remain");
            break;
        case '(':
            if (marks_.size() >= kPickleMaxMarks)
                fail("MARKs nested more than " + std::to_string(kPickleMaxMarks) + " deep");
            marks_.push_back(stack_.size());
            break;
        case '0': pop(); break;       // POP
        case '1': popMark(); break;   // POP_MARK
        case '2': push(top()); break; // DUP
        case 'N': push(0); break;
        case 0x89: push(1); break;    // NEWFALSE
        case 0x88: push(2); break;    // NEWTRUE
        case 'J': push(addInt(int32_t(uint32_t(le(4))))); break; // BININT
        case 'K': push(addInt(int64_t(le(1)))); break;           // BININT1
        case 'M': push(addInt(int64_t(le(2)))); break;           // BININT2
        case 0x8a: push(integerBytes(le(1))); break;             // LONG1
        case 0x8b: push(integerBytes(le(4))); break;             // LONG4
        case 'G': { // BINFLOAT, big-endian
            const uint8_t* b = take(8);
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = bits << 8 | b[i];
            push(add({ Kind::Float, 0, int64_t(bits) }));
            break;
        }
        case 'X': push(text(le(4))); break;     // BINUNICODE
        case 0x8c: push(text(le(1))); break;    // SHORT_BINUNICODE
        case 0x8d: push(text(le(8))); break;    // BINUNICODE8
        case 'U': case 'T': { // SHORT_BINSTRING, BINSTRING: Python 2 str, text if it decodes
            const uint64_t n = code == 'U' ? le(1) : le(4);
            need(n);
            push(text(n, validUtf8(data_ + pos_, size_t(n)) ? Kind::Str : Kind::Bytes));
            break;
        }
        case 'B': push(text(le(4), Kind::Bytes)); break;  // BINBYTES
        case 'C': push(text(le(1), Kind::Bytes)); break;  // SHORT_BINBYTES
        case 0x8e: push(text(le(8), Kind::Bytes)); break; // BINBYTES8
        case '}': push(addContainer(Kind::Dict)); break;
        case ']': push(addContainer(Kind::List)); break;
        case ')': push(addContainer(Kind::Tuple)); break;
        case 't': push(addContainer(Kind::Tuple, popMark())); break;
        case 'l': push(addContainer(Kind::List, popMark())); break;
        case 0x85: case 0x86: case 0x87: { // TUPLE1..3
            std::vector<uint32_t> items(size_t(code - 0x84));
            for (size_t i = items.size(); i-- > 0;)
                items[i] = pop();
            push(addContainer(Kind::Tuple, std::move(items)));
            break;
        }
        case 'd': { // DICT
            auto items = popMark();
            if (items.size() % 2)
                fail("DICT with an odd number of keys and values");
            push(addContainer(Kind::Dict, std::move(items)));
            break;
        }
        case 'a': { // APPEND
            const uint32_t v = pop();
            itemsOf(top(), Kind::List, "APPEND").push_back(v);
            break;
        }
        case 'e': { // APPENDS
            const auto items = popMark();
            auto& list = itemsOf(top(), Kind::List, "APPENDS");
            list.insert(list.end(), items.begin(), items.end());
            break;
        }
        case 's': { // SETITEM
            const uint32_t v = pop(), k = pop();
            auto& dict = itemsOf(top(), Kind::Dict, "SETITEM");
            dict.push_back(k);
            dict.push_back(v);
            break;
        }
        case 'u': { // SETITEMS
            const auto items = popMark();
            if (items.size() % 2)
                fail("SETITEMS with an odd number of keys and values");
            auto& dict = itemsOf(top(), Kind::Dict, "SETITEMS");
            dict.insert(dict.end(), items.begin(), items.end());
            break;
        }
        case 'q': memoPut(le(1)); break;         // BINPUT
        case 'r': memoPut(le(4)); break;         // LONG_BINPUT
        case 0x94: memoPut(memo_.size()); break; // MEMOIZE
        case 'h': memoGet(le(1)); break;         // BINGET
        case 'j': memoGet(le(4)); break;         // LONG_BINGET
        case 'c': { // GLOBAL module\nname\n
            std::string module = line();
            std::string name = line();
            push(global(module, name));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            const uint32_t name = pop(), module = pop();
            push(global(strOf(module, "the module of STACK_GLOBAL"), strOf(name, "the name of STACK_GLOBAL")));
            break;
        }
        case 'R': case 0x81: { // REDUCE callable(*args), NEWOBJ cls.__new__(cls, *args)
            const uint32_t args = pop(), callable = pop();
            tupleOf(args, "the arguments of REDUCE");
            push(call(callable, args));
            break;
        }
        case 0x92: { // NEWOBJ_EX cls.__new__(cls, *args, **kwargs): keyword arguments kept beside the record
            const uint32_t kwargs = pop(), args = pop(), cls = pop();
            tupleOf(args, "the arguments of NEWOBJ_EX");
            if (node(kwargs).kind != Kind::Dict)
                fail("the keyword arguments of NEWOBJ_EX are not a dict");
            const uint32_t made = call(cls, args);
            if (!p_.children(kwargs).empty()) {
                if (node(made).kind != Kind::Record)
                    fail("keyword arguments for " + p_.strings[node(cls).ref]);
                p_.records[node(made).ref].dictItems = kwargs;
            }
            push(made);
            break;
        }
        case 0x8f: push(addContainer(Kind::List)); break; // EMPTY_SET: a set is kept as a list
        case 0x90: { // ADDITEMS
            const auto items = popMark();
            auto& set = itemsOf(top(), Kind::List, "ADDITEMS");
            set.insert(set.end(), items.begin(), items.end());
            break;
        }
        case 0x91: push(addContainer(Kind::List, popMark())); break; // FROZENSET
        case 'b': build(); break;
        case 'Q': push(persistentId(pop())); break; // BINPERSID
        default:
            fail("unsupported pickle opcode " + hexByte(code)
                 + (code >= 0x20 && code < 0x7f ? std::string(" ('") + char(code) + "')" : std::string()),
                 "a state dict does not need it");
        }
    }

    uint32_t global(const std::string& module, const std::string& name)
    {
        // The refusal below quotes the name: keep it short and free of terminal control characters.
        for (const std::string* part : { &module, &name })
            if (part->size() > 256
                || std::any_of(part->begin(), part->end(), [](char c) { return uint8_t(c) < 0x20 || c == 0x7f; }))
                fail("a global whose module or name is not a short printable name");
        const std::string full = module + "." + name;
        Global g;
        if (!allowedGlobal(module, name, g)) {
            // Not understood as data: an inert record of the name. Names are kept once each, so
            // that a pickle repeating a global cannot multiply its strings.
            const auto [it, fresh] = recordNames_.emplace(full, uint32_t(p_.strings.size()));
            if (fresh) {
                p_.strings.push_back(full);
                p_.unknownGlobals.push_back(full);
            }
            return addRecord(it->second, false, 0);
        }
        p_.strings.push_back(full);
        return add({ Kind::Global, uint32_t(p_.strings.size() - 1), int64_t(g) });
    }

    uint32_t addRecord(uint32_t name, bool instance, uint32_t args)
    {
        PickleRecord r;
        r.name = name;
        r.instance = instance;
        r.args = args;
        p_.records.push_back(r);
        return add({ Kind::Record, uint32_t(p_.records.size() - 1), 0 });
    }

    // REDUCE/NEWOBJ: a record "called" gives a record holding the arguments (nothing is called);
    // an understood global gives the plain value it stands for.
    uint32_t call(uint32_t callable, uint32_t argTuple)
    {
        if (node(callable).kind == Kind::Record)
            return addRecord(p_.records[node(callable).ref].name, true, argTuple);
        if (node(callable).kind != Kind::Global)
            fail("REDUCE or NEWOBJ on something that is not a global or a record",
                 "only classes and functions named by the pickle can be applied, and none is ever called");
        // Copies: building values below may grow the vectors these live in. No understood global
        // takes more than 7 arguments: a longer tuple is refused before it is copied, so that
        // applying a global to a huge memoised tuple again and again costs nothing.
        if (p_.items[node(argTuple).ref].size() > 7)
            fail(p_.strings[node(callable).ref] + " with " + std::to_string(p_.items[node(argTuple).ref].size())
                 + " arguments");
        const std::vector<uint32_t> args = p_.items[node(argTuple).ref];
        const std::string name = p_.strings[node(callable).ref];
        auto arity = [&](size_t lo, size_t hi) {
            if (args.size() < lo || args.size() > hi)
                fail(name + " with " + std::to_string(args.size()) + " arguments");
        };
        auto tensorArg = [&]() {
            if (node(args[0]).kind != Kind::Tensor)
                fail("the data of " + name + " is not a tensor");
            return args[0];
        };
        switch (Global(node(callable).num)) {
        case Global::OrderedDict:
            arity(0, 0);
            return addContainer(Kind::Dict);
        case Global::Size: {
            arity(1, 1);
            for (const uint32_t d : tupleOf(args[0], "the argument of torch.Size"))
                intOf(d, "a dimension of torch.Size");
            return args[0];
        }
        case Global::RebuildTensor:
            arity(4, 4);
            return tensor(args);
        case Global::RebuildTensorV2:
            arity(6, 7); // storage, offset, size, stride, requires_grad, backward_hooks[, metadata]
            return tensor(args);
        case Global::RebuildParameter: // data, requires_grad, backward_hooks
            arity(3, 3);
            return tensorArg();
        case Global::RebuildParameterWithState: // data, requires_grad, backward_hooks, state
            arity(4, 4);
            return tensorArg();
        case Global::Parameter: // Parameter(data, requires_grad)
            arity(1, 2);
            return tensorArg();
        case Global::Set: { // set(iterable): the list or tuple itself (shared, not copied)
            arity(0, 1);
            if (args.empty())
                return addContainer(Kind::List);
            const Kind k = node(args[0]).kind;
            if (k != Kind::List && k != Kind::Tuple)
                fail("the items of a set are not a list or a tuple");
            return args[0];
        }
        case Global::CodecsEncode: // how protocol 2 spells bytes: _codecs.encode(text, 'latin1')
            arity(2, 2);
            return encoded(args);
        case Global::JitList: // torch.jit._pickle.build_intlist(list) and its kin: the list itself
            arity(1, 1);
            if (node(args[0]).kind != Kind::List)
                fail("the argument of " + name + " is not a list");
            return args[0];
        case Global::JitTypeTag: // restore_type_tag(value, type name): the value
            arity(2, 2);
            return args[0];
        case Global::NumpyScalar:
            arity(1, 2);
            return numpyScalar(callable, argTuple, args);
        case Global::RebuildQTensor: // storage, offset, size, stride, quantizer params, requires_grad, hooks
            arity(7, 7);
            return quantized(args);
        case Global::RebuildSparse: // layout, (indices, values, size) or (crow, col, values, size)
            arity(2, 2);
            return sparse(callable, argTuple, args);
        case Global::Storage:
            break;
        }
        fail("calling " + name + " is not allowed");
    }

    // The name of a record: a global (torch.per_tensor_affine) or torch.serialization._get_layout("...").
    std::string recordLabel(uint32_t v) const
    {
        if (node(v).kind != Kind::Record)
            return "";
        const PickleRecord& r = p_.records[node(v).ref];
        const std::string& name = p_.strings[r.name];
        if (name == "torch.serialization._get_layout" && node(r.args).kind == Kind::Tuple
            && p_.items[node(r.args).ref].size() == 1 && node(p_.items[node(r.args).ref][0]).kind == Kind::Str)
            return p_.strings[node(p_.items[node(r.args).ref][0]).ref];
        return name;
    }

    // torch._utils._rebuild_qtensor: the integer tensor with its quantisation
    // (torch/_tensor.py _reduce_ex_internal: (qscheme, scale, zero_point) or (qscheme, scales,
    // zero_points, axis)). Other schemes stay records.
    uint32_t quantized(const std::vector<uint32_t>& args)
    {
        const uint32_t t = tensor(args);
        PickleTensor& q = p_.tensors[node(t).ref];
        const auto& params = tupleOf(args[4], "the quantizer parameters of a quantised tensor");
        const std::string scheme = params.empty() ? "" : recordLabel(params[0]);
        if ((scheme == "torch.per_tensor_affine" || scheme == "torch.per_tensor_symmetric") && params.size() == 3) {
            q.quantization = PickleTensor::Quantization::PerTensor;
            q.scale = node(params[1]).real();
            q.zeroPoint = intOf(params[2], "the zero point of a quantised tensor");
            if (node(params[1]).kind != Kind::Float)
                fail("the scale of a quantised tensor is not a number");
        } else if ((scheme == "torch.per_channel_affine" || scheme == "torch.per_channel_symmetric")
                   && params.size() == 4 && node(params[1]).kind == Kind::Tensor && node(params[2]).kind == Kind::Tensor) {
            q.quantization = PickleTensor::Quantization::PerChannel;
            q.scales = node(params[1]).ref;
            q.zeroPoints = node(params[2]).ref;
            q.axis = intOf(params[3], "the axis of a quantised tensor");
            const Shape& shape = q.shape;
            if (q.axis < 0 || q.axis >= int64_t(shape.size()))
                fail("a quantised tensor's axis " + std::to_string(q.axis) + " is not one of its dimensions");
            for (const size_t side : { q.scales, q.zeroPoints })
                if (p_.tensors[side].shape != Shape { shape[size_t(q.axis)] })
                    fail("a quantised tensor's scales or zero points are not one per channel");
        } else {
            fail("a quantised tensor with the scheme '" + scheme + "'",
                 "per-tensor and per-channel affine quantisation are read");
        }
        return t;
    }

    // torch._utils._rebuild_sparse_tensor: a dict of the parts, named as torch names them.
    uint32_t sparse(uint32_t callable, uint32_t argTuple, const std::vector<uint32_t>& args)
    {
        const std::string layout = recordLabel(args[0]);
        const Kind k = node(args[1]).kind;
        const bool fits = k == Kind::Tuple && p_.items[node(args[1]).ref].size() <= 4;
        const std::vector<uint32_t> parts = fits ? p_.items[node(args[1]).ref] : std::vector<uint32_t> {};
        std::vector<const char*> names;
        if (layout == "torch.sparse_coo" && parts.size() == 3)
            names = { "indices", "values", "size" };
        else if (layout == "torch.sparse_csr" && parts.size() == 4)
            names = { "crow_indices", "col_indices", "values", "size" };
        else
            return addRecord(node(callable).ref, true, argTuple); // another layout: kept as it is
        std::vector<uint32_t> items;
        for (size_t i = 0; i < names.size(); ++i) {
            items.push_back(addString(Kind::Str, reinterpret_cast<const uint8_t*>(names[i]), std::strlen(names[i])));
            items.push_back(parts[i]);
        }
        return addContainer(Kind::Dict, std::move(items));
    }

    // _codecs.encode(text, 'latin1'): the code points of `text` as bytes (each below 256).
    uint32_t encoded(const std::vector<uint32_t>& args)
    {
        const std::string text = strOf(args[0], "the text of _codecs.encode"); // a copy: addString grows strings
        // Each call makes new bytes: a memoised text encoded again and again must not multiply
        // memory, so all of them together may not exceed the pickle's own size.
        encodedBytes_ += text.size();
        if (encodedBytes_ > size_)
            fail("_codecs.encode makes more bytes than the pickle holds", "a text is encoded again and again");
        const std::string& codec = strOf(args[1], "the encoding of _codecs.encode");
        if (codec == "utf-8" || codec == "utf8")
            return addString(Kind::Bytes, reinterpret_cast<const uint8_t*>(text.data()), text.size());
        if (codec != "latin1" && codec != "latin-1" && codec != "iso-8859-1")
            fail("_codecs.encode with the encoding '" + codec.substr(0, 32) + "'", "only latin1 and utf-8 are read");
        std::string bytes;
        bytes.reserve(text.size());
        for (size_t i = 0; i < text.size(); ++i) {
            const uint8_t c = uint8_t(text[i]);
            if (c < 0x80) {
                bytes += char(c);
            } else if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size()) { // valid UTF-8 was checked on reading
                bytes += char(((c & 0x03) << 6) | (uint8_t(text[++i]) & 0x3F));
            } else {
                fail("_codecs.encode of a character that latin1 cannot hold");
            }
        }
        return addString(Kind::Bytes, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    }

    // numpy.core.multiarray.scalar(dtype, bytes): the bytes decoded by the dtype's descriptor
    // ('f8', 'i4', 'u1', 'b1', ...; byte order '<', '>', '|' or '=' from the dtype's state). Other
    // kinds (complex, strings, dates, objects) stay a record of the arguments.
    uint32_t numpyScalar(uint32_t callable, uint32_t argTuple, const std::vector<uint32_t>& args)
    {
        auto asRecord = [&] { return addRecord(node(callable).ref, true, argTuple); };
        if (args.size() != 2 || node(args[0]).kind != Kind::Record || node(args[1]).kind != Kind::Bytes)
            return asRecord();
        std::string descr;
        bool big = false;
        if (!numpyDType(args[0], descr, big))
            return asRecord();
        const std::string& bytes = p_.strings[node(args[1]).ref];
        if (descr.size() != 2 || descr[1] < '1' || descr[1] > '8' || bytes.size() != size_t(descr[1] - '0'))
            return asRecord();
        uint64_t v = 0;
        for (size_t i = 0; i < bytes.size(); ++i)
            v |= uint64_t(uint8_t(bytes[big ? bytes.size() - 1 - i : i])) << (8 * i);
        const size_t n = bytes.size();
        switch (descr[0]) {
        case 'b':
            return v ? 2 : 1;
        case 'u':
            return n == 8 && v > uint64_t(std::numeric_limits<int64_t>::max()) ? asRecord() : addInt(int64_t(v));
        case 'i':
            if (n < 8 && (v >> (8 * n - 1)) & 1)
                v |= ~uint64_t(0) << (8 * n);
            return addInt(int64_t(v));
        case 'f': {
            double d;
            if (n == 8)
                d = std::bit_cast<double>(v);
            else if (n == 4)
                d = double(std::bit_cast<float>(uint32_t(v)));
            else if (n == 2)
                d = double(halfToFloat(uint16_t(v)));
            else
                return asRecord();
            return add({ Kind::Float, 0, std::bit_cast<int64_t>(d) });
        }
        default:
            return asRecord();
        }
    }

    uint32_t tensor(const std::vector<uint32_t>& args)
    {
        if (node(args[0]).kind != Kind::Storage)
            fail("the first argument of a tensor rebuild is not a storage");
        PickleTensor t;
        t.storage = node(args[0]).ref;
        t.offset = intOf(args[1], "the storage offset of a tensor");
        for (const uint32_t d : tupleOf(args[2], "the size of a tensor"))
            t.shape.push_back(intOf(d, "a dimension of a tensor"));
        for (const uint32_t s : tupleOf(args[3], "the stride of a tensor"))
            t.stride.push_back(intOf(s, "a stride of a tensor"));
        if (args.size() > 4)
            t.requiresGrad = node(args[4]).kind == Kind::Bool && node(args[4]).num;
        if (t.shape.size() != t.stride.size())
            fail("a tensor with " + std::to_string(t.shape.size()) + " dimensions but " + std::to_string(t.stride.size())
                 + " strides");
        if (t.shape.size() > 64)
            fail("a tensor with " + std::to_string(t.shape.size()) + " dimensions (at most 64 are accepted)");
        // The last element a tensor reaches must lie inside its storage; products checked for overflow.
        const PickleStorage& st = p_.storages[t.storage];
        constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 2;
        if (t.offset < 0)
            fail("a negative storage offset");
        int64_t numel = 1, last = t.offset;
        for (size_t i = 0; i < t.shape.size(); ++i) {
            if (t.shape[i] < 0 || t.stride[i] < 0)
                fail("a tensor with a negative size or stride");
            if (t.shape[i] > 0 && numel > kMax / t.shape[i])
                fail("a tensor whose element count overflows");
            numel *= t.shape[i];
            if (t.shape[i] > 0 && t.stride[i] > 0 && (t.shape[i] - 1) > (kMax - last) / t.stride[i])
                fail("a tensor whose extent overflows");
            last += t.shape[i] > 0 ? (t.shape[i] - 1) * t.stride[i] : 0;
        }
        const int64_t available = st.isView ? st.viewSize : st.numel;
        if (numel > 0 && last >= available)
            fail("a tensor of shape " + shapeToString(t.shape) + " at storage offset " + std::to_string(t.offset)
                 + " reaches element " + std::to_string(last) + " of storage '" + st.key + "', which holds only "
                 + std::to_string(available) + " elements");
        p_.tensors.push_back(std::move(t));
        return add({ Kind::Tensor, uint32_t(p_.tensors.size() - 1), 0 });
    }

    // A record of numpy.dtype(descr, align, copy) with state (version, byte order, ...): the
    // descriptor ('f4') and whether it is big-endian; false for anything else.
    bool numpyDType(uint32_t v, std::string& descr, bool& big) const
    {
        if (node(v).kind != Kind::Record)
            return false;
        const PickleRecord& dtype = p_.records[node(v).ref];
        if (p_.strings[dtype.name] != "numpy.dtype" || node(dtype.args).kind != Kind::Tuple
            || p_.items[node(dtype.args).ref].empty() || node(p_.items[node(dtype.args).ref][0]).kind != Kind::Str)
            return false;
        descr = p_.strings[node(p_.items[node(dtype.args).ref][0]).ref];
        big = false;
        if (node(dtype.state).kind == Kind::Tuple && p_.items[node(dtype.state).ref].size() > 1) {
            const uint32_t order = p_.items[node(dtype.state).ref][1];
            big = node(order).kind == Kind::Str && p_.strings[node(order).ref] == ">";
        }
        return true;
    }

    // BUILD of numpy.core.multiarray._reconstruct(ndarray, (0,), b'b') with the state
    // (version, shape, dtype, fortran_order, bytes) of ndarray.__reduce__ (numpy/core/src/multiarray/
    // methods.c, array_reduce): plain little-endian numbers become a tensor over those bytes, in
    // place of the record; other arrays (objects, strings, big-endian) stay records.
    void numpyArray(uint32_t inst)
    {
        const PickleRecord& r = p_.records[node(inst).ref];
        const std::string& name = p_.strings[r.name];
        if ((name != "numpy.core.multiarray._reconstruct" && name != "numpy._core.multiarray._reconstruct")
            || node(r.state).kind != Kind::Tuple)
            return;
        const std::vector<uint32_t> st = p_.items[node(r.state).ref];
        std::string descr;
        bool big = false;
        if (st.size() != 5 || node(st[1]).kind != Kind::Tuple || node(st[3]).kind != Kind::Bool
            || node(st[4]).kind != Kind::Bytes || !numpyDType(st[2], descr, big) || big)
            return;
        static const std::pair<const char*, DType> known[] = {
            { "f2", DType::F16 }, { "f4", DType::F32 }, { "f8", DType::F64 }, { "i1", DType::I8 }, { "i2", DType::I16 },
            { "i4", DType::I32 }, { "i8", DType::I64 }, { "u1", DType::U8 }, { "u2", DType::U16 }, { "u4", DType::U32 },
            { "u8", DType::U64 }, { "b1", DType::Bool },
        };
        const auto it = std::find_if(std::begin(known), std::end(known), [&](const auto& k) { return descr == k.first; });
        if (it == std::end(known))
            return;
        PickleTensor t;
        int64_t numel = 1;
        for (const uint32_t d : p_.items[node(st[1]).ref]) {
            const int64_t n = intOf(d, "a dimension of a NumPy array");
            if (n < 0 || (n > 0 && numel > std::numeric_limits<int64_t>::max() / 16 / n))
                fail("a NumPy array with a negative or overflowing dimension");
            numel *= n;
            t.shape.push_back(n);
        }
        if (t.shape.size() > 64)
            fail("a NumPy array with " + std::to_string(t.shape.size()) + " dimensions (at most 64 are accepted)");
        const std::string& bytes = p_.strings[node(st[4]).ref];
        if (uint64_t(numel) * dtypeSize(it->second) != bytes.size())
            fail("a NumPy array of shape " + shapeToString(t.shape) + " and type '" + descr + "' holds "
                 + std::to_string(bytes.size()) + " bytes");
        // C order, or Fortran order (the first index varies fastest).
        t.stride.assign(t.shape.size(), 1);
        const bool fortran = node(st[3]).num != 0;
        int64_t step = 1;
        for (size_t k = 0; k < t.shape.size(); ++k) {
            const size_t d = fortran ? k : t.shape.size() - 1 - k;
            t.stride[d] = step;
            step *= std::max<int64_t>(t.shape[d], 1);
        }
        PickleStorage s;
        s.dtype = it->second;
        s.typeName = "numpy " + descr;
        s.numel = numel;
        s.isInline = true;
        s.inlineBytes = p_.nodes[st[4]].ref;
        p_.storages.push_back(std::move(s));
        t.storage = p_.storages.size() - 1;
        p_.tensors.push_back(std::move(t));
        p_.nodes[inst] = { Kind::Tensor, uint32_t(p_.tensors.size() - 1), 0 };
    }

    // BUILD sets an object's state: a record keeps it (Python would call __setstate__ or update
    // __dict__). A state dict's OrderedDict gets its `_metadata` attribute (module versions) this
    // way; that is accepted and dropped.
    void build()
    {
        const uint32_t state = pop();
        const uint32_t inst = top();
        if (node(inst).kind == Kind::Record) {
            p_.records[node(inst).ref].state = state;
            numpyArray(inst);
            return;
        }
        if (node(inst).kind != Kind::Dict)
            fail("BUILD (setting an object's state) on something that is not an object or an OrderedDict");
        if (node(state).kind != Kind::Dict && node(state).kind != Kind::None && node(state).kind != Kind::Tuple)
            fail("BUILD with a state that is not a dict");
    }

    // torch.save's persistent id of a storage: ('storage', torch.FloatStorage, key, location, numel)
    // in zip files; legacy files add a view: None or (view_key, offset, size).
    // The legacy format's whole models name each module class by ('module', class, source file,
    // source) (torch/serialization.py _legacy_save): that is the class's record; its source is
    // kept as text (Pickle::moduleSources), never run.
    uint32_t persistentId(uint32_t pid)
    {
        const auto& t = tupleOf(pid, "a persistent id");
        if (t.size() == 4 && node(t[0]).kind == Kind::Str && p_.strings[node(t[0]).ref] == "module"
            && node(t[1]).kind == Kind::Record) {
            if (node(t[3]).kind == Kind::Str)
                p_.moduleSources.emplace_back(p_.strings[p_.records[node(t[1]).ref].name], node(t[3]).ref);
            return t[1];
        }
        if (t.empty() || node(t[0]).kind != Kind::Str || p_.strings[node(t[0]).ref] != "storage")
            fail("a persistent id that is not a storage or a module class (only those may be loaded from outside "
                 "the pickle)");
        if (t.size() != 5 && t.size() != 6)
            fail("a storage persistent id with " + std::to_string(t.size()) + " fields (5 or 6 expected)");
        PickleStorage s;
        if (node(t[1]).kind != Kind::Global || Global(node(t[1]).num) != Global::Storage)
            fail("a storage persistent id whose type is not a torch storage class");
        s.typeName = p_.strings[node(t[1]).ref].substr(6); // after "torch."
        torchStorageDType(s.typeName, s.dtype);
        s.key = strOf(t[2], "the key of a storage");
        s.location = strOf(t[3], "the location of a storage");
        s.numel = intOf(t[4], "the size of a storage");
        if (s.numel < 0)
            fail("a storage of negative size");
        if (t.size() == 6 && node(t[5]).kind != Kind::None) {
            const auto& v = tupleOf(t[5], "the view of a storage");
            if (v.size() != 3)
                fail("a storage view that is not (key, offset, size)");
            s.isView = true;
            s.viewKey = strOf(v[0], "the key of a storage view");
            s.viewOffset = intOf(v[1], "the offset of a storage view");
            s.viewSize = intOf(v[2], "the size of a storage view");
        }
        p_.storages.push_back(std::move(s));
        return add({ Kind::Storage, uint32_t(p_.storages.size() - 1), 0 });
    }

    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0, op_ = 0;
    std::string where_;
    Pickle p_;
    std::vector<uint32_t> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint32_t, uint32_t> memo_;
    std::unordered_map<std::string, uint32_t> recordNames_; // qualified name -> index into strings
    uint64_t encodedBytes_ = 0;                              // made by _codecs.encode so far
};

} // namespace

Pickle unpickle(const uint8_t* data, size_t size, const std::string& where)
{
    return Vm(data, size, where).run();
}

} // namespace ws
