// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ModelSection.h"

#include "common/Format.h"

#include "nn/LayerFactory.h"
#include "util/Error.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStandardItemModel>

namespace ws::ui {

namespace {

// The preset's layers and an output layer sized to the data (what buildModel adds to presets),
// one per line, so that the user sees and edits the whole model.
QString templateSpec(const QString& preset, const DatasetPreview& data)
{
    QString spec = QString::fromStdString(modelPresetSpec(preset.toStdString()));
    spec.replace(QStringLiteral(") "), QStringLiteral(")\n"));
    QStringList lines;
    static const QRegularExpression space(QStringLiteral("\\s+(?![^()]*\\))")); // spaces outside parentheses
    for (const QString& layer : spec.split(space, Qt::SkipEmptyParts))
        lines.append(layer);
    const qint64 outputs = data.numClasses > 0 ? data.numClasses : std::max<qint64>(1, data.targetsPerSample);
    lines.append(QStringLiteral("dense(%1)").arg(outputs));
    return lines.join(QLatin1Char('\n'));
}

// A dataset of one zero sample with the preview's shape, for building a model to check it.
Dataset shapeProbe(const DatasetPreview& p)
{
    Dataset d;
    Shape shape { 1 };
    for (const qint64 s : p.sampleShape)
        shape.push_back(s);
    d.x = Tensor(shape);
    d.numClasses = p.numClasses;
    if (p.numClasses > 0)
        d.labels = { 0 };
    else
        d.targets = Tensor({ 1, std::max<int64_t>(1, p.targetsPerSample) });
    return d;
}

// A shape as TrainingWorker writes the layer rows of a model to fine-tune, "(784)", so
// that the input row matches the rows under it (formatShape would write "(784,)").
QString workerStyleShape(const QList<qint64>& shape)
{
    QStringList parts;
    for (const qint64 d : shape)
        parts.append(QString::number(d));
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

QString layerRow(const QString& type, const QString& shape, const QString& params)
{
    return QStringLiteral("<tr><td>%1&nbsp;</td><td>%2&nbsp;</td><td align=right>%3</td></tr>").arg(type, shape, params);
}

} // namespace

ModelSection::ModelSection(QWidget* parent) : QGroupBox(tr("Model"), parent)
{
    modelSource_ = new QComboBox;
    modelSource_->setToolTip(tr("Build a new model from the layers below, or fine-tune the model open in the inspector"));
    modelSource_->addItem(tr("New model (layers below)"));
    modelSource_->addItem(tr("The model open in the inspector"));
    template_ = new QComboBox;
    template_->setToolTip(tr("Replace the layers with a ready-made model"));
    template_->addItem(tr("MLP"), QStringLiteral("mlp"));
    template_->addItem(tr("Small CNN"), QStringLiteral("cnn"));
    template_->addItem(tr("TensorFlow tutorial CNN"), QStringLiteral("tf-cnn"));
    template_->addItem(tr("Playground (2-D)"), QStringLiteral("playground"));
    // Shown once the layers are edited, so that the box no longer names a template they left
    // (it read "Small CNN" over a residual network typed in its place). Choosing it keeps them.
    template_->addItem(tr("Your own layers"), QString());
    spec_ = new QPlainTextEdit;
    spec_->setPlaceholderText(tr("One layer per line, e.g.\nconv2d(32, 3, padding=same)\nrelu\nmaxpool2d(2)\nflatten\ndense(10)"));
    spec_->setToolTip(QString::fromStdString(layerSpecHelp()));
    spec_->setMinimumHeight(90);
    spec_->setMaximumHeight(130); // leave room for the shape check under it
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    spec_->setFont(mono);
    modelInfo_ = new QLabel;
    modelInfo_->setWordWrap(true);
    modelInfo_->setTextFormat(Qt::RichText);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Start from:"), modelSource_);
    form->addRow(tr("Template:"), template_);
    form->addRow(spec_);
    form->addRow(modelInfo_);

    setInspectorModel({});
    connect(template_, &QComboBox::activated, this, &ModelSection::applyTemplate);
    connect(modelSource_, &QComboBox::currentIndexChanged, this, [this] { useInspectorModel(modelSource_->currentIndex() == 1); });
    connect(spec_, &QPlainTextEdit::textChanged, this, [this] {
        if (!settingSpec_) {
            specFromTemplate_ = false;
            template_->setCurrentIndex(template_->count() - 1); // "Your own layers"
        }
        validate();
    });
}

std::string ModelSection::spec() const
{
    return spec_->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts).join(QLatin1Char(' ')).toStdString();
}

QString ModelSection::initFrom() const { return startsFromInspectorModel() ? inspectorModel_ : QString(); }

void ModelSection::setLocked(bool locked)
{
    spec_->setReadOnly(locked);
    modelSource_->setEnabled(!locked);
}

void ModelSection::apply(const Experiment& e)
{
    if (!e.initFrom.empty())
        setInspectorModel(QString::fromStdString(e.initFrom));
    useInspectorModel(!e.initFrom.empty());
    if (!e.model.is_string())
        return;
    const QString model = QString::fromStdString(e.model.get<std::string>());
    if (isModelPreset(model.toStdString())) {
        // Filled in from the template once the data's preview has told its shape.
        if (const int t = template_->findData(model); t >= 0)
            template_->setCurrentIndex(t);
        settingSpec_ = true;
        spec_->clear();
        settingSpec_ = false;
        specFromTemplate_ = true;
    } else {
        spec_->setPlainText(model);
    }
}

void ModelSection::setData(const DatasetPreview& preview, bool shapeChanged)
{
    data_ = preview;
    if (preview.error.isEmpty()) {
        // A template that fits the data, unless the user has written (or been given) a model.
        // An empty spec after apply() named a template: keep that one.
        const bool empty = spec_->toPlainText().trimmed().isEmpty();
        if ((empty && !specFromTemplate_) || (!empty && specFromTemplate_ && shapeChanged)) {
            const QString preset = preview.sampleShape.size() == 3 ? QStringLiteral("cnn")
                : preview.sampleShape == QList<qint64> { 2 }       ? QStringLiteral("playground")
                                                                   : QStringLiteral("mlp");
            template_->setCurrentIndex(template_->findData(preset));
        }
        if (empty || (specFromTemplate_ && shapeChanged))
            applyTemplate();
    }
    validate();
}

void ModelSection::applyTemplate()
{
    if (!data_.error.isEmpty() || data_.sampleShape.isEmpty() || template_->currentData().toString().isEmpty())
        return;
    settingSpec_ = true;
    spec_->setPlainText(templateSpec(template_->currentData().toString(), data_));
    settingSpec_ = false;
    specFromTemplate_ = true;
}

void ModelSection::validate()
{
    if (data_.sampleShape.isEmpty()) {
        modelInfo_->setText(data_.error.isEmpty() ? tr("<i>Waiting for the data…</i>") : QString());
        valid_ = false;
    } else {
        valid_ = startsFromInspectorModel() ? validateInspectorModel() : validateNewModel();
    }
    emit validityChanged(valid_);
}

bool ModelSection::fail(const QString& message)
{
    modelInfo_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
    return false;
}

// The layers must build on the data's samples and give one output per class.
bool ModelSection::validateNewModel()
{
    try {
        const Dataset probe = shapeProbe(data_);
        Experiment e;
        e.model = spec();
        Sequential model = buildModel(e.model, probe);
        const int64_t outputs = shapeNumel(model.outputShape());
        if (probe.isClassification() && outputs != probe.numClasses && !(outputs == 1 && probe.numClasses == 2))
            throw ShapeError("the model ends with " + std::to_string(outputs) + " outputs but the data has "
                + std::to_string(probe.numClasses) + " classes: end with dense(" + std::to_string(probe.numClasses) + ")");
        QString html = QStringLiteral("<table cellspacing=0 cellpadding=1>");
        html += tr("<tr><td>input</td><td>%1</td><td></td></tr>").arg(formatShape(model.inputShape()));
        for (const LayerSummary& row : model.summary()) {
            // A join (the Add of a res() block) says which layers it reads.
            QString type = QString::fromStdString(row.type);
            if (row.inputs.size() > 1) {
                QStringList inputs;
                for (const std::string& input : row.inputs)
                    inputs.append(QString::fromStdString(input).toHtmlEscaped());
                type += QStringLiteral(" \u2190 ") + inputs.join(QStringLiteral(", "));
            }
            html += layerRow(type, formatShape(row.outputShape), row.params ? formatCount(qint64(row.params)) : QString());
        }
        html += QStringLiteral("</table>");
        html += tr("<b>%1 parameters</b>").arg(formatCount(qint64(model.paramCount())));
        modelInfo_->setText(html);
        return true;
    } catch (const std::exception& ex) {
        return fail(QString::fromStdString(ex.what()));
    }
}

void ModelSection::setInspectorModel(const QString& path)
{
    inspectorModel_ = path;
    modelSource_->setItemText(1, path.isEmpty() ? tr("The model open in the inspector (none open)")
                                                : tr("The model open in the inspector: %1").arg(QFileInfo(path).fileName()));
    modelSource_->setItemData(1, path, Qt::ToolTipRole);
    // Only a file that is open can be chosen (Qt's combo disables an item through its flags).
    if (auto* item = qobject_cast<QStandardItemModel*>(modelSource_->model())->item(1))
        item->setEnabled(!path.isEmpty());
    if (path.isEmpty() && startsFromInspectorModel())
        useInspectorModel(false);
    else if (startsFromInspectorModel())
        useInspectorModel(true); // another file: look at it again
}

bool ModelSection::startsFromInspectorModel() const
{
    return modelSource_->currentIndex() == 1 && !inspectorModel_.isEmpty();
}

void ModelSection::useInspectorModel(bool use)
{
    use = use && !inspectorModel_.isEmpty();
    {
        const QSignalBlocker block(modelSource_);
        modelSource_->setCurrentIndex(use ? 1 : 0);
    }
    spec_->setEnabled(!use);
    template_->setEnabled(!use);
    if (use) {
        modelInfo_->setText(tr("<i>Reading the model…</i>"));
        emit modelInfoWanted(inspectorModel_, ++modelInfoRequest_);
    }
    validate();
}

void ModelSection::setModelInfo(const ModelInfo& info)
{
    if (info.request != modelInfoRequest_)
        return;
    fineTune_ = info;
    validate();
}

// The model to fine-tune must take the data's samples and give one output per class.
bool ModelSection::validateInspectorModel()
{
    if (fineTune_.request != modelInfoRequest_ || fineTune_.path != inspectorModel_) {
        modelInfo_->setText(tr("<i>Reading the model…</i>"));
        return false;
    }
    if (!fineTune_.error.isEmpty())
        return fail(fineTune_.error);
    const QString file = QFileInfo(inspectorModel_).fileName();
    if (fineTune_.inputShape != data_.sampleShape)
        return fail(tr("%1 takes inputs of shape %2 but the data's samples have shape %3: choose data the model "
                       "was made for, or build a new model")
                        .arg(file, workerStyleShape(fineTune_.inputShape), workerStyleShape(data_.sampleShape)));
    const qint64 classes = data_.numClasses;
    if (classes > 0 && fineTune_.outputs != classes && !(fineTune_.outputs == 1 && classes == 2))
        return fail(tr("%1 ends with %2 outputs but the data has %3 classes").arg(file).arg(fineTune_.outputs).arg(classes));
    QString html = tr("Fine-tuning <b>%1</b>: its layers and weights").arg(file.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    html += tr("<tr><td>input</td><td>%1</td><td></td></tr>").arg(workerStyleShape(fineTune_.inputShape));
    for (const QStringList& row : fineTune_.layers)
        html += layerRow(row.value(0).toHtmlEscaped(), row.value(1), row.value(2));
    html += QStringLiteral("</table>");
    html += tr("<b>%1 parameters</b>").arg(formatCount(fineTune_.params));
    modelInfo_->setText(html);
    return true;
}

QString ModelSection::modelCheck() const
{
    QString text = modelInfo_->text();
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    return text.replace(tags, QStringLiteral(" ")).replace(QStringLiteral("&nbsp;"), QStringLiteral(" ")).simplified();
}

} // namespace ws::ui
