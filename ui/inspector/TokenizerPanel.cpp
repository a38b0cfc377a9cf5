// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenizerPanel.h"

#include "common/Format.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace ws::ui {

namespace {

// Fixed row heights and column widths: a view that sized itself to its contents would read every
// one of 150 000 rows.
void setupView(QTableView* view)
{
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
}

int shownCount(const std::optional<std::vector<int64_t>>& shown, size_t all)
{
    return int(std::min<size_t>(shown ? shown->size() : all, size_t(std::numeric_limits<int>::max())));
}

QVariant fixedFont() { return QFontDatabase::systemFont(QFontDatabase::FixedFont); }

} // namespace

QString displayToken(const std::string& token)
{
    QString out;
    for (const QChar c : QString::fromUtf8(token.data(), qsizetype(token.size()))) {
        if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

// ---------------------------------------------------------------- tokens

void TokenizerRowsModel::setTokenizer(std::shared_ptr<const GgufTokenizer> tokenizer)
{
    beginResetModel();
    tokenizer_ = std::move(tokenizer);
    shown_.reset();
    endResetModel();
}

void TokenizerRowsModel::setShown(std::optional<std::vector<int64_t>> items)
{
    beginResetModel();
    shown_ = std::move(items);
    endResetModel();
}

int TokenizerRowsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !tokenizer_ ? 0 : shownCount(shown_, itemCount());
}

int64_t TokenizerRowsModel::itemAt(int row) const
{
    if (!tokenizer_ || row < 0 || row >= rowCount())
        return -1;
    return shown_ ? (*shown_)[size_t(row)] : int64_t(row);
}

size_t TokenTableModel::itemCount() const { return tokenizer_->tokens.size(); }

int TokenTableModel::rowOf(int64_t id) const
{
    if (!tokenizer_ || id < 0 || size_t(id) >= tokenizer_->tokens.size())
        return -1;
    if (!shown_)
        return int(id);
    const auto it = std::find(shown_->begin(), shown_->end(), id);
    return it == shown_->end() ? -1 : int(it - shown_->begin());
}

int TokenTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TokenTableModel::data(const QModelIndex& index, int role) const
{
    const int64_t id = idAt(index.row());
    if (id < 0)
        return {};
    const GgufTokenizer& t = *tokenizer_;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn: return QString::number(id);
        case TokenColumn: return displayToken(t.tokens[size_t(id)]);
        case ScoreColumn: return t.scores.empty() ? QVariant() : QVariant(QString::number(t.scores[size_t(id)], 'g', 6));
        case TypeColumn:
            return t.types.empty() ? QVariant() : QVariant(QString::fromStdString(tokenTypeName(t.types[size_t(id)])));
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == TokenColumn) {
        const std::string& s = t.tokens[size_t(id)];
        return tr("%1 (%n byte(s): %2)", nullptr, int(s.size()))
            .arg(displayToken(s), QString::fromLatin1(QByteArray(s.data(), qsizetype(s.size())).toHex(' ')));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == ScoreColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() != TypeColumn)
        return fixedFont();
    return {};
}

QVariant TokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("Id");
    case TokenColumn: return tr("Token");
    case ScoreColumn: return tr("Score");
    case TypeColumn: return tr("Type");
    default: return {};
    }
}

// ---------------------------------------------------------------- merges

size_t MergeTableModel::itemCount() const { return tokenizer_->merges.size(); }

int MergeTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MergeTableModel::data(const QModelIndex& index, int role) const
{
    const int64_t rank = itemAt(index.row());
    if (rank < 0)
        return {};
    if (role == Qt::DisplayRole)
        return index.column() == RankColumn ? QString::number(rank) : displayToken(tokenizer_->merges[size_t(rank)]);
    if (role == Qt::TextAlignmentRole && index.column() == RankColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole)
        return fixedFont();
    return {};
}

QVariant MergeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == RankColumn ? tr("Rank") : tr("Merge (left right)");
}

// ---------------------------------------------------------------- the panel

TokenizerPanel::TokenizerPanel(QWidget* parent) : QWidget(parent)
{
    caption_ = new QLabel;
    caption_->setWordWrap(true);
    search_ = new QLineEdit;
    search_->setPlaceholderText(tr("Text → ids: a token, or part of one"));
    search_->setClearButtonEnabled(true);
    search_->setToolTip(tr("Exact matches first (spaces also as ▁ or Ġ), then every token containing the text; "
                           "the merges below are filtered alike"));
    id_ = new QSpinBox;
    id_->setPrefix(tr("id "));
    id_->setToolTip(tr("Id → token: shows the whole vocabulary with this token selected"));
    auto* go = new QPushButton(tr("Go to Id"));
    go->setToolTip(tr("Show the whole vocabulary with the token of this id selected"));
    result_ = new QLabel;
    typing_ = new QTimer(this);
    typing_->setSingleShot(true);
    typing_->setInterval(150); // one search after a pause in typing, not one per key
    connect(search_, &QLineEdit::textChanged, typing_, qOverload<>(&QTimer::start));
    connect(typing_, &QTimer::timeout, this, [this] { find(search_->text()); });
    connect(search_, &QLineEdit::returnPressed, this, [this] { typing_->stop(); find(search_->text()); });
    connect(go, &QPushButton::clicked, this, [this] { goToId(id_->value()); });
    connect(id_, &QSpinBox::editingFinished, this, [this] { goToId(id_->value()); });

    tokenModel_ = new TokenTableModel(this);
    tokens_ = new QTableView;
    tokens_->setModel(tokenModel_);
    setupView(tokens_);
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    tokens_->setColumnWidth(TokenTableModel::IdColumn, fixed.horizontalAdvance(QStringLiteral("0000000")) + 12);
    tokens_->setColumnWidth(TokenTableModel::TokenColumn, fixed.horizontalAdvance(QStringLiteral("M")) * 24 + 12);
    tokens_->setColumnWidth(TokenTableModel::ScoreColumn, fixed.horizontalAdvance(QStringLiteral("-0.000123457")) + 12);
    mergeModel_ = new MergeTableModel(this);
    merges_ = new QTableView;
    merges_->setModel(mergeModel_);
    setupView(merges_);
    merges_->setColumnWidth(MergeTableModel::RankColumn, fixed.horizontalAdvance(QStringLiteral("0000000")) + 12);
    mergesCaption_ = new QLabel;

    auto* lookups = new QHBoxLayout;
    lookups->addWidget(search_, 1);
    lookups->addWidget(id_);
    lookups->addWidget(go);
    auto* mergesBox = new QWidget;
    auto* mergesLayout = new QVBoxLayout(mergesBox);
    mergesLayout->setContentsMargins(0, 0, 0, 0);
    mergesLayout->addWidget(mergesCaption_);
    mergesLayout->addWidget(merges_, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(tokens_);
    split->addWidget(mergesBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(caption_);
    layout->addLayout(lookups);
    layout->addWidget(result_);
    layout->addWidget(split, 1);
    setTokenizer(nullptr);
}

QString TokenizerPanel::caption() const { return caption_->text(); }
QString TokenizerPanel::result() const { return result_->text(); }

void TokenizerPanel::setTokenizer(std::shared_ptr<const GgufTokenizer> tokenizer, const QString& error)
{
    dropSearch(); // the old tokenizer's answer has nothing to say about this one
    tokenizer_ = std::move(tokenizer);
    tokenModel_->setTokenizer(tokenizer_);
    mergeModel_->setTokenizer(tokenizer_);
    search_->blockSignals(true);
    search_->clear();
    search_->blockSignals(false);
    result_->clear();
    const bool has = tokenizer_ != nullptr;
    search_->setEnabled(has);
    id_->setEnabled(has);
    if (!has) {
        caption_->setText(error.isEmpty() ? tr("This file has no tokenizer.") : tr("The tokenizer cannot be read: %1").arg(error));
        mergesCaption_->clear();
        return;
    }
    const GgufTokenizer& t = *tokenizer_;
    id_->setRange(0, int(std::min<size_t>(t.tokens.size(), size_t(std::numeric_limits<int>::max())) - 1));
    caption_->setText(tr("%1 tokenizer: %2 tokens, %3 merges%4%5.")
                          .arg(t.model.empty() ? tr("GGUF") : QString::fromStdString(t.model))
                          .arg(formatCount(qint64(t.tokens.size())))
                          .arg(formatCount(qint64(t.merges.size())))
                          .arg(t.scores.empty() ? tr(", no scores") : QString())
                          .arg(t.types.empty() ? tr(", no token types") : QString()));
    mergesCaption_->setText(t.merges.empty() ? tr("No merges (not a BPE tokenizer).") : tr("Merges in rank order (first applied first):"));
}

struct TokenizerPanel::SearchAnswer {
    std::string text; // std::string, not QString: its bytes cross threads through the HandOff alone
    std::vector<int64_t> ids; // the exact matches first
    size_t exact = 0;
    std::vector<int64_t> ranks; // merges containing the text
    std::thread::id on;
};

void TokenizerPanel::dropSearch()
{
    wanted_ = 0;
    typing_->stop();
}

void TokenizerPanel::find(const QString& text)
{
    if (!tokenizer_)
        return;
    if (text.isEmpty()) {
        dropSearch();
        tokenModel_->setShown(std::nullopt);
        mergeModel_->setShown(std::nullopt);
        result_->clear();
        return;
    }
    // The job reads its own copies (the tokenizer is shared and never changes), never this panel.
    wanted_ = job_.submit([this, post = inbox_.poster(), tokenizer = tokenizer_, wanted = text.toStdString()](uint64_t generation) {
        const GgufTokenizer& t = *tokenizer;
        auto answer = std::make_shared<SearchAnswer>();
        answer->text = wanted;
        answer->on = std::this_thread::get_id();
        answer->ids = t.find(wanted);
        answer->exact = answer->ids.size();
        if (!job_.wanted(generation))
            return;
        const auto exactEnd = [&a = *answer] { return a.ids.begin() + std::ptrdiff_t(a.exact); };
        for (int64_t id : t.search(wanted, t.tokens.size()))
            if (std::find(answer->ids.begin(), exactEnd(), id) == exactEnd())
                answer->ids.push_back(id);
        if (!job_.wanted(generation))
            return;
        for (size_t r = 0; r < t.merges.size(); ++r)
            if (t.merges[r].find(wanted) != std::string::npos)
                answer->ranks.push_back(int64_t(r));
        post([this, generation, answer = std::shared_ptr<const SearchAnswer>(std::move(answer))] {
            if (generation == wanted_) // else a newer search, an id or another tokenizer came since
                showAnswer(*answer);
        });
    });
}

void TokenizerPanel::showAnswer(const SearchAnswer& answer)
{
    wanted_ = 0;
    const QString text = QString::fromStdString(answer.text);
    searchedOn_ = answer.on;
    const size_t exact = answer.exact;
    QString exactText;
    for (size_t i = 0; i < exact && i < 5; ++i)
        exactText += (i ? QStringLiteral(", ") : QString()) + QString::number(answer.ids[i]);
    result_->setText(exact > 0 ? tr("'%1' is token %2; %n other token(s) contain it (listed after it).", nullptr, int(answer.ids.size() - exact))
                                     .arg(text, exactText)
                               : tr("No token is exactly '%1'; %n token(s) contain it.", nullptr, int(answer.ids.size())).arg(text));
    tokenModel_->setShown(answer.ids);
    mergeModel_->setShown(answer.ranks);
    if (tokenModel_->rowCount() > 0)
        tokens_->selectRow(0);
    emit searchShown(text);
}

void TokenizerPanel::goToId(int64_t id)
{
    if (!tokenizer_ || id < 0 || size_t(id) >= tokenizer_->tokens.size())
        return;
    dropSearch(); // a search's answer arriving later would take the row away again
    if (tokenModel_->rowOf(id) < 0 || !search_->text().isEmpty()) {
        search_->blockSignals(true);
        search_->clear();
        search_->blockSignals(false);
        tokenModel_->setShown(std::nullopt);
        mergeModel_->setShown(std::nullopt);
    }
    const int row = tokenModel_->rowOf(id);
    tokens_->selectRow(row);
    tokens_->scrollTo(tokenModel_->index(row, 0), QAbstractItemView::PositionAtCenter);
    const GgufTokenizer& t = *tokenizer_;
    result_->setText(tr("Token %1 is '%2'%3.")
                         .arg(id)
                         .arg(displayToken(t.tokens[size_t(id)]))
                         .arg(t.types.empty() ? QString() : tr(" (%1)").arg(QString::fromStdString(tokenTypeName(t.types[size_t(id)])))));
}

} // namespace ws::ui
