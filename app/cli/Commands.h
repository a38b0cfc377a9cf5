// SPDX-License-Identifier: GPL-3.0-or-later
// The sub-commands of weightscope-cli. Each returns the process exit code; errors are thrown
// as ws::Error and reported by main().
#pragma once

#include <string>
#include <vector>

namespace ws::cli {

int trainCommand(const std::vector<std::string>& args);
int evalCommand(const std::vector<std::string>& args);
int inspectCommand(const std::vector<std::string>& args);
int exportCommand(const std::vector<std::string>& args);
int compareCommand(const std::vector<std::string>& args);
int predictCommand(const std::vector<std::string>& args);
int runsCommand(const std::vector<std::string>& args);
int rerunCommand(const std::vector<std::string>& args);
int tokensCommand(const std::vector<std::string>& args);
int healthCommand(const std::vector<std::string>& args);

std::string trainHelp();
std::string evalHelp();
std::string inspectHelp();
std::string exportHelp();
std::string compareHelp();
std::string predictHelp();
std::string runsHelp();
std::string tokensHelp();
std::string healthHelp();

} // namespace ws::cli
