// SPDX-License-Identifier: GPL-3.0-or-later
// Error types of the engine. Library code never exits or aborts: it throws one of these with a
// message a person can act on (which file, which line or byte, which layer, what was expected).
#pragma once

#include <stdexcept>
#include <string>

namespace ws {

// Base of all Weightscope errors; what() is shown to the user as it is.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A model whose layers do not fit together or do not fit the data.
class ShapeError : public Error {
public:
    using Error::Error;
};

// A file or stream that cannot be read: the message names the file and the place.
class FormatError : public Error {
public:
    using Error::Error;
};

// A configuration (command line, JSON config) that is invalid.
class ConfigError : public Error {
public:
    using Error::Error;
};

} // namespace ws
