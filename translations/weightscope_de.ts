<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Workbench for neural-network weights</source>
        <translation>Werkbank für Gewichte neuronaler Netze</translation>
    </message>
    <message>
        <source>Start training the built-in playground demo.</source>
        <translation>Das Training der eingebauten Playground-Demo starten.</translation>
    </message>
    <message>
        <source>Save a picture of the main window to &lt;file&gt; and quit.</source>
        <translation>Ein Bild des Hauptfensters in &lt;file&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Wait &lt;ms&gt; milliseconds before the screenshot (default 4000).</source>
        <translation>Vor dem Bildschirmfoto &lt;ms&gt; Millisekunden warten (Vorgabe 4000).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A model or weights file to open.</source>
        <translation>Eine Modell- oder Gewichtsdatei zum Öffnen.</translation>
    </message>
    <message>
        <source>Opening files is not available yet: %1</source>
        <translation>Das Öffnen von Dateien ist noch nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Show the Runs dock for &lt;folder&gt;, every run selected.</source>
        <translation>Das Läufe-Dock für &lt;folder&gt; zeigen, alle Läufe ausgewählt.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>With --runs: group the compared runs by &lt;key&gt; (tag, lr, seed, ...).</source>
        <translation>Mit --runs: die verglichenen Läufe nach &lt;key&gt; gruppieren (tag, lr, seed, ...).</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
</context>
<context>
    <name>ws::ui::BoundaryPlot</name>
    <message>
        <source>Train −1</source>
        <translation>Training −1</translation>
    </message>
    <message>
        <source>Train +1</source>
        <translation>Training +1</translation>
    </message>
    <message>
        <source>Test −1</source>
        <translation>Test −1</translation>
    </message>
    <message>
        <source>Test +1</source>
        <translation>Test +1</translation>
    </message>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
</context>
<context>
    <name>ws::ui::ComparePlot</name>
    <message>
        <source>(no tag)</source>
        <translation>(kein Tag)</translation>
    </message>
    <message>
        <source>Loss (batches)</source>
        <translation>Verlust (Batches)</translation>
    </message>
    <message>
        <source>Accuracy (batches)</source>
        <translation>Genauigkeit (Batches)</translation>
    </message>
    <message>
        <source>Loss (epochs)</source>
        <translation>Verlust (Epochen)</translation>
    </message>
    <message>
        <source>Accuracy (epochs)</source>
        <translation>Genauigkeit (Epochen)</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Relative Zeit</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y logarithmisch</translation>
    </message>
    <message>
        <source>TensorBoard's debiased exponential moving average</source>
        <translation>Der entzerrte exponentielle gleitende Mittelwert von TensorBoard</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <source>Group by tag</source>
        <translation>Nach Tag gruppieren</translation>
    </message>
    <message>
        <source>Group by %1</source>
        <translation>Nach %1 gruppieren</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the full histories of the shown runs</source>
        <translation>Die vollständigen Verläufe der gezeigten Läufe exportieren</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Bild…</translation>
    </message>
    <message>
        <source>Save the plot as PNG or PDF</source>
        <translation>Das Diagramm als PNG oder PDF speichern</translation>
    </message>
    <message>
        <source>x:</source>
        <translation>x:</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source> (s)</source>
        <translation> (s)</translation>
    </message>
    <message>
        <source>%1: mean ± std of %2 runs</source>
        <translation>%1: Mittelwert ± Std.-Abw. von %2 Läufen</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1: Die Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: cannot write the file (disk full?)</source>
        <translation>%1: Die Datei kann nicht geschrieben werden (Datenträger voll?)</translation>
    </message>
    <message>
        <source>Export histories</source>
        <translation>Verläufe exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Save plot</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png);;PDF documents (*.pdf)</source>
        <translation>PNG-Bilder (*.png);;PDF-Dokumente (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ws::ui::Help</name>
    <message>
        <source>User Guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The user guide was not found. Looked in:
%1</source>
        <translation>Das Benutzerhandbuch wurde nicht gefunden. Gesucht in:
%1</translation>
    </message>
    <message>
        <source>Weightscope User Guide</source>
        <translation>Weightscope-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Weightscope %1&lt;/h3&gt;&lt;p&gt;A workbench for neural-network weights: look inside model files, train small models and watch them learn, compare runs.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;zlib&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libzip&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Compiler&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Build type&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Weightscope %1&lt;/h3&gt;&lt;p&gt;Eine Werkbank für Gewichte neuronaler Netze: in Modelldateien hineinsehen, kleine Modelle trainieren und ihnen beim Lernen zusehen, Läufe vergleichen.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (erstellt mit %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;zlib&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libzip&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Compiler&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Build-Typ&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>ws::ui::LossPlot</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss (MSE)</source>
        <translation>Verlust (MSE)</translation>
    </message>
</context>
<context>
    <name>ws::ui::MainWindow</name>
    <message>
        <source>Weightscope</source>
        <translation>Weightscope</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Weightscope&lt;/h2&gt;&lt;p&gt;Open &lt;b&gt;View ▸ Playground&lt;/b&gt; to watch a small network learn.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Weightscope&lt;/h2&gt;&lt;p&gt;Öffnen Sie &lt;b&gt;Ansicht ▸ Playground&lt;/b&gt;, um einem kleinen Netz beim Lernen zuzusehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Weightscope</source>
        <translation>Ü&amp;ber Weightscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About Weightscope</source>
        <translation>Über Weightscope</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
</context>
<context>
    <name>ws::ui::PlaygroundPanel</name>
    <message>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>Exclusive or</source>
        <translation>Exklusives Oder</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>Gauß</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>Spirale</translation>
    </message>
    <message>
        <source>Noise as in TensorFlow Playground (0 to 50)</source>
        <translation>Rauschen wie in TensorFlow Playground (0 bis 50)</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>Testdaten zeigen</translation>
    </message>
    <message>
        <source>Neurons per hidden layer, separated by commas (at most %1 layers of %2)</source>
        <translation>Neuronen je verborgener Schicht, durch Kommas getrennt (höchstens %1 Schichten zu %2)</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Slow (10 epochs/s)</source>
        <translation>Langsam (10 Epochen/s)</translation>
    </message>
    <message>
        <source>Playground (60 epochs/s)</source>
        <translation>Playground (60 Epochen/s)</translation>
    </message>
    <message>
        <source>Fast (300 epochs/s)</source>
        <translation>Schnell (300 Epochen/s)</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Train on one batch, then pause</source>
        <translation>Auf einem Batch trainieren, dann anhalten</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Start again from new random weights</source>
        <translation>Mit neuen zufälligen Gewichten neu beginnen</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Noise:</source>
        <translation>Rauschen:</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Merkmale:</translation>
    </message>
    <message>
        <source>x₁, x₂</source>
        <translation>x₁, x₂</translation>
    </message>
    <message>
        <source>Hidden layers:</source>
        <translation>Verborgene Schichten:</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>Aktivierung:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Ausgabe:</translation>
    </message>
    <message>
        <source>1 neuron, tanh</source>
        <translation>1 Neuron, tanh</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>Optimierer:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>Verlust:</translation>
    </message>
    <message>
        <source>MSE on ±1</source>
        <translation>MSE auf ±1</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Step&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Training loss&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Test loss&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Test accuracy&lt;/b&gt; %5 %</source>
        <translation>&lt;b&gt;Epoche&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Schritt&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Trainingsverlust&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Testverlust&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Testgenauigkeit&lt;/b&gt; %5 %</translation>
    </message>
</context>
<context>
    <name>ws::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Folder where every training run is recorded; empty for the default</source>
        <translation>Ordner, in dem jeder Trainingslauf aufgezeichnet wird; leer für die Vorgabe</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the runs folder</source>
        <translation>Den Ordner für Läufe wählen</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Threads for training and analysis; used by what starts after the change</source>
        <translation>Threads für Training und Analyse; gilt für alles, was nach der Änderung startet</translation>
    </message>
    <message>
        <source>Colour map for signed values, centred on zero</source>
        <translation>Farbskala für vorzeichenbehaftete Werte, um null zentriert</translation>
    </message>
    <message>
        <source>Colour map for magnitudes</source>
        <translation>Farbskala für Beträge</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light or dark colours, or those of the desktop</source>
        <translation>Helle oder dunkle Farben oder die der Arbeitsumgebung</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>Language of the user interface</source>
        <translation>Sprache der Benutzeroberfläche</translation>
    </message>
    <message>
        <source>The language changes when Weightscope is started again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Weightscope.</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> Bilder/s</translation>
    </message>
    <message>
        <source>How often live plots are redrawn while training</source>
        <translation>Wie oft Live-Diagramme während des Trainings neu gezeichnet werden</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>Ordner für Läufe:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Diverging colour map:</source>
        <translation>Divergierende Farbskala:</translation>
    </message>
    <message>
        <source>Sequential colour map:</source>
        <translation>Sequenzielle Farbskala:</translation>
    </message>
    <message>
        <source>Plot refresh rate:</source>
        <translation>Bildrate der Diagramme:</translation>
    </message>
    <message>
        <source>Put every control back to its default (saved with OK)</source>
        <translation>Alle Einstellungen auf ihre Vorgabe zurücksetzen (gespeichert mit OK)</translation>
    </message>
    <message>
        <source>Runs Folder</source>
        <translation>Ordner für Läufe</translation>
    </message>
</context>
<context>
    <name>ws::ui::RunsModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>%1 lr %2, batch %3, seed %4</source>
        <translation>%1 lr %2, Batch %3, Seed %4</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Hyper-parameters</source>
        <translation>Hyperparameter</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>ws::ui::RunsPanel</name>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Filter (regular expression)</source>
        <translation>Filter (regulärer Ausdruck)</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Tags</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>Tags…</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>Notizen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Runs in</source>
        <translation>Läufe in</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden</numerusform><numerusform>%n Dateien konnten nicht gelesen werden</numerusform></translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Läufe-Ordner</translation>
    </message>
    <message>
        <source>Select one run to rename.</source>
        <translation>Einen Lauf zum Umbenennen auswählen.</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>Lauf umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message numerus="yes">
        <source>Tags of the %n selected run(s), separated by commas:</source>
        <translation>
            <numerusform>Tags des %n ausgewählten Laufs, durch Kommas getrennt:</numerusform><numerusform>Tags der %n ausgewählten Läufe, durch Kommas getrennt:</numerusform></translation>
    </message>
    <message>
        <source>Select one run to write its notes.</source>
        <translation>Einen Lauf auswählen, um seine Notizen zu schreiben.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s)? Their files are removed from the disk.</source>
        <translation>
            <numerusform>%n Lauf löschen? Seine Datei wird von der Festplatte entfernt.</numerusform><numerusform>%n Läufe löschen? Ihre Dateien werden von der Festplatte entfernt.</numerusform></translation>
    </message>
    <message>
        <source>%1: the run is still being written</source>
        <translation>%1: Der Lauf wird noch geschrieben</translation>
    </message>
    <message>
        <source>%1: cannot delete the file</source>
        <translation>%1: Die Datei kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>ws::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingWorker</name>
    <message numerus="yes">
        <source>Training stopped after %n step(s).</source>
        <translation>
            <numerusform>Training nach %n Schritt angehalten.</numerusform>
            <numerusform>Training nach %n Schritten angehalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training diverged: %1</source>
        <translation>Training divergiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Training finished after %n step(s).</source>
        <translation>
            <numerusform>Training nach %n Schritt beendet.</numerusform>
            <numerusform>Training nach %n Schritten beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The run is not recorded: %1</source>
        <translation>Der Lauf wird nicht aufgezeichnet: %1</translation>
    </message>
</context>
</TS>
