// SPDX-License-Identifier: GPL-3.0-or-later
// The tokenizer a GGUF file carries (#18 item 6), as the Metadata dock's second tab: every token
// with its id, score and type in a table, the BPE merges in rank order below it, and lookups both
// ways — text → ids (exact matches first, also spelled with SentencePiece's "▁" or GPT-2's "Ġ" for
// spaces, then every token containing the text) and id → token (the row is selected and
// scrolled to). The tables are models over the tokenizer the loader read (io/GgufTokenizer.h),
// not items: a 150 000-token vocabulary costs the view nothing until rows are drawn, and a
// search fills one vector of ids. The search runs on the panel's own thread (LatestJob): tens of
// milliseconds for 150 000 tokens would stall typing on the GUI thread; a newer search replaces
// an older one, and an answer that is no longer the latest is dropped.
#pragma once

#include "io/GgufTokenizer.h"
#include "threads/HandOff.h"
#include "threads/LatestJob.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTimer;

namespace ws::ui {

// The token as a table shows it: control characters as escapes ("\n", "\x01"), bytes that are
// not UTF-8 as U+FFFD.
QString displayToken(const std::string& token);

// What both tables share: the tokenizer, and the items shown (all, or those a search found, in
// its order), each row one item: a token id or a merge's rank.
class TokenizerRowsModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setTokenizer(std::shared_ptr<const GgufTokenizer> tokenizer);
    void setShown(std::optional<std::vector<int64_t>> items); // nullopt: every item in order
    int rowCount(const QModelIndex& parent = {}) const override;

protected:
    virtual size_t itemCount() const = 0; // all the tokenizer has (with a tokenizer set)
    int64_t itemAt(int row) const;        // -1 outside the rows

    std::shared_ptr<const GgufTokenizer> tokenizer_;
    std::optional<std::vector<int64_t>> shown_;
};

// Tokens (all, or the ids of a search in that order) as rows: id, token, score, type.
class TokenTableModel : public TokenizerRowsModel {
    Q_OBJECT
public:
    enum Column { IdColumn, TokenColumn, ScoreColumn, TypeColumn, ColumnCount };
    using TokenizerRowsModel::TokenizerRowsModel;
    int64_t idAt(int row) const { return itemAt(row); }
    int rowOf(int64_t id) const; // -1 when the id is not shown
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    size_t itemCount() const override;
};

// The merges (rank, rule) — all, or those containing a text.
class MergeTableModel : public TokenizerRowsModel {
    Q_OBJECT
public:
    enum Column { RankColumn, MergeColumn, ColumnCount };
    using TokenizerRowsModel::TokenizerRowsModel;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    size_t itemCount() const override;
};

class TokenizerPanel : public QWidget {
    Q_OBJECT
public:
    explicit TokenizerPanel(QWidget* parent = nullptr);
    // A tokenizer, or the reader's message when it could not be read (both empty: none).
    void setTokenizer(std::shared_ptr<const GgufTokenizer> tokenizer, const QString& error = {});
    bool hasTokenizer() const { return tokenizer_ != nullptr; }

    // Starts the search at once (typing waits for a pause); the tables change when its answer
    // arrives (searchShown), unless another search, an id or a tokenizer came in between.
    void find(const QString& text);
    bool searching() const { return wanted_ != 0; }
    std::thread::id searchedOn() const { return searchedOn_; } // the thread of the last answer shown (tests)
    void goToId(int64_t id);        // the whole vocabulary, that token's row selected
    QLineEdit* search() const { return search_; }
    QSpinBox* idBox() const { return id_; }
    QTableView* tokens() const { return tokens_; }
    QTableView* merges() const { return merges_; }
    TokenTableModel* tokenModel() const { return tokenModel_; }
    MergeTableModel* mergeModel() const { return mergeModel_; }
    QString caption() const;
    QString result() const;

signals:
    void searchShown(const QString& text);

private:
    struct SearchAnswer;
    void showAnswer(const SearchAnswer& answer);
    void dropSearch(); // what is being searched no longer matters

    std::shared_ptr<const GgufTokenizer> tokenizer_;
    QLabel* caption_ = nullptr;
    QLabel* result_ = nullptr;
    QLabel* mergesCaption_ = nullptr;
    QLineEdit* search_ = nullptr;
    QSpinBox* id_ = nullptr;
    QTimer* typing_ = nullptr;
    QTableView* tokens_ = nullptr;
    QTableView* merges_ = nullptr;
    TokenTableModel* tokenModel_ = nullptr;
    MergeTableModel* mergeModel_ = nullptr;
    uint64_t wanted_ = 0; // the generation of the search whose answer is awaited; 0: none
    std::thread::id searchedOn_;
    LatestJob job_;          // before inbox_: joined once the HandOff drops what it posts
    HandOff inbox_ { this }; // last, so destroyed first
};

} // namespace ws::ui
