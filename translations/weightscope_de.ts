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
        <source>Open &lt;file&gt; (or folder) in the inspector.</source>
        <translation>&lt;file&gt; (oder Ordner) im Inspektor öffnen.</translation>
    </message>
    <message>
        <source>Show the tensor named &lt;name&gt; of the opened file.</source>
        <translation>Den Tensor &lt;name&gt; der geöffneten Datei zeigen.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Train an MLP on the first 6000 Fashion-MNIST images in the Training panel.</source>
        <translation>Ein MLP im Bereich Training auf den ersten 6000 Fashion-MNIST-Bildern trainieren.</translation>
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
    <message>
        <source>With --training-demo: train &lt;model&gt; (a preset such as cnn, or layers) instead.</source>
        <translation>Mit --training-demo: stattdessen &lt;model&gt; trainieren (eine Vorlage wie cnn, oder Schichten).</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>view</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Show the Spectrum dock for the opened file&apos;s tensor.</source>
        <translation>Das Spektrum-Dock für den Tensor der geöffneten Datei zeigen.</translation>
    </message>
    <message>
        <source>With --training-demo: show test[:true:predicted] (the final test confusion, the samples of a cell), confusion[:true:predicted] (by epoch) or activations[:layer:unit,...] (units switched off once trained).</source>
        <translation>Mit --training-demo: test[:wahr:vorhergesagt] (die abschließende Testkonfusion, die Beispiele einer Zelle), confusion[:wahr:vorhergesagt] (nach Epoche) oder activations[:Schicht:Einheit,...] (nach dem Training abgeschaltete Einheiten) zeigen.</translation>
    </message>
    <message>
        <source>Show the Metadata view of the opened file.</source>
        <translation>Die Metadaten-Ansicht der geöffneten Datei zeigen.</translation>
    </message>
    <message>
        <source>Compare the opened file with &lt;file&gt; in the Compare dock and show the worst pair.</source>
        <translation>Die geöffnete Datei im Vergleichsdock mit &lt;file&gt; vergleichen und das schlechteste Paar zeigen.</translation>
    </message>
    <message>
        <source>With --runs: show &lt;view&gt; below the table (curves, table, parallel, importance, diff, distributions, histograms).</source>
        <translation>Mit --runs: &lt;Ansicht&gt; unter der Tabelle zeigen (curves, table, parallel, importance, diff, distributions, histograms).</translation>
    </message>
</context>
<context>
    <name>ws::EnumLabels</name>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>LeakyReLU</source>
        <translation>LeakyReLU</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>ReLU6</source>
        <translation>ReLU6</translation>
    </message>
    <message>
        <source>HardSigmoid</source>
        <translation>HardSigmoid</translation>
    </message>
    <message>
        <source>HardSwish</source>
        <translation>HardSwish</translation>
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
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>Stufenweise Abnahme</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
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
        <source>Plane</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Multi-Gaussian</source>
        <translation>Multi-Gauß</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>Four blobs</source>
        <translation>Vier Haufen</translation>
    </message>
    <message>
        <source>Your own data</source>
        <translation>Eigene Daten</translation>
    </message>
    <message>
        <source>GELUTanh</source>
        <translation>GELUTanh</translation>
    </message>
</context>
<context>
    <name>ws::OptimizerTips</name>
    <message>
        <source>The algorithm that updates the weights</source>
        <translation>Das Verfahren, das die Gewichte aktualisiert</translation>
    </message>
    <message>
        <source>SGD only: the share of the last update kept in the next (0: plain SGD; 0.9 is common)</source>
        <translation>Nur SGD: der Anteil des letzten Schritts, der in den nächsten eingeht (0: einfaches SGD; 0,9 ist üblich)</translation>
    </message>
    <message>
        <source>SGD with momentum: take the gradient where the momentum is about to carry the weights</source>
        <translation>SGD mit Momentum: den Gradienten dort nehmen, wohin das Momentum die Gewichte gleich trägt</translation>
    </message>
    <message>
        <source>Adam and AdamW: how much of the last steps&apos; gradients the next step keeps (β1)</source>
        <translation>Adam und AdamW: wie viel der Gradienten der letzten Schritte der nächste Schritt behält (β1)</translation>
    </message>
    <message>
        <source>Adam and AdamW: how much of the last squared gradients scales the next step (β2)</source>
        <translation>Adam und AdamW: wie viel der letzten quadrierten Gradienten den nächsten Schritt skaliert (β2)</translation>
    </message>
    <message>
        <source>RMSprop: how much of the last squared gradients scales the next step (ρ)</source>
        <translation>RMSprop: wie viel der letzten quadrierten Gradienten den nächsten Schritt skaliert (ρ)</translation>
    </message>
    <message>
        <source>Adam, AdamW and RMSprop: added to the divisor so that steps stay finite (ε)</source>
        <translation>Adam, AdamW und RMSprop: wird zum Divisor addiert, damit die Schritte endlich bleiben (ε)</translation>
    </message>
    <message>
        <source>Decoupled weight decay; &quot;default&quot; is the optimizer&apos;s own (0.01 for AdamW, else 0)</source>
        <translation>Entkoppelter Weight Decay; „Standard“ ist der des Optimierers (0,01 für AdamW, sonst 0)</translation>
    </message>
    <message>
        <source>The learning rate rises from 0 to its value over this many steps</source>
        <translation>Die Lernrate steigt über so viele Schritte von 0 auf ihren Wert</translation>
    </message>
</context>
<context>
    <name>ws::ui::AblationPanel</name>
    <message>
        <source>Units switched off; double-click one to switch it back on</source>
        <translation>Abgeschaltete Einheiten; Doppelklick schaltet eine wieder ein</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>Einschalten</translation>
    </message>
    <message>
        <source>Switch all on</source>
        <translation>Alle einschalten</translation>
    </message>
    <message>
        <source>Switch the unit selected in the list back on</source>
        <translation>Die in der Liste gewählte Einheit wieder einschalten</translation>
    </message>
    <message>
        <source>Switch every unit back on: the model as trained</source>
        <translation>Alle Einheiten wieder einschalten: das Modell wie trainiert</translation>
    </message>
    <message>
        <source>Test confusion with the units switched off; a dot marks a cell that changed</source>
        <translation>Testkonfusion mit abgeschalteten Einheiten; ein Punkt markiert eine geänderte Zelle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ablation&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ablation&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Click a feature map or a bar in the activations to switch that unit off; the test accuracy and confusion matrix follow.</source>
        <translation>Eine Merkmalskarte oder einen Balken in den Aktivierungen anklicken, um diese Einheit abzuschalten; Testgenauigkeit und Konfusionsmatrix folgen.</translation>
    </message>
    <message>
        <source>%1 · unit %2</source>
        <translation>%1 · Einheit %2</translation>
    </message>
    <message>
        <source>(computing…)</source>
        <translation>(wird berechnet …)</translation>
    </message>
    <message>
        <source>Test accuracy &lt;b&gt;%1 %&lt;/b&gt; (%2 samples), no unit switched off.</source>
        <translation>Testgenauigkeit &lt;b&gt;%1 %&lt;/b&gt; (%2 Beispiele), keine Einheit abgeschaltet.</translation>
    </message>
    <message numerus="yes">
        <source>Test accuracy &lt;b&gt;%1 %&lt;/b&gt; with %n unit(s) switched off; %2 % with all on (%3 points).</source>
        <translation>
            <numerusform>Testgenauigkeit &lt;b&gt;%1 %&lt;/b&gt; mit %n abgeschalteten Einheit; %2 % mit allen (%3 Punkte).</numerusform>
            <numerusform>Testgenauigkeit &lt;b&gt;%1 %&lt;/b&gt; mit %n abgeschalteten Einheiten; %2 % mit allen (%3 Punkte).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::ActivationsView</name>
    <message>
        <source>Index of the test sample</source>
        <translation>Index des Testbeispiels</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Zeichnen</translation>
    </message>
    <message>
        <source>Draw your own sample instead of taking one from the test set</source>
        <translation>Ein eigenes Beispiel zeichnen, statt eines aus dem Testdatensatz zu nehmen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Erase the drawing</source>
        <translation>Die Zeichnung löschen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Take the model as it is now (also while paused) and compute again</source>
        <translation>Das Modell im jetzigen Zustand nehmen (auch während der Pause) und neu berechnen</translation>
    </message>
    <message>
        <source>Train for an epoch (or pause and press Refresh) to see the activations.</source>
        <translation>Eine Epoche trainieren (oder pausieren und „Aktualisieren“ drücken), um die Aktivierungen zu sehen.</translation>
    </message>
    <message>
        <source>Test sample:</source>
        <translation>Testbeispiel:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Class probabilities&lt;/b&gt;</source>
        <translation>&lt;b&gt;Klassenwahrscheinlichkeiten&lt;/b&gt;</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>Ihre Zeichnung</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>Beispiel %1</translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation>#%1: %2</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message numerus="yes">
        <source>%n feature map(s)</source>
        <translation>
            <numerusform>%n Merkmalskarte</numerusform>
            <numerusform>%n Merkmalskarten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n Einheit</numerusform>
            <numerusform>%n Einheiten</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 %3 · %4</translation>
    </message>
    <message>
        <source>Predicted: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Vorhersage: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) switched off.</source>
        <translation>
            <numerusform>%n Einheit abgeschaltet.</numerusform>
            <numerusform>%n Einheiten abgeschaltet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Click a feature map or a bar to switch that unit off or on.</source>
        <translation>Eine Merkmalskarte oder einen Balken anklicken, um diese Einheit ab- oder einzuschalten.</translation>
    </message>
</context>
<context>
    <name>ws::ui::AnalysisWorker</name>
    <message>
        <source>No model yet: train for an epoch, or pause and refresh.</source>
        <translation>Noch kein Modell: eine Epoche trainieren oder pausieren und aktualisieren.</translation>
    </message>
    <message>
        <source>There is no test set to take samples from.</source>
        <translation>Es gibt keinen Testdatensatz, aus dem Beispiele genommen werden können.</translation>
    </message>
    <message>
        <source>The drawing does not fit the model&apos;s input.</source>
        <translation>Die Zeichnung passt nicht zur Eingabe des Modells.</translation>
    </message>
    <message>
        <source>Ablation needs a trained classifier and its test set.</source>
        <translation>Die Ablation braucht einen trainierten Klassifikator und seinen Testdatensatz.</translation>
    </message>
</context>
<context>
    <name>ws::ui::ArchitecturePanel</name>
    <message>
        <source>Updating the layout…</source>
        <translation>Anordnung wird aktualisiert…</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>Vergrößern (Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>Verkleinern (Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s); click a layer to select its tensors</source>
        <translation>
            <numerusform>%n Schicht; eine Schicht anklicken wählt ihre Tensoren</numerusform>
            <numerusform>%n Schichten; eine Schicht anklicken wählt ihre Tensoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No architecture in this file: %n group(s) of tensors by name</source>
        <translation>
            <numerusform>Keine Architektur in dieser Datei: %n Gruppe von Tensoren nach Namen</numerusform>
            <numerusform>Keine Architektur in dieser Datei: %n Gruppen von Tensoren nach Namen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>Zoom to show the whole architecture</source>
        <translation>Zoomen, sodass die ganze Architektur zu sehen ist</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n Tensor</numerusform>
            <numerusform>%n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>double-click to expand</source>
        <translation>Doppelklick zum Aufklappen</translation>
    </message>
    <message numerus="yes">
        <source>%1 (config.json): %n layer(s) of blocks; click a block to select its tensors</source>
        <translation>
            <numerusform>%1 (config.json): %n Schicht aus Blöcken; Block anklicken, um seine Tensoren auszuwählen</numerusform>
            <numerusform>%1 (config.json): %n Schichten aus Blöcken; Block anklicken, um seine Tensoren auszuwählen</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to collapse its group</source>
        <translation>Doppelklick klappt seine Gruppe zu</translation>
    </message>
    <message>
        <source>%1: no value</source>
        <translation>%1: kein Wert</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2, the highest of %n tensor(s) with a value (%3)</source>
        <translation>
            <numerusform>%1: %2, der höchste von %n Tensor mit Wert (%3)</numerusform>
            <numerusform>%1: %2, der höchste von %n Tensoren mit Wert (%3)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 from %2 (left) to %3 (right), log scale; a box shows the highest of its tensors</source>
        <translation>%1 von %2 (links) bis %3 (rechts), logarithmische Skala; ein Kasten zeigt den höchsten Wert seiner Tensoren</translation>
    </message>
    <message>
        <source>%1 from %2 (left) to %3 (right); a box shows the highest of its tensors</source>
        <translation>%1 von %2 (links) bis %3 (rechts); ein Kasten zeigt den höchsten Wert seiner Tensoren</translation>
    </message>
</context>
<context>
    <name>ws::ui::ArrayPairDialog</name>
    <message>
        <source>Features and labels in %1</source>
        <translation>Merkmale und Labels in %1</translation>
    </message>
    <message>
        <source>The samples: an array (N, …) of numbers; uint8 is read as pixels 0…255</source>
        <translation>Die Beispiele: ein Array (N, …) aus Zahlen; uint8 wird als Pixel 0…255 gelesen</translation>
    </message>
    <message>
        <source>One class index per sample (N), or one-hot rows (N, K)</source>
        <translation>Ein Klassenindex je Beispiel (N) oder One-Hot-Zeilen (N, K)</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Merkmale:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Labels:</translation>
    </message>
</context>
<context>
    <name>ws::ui::BoundaryPlot</name>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>Train, class %1</source>
        <translation>Training, Klasse %1</translation>
    </message>
    <message>
        <source>Test, class %1</source>
        <translation>Test, Klasse %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::ComparePanel</name>
    <message>
        <source>Compare with…</source>
        <translation>Vergleichen mit…</translation>
    </message>
    <message>
        <source>Open a second checkpoint of the same model and compare it tensor by tensor</source>
        <translation>Einen zweiten Checkpoint desselben Modells öffnen und Tensor für Tensor vergleichen</translation>
    </message>
    <message>
        <source>Open a file, then compare it with another checkpoint.</source>
        <translation>Eine Datei öffnen, dann mit einem anderen Checkpoint vergleichen.</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Shape A</source>
        <translation>Form A</translation>
    </message>
    <message>
        <source>Shape B</source>
        <translation>Form B</translation>
    </message>
    <message>
        <source>‖A−B‖/‖A‖</source>
        <translation>‖A−B‖/‖A‖</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>max |A−B|</source>
        <translation>max |A−B|</translation>
    </message>
    <message>
        <source>Comparing with %1…</source>
        <translation>Vergleich mit %1…</translation>
    </message>
    <message>
        <source>in both</source>
        <translation>in beiden</translation>
    </message>
    <message>
        <source>reshaped</source>
        <translation>umgeformt</translation>
    </message>
    <message>
        <source>removed in B</source>
        <translation>in B entfernt</translation>
    </message>
    <message>
        <source>added in B</source>
        <translation>in B hinzugefügt</translation>
    </message>
    <message>
        <source>same name, other spelling</source>
        <translation>gleicher Name, andere Schreibweise</translation>
    </message>
    <message>
        <source>name map</source>
        <translation>Namenszuordnung</translation>
    </message>
    <message>
        <source>matched by position</source>
        <translation>nach Position zugeordnet</translation>
    </message>
    <message>
        <source>ambiguous: not paired</source>
        <translation>mehrdeutig: nicht gepaart</translation>
    </message>
    <message>
        <source>, transposed</source>
        <translation>, transponiert</translation>
    </message>
    <message>
        <source>, Q/K permutation undone</source>
        <translation>, Q/K-Permutation rückgängig gemacht</translation>
    </message>
    <message numerus="yes">
        <source>, %n NaN/Inf left out</source>
        <translation>
            <numerusform>, %n NaN/Inf ausgelassen</numerusform>
            <numerusform>, %n NaN/Inf ausgelassen</numerusform>
        </translation>
    </message>
    <message>
        <source>Tensor in B</source>
        <translation>Tensor in B</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>Bits A</translation>
    </message>
    <message>
        <source>Bits B</source>
        <translation>Bits B</translation>
    </message>
    <message>
        <source>SNR (dB)</source>
        <translation>SNR (dB)</translation>
    </message>
    <message>
        <source>Sign flips</source>
        <translation>Vorzeichenwechsel</translation>
    </message>
    <message>
        <source>Bits per weight in A, block scales included (Q4_K: 4.5)</source>
        <translation>Bits pro Gewicht in A, Blockskalen eingerechnet (Q4_K: 4,5)</translation>
    </message>
    <message>
        <source>Bits per weight in B, block scales included (Q4_K: 4.5)</source>
        <translation>Bits pro Gewicht in B, Blockskalen eingerechnet (Q4_K: 4,5)</translation>
    </message>
    <message>
        <source>Signal-to-noise ratio 10·log10(ΣA² / Σ(A−B)²)</source>
        <translation>Signal-Rausch-Verhältnis 10·log10(ΣA² / Σ(A−B)²)</translation>
    </message>
    <message>
        <source>Share of elements whose sign differs in A and B</source>
        <translation>Anteil der Elemente, deren Vorzeichen sich in A und B unterscheidet</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Comparing with %1… %2 of %3 pairs</source>
        <translation>Vergleich mit %1… %2 von %3 Paaren</translation>
    </message>
    <message>
        <source>∞</source>
        <translation>∞</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>whole model</source>
        <translation>ganzes Modell</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>outside the blocks</source>
        <translation>außerhalb der Blöcke</translation>
    </message>
    <message>
        <source>A − B with B = %1: %2 compared (%3 by position), %4 added, %5 removed, %6 ambiguous. Worst first; select a row for the heatmap of A − B.</source>
        <translation>A − B mit B = %1: %2 verglichen (%3 nach Position), %4 hinzugefügt, %5 entfernt, %6 mehrdeutig. Größter Fehler zuerst; eine Zeile wählen für die Heatmap von A − B.</translation>
    </message>
    <message>
        <source>Nothing in common with %1: no pair of tensors could be compared.</source>
        <translation>Nichts gemeinsam mit %1: kein Tensorpaar ließ sich vergleichen.</translation>
    </message>
    <message>
        <source>Select a compared row to look at its quantization error.</source>
        <translation>Wählen Sie eine verglichene Zeile, um ihren Quantisierungsfehler anzusehen.</translation>
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
        <source>TensorBoard&apos;s debiased exponential moving average</source>
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
        <source>Export histories</source>
        <translation>Verläufe exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The quantity plotted for each run</source>
        <translation>Die Größe, die für jeden Lauf gezeichnet wird</translation>
    </message>
    <message>
        <source>What the horizontal axis shows</source>
        <translation>Was die horizontale Achse zeigt</translation>
    </message>
    <message>
        <source>Show the vertical axis on a logarithmic scale</source>
        <translation>Die vertikale Achse logarithmisch darstellen</translation>
    </message>
    <message>
        <source>Draw runs that share a tag or a hyperparameter as one mean curve</source>
        <translation>Läufe mit gleichem Tag oder Hyperparameter als eine mittlere Kurve zeichnen</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Das Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>EMA</source>
        <translation>EMA</translation>
    </message>
    <message>
        <source>Time-weighted EMA</source>
        <translation>Zeitgewichteter EMA</translation>
    </message>
    <message>
        <source>Moving average</source>
        <translation>Gleitender Mittelwert</translation>
    </message>
    <message>
        <source>TensorBoard&apos;s debiased EMA; an EMA along x that does not depend on how often a run logged; or a centred moving average</source>
        <translation>TensorBoards entzerrter EMA; ein EMA entlang x, der nicht davon abhängt, wie oft ein Lauf protokolliert hat; oder ein zentrierter gleitender Mittelwert</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (the legend&apos;s filter narrows the list)</source>
        <translation>
            <numerusform>… und %n weiterer (der Filter der Legende grenzt die Liste ein)</numerusform>
            <numerusform>… und %n weitere (der Filter der Legende grenzt die Liste ein)</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben …</translation>
    </message>
    <message>
        <source>Preparing curves…</source>
        <translation>Kurven werden berechnet…</translation>
    </message>
    <message>
        <source>The curves of the runs and settings chosen are being worked out; the previous ones stay until then</source>
        <translation>Die Kurven der gewählten Läufe und Einstellungen werden berechnet; bis dahin bleiben die vorigen stehen</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfigDiff</name>
    <message>
        <source>Select two or more runs to see the settings in which they differ.</source>
        <translation>Zwei oder mehr Läufe auswählen, um die Einstellungen zu sehen, in denen sie sich unterscheiden.</translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) differ; the settings the runs share are left out.</source>
        <translation>
            <numerusform>%n Einstellung unterscheidet sich; die gemeinsamen Einstellungen sind ausgelassen.</numerusform>
            <numerusform>%n Einstellungen unterscheiden sich; die gemeinsamen Einstellungen sind ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfusionBrowser</name>
    <message>
        <source>Click a cell to see its test samples.</source>
        <translation>Eine Zelle anklicken, um ihre Testbeispiele zu sehen.</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 samples (the first %4 shown).</source>
        <translation>Wahr %1, vorhergesagt %2: %3 Beispiele (die ersten %4 gezeigt).</translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n sample(s).</source>
        <translation>
            <numerusform>Wahr %1, vorhergesagt %2: %n Beispiel.</numerusform>
            <numerusform>Wahr %1, vorhergesagt %2: %n Beispiele.</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1
%2 → %3</source>
        <translation>#%1
%2 → %3</translation>
    </message>
    <message>
        <source>test sample %1: true %2, predicted %3</source>
        <translation>Testbeispiel %1: wahr %2, vorhergesagt %3</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfusionHeatmap</name>
    <message>
        <source>No confusion matrix yet.</source>
        <translation>Noch keine Konfusionsmatrix.</translation>
    </message>
    <message>
        <source>true ↓
predicted →</source>
        <translation>wahr ↓
vorhergesagt →</translation>
    </message>
    <message>
        <source>true %1, predicted %2: %3 samples</source>
        <translation>wahr %1, vorhergesagt %2: %3 Beispiele</translation>
    </message>
    <message>
        <source> (before: %1)</source>
        <translation> (vorher: %1)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfusionView</name>
    <message>
        <source>Look back at the confusion matrix of earlier epochs</source>
        <translation>Die Konfusionsmatrix früherer Epochen ansehen</translation>
    </message>
    <message>
        <source>No epoch finished yet.</source>
        <translation>Noch keine Epoche beendet.</translation>
    </message>
    <message>
        <source>Epoch:</source>
        <translation>Epoche:</translation>
    </message>
    <message>
        <source>epoch %1 of %2 · test accuracy %3 %</source>
        <translation>Epoche %1 von %2 · Testgenauigkeit %3 %</translation>
    </message>
    <message>
        <source>%1 · loss %2</source>
        <translation>%1 · Verlust %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::DatasetSection</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>The data the model is trained on</source>
        <translation>Die Daten, auf denen das Modell trainiert wird</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>Spiral (2-D)</source>
        <translation>Spirale (2D)</translation>
    </message>
    <message>
        <source>Circle (2-D)</source>
        <translation>Kreis (2D)</translation>
    </message>
    <message>
        <source>Exclusive or (2-D)</source>
        <translation>Exklusives Oder (2D)</translation>
    </message>
    <message>
        <source>Gaussian (2-D)</source>
        <translation>Gauß (2D)</translation>
    </message>
    <message>
        <source>Plane (2-D regression)</source>
        <translation>Ebene (2D-Regression)</translation>
    </message>
    <message>
        <source>Multi-Gaussian (2-D regression)</source>
        <translation>Multi-Gauß (2D-Regression)</translation>
    </message>
    <message>
        <source>File (CSV, IDX, HDF5, NumPy)…</source>
        <translation>Datei (CSV, IDX, HDF5, NumPy)…</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Train on the first N samples only (quick runs)</source>
        <translation>Nur auf den ersten N Beispielen trainieren (für schnelle Läufe)</translation>
    </message>
    <message>
        <source>Share of the training data held out for validation</source>
        <translation>Anteil der Trainingsdaten, der für die Validierung zurückgehalten wird</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting for the dataset; choose another one or load it again later</source>
        <translation>Nicht länger auf die Daten warten; andere wählen oder später erneut laden</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Training samples:</source>
        <translation>Trainingsbeispiele:</translation>
    </message>
    <message>
        <source>Validation split:</source>
        <translation>Validierungsanteil:</translation>
    </message>
    <message>
        <source>Open a dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Datasets (*.csv *.tsv *.txt *.idx *.gz *-ubyte *.h5 *.hdf5 *.npz *.npy);;All files (*)</source>
        <translation>Datensätze (*.csv *.tsv *.txt *.idx *.gz *-ubyte *.h5 *.hdf5 *.npz *.npy);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open the .npy labels file for %1</source>
        <translation>Die .npy-Labeldatei zu %1 öffnen</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy-Arrays (*.npy)</translation>
    </message>
    <message>
        <source>Open the IDX labels file for %1</source>
        <translation>Die IDX-Labeldatei für %1 öffnen</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>&lt;i&gt;Loading…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Wird geladen…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Loading cancelled.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Laden abgebrochen.&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Regression: %n target(s) per sample</source>
        <translation>
            <numerusform>Regression: %n Zielwert je Beispiel</numerusform>
            <numerusform>Regression: %n Zielwerte je Beispiel</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::DivergenceDialog</name>
    <message>
        <source>Training diverged</source>
        <translation>Training divergiert</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Start again from fresh initial weights</source>
        <translation>Mit neuen Anfangsgewichten neu beginnen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>End the run here (the Playground stays paused)</source>
        <translation>Den Lauf hier beenden (der Playground bleibt angehalten)</translation>
    </message>
    <message>
        <source>Continue at a tenth of the learning rate</source>
        <translation>Mit einem Zehntel der Lernrate fortfahren</translation>
    </message>
    <message>
        <source>%1

Training is paused.</source>
        <translation>%1

Das Training ist angehalten.</translation>
    </message>
    <message>
        <source>Lower the learning rate to %1 and continue</source>
        <translation>Lernrate auf %1 senken und fortfahren</translation>
    </message>
</context>
<context>
    <name>ws::ui::DrawCanvas</name>
    <message>
        <source>Paint with the left mouse button, erase with the right one</source>
        <translation>Mit der linken Maustaste malen, mit der rechten radieren</translation>
    </message>
</context>
<context>
    <name>ws::ui::HealthController</name>
    <message>
        <source>Open a file to see its health report.</source>
        <translation>Öffnen Sie eine Datei, um ihren Gesundheitsbericht zu sehen.</translation>
    </message>
    <message>
        <source>%1: press Compute for the health report.</source>
        <translation>%1: Berechnen drücken für den Gesundheitsbericht.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s), one a weight matrix or kernel</source>
        <translation>
            <numerusform>%1: %n Zeile, eine je Gewichtsmatrix oder Kernel</numerusform>
            <numerusform>%1: %n Zeilen, eine je Gewichtsmatrix oder Kernel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n randomized (top k)</source>
        <translation>
            <numerusform>; %n randomisiert (größte k)</numerusform>
            <numerusform>; %n randomisiert (größte k)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n from the cache</source>
        <translation>
            <numerusform>; %n aus dem Zwischenspeicher</numerusform>
            <numerusform>; %n aus dem Zwischenspeicher</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n not analysed</source>
        <translation>
            <numerusform>; %n nicht analysiert</numerusform>
            <numerusform>; %n nicht analysiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n tensor(s) of other ranks (biases, norms) without a spectrum</source>
        <translation>
            <numerusform>; %n Tensor anderen Rangs (Bias, Normen) ohne Spektrum</numerusform>
            <numerusform>; %n Tensoren anderen Rangs (Bias, Normen) ohne Spektrum</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the rows so far are shown and cached; Compute resumes.</source>
        <translation>Abgebrochen: die bisherigen Zeilen werden gezeigt und zwischengespeichert; Berechnen setzt fort.</translation>
    </message>
</context>
<context>
    <name>ws::ui::HealthPanel</name>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Open a file to see its health report.</source>
        <translation>Öffnen Sie eine Datei, um ihren Gesundheitsbericht zu sehen.</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berechnen</translation>
    </message>
    <message>
        <source>Compute the report of the open file (results are cached per file)</source>
        <translation>Den Bericht der geöffneten Datei berechnen (Ergebnisse werden je Datei zwischengespeichert)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current block; what is done stays, and Compute resumes from it</source>
        <translation>Nach dem aktuellen Block anhalten; Erledigtes bleibt, und Berechnen setzt dort fort</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>σ max</source>
        <translation>σ max</translation>
    </message>
    <message>
        <source>Stable rank</source>
        <translation>Stabiler Rang</translation>
    </message>
    <message>
        <source>MP edge</source>
        <translation>MP-Kante</translation>
    </message>
    <message>
        <source>MP soft rank</source>
        <translation>MP-Softrang</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>Ausreißer</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Dünnbesetztheit</translation>
    </message>
    <message>
        <source>‖W‖F</source>
        <translation>‖W‖F</translation>
    </message>
    <message>
        <source>The matrix the spectrum is of: a kernel (out, in, kh, kw) is seen as out × in·kh·kw</source>
        <translation>Die Matrix, deren Spektrum es ist: ein Kernel (out, in, kh, kw) wird als out × in·kh·kw gesehen</translation>
    </message>
    <message>
        <source>exact: every eigenvalue; randomized: the top k by randomized subspace iteration (Halko, Martinsson &amp; Tropp 2011)</source>
        <translation>exakt: jeder Eigenwert; randomisiert: die größten k durch randomisierte Unterraumiteration (Halko, Martinsson &amp; Tropp 2011)</translation>
    </message>
    <message>
        <source>Power-law exponent of the eigenvalues λ = σ² (Clauset et al.); WeightWatcher reads 2–6 as well trained</source>
        <translation>Potenzgesetz-Exponent der Eigenwerte λ = σ² (Clauset et al.); WeightWatcher liest 2–6 als gut trainiert</translation>
    </message>
    <message>
        <source>The largest singular value</source>
        <translation>Der größte Singulärwert</translation>
    </message>
    <message>
        <source>‖W‖F² / σ max²</source>
        <translation>‖W‖F² / σ max²</translation>
    </message>
    <message>
        <source>Marchenko–Pastur bulk edge λ+ = s²(√N + √M)², s² estimated from the matrix</source>
        <translation>Marchenko-Pastur-Kante des Hauptteils λ+ = s²(√N + √M)², s² aus der Matrix geschätzt</translation>
    </message>
    <message>
        <source>λ+ / λ max: near 1 for a random matrix, small when a few directions dominate</source>
        <translation>λ+ / λ max: nahe 1 für eine Zufallsmatrix, klein, wenn wenige Richtungen dominieren</translation>
    </message>
    <message>
        <source>Eigenvalues above the MP edge plus four Tracy–Widom scales</source>
        <translation>Eigenwerte über der MP-Kante plus vier Tracy-Widom-Skalen</translation>
    </message>
    <message>
        <source>Share of elements exactly zero</source>
        <translation>Anteil der Elemente, die genau null sind</translation>
    </message>
    <message>
        <source>Frobenius norm</source>
        <translation>Frobenius-Norm</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message numerus="yes">
        <source>%1: computing the health report, %n row(s)…</source>
        <translation>
            <numerusform>%1: Gesundheitsbericht wird berechnet, %n Zeile…</numerusform>
            <numerusform>%1: Gesundheitsbericht wird berechnet, %n Zeilen…</numerusform>
        </translation>
    </message>
    <message>
        <source>not analysed: %1</source>
        <translation>nicht analysiert: %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source> (kernel)</source>
        <translation> (Kernel)</translation>
    </message>
    <message>
        <source>randomized, top %1</source>
        <translation>randomisiert, größte %1</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>Smaller side above %1: the top %2 eigenvalues by randomized subspace iteration; α is fitted to them</source>
        <translation>Kleinere Seite über %1: die größten %2 Eigenwerte durch randomisierte Unterraumiteration; α wird an sie angepasst</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done; now %4</source>
        <translation>%1: %2 von %3 erledigt; jetzt %4</translation>
    </message>
    <message numerus="yes">
        <source>Rows “randomized, top k” (%n here): a smaller side above %1, so the top k eigenvalues come from randomized subspace iteration (Halko, Martinsson &amp; Tropp 2011) and α is fitted to those.</source>
        <translation>
            <numerusform>Zeilen „randomisiert, größte k“ (hier %n): eine kleinere Seite über %1, daher kommen die größten k Eigenwerte aus randomisierter Unterraumiteration (Halko, Martinsson &amp; Tropp 2011), und α wird an diese angepasst.</numerusform>
            <numerusform>Zeilen „randomisiert, größte k“ (hier %n): eine kleinere Seite über %1, daher kommen die größten k Eigenwerte aus randomisierter Unterraumiteration (Halko, Martinsson &amp; Tropp 2011), und α wird an diese angepasst.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (left) to %2 (right), %n tensor(s)</source>
        <translation>
            <numerusform>%1 (links) bis %2 (rechts), %n Tensor</numerusform>
            <numerusform>%1 (links) bis %2 (rechts), %n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>quantization error (rel. L2)</source>
        <translation>Quantisierungsfehler (rel. L2)</translation>
    </message>
    <message>
        <source>change since B (rel. L2)</source>
        <translation>Änderung seit B (rel. L2)</translation>
    </message>
    <message>
        <source>The health map: a swatch of this metric&apos;s colour before each tensor in the model tree, and the architecture view&apos;s boxes in it</source>
        <translation>Die Gesundheitskarte: ein Farbfeld dieser Kennzahl vor jedem Tensor im Modellbaum, und die Kästen der Architekturansicht in ihrer Farbe</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>Colours by the logarithm of the value, from the smallest positive one: for errors and norms that span decades</source>
        <translation>Färbt nach dem Logarithmus des Werts, ab dem kleinsten positiven: für Fehler und Normen über mehrere Größenordnungen</translation>
    </message>
    <message>
        <source>Colour the model by</source>
        <translation>Modell einfärben nach</translation>
    </message>
    <message>
        <source>‖A − B‖ / ‖A‖ per tensor, B = %1 (the Compare dock)</source>
        <translation>‖A − B‖ / ‖A‖ je Tensor, B = %1 (das Vergleichsfenster)</translation>
    </message>
    <message>
        <source>, log scale</source>
        <translation>, logarithmische Skala</translation>
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
    <name>ws::ui::HistogramPlot</name>
    <message>
        <source>The histogram tag shown (a layer&apos;s weights, say)</source>
        <translation>Das angezeigte Histogramm-Tag (etwa die Gewichte einer Schicht)</translation>
    </message>
    <message>
        <source>The selected run shown (of those that hold the tag)</source>
        <translation>Der angezeigte ausgewählte Lauf (unter denen, die das Tag enthalten)</translation>
    </message>
    <message>
        <source>Every step offset, the newest in front, or the histogram of one step: each run shows its histogram at that step, or at its nearest step before it</source>
        <translation>Alle Schritte versetzt, der neueste vorn, oder das Histogramm eines Schritts: jeder Lauf zeigt sein Histogramm bei diesem Schritt oder bei seinem nächsten Schritt davor</translation>
    </message>
    <message>
        <source>Histogram:</source>
        <translation>Histogramm:</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Lauf:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Schritt:</translation>
    </message>
    <message>
        <source>Bands: min–max, 7–93 %, 16–84 %, 31–69 %; line: median</source>
        <translation>Bänder: Min–Max, 7–93 %, 16–84 %, 31–69 %; Linie: Median</translation>
    </message>
    <message>
        <source>All steps (offset)</source>
        <translation>Alle Schritte (versetzt)</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>Select runs in the table to see their histograms.</source>
        <translation>Wählen Sie Läufe in der Tabelle aus, um ihre Histogramme zu sehen.</translation>
    </message>
    <message>
        <source>None of the selected runs holds histograms. TensorBoard logs have them when Keras&apos;s TensorBoard callback ran with histogram_freq &gt; 0, or PyTorch&apos;s SummaryWriter.add_histogram was called.</source>
        <translation>Keiner der ausgewählten Läufe enthält Histogramme. TensorBoard-Logs enthalten sie, wenn Keras&apos; TensorBoard-Callback mit histogram_freq &gt; 0 lief oder PyTorchs SummaryWriter.add_histogram aufgerufen wurde.</translation>
    </message>
    <message>
        <source>median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>The run chosen beside; every selected run that holds the histogram in a panel of its own, all on the same axes; or all of them in one plot, each in its colour</source>
        <translation>Der daneben gewählte Lauf; jeder ausgewählte Lauf mit dem Histogramm in einem eigenen Feld, alle auf denselben Achsen; oder alle in einem Diagramm, jeder in seiner Farbe</translation>
    </message>
    <message>
        <source>One run</source>
        <translation>Ein Lauf</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Overlaid</source>
        <translation>Überlagert</translation>
    </message>
    <message>
        <source>The first %1 of %2 runs that hold the histogram; choose One run for the others.</source>
        <translation>Die ersten %1 von %2 Läufen mit dem Histogramm; für die anderen „Ein Lauf“ wählen.</translation>
    </message>
    <message>
        <source>No histogram at or before step %1: %2</source>
        <translation>Kein Histogramm bei oder vor Schritt %1: %2</translation>
    </message>
    <message>
        <source>%1 (no histogram at or before step %2)</source>
        <translation>%1 (kein Histogramm bei oder vor Schritt %2)</translation>
    </message>
    <message>
        <source>%1 (step %2)</source>
        <translation>%1 (Schritt %2)</translation>
    </message>
</context>
<context>
    <name>ws::ui::HyperParameterModel</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>The selected runs differ here</source>
        <translation>Die gewählten Läufe unterscheiden sich hier</translation>
    </message>
    <message>
        <source>The same in every selected run</source>
        <translation>In allen gewählten Läufen gleich</translation>
    </message>
</context>
<context>
    <name>ws::ui::HyperParameterTable</name>
    <message>
        <source>Only differing</source>
        <translation>Nur Unterschiede</translation>
    </message>
    <message>
        <source>Show only the values that differ between the selected runs</source>
        <translation>Nur die Werte zeigen, in denen sich die gewählten Läufe unterscheiden</translation>
    </message>
    <message>
        <source>Highlighted columns differ between the selected runs.</source>
        <translation>Hervorgehobene Spalten unterscheiden sich zwischen den gewählten Läufen.</translation>
    </message>
</context>
<context>
    <name>ws::ui::ImportanceView</name>
    <message>
        <source>The outcome whose variance the settings are asked to explain</source>
        <translation>Das Ergebnis, dessen Varianz die Einstellungen erklären sollen</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Variance explained</source>
        <translation>Erklärte Varianz</translation>
    </message>
    <message>
        <source>η² (ANOVA)</source>
        <translation>η² (ANOVA)</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman ρ</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>η²: the share of the outcome&apos;s variance explained by grouping the runs by the setting&apos;s value (one-way analysis of variance), shown when values repeat (at most half as many values as runs). Spearman ρ: the rank correlation of a numeric setting with the outcome. Ranked by η², or ρ² where η² is not defined. No model is fitted: with few runs, read these as hints.</source>
        <translation>η²: der Anteil der Varianz des Ergebnisses, den die Gruppierung der Läufe nach dem Wert der Einstellung erklärt (einfaktorielle Varianzanalyse), gezeigt, wenn sich Werte wiederholen (höchstens halb so viele Werte wie Läufe). Spearman ρ: die Rangkorrelation einer numerischen Einstellung mit dem Ergebnis. Sortiert nach η², oder ρ², wo η² nicht definiert ist. Es wird kein Modell angepasst: bei wenigen Läufen sind dies Hinweise.</translation>
    </message>
</context>
<context>
    <name>ws::ui::Inspector</name>
    <message>
        <source>All weight files (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz)</source>
        <translation>Alle Gewichtsdateien (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz)</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors)</source>
        <translation>safetensors (*.safetensors)</translation>
    </message>
    <message>
        <source>GGUF (*.gguf)</source>
        <translation>GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation>ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>PyTorch (*.pt *.pth *.bin)</source>
        <translation>PyTorch (*.pt *.pth *.bin)</translation>
    </message>
    <message>
        <source>Keras (*.h5 *.keras)</source>
        <translation>Keras (*.h5 *.keras)</translation>
    </message>
    <message>
        <source>NumPy (*.npy *.npz)</source>
        <translation>NumPy (*.npy *.npz)</translation>
    </message>
    <message>
        <source>Weightscope model (*.h5)</source>
        <translation>Weightscope-Modell (*.h5)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting for the file being opened; the open model stays</source>
        <translation>Nicht länger auf die Datei warten; das geöffnete Modell bleibt</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>A sharded Hugging Face checkpoint</source>
        <translation>Ein aufgeteilter Hugging-Face-Checkpoint</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Compare With…</source>
        <translation>&amp;Vergleichen mit…</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open Weights</source>
        <translation>Gewichte öffnen</translation>
    </message>
    <message>
        <source>Open Sharded Checkpoint Folder</source>
        <translation>Ordner eines aufgeteilten Checkpoints öffnen</translation>
    </message>
    <message>
        <source>Open a file first; then compare it with another.</source>
        <translation>Zuerst eine Datei öffnen, dann mit einer anderen vergleichen.</translation>
    </message>
    <message>
        <source>Compare With</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Opening cancelled; the reader stops in the background</source>
        <translation>Öffnen abgebrochen; der Leser endet im Hintergrund</translation>
    </message>
    <message>
        <source>%1 — Weightscope</source>
        <translation>%1 — Weightscope</translation>
    </message>
    <message>
        <source>Opened %1: %2 tensors (%3)</source>
        <translation>%1 geöffnet: %2 Tensoren (%3)</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>Vergleich nicht möglich</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The open model stays as it was.</source>
        <translation>Das geöffnete Modell bleibt unverändert.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <source>A − B: %1 · %2 (B: %3)</source>
        <translation>A − B: %1 · %2 (B: %3)</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <source>Model Health</source>
        <translation>Modellgesundheit</translation>
    </message>
    <message>
        <source>%1 was not compared: nothing to show.</source>
        <translation>%1 wurde nicht verglichen: nichts zu zeigen.</translation>
    </message>
    <message>
        <source>Computing the error per block of %1…</source>
        <translation>Berechne den Fehler je Block von %1…</translation>
    </message>
    <message>
        <source>Weight files and Playground sessions (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz *%1)</source>
        <translation>Gewichtsdateien und Playground-Sitzungen (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz *%1)</translation>
    </message>
    <message>
        <source>Playground session (*%1)</source>
        <translation>Playground-Sitzung (*%1)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4 in the file</source>
        <translation>%1 · %2 · %3 · %4 in der Datei</translation>
    </message>
</context>
<context>
    <name>ws::ui::InspectorWorker</name>
    <message>
        <source>(top level)</source>
        <translation>(oberste Ebene)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message numerus="yes">
        <source>Group of %n node(s)</source>
        <translation>
            <numerusform>Gruppe aus %n Knoten</numerusform>
            <numerusform>Gruppe aus %n Knoten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model of %n layer(s)</source>
        <translation>
            <numerusform>Modell aus %n Schicht</numerusform>
            <numerusform>Modell aus %n Schichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n × block</source>
        <translation>
            <numerusform>%n × Block</numerusform>
            <numerusform>%n × Block</numerusform>
        </translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>Eingang %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 (and %n more)</source>
        <translation>
            <numerusform>%1 · %2 (und %n weiterer)</numerusform>
            <numerusform>%1 · %2 (und %n weitere)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::LayerPlot</name>
    <message>
        <source>channel %1: mean %2</source>
        <translation>Kanal %1: Mittelwert %2</translation>
    </message>
    <message>
        <source>unit %1: %2</source>
        <translation>Einheit %1: %2</translation>
    </message>
    <message>
        <source> (switched off)</source>
        <translation> (abgeschaltet)</translation>
    </message>
    <message>
        <source>
click to switch it back on</source>
        <translation>
Klicken, um sie wieder einzuschalten</translation>
    </message>
    <message>
        <source>
click to switch it off</source>
        <translation>
Klicken, um sie abzuschalten</translation>
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
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>Verlust (Kreuzentropie)</translation>
    </message>
</context>
<context>
    <name>ws::ui::MainWindow</name>
    <message>
        <source>Weightscope</source>
        <translation>Weightscope</translation>
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
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Inspector &amp;Follows Training</source>
        <translation>Inspektor &amp;folgt dem Training</translation>
    </message>
    <message>
        <source>Show the Training panel&apos;s model in the inspector after every epoch (at most once a second); opening a file stops it</source>
        <translation>Das Modell der Trainingsleiste nach jeder Epoche im Inspektor zeigen (höchstens einmal pro Sekunde); das Öffnen einer Datei beendet es</translation>
    </message>
    <message numerus="yes">
        <source>Training, %n epoch(s)</source>
        <translation>
            <numerusform>Training, %n Epoche</numerusform>
            <numerusform>Training, %n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>Training, step %1</source>
        <translation>Training, Schritt %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export &amp;Trained Model…</source>
        <translation>&amp;Trainiertes Modell exportieren…</translation>
    </message>
    <message>
        <source>The Training panel&apos;s model as a Weightscope model (.h5), safetensors or .npz</source>
        <translation>Das Modell des Trainingsbereichs als Weightscope-Modell (.h5), safetensors oder .npz</translation>
    </message>
    <message>
        <source>Export &amp;Weights…</source>
        <translation>&amp;Gewichte exportieren…</translation>
    </message>
    <message>
        <source>Every tensor of the open file as safetensors or .npz (float32)</source>
        <translation>Alle Tensoren der geöffneten Datei als safetensors oder .npz (float32)</translation>
    </message>
    <message>
        <source>Export Playground &amp;Network…</source>
        <translation>Playground-&amp;Netz exportieren…</translation>
    </message>
    <message>
        <source>The Playground&apos;s trained network as ONNX, a Weightscope model (.h5), safetensors or .npz</source>
        <translation>Das trainierte Netz des Playgrounds als ONNX, Weightscope-Modell (.h5), safetensors oder .npz</translation>
    </message>
    <message>
        <source>Save &amp;Playground Session…</source>
        <translation>&amp;Playground-Sitzung speichern…</translation>
    </message>
    <message>
        <source>The Playground&apos;s data, network, optimizer settings and training state, to open again with File ▸ Open</source>
        <translation>Daten, Netz, Optimierer-Einstellungen und Trainingszustand des Playgrounds, mit Datei ▸ Öffnen wieder zu öffnen</translation>
    </message>
</context>
<context>
    <name>ws::ui::MergeTableModel</name>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Merge (left right)</source>
        <translation>Zusammenführung (links rechts)</translation>
    </message>
</context>
<context>
    <name>ws::ui::MetadataPanel</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Eintrag]</numerusform>
            <numerusform>[%n Einträge]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n weiterer</numerusform>
            <numerusform>%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Tokenizer (%1)</source>
        <translation>Tokenizer (%1)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelExport</name>
    <message>
        <source>Export Trained Model</source>
        <translation>Trainiertes Modell exportieren</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>Gewichte exportieren</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>safetensors (*.safetensors);;NumPy-Archiv (*.npz)</translation>
    </message>
    <message>
        <source>Weightscope model (*.h5);;ONNX (*.onnx);;safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>Weightscope-Modell (*.h5);;ONNX (*.onnx);;safetensors (*.safetensors);;NumPy-Archiv (*.npz)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelSection</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Build a new model from the layers below, or fine-tune the model open in the inspector</source>
        <translation>Ein neues Modell aus den Schichten unten bauen oder das im Inspektor geöffnete Modell feinabstimmen</translation>
    </message>
    <message>
        <source>New model (layers below)</source>
        <translation>Neues Modell (Schichten unten)</translation>
    </message>
    <message>
        <source>The model open in the inspector</source>
        <translation>Das im Inspektor geöffnete Modell</translation>
    </message>
    <message>
        <source>Replace the layers with a ready-made model</source>
        <translation>Die Schichten durch ein fertiges Modell ersetzen</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Small CNN</source>
        <translation>Kleines CNN</translation>
    </message>
    <message>
        <source>TensorFlow tutorial CNN</source>
        <translation>CNN aus dem TensorFlow-Tutorial</translation>
    </message>
    <message>
        <source>Playground (2-D)</source>
        <translation>Playground (2D)</translation>
    </message>
    <message>
        <source>One layer per line, e.g.
conv2d(32, 3, padding=same)
relu
maxpool2d(2)
flatten
dense(10)</source>
        <translation>Eine Schicht pro Zeile, z. B.
conv2d(32, 3, padding=same)
relu
maxpool2d(2)
flatten
dense(10)</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Ausgangspunkt:</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>&lt;i&gt;Waiting for the data…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Warten auf die Daten…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;input&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Eingabe&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 parameters&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 Parameter&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The model open in the inspector (none open)</source>
        <translation>Das im Inspektor geöffnete Modell (keines geöffnet)</translation>
    </message>
    <message>
        <source>The model open in the inspector: %1</source>
        <translation>Das im Inspektor geöffnete Modell: %1</translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading the model…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Modell wird gelesen…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 takes inputs of shape %2 but the data&apos;s samples have shape %3: choose data the model was made for, or build a new model</source>
        <translation>%1 erwartet Eingaben der Form %2, die Beispiele der Daten haben aber die Form %3: Daten wählen, für die das Modell gemacht ist, oder ein neues Modell bauen</translation>
    </message>
    <message>
        <source>%1 ends with %2 outputs but the data has %3 classes</source>
        <translation>%1 endet mit %2 Ausgaben, die Daten haben aber %3 Klassen</translation>
    </message>
    <message>
        <source>Fine-tuning &lt;b&gt;%1&lt;/b&gt;: its layers and weights</source>
        <translation>Feinabstimmung von &lt;b&gt;%1&lt;/b&gt;: seine Schichten und Gewichte</translation>
    </message>
    <message>
        <source>Your own layers</source>
        <translation>Eigene Schichten</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelTreePanel</name>
    <message>
        <source>Filter tensors by name</source>
        <translation>Tensoren nach Namen filtern</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Treat the filter as a regular expression</source>
        <translation>Den Filter als regulären Ausdruck behandeln</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n Tensor</numerusform>
            <numerusform>%n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tensors · %2 parameters · %3</source>
        <translation>%1 Tensoren · %2 Parameter · %3</translation>
    </message>
    <message>
        <source>Show only the tensors whose name contains this text</source>
        <translation>Nur die Tensoren zeigen, deren Name diesen Text enthält</translation>
    </message>
    <message>
        <source>Stored as %1 (%2 bits per weight, block scales included); read as %3</source>
        <translation>Gespeichert als %1 (%2 Bit pro Gewicht, Blockskalen eingerechnet); gelesen als %3</translation>
    </message>
    <message>
        <source>%1 · %2 b/w</source>
        <translation>%1 · %2 Bit/Gew.</translation>
    </message>
    <message>
        <source>%1
Named in the file: %2</source>
        <translation>%1
In der Datei benannt: %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::NetworkSettings</name>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>x₁²</source>
        <translation>x₁²</translation>
    </message>
    <message>
        <source>x₂²</source>
        <translation>x₂²</translation>
    </message>
    <message>
        <source>x₁x₂</source>
        <translation>x₁x₂</translation>
    </message>
    <message>
        <source>sin x₁</source>
        <translation>sin x₁</translation>
    </message>
    <message>
        <source>sin x₂</source>
        <translation>sin x₂</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Feed this feature to the network as an input</source>
        <translation>Dieses Merkmal dem Netz als Eingabe geben</translation>
    </message>
    <message>
        <source>The activation function of the hidden neurons</source>
        <translation>Die Aktivierungsfunktion der verborgenen Neuronen</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Merkmale:</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>Aktivierung:</translation>
    </message>
    <message>
        <source>Hidden layers: %1</source>
        <translation>Verborgene Schichten: %1</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>Die letzte verborgene Schicht entfernen</translation>
    </message>
    <message>
        <source>Add a hidden layer (at most %1)</source>
        <translation>Eine verborgene Schicht hinzufügen (höchstens %1)</translation>
    </message>
    <message numerus="yes">
        <source>  Layer %1: %n neuron(s)</source>
        <translation>
            <numerusform>  Schicht %1: %n Neuron</numerusform>
            <numerusform>  Schicht %1: %n Neuronen</numerusform>
        </translation>
    </message>
    <message>
        <source>One neuron fewer</source>
        <translation>Ein Neuron weniger</translation>
    </message>
    <message>
        <source>One neuron more (at most %1)</source>
        <translation>Ein Neuron mehr (höchstens %1)</translation>
    </message>
</context>
<context>
    <name>ws::ui::NetworkView</name>
    <message>
        <source>input %1</source>
        <translation>Eingabe %1</translation>
    </message>
    <message>
        <source>the output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>neuron %1 of layer %2</source>
        <translation>Neuron %1 in Schicht %2</translation>
    </message>
    <message>
        <source>Input %1</source>
        <translation>Eingabe %1</translation>
    </message>
    <message>
        <source>Bias of %1: %2</source>
        <translation>Bias (%1): %2</translation>
    </message>
    <message>
        <source>Weight from %1 to %2: %3</source>
        <translation>Gewicht %1 → %2: %3</translation>
    </message>
    <message>
        <source>Edit bias</source>
        <translation>Bias bearbeiten</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>Gewicht bearbeiten</translation>
    </message>
    <message>
        <source>New value (taken at the next step):</source>
        <translation>Neuer Wert (gilt ab dem nächsten Schritt):</translation>
    </message>
    <message>
        <source>, gradient %1</source>
        <translation>, Gradient %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::OptimizerSection</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Changes while training take effect at the next batch</source>
        <translation>Änderungen während des Trainings gelten ab dem nächsten Batch</translation>
    </message>
    <message>
        <source>How the learning rate changes over the epochs</source>
        <translation>Wie sich die Lernrate über die Epochen ändert</translation>
    </message>
    <message>
        <source>Number of samples in each training batch</source>
        <translation>Anzahl der Beispiele in jedem Trainings-Batch</translation>
    </message>
    <message>
        <source>How many times the training goes through the data</source>
        <translation>Wie oft das Training die Daten durchläuft</translation>
    </message>
    <message>
        <source>Seed of the random numbers; the same seed repeats a run</source>
        <translation>Seed der Zufallszahlen; derselbe Seed wiederholt einen Lauf</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>alle Kerne</translation>
    </message>
    <message>
        <source>Number of threads used for training</source>
        <translation>Anzahl der Threads für das Training</translation>
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
        <source>Schedule:</source>
        <translation>Zeitplan:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>L1 penalty on the weights, added to the loss (pushes weights to exactly zero)</source>
        <translation>L1-Strafterm auf die Gewichte, zum Verlust addiert (drückt Gewichte auf genau null)</translation>
    </message>
    <message>
        <source>L2 penalty on the weights, added to the loss</source>
        <translation>L2-Strafterm auf die Gewichte, zum Verlust addiert</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>Momentum:</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>Weight Decay:</translation>
    </message>
    <message>
        <source>L1 / L2:</source>
        <translation>L1 / L2:</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>Aufwärmen:</translation>
    </message>
    <message>
        <source>Step decay: what the learning rate is multiplied by every third of the epochs</source>
        <translation>Stufenweise: womit die Lernrate nach jedem Drittel der Epochen multipliziert wird</translation>
    </message>
    <message>
        <source>Cosine: the learning rate the cosine ends at</source>
        <translation>Kosinus: die Lernrate, bei der der Kosinus endet</translation>
    </message>
    <message>
        <source>β1:</source>
        <translation>β1:</translation>
    </message>
    <message>
        <source>β2:</source>
        <translation>β2:</translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation>ρ:</translation>
    </message>
    <message>
        <source>ε:</source>
        <translation>ε:</translation>
    </message>
    <message>
        <source>Decay factor:</source>
        <translation>Abfallfaktor:</translation>
    </message>
    <message>
        <source>Floor:</source>
        <translation>Untergrenze:</translation>
    </message>
</context>
<context>
    <name>ws::ui::OutcomeChooser</name>
    <message>
        <source>Of the chosen tag&apos;s whole history: its last value, or the best it reached when lower is better (a loss) or higher is better (an accuracy)</source>
        <translation>Aus dem ganzen Verlauf des gewählten Tags: sein letzter Wert oder der beste erreichte, wenn kleiner besser ist (ein Verlust) oder größer besser ist (eine Genauigkeit)</translation>
    </message>
    <message>
        <source>final</source>
        <translation>letzter Wert</translation>
    </message>
    <message>
        <source>best (minimised)</source>
        <translation>bester (minimiert)</translation>
    </message>
    <message>
        <source>best (maximised)</source>
        <translation>bester (maximiert)</translation>
    </message>
    <message>
        <source>Reading the runs&apos; histories…</source>
        <translation>Verläufe der Läufe werden gelesen…</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>%1 over the run&apos;s whole history</source>
        <translation>%1 über den ganzen Verlauf des Laufs</translation>
    </message>
</context>
<context>
    <name>ws::ui::OwnDataBox</name>
    <message>
        <source>The class of the points you draw</source>
        <translation>Die Klasse der Punkte, die Sie zeichnen</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>Points per dab of the brush, scattered wider as the size grows</source>
        <translation>Punkte je Pinseltupfer, mit wachsender Größe weiter gestreut</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Radieren</translation>
    </message>
    <message>
        <source>Remove the points under the brush instead of drawing</source>
        <translation>Die Punkte unter dem Pinsel entfernen statt zu zeichnen</translation>
    </message>
    <message>
        <source>Load CSV…</source>
        <translation>CSV laden…</translation>
    </message>
    <message>
        <source>Two feature columns and a label column (numbers or text), up to %1 points and %2 classes</source>
        <translation>Zwei Merkmalsspalten und eine Label-Spalte (Zahlen oder Text), bis zu %1 Punkte und %2 Klassen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove all your points</source>
        <translation>Alle eigenen Punkte entfernen</translation>
    </message>
    <message>
        <source>Draw:</source>
        <translation>Zeichnen:</translation>
    </message>
    <message>
        <source>Brush:</source>
        <translation>Pinsel:</translation>
    </message>
    <message>
        <source>Your points were not restored: %1</source>
        <translation>Ihre Punkte wurden nicht wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>Draw at least %1 points of two classes or more on the plot, or load a CSV file.</source>
        <translation>Zeichnen Sie mindestens %1 Punkte aus zwei oder mehr Klassen in das Diagramm oder laden Sie eine CSV-Datei.</translation>
    </message>
    <message>
        <source>%1 points is the most the Playground takes.</source>
        <translation>Mehr als %1 Punkte nimmt der Playground nicht.</translation>
    </message>
    <message>
        <source>Load 2-D points</source>
        <translation>2-D-Punkte laden</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Not loaded, your points are unchanged: %1</source>
        <translation>Nicht geladen, Ihre Punkte sind unverändert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n point(s) of %1 classes from %2, scaled into the plot.</source>
        <translation>
            <numerusform>%n Punkt aus %1 Klassen aus %2 geladen, in das Diagramm skaliert.</numerusform>
            <numerusform>%n Punkte aus %1 Klassen aus %2 geladen, in das Diagramm skaliert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>Klasse %1: %2</translation>
    </message>
    <message>
        <source>Your points could not be kept for the next session: %1</source>
        <translation>Ihre Punkte konnten nicht für die nächste Sitzung gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::ParallelCoordinates</name>
    <message>
        <source>The outcome on the last axis; the lines are coloured by it</source>
        <translation>Das Ergebnis auf der letzten Achse; die Linien sind danach eingefärbt</translation>
    </message>
    <message>
        <source>Select two or more runs to see how their hyper-parameters relate to a metric.</source>
        <translation>Zwei oder mehr Läufe auswählen, um zu sehen, wie ihre Hyperparameter mit einer Metrik zusammenhängen.</translation>
    </message>
    <message>
        <source>The selected runs have the same hyper-parameters.</source>
        <translation>Die gewählten Läufe haben dieselben Hyperparameter.</translation>
    </message>
    <message>
        <source> (log)</source>
        <translation> (log)</translation>
    </message>
</context>
<context>
    <name>ws::ui::PlaygroundPanel</name>
    <message>
        <source>Noise as in TensorFlow Playground (0 to 50)</source>
        <translation>Rauschen wie in TensorFlow Playground (0 bis 50)</translation>
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
        <source>Speed:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>Regression</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of the points used for training; the rest are test points</source>
        <translation>Anteil der Punkte für das Training; der Rest sind Testpunkte</translation>
    </message>
    <message>
        <source>Test data</source>
        <translation>Testdaten</translation>
    </message>
    <message>
        <source>Show the test points (outlined in black)</source>
        <translation>Die Testpunkte zeigen (schwarz umrandet)</translation>
    </message>
    <message>
        <source>Discretise</source>
        <translation>Diskretisieren</translation>
    </message>
    <message>
        <source>Colour the plane by the predicted sign rather than the output&apos;s value</source>
        <translation>Die Ebene nach dem vorhergesagten Vorzeichen statt nach dem Ausgabewert färben</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>New random points, and new weights</source>
        <translation>Neue zufällige Punkte und neue Gewichte</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Training share:</source>
        <translation>Trainingsanteil:</translation>
    </message>
    <message>
        <source>Regularisation:</source>
        <translation>Regularisierung:</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>Rate:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Step&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Training loss&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Test loss&lt;/b&gt; %4</source>
        <translation>&lt;b&gt;Epoche&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Schritt&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Trainingsverlust&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Testverlust&lt;/b&gt; %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Test accuracy&lt;/b&gt; %1 %</source>
        <translation>&lt;br&gt;&lt;b&gt;Testgenauigkeit&lt;/b&gt; %1 %</translation>
    </message>
    <message>
        <source>Whether the network predicts a class or a value</source>
        <translation>Ob das Netz eine Klasse oder einen Wert vorhersagt</translation>
    </message>
    <message>
        <source>The pattern of the points to learn</source>
        <translation>Das Muster der zu lernenden Punkte</translation>
    </message>
    <message>
        <source>How big a step each update of the weights takes</source>
        <translation>Wie groß jeder Schritt beim Aktualisieren der Gewichte ist</translation>
    </message>
    <message>
        <source>The penalty on large weights added to the loss</source>
        <translation>Die Strafe für große Gewichte, die zum Verlust addiert wird</translation>
    </message>
    <message>
        <source>How strongly large weights are penalised</source>
        <translation>Wie stark große Gewichte bestraft werden</translation>
    </message>
    <message>
        <source>Number of points in each training batch</source>
        <translation>Anzahl der Punkte in jedem Trainings-Batch</translation>
    </message>
    <message>
        <source>How many epochs are trained per second</source>
        <translation>Wie viele Epochen pro Sekunde trainiert werden</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>Momentum:</translation>
    </message>
    <message>
        <source>Training paused: %1</source>
        <translation>Training angehalten: %1</translation>
    </message>
    <message>
        <source>Same initialisation</source>
        <translation>Gleiche Initialisierung</translation>
    </message>
    <message>
        <source>Start again from exactly the weights this network started from (Reset draws new ones)</source>
        <translation>Noch einmal mit genau den Gewichten beginnen, mit denen dieses Netz begann (Zurücksetzen zieht neue)</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>Weight Decay:</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>Aufwärmen:</translation>
    </message>
    <message>
        <source>Point at a link or a neuron to read its weight and its gradient; click it to type a new value.</source>
        <translation>Auf eine Verbindung oder ein Neuron zeigen, um Gewicht und Gradient zu lesen; klicken, um einen neuen Wert einzugeben.</translation>
    </message>
    <message>
        <source>The training so far: drag back to see the network at an earlier epoch (every epoch of the last %1 is kept, earlier ones thinned); the right end is live</source>
        <translation>Das bisherige Training: zurückziehen, um das Netz in einer früheren Epoche zu sehen (jede Epoche der letzten %1 wird behalten, frühere ausgedünnt); das rechte Ende ist live</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>Restart from here</source>
        <translation>Von hier neu starten</translation>
    </message>
    <message>
        <source>Go on training from the epoch shown; the history after it is dropped</source>
        <translation>Ab der gezeigten Epoche weitertrainieren; der Verlauf danach wird verworfen</translation>
    </message>
    <message>
        <source>Training goes on from epoch %1, paused; the history after it is dropped. This continuation is not recorded as a run.</source>
        <translation>Das Training geht ab Epoche %1 weiter, pausiert; der Verlauf danach ist verworfen. Diese Fortsetzung wird nicht als Lauf aufgezeichnet.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Weights are edited on the live network: drag the timeline to its right end first.</source>
        <translation>Gewichte werden am Live-Netz bearbeitet: zuerst die Zeitleiste an ihr rechtes Ende ziehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Looking back&lt;/b&gt; (the live run is at epoch %1)&lt;br&gt;</source>
        <translation>&lt;b&gt;Rückblick&lt;/b&gt; (der Live-Lauf ist bei Epoche %1)&lt;br&gt;</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Zeitplan:</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n Epoche</numerusform>
            <numerusform>%n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>Race optimizers…</source>
        <translation>Optimierer-Wettlauf…</translation>
    </message>
    <message>
        <source>Train this network with two to four optimizers side by side, from the same initial weights on the same batches</source>
        <translation>Dieses Netz mit zwei bis vier Optimierern nebeneinander trainieren, mit denselben Anfangsgewichten auf denselben Batches</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>Optimierer-Wettlauf</translation>
    </message>
    <message>
        <source>Save Playground Session</source>
        <translation>Playground-Sitzung speichern</translation>
    </message>
    <message>
        <source>Playground sessions (*%1)</source>
        <translation>Playground-Sitzungen (*%1)</translation>
    </message>
    <message>
        <source>There is no training to save yet.</source>
        <translation>Es gibt noch kein Training zum Speichern.</translation>
    </message>
    <message>
        <source>Saved the Playground session to %1</source>
        <translation>Playground-Sitzung in %1 gespeichert</translation>
    </message>
    <message>
        <source>The Playground session was not saved: %1</source>
        <translation>Die Playground-Sitzung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The Playground session was not opened: %1</source>
        <translation>Die Playground-Sitzung wurde nicht geöffnet: %1</translation>
    </message>
    <message>
        <source>β1 / β2:</source>
        <translation>β1 / β2:</translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation>ρ:</translation>
    </message>
    <message>
        <source>ε:</source>
        <translation>ε:</translation>
    </message>
    <message>
        <source>Decay factor:</source>
        <translation>Abfallfaktor:</translation>
    </message>
    <message>
        <source>Floor:</source>
        <translation>Untergrenze:</translation>
    </message>
    <message>
        <source>Step decay: what the learning rate is multiplied by every so many epochs</source>
        <translation>Stufenweise: womit die Lernrate alle so vielen Epochen multipliziert wird</translation>
    </message>
    <message>
        <source>Cosine: the learning rate the cosine ends at and stays at</source>
        <translation>Kosinus: die Lernrate, bei der der Kosinus endet und bleibt</translation>
    </message>
    <message>
        <source>After the warm-up the learning rate stays, falls by a factor every so many epochs (step decay), or falls along a cosine to its floor over so many epochs</source>
        <translation>Nach dem Aufwärmen bleibt die Lernrate, fällt alle so vielen Epochen um einen Faktor (stufenweise) oder fällt über so viele Epochen entlang eines Kosinus auf ihre Untergrenze</translation>
    </message>
    <message>
        <source>Step decay: epochs between two decays; cosine: epochs to reach the floor</source>
        <translation>Stufenweise: Epochen zwischen zwei Abfällen; Kosinus: Epochen bis zur Untergrenze</translation>
    </message>
    <message>
        <source>It was saved from the run %1.</source>
        <translation>Sie wurde aus dem Lauf %1 gespeichert.</translation>
    </message>
    <message>
        <source>It was saved from the run %1, whose record is gone.</source>
        <translation>Sie wurde aus dem Lauf %1 gespeichert, dessen Aufzeichnung es nicht mehr gibt.</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periode:</translation>
    </message>
    <message>
        <source>Opened the Playground session %1 at epoch %2, paused. Training on from it is recorded as a new run.</source>
        <translation>Playground-Sitzung %1 bei Epoche %2 geöffnet, pausiert. Das Weitertrainieren von dort wird als neuer Lauf aufgezeichnet.</translation>
    </message>
</context>
<context>
    <name>ws::ui::PlaygroundWorker</name>
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
    <message>
        <source>no training state is kept at or before epoch %1</source>
        <translation>bis Epoche %1 ist kein Trainingszustand aufbewahrt</translation>
    </message>
    <message>
        <source>There is no training to save; press Reset and try again.</source>
        <translation>Es gibt kein Training zum Speichern; drücken Sie Zurücksetzen und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>ws::ui::PlotExport</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Plot exported by Weightscope</source>
        <translation>Von Weightscope exportiertes Diagramm</translation>
    </message>
    <message>
        <source>%1: unknown image type; use .png, .svg or .pdf</source>
        <translation>%1: unbekannter Bildtyp; .png, .svg oder .pdf verwenden</translation>
    </message>
    <message>
        <source>Export Plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export Plot…</source>
        <translation>Diagramm exportieren…</translation>
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
    <name>ws::ui::ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop this job; what was read so far is kept, a file being written is not</source>
        <translation>Diese Arbeit anhalten; was bisher gelesen wurde, bleibt, eine Datei im Schreiben nicht</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::QuantLensView</name>
    <message>
        <source>Relative error ‖o−q‖/‖o‖ per block</source>
        <translation>Relativer Fehler ‖o−q‖/‖o‖ je Block</translation>
    </message>
    <message>
        <source>RMS error per block</source>
        <translation>RMS-Fehler je Block</translation>
    </message>
    <message>
        <source>o: the original&apos;s values, q: the dequantised ones, over the block&apos;s elements</source>
        <translation>o: die Werte des Originals, q: die dequantisierten, über die Elemente des Blocks</translation>
    </message>
    <message>
        <source>values per bin</source>
        <translation>Werte je Bin</translation>
    </message>
    <message>
        <source>y = x</source>
        <translation>y = x</translation>
    </message>
    <message>
        <source>Error per block</source>
        <translation>Fehler je Block</translation>
    </message>
    <message>
        <source>Original vs dequantised</source>
        <translation>Original gegen dequantisiert</translation>
    </message>
    <message>
        <source>Select a compared row to look at its quantization error.</source>
        <translation>Wählen Sie eine verglichene Zeile, um ihren Quantisierungsfehler anzusehen.</translation>
    </message>
    <message>
        <source>%1 has no elements.</source>
        <translation>%1 hat keine Elemente.</translation>
    </message>
    <message>
        <source>%1: neither side is a block-quantised GGUF tensor, so there are no blocks to show.</source>
        <translation>%1: keine Seite ist ein blockweise quantisierter GGUF-Tensor, es gibt also keine Blöcke zu zeigen.</translation>
    </message>
    <message>
        <source>RMS error</source>
        <translation>RMS-Fehler</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>relativer Fehler</translation>
    </message>
    <message>
        <source>block (%1 elements of a row)</source>
        <translation>Block (%1 Elemente einer Zeile)</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>%1 · %2 in %3: %4 rows × %5 blocks of %6. Worst block: row %7, block %8 (relative error %9, RMS %10).</source>
        <translation>%1 · %2 in %3: %4 Zeilen × %5 Blöcke zu %6. Schlechtester Block: Zeile %7, Block %8 (relativer Fehler %9, RMS %10).</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Each cell shows the worst of %1 × %2 blocks.</source>
        <translation>Jede Zelle zeigt den schlechtesten von %1 × %2 Blöcken.</translation>
    </message>
    <message numerus="yes">
        <source>%n NaN/Inf left out.</source>
        <translation>
            <numerusform>%n NaN/Inf ausgelassen.</numerusform>
            <numerusform>%n NaN/Inf ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>row %1, block %2: RMS error %3</source>
        <translation>Zeile %1, Block %2: RMS-Fehler %3</translation>
    </message>
    <message>
        <source>row %1, block %2: relative error %3</source>
        <translation>Zeile %1, Block %2: relativer Fehler %3</translation>
    </message>
    <message>
        <source>rows %1–%2, block %3: worst %4</source>
        <translation>Zeilen %1–%2, Block %3: schlechtester %4</translation>
    </message>
    <message>
        <source>rows %1–%2, blocks %3–%4: worst %5</source>
        <translation>Zeilen %1–%2, Blöcke %3–%4: schlechtester %5</translation>
    </message>
    <message>
        <source>No values to show.</source>
        <translation>Keine Werte zu zeigen.</translation>
    </message>
    <message>
        <source>original (%1)</source>
        <translation>Original (%1)</translation>
    </message>
    <message>
        <source>dequantised (%1)</source>
        <translation>dequantisiert (%1)</translation>
    </message>
    <message>
        <source>value in %1</source>
        <translation>Wert in %1</translation>
    </message>
    <message>
        <source>%1: %2 values in %3 × %3 bins, log colour scale; on the dashed line y = x nothing was lost.</source>
        <translation>%1: %2 Werte in %3 × %3 Bins, logarithmische Farbskala; auf der gestrichelten Linie y = x ging nichts verloren.</translation>
    </message>
    <message numerus="yes">
        <source>The range is the central 99.9 %; %n value(s) beyond it not drawn.</source>
        <translation>
            <numerusform>Der Bereich sind die mittleren 99,9 %; %n Wert außerhalb nicht gezeichnet.</numerusform>
            <numerusform>Der Bereich sind die mittleren 99,9 %; %n Werte außerhalb nicht gezeichnet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::RaceLossPlot</name>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Training loss (cross-entropy)</source>
        <translation>Trainingsverlust (Kreuzentropie)</translation>
    </message>
    <message>
        <source>Training loss (MSE)</source>
        <translation>Trainingsverlust (MSE)</translation>
    </message>
</context>
<context>
    <name>ws::ui::RacePanel</name>
    <message>
        <source>Contestants</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>How many epochs each contestant trains per second</source>
        <translation>Wie viele Epochen jeder Teilnehmer pro Sekunde trainiert</translation>
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
        <source>Speed:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source>Contestant %1</source>
        <translation>Teilnehmer %1</translation>
    </message>
    <message>
        <source>A race has at least two contestants</source>
        <translation>Ein Wettlauf hat mindestens zwei Teilnehmer</translation>
    </message>
    <message>
        <source>Whether this contestant races</source>
        <translation>Ob dieser Teilnehmer mitläuft</translation>
    </message>
    <message>
        <source>The algorithm that updates this contestant&apos;s weights</source>
        <translation>Das Verfahren, das die Gewichte dieses Teilnehmers aktualisiert</translation>
    </message>
    <message>
        <source>This contestant&apos;s learning rate</source>
        <translation>Die Lernrate dieses Teilnehmers</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>This contestant&apos;s colour in the loss plot</source>
        <translation>Die Farbe dieses Teilnehmers in der Verlustkurve</translation>
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
        <source>Momentum:</source>
        <translation>Momentum:</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, momentum %2, Nesterov</source>
        <translation>%1, Momentum %2, Nesterov</translation>
    </message>
    <message>
        <source>%1, momentum %2</source>
        <translation>%1, Momentum %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: loss %2</source>
        <translation>%1: Verlust %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Epoch %1 &amp;nbsp; training loss %2 &amp;nbsp; test loss %3</source>
        <translation>&lt;br&gt;Epoche %1 &amp;nbsp; Trainingsverlust %2 &amp;nbsp; Testverlust %3</translation>
    </message>
    <message>
        <source> &amp;nbsp; test accuracy %1 %</source>
        <translation> &amp;nbsp; Testgenauigkeit %1 %</translation>
    </message>
    <message>
        <source>Every contestant trains the Playground&apos;s network from the same initial weights on the same batches; only the optimizer, its learning rate and its momentum differ. Data, network, Adam&apos;s β1 and β2, RMSprop&apos;s ρ, ε, schedule, warm-up, weight decay, regularisation and batch size are the Playground&apos;s.</source>
        <translation>Jeder Teilnehmer trainiert das Netz des Playgrounds mit denselben Anfangsgewichten auf denselben Batches; nur der Optimierer, seine Lernrate und sein Momentum unterscheiden sich. Daten, Netz, β1 und β2 von Adam, ρ von RMSprop, ε, Zeitplan, Aufwärmen, Gewichtsabnahme, Regularisierung und Batchgröße sind die des Playgrounds.</translation>
    </message>
</context>
<context>
    <name>ws::ui::RecoveryNotice</name>
    <message numerus="yes">
        <source>%1 (%n epoch(s) recorded)</source>
        <translation>
            <numerusform>%1 (%n Epoche aufgezeichnet)</numerusform>
            <numerusform>%1 (%n Epochen aufgezeichnet)</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted training</source>
        <translation>Unterbrochenes Training</translation>
    </message>
    <message numerus="yes">
        <source>%n training(s) ended without finishing, probably because Weightscope was closed or killed. Each is kept up to its last completed epoch:</source>
        <translation>
            <numerusform>%n Training endete, ohne fertig zu werden, vermutlich weil Weightscope geschlossen oder beendet wurde. Es ist bis zur letzten abgeschlossenen Epoche erhalten:</numerusform>
            <numerusform>%n Trainings endeten, ohne fertig zu werden, vermutlich weil Weightscope geschlossen oder beendet wurde. Jedes ist bis zur letzten abgeschlossenen Epoche erhalten:</numerusform>
        </translation>
    </message>
    <message>
        <source>Show in Runs</source>
        <translation>In „Läufe“ zeigen</translation>
    </message>
    <message>
        <source>Select these runs in the Runs dock and show their curves</source>
        <translation>Diese Läufe im Bereich „Läufe“ auswählen und ihre Kurven zeigen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close this notice; it is not shown again</source>
        <translation>Diesen Hinweis schließen; er erscheint nicht wieder</translation>
    </message>
</context>
<context>
    <name>ws::ui::RunLegend</name>
    <message>
        <source>Filter runs (regular expression)</source>
        <translation>Läufe filtern (regulärer Ausdruck)</translation>
    </message>
    <message>
        <source>Draw only the curves whose names match this regular expression</source>
        <translation>Nur die Kurven zeichnen, deren Namen zu diesem regulären Ausdruck passen</translation>
    </message>
    <message>
        <source>Uncheck a curve to hide it</source>
        <translation>Haken entfernen, um eine Kurve auszublenden</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
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
    <message>
        <source>Saved as a Playground session: %1 (the file is gone)</source>
        <translation>Als Playground-Sitzung gespeichert: %1 (die Datei gibt es nicht mehr)</translation>
    </message>
    <message>
        <source>Saved as a Playground session: %1</source>
        <translation>Als Playground-Sitzung gespeichert: %1</translation>
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
            <numerusform>%n Datei konnte nicht gelesen werden</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden</numerusform>
        </translation>
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
            <numerusform>Tags des %n ausgewählten Laufs, durch Kommas getrennt:</numerusform>
            <numerusform>Tags der %n ausgewählten Läufe, durch Kommas getrennt:</numerusform>
        </translation>
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
            <numerusform>%n Lauf löschen? Seine Datei wird von der Festplatte entfernt.</numerusform>
            <numerusform>%n Läufe löschen? Ihre Dateien werden von der Festplatte entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the run is still being written</source>
        <translation>%1: Der Lauf wird noch geschrieben</translation>
    </message>
    <message>
        <source>%1: cannot delete the file</source>
        <translation>%1: Die Datei kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Choose the folder the runs are read from</source>
        <translation>Den Ordner wählen, aus dem die Läufe gelesen werden</translation>
    </message>
    <message>
        <source>Read the runs in the folder again</source>
        <translation>Die Läufe im Ordner neu einlesen</translation>
    </message>
    <message>
        <source>Show only the runs that match this regular expression</source>
        <translation>Nur die Läufe zeigen, die zu diesem regulären Ausdruck passen</translation>
    </message>
    <message>
        <source>Show only the runs with this tag</source>
        <translation>Nur die Läufe mit diesem Tag zeigen</translation>
    </message>
    <message>
        <source>Give the selected run a new name</source>
        <translation>Dem ausgewählten Lauf einen neuen Namen geben</translation>
    </message>
    <message>
        <source>Edit the tags of the selected runs</source>
        <translation>Die Tags der ausgewählten Läufe bearbeiten</translation>
    </message>
    <message>
        <source>Write notes on the selected run</source>
        <translation>Notizen zum ausgewählten Lauf schreiben</translation>
    </message>
    <message>
        <source>Delete the selected runs and their files</source>
        <translation>Die ausgewählten Läufe und ihre Dateien löschen</translation>
    </message>
    <message>
        <source>Open the runs folder in the file manager</source>
        <translation>Den Ordner der Läufe im Dateimanager öffnen</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Hyper-parameters</source>
        <translation>Hyperparameter</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>Parallele Koordinaten</translation>
    </message>
    <message>
        <source>Open weights in inspector</source>
        <translation>Gewichte im Inspektor öffnen</translation>
    </message>
    <message>
        <source>Compare weights with…</source>
        <translation>Gewichte vergleichen mit…</translation>
    </message>
    <message>
        <source>Select one run to open its weights.</source>
        <translation>Einen Lauf auswählen, um seine Gewichte zu öffnen.</translation>
    </message>
    <message>
        <source>Select one run (to compare two of its checkpoints) or two runs.</source>
        <translation>Einen Lauf (um zwei seiner Checkpoints zu vergleichen) oder zwei Läufe auswählen.</translation>
    </message>
    <message>
        <source>Compare weights</source>
        <translation>Gewichte vergleichen</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The selected runs hold no weights yet.</source>
        <translation>Die gewählten Läufe enthalten noch keine Gewichte.</translation>
    </message>
    <message>
        <source>Open (A):</source>
        <translation>Öffnen (A):</translation>
    </message>
    <message>
        <source>Compare with (B):</source>
        <translation>Vergleichen mit (B):</translation>
    </message>
    <message>
        <source>%1: a TensorBoard log; Weightscope does not delete it</source>
        <translation>%1: ein TensorBoard-Protokoll; Weightscope löscht es nicht</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>Wichtigkeit</translation>
    </message>
    <message>
        <source>Config diff</source>
        <translation>Konfigurationsunterschiede</translation>
    </message>
    <message numerus="yes">
        <source>Scan cancelled: %n run(s) read</source>
        <translation>
            <numerusform>Durchsuchen abgebrochen: %n Lauf gelesen</numerusform>
            <numerusform>Durchsuchen abgebrochen: %n Läufe gelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading cancelled: %n run(s) shown</source>
        <translation>
            <numerusform>Lesen abgebrochen: %n Lauf angezeigt</numerusform>
            <numerusform>Lesen abgebrochen: %n Läufe angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning the runs folder…</source>
        <translation>Der Läufe-Ordner wird durchsucht …</translation>
    </message>
    <message>
        <source>Reading the selected runs…</source>
        <translation>Die ausgewählten Läufe werden gelesen …</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>Verteilungen</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>Histogramme</translation>
    </message>
    <message>
        <source>Stop highlighting this run</source>
        <translation>Diesen Lauf nicht mehr hervorheben</translation>
    </message>
    <message>
        <source>Highlight this run</source>
        <translation>Diesen Lauf hervorheben</translation>
    </message>
    <message>
        <source>Open Playground session</source>
        <translation>Playground-Sitzung öffnen</translation>
    </message>
    <message>
        <source>Select one run to open the Playground session saved from it.</source>
        <translation>Wählen Sie einen Lauf, um die daraus gespeicherte Playground-Sitzung zu öffnen.</translation>
    </message>
    <message>
        <source>No Playground session was saved from the run %1.</source>
        <translation>Aus dem Lauf %1 wurde keine Playground-Sitzung gespeichert.</translation>
    </message>
    <message>
        <source>The Playground sessions saved from the run %1 are gone: %2</source>
        <translation>Die aus dem Lauf %1 gespeicherten Playground-Sitzungen gibt es nicht mehr: %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::ScatterMatrix</name>
    <message>
        <source>Select runs that differ in a setting and have the outcome to see each setting against it.</source>
        <translation>Wählen Sie Läufe, die sich in einer Einstellung unterscheiden und das Ergebnis haben, um jede Einstellung gegen das Ergebnis zu sehen.</translation>
    </message>
    <message>
        <source>%1 (explains %2 %)</source>
        <translation>%1 (erklärt %2 %)</translation>
    </message>
    <message>
        <source>%1
%2 = %3
%4 = %5</source>
        <translation>%1
%2 = %3
%4 = %5</translation>
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
    <message>
        <source>Playground and Training panels</source>
        <translation>Playground- und Trainingsbereich</translation>
    </message>
</context>
<context>
    <name>ws::ui::SpectrumController</name>
    <message>
        <source>The 4-D kernel %1 is seen as the %2 × %3 matrix (out, in·kh·kw).</source>
        <translation>Der 4-D-Kern %1 wird als %2 × %3-Matrix (out, in·kh·kw) betrachtet.</translation>
    </message>
    <message>
        <source>Cancelled. Press Compute to start again.</source>
        <translation>Abgebrochen. „Berechnen“ startet neu.</translation>
    </message>
</context>
<context>
    <name>ws::ui::SpectrumPanel</name>
    <message>
        <source>Eigenvalue density</source>
        <translation>Eigenwertdichte</translation>
    </message>
    <message>
        <source>Singular values by rank</source>
        <translation>Singulärwerte nach Rang</translation>
    </message>
    <message>
        <source>The empirical spectral density of λ = σ² (what the fit describes), or the singular values σ in decreasing order</source>
        <translation>Die empirische Spektraldichte von λ = σ² (die die Anpassung beschreibt) oder die Singulärwerte σ in absteigender Reihenfolge</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Das Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>power-law fit</source>
        <translation>Potenzgesetz-Anpassung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop computing this spectrum</source>
        <translation>Die Berechnung dieses Spektrums abbrechen</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berechnen</translation>
    </message>
    <message>
        <source>Compute the singular values of the selected matrix</source>
        <translation>Die Singulärwerte der gewählten Matrix berechnen</translation>
    </message>
    <message>
        <source>α is the exponent of a power law p(λ) ∝ λ^−α fitted to the tail of the density of the eigenvalues λ = σ² of WᵀW (maximum likelihood, xmin by the smallest Kolmogorov–Smirnov distance; Clauset, Shalizi &amp; Newman 2009). WeightWatcher (Martin &amp; Mahoney) reads it without any data: roughly 2–6 for a well-trained layer, below 2 over-fitted (a few directions dominate), above 6 under-trained (close to random). A rule of thumb, not a test: small matrices give noisy fits.</source>
        <translation>α ist der Exponent eines Potenzgesetzes p(λ) ∝ λ^−α, angepasst an den Ausläufer der Dichte der Eigenwerte λ = σ² von WᵀW (Maximum-Likelihood, xmin nach dem kleinsten Kolmogorow-Smirnow-Abstand; Clauset, Shalizi &amp; Newman 2009). WeightWatcher (Martin &amp; Mahoney) liest ihn ohne Daten: etwa 2–6 bei einer gut trainierten Schicht, unter 2 überangepasst (wenige Richtungen dominieren), über 6 zu wenig trainiert (nahezu zufällig). Eine Faustregel, kein Test: kleine Matrizen ergeben verrauschte Anpassungen.</translation>
    </message>
    <message>
        <source>below 2: possibly over-fitted</source>
        <translation>unter 2: möglicherweise überangepasst</translation>
    </message>
    <message>
        <source>above 6: possibly under-trained</source>
        <translation>über 6: möglicherweise zu wenig trainiert</translation>
    </message>
    <message>
        <source>2–6: typical of a well-trained layer</source>
        <translation>2–6: typisch für eine gut trainierte Schicht</translation>
    </message>
    <message>
        <source>Select a weight matrix in the model tree</source>
        <translation>Eine Gewichtsmatrix im Modellbaum auswählen</translation>
    </message>
    <message>
        <source>Computing the singular values…</source>
        <translation>Singulärwerte werden berechnet…</translation>
    </message>
    <message numerus="yes">
        <source>%n singular value(s) of the %1 × %2 matrix</source>
        <translation>
            <numerusform>%n Singulärwert der %1 × %2-Matrix</numerusform>
            <numerusform>%n Singulärwerte der %1 × %2-Matrix</numerusform>
        </translation>
    </message>
    <message>
        <source>; largest %1, smallest %2</source>
        <translation>; größter %1, kleinster %2</translation>
    </message>
    <message>
        <source>eigenvalue λ = σ²</source>
        <translation>Eigenwert λ = σ²</translation>
    </message>
    <message>
        <source>density</source>
        <translation>Dichte</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>singular value σ</source>
        <translation>Singulärwert σ</translation>
    </message>
    <message>
        <source>α = %1 (%2) · xmin = %3 · KS distance %4 · %5 tail eigenvalues of %6</source>
        <translation>α = %1 (%2) · xmin = %3 · KS-Abstand %4 · %5 Eigenwerte im Ausläufer von %6</translation>
    </message>
    <message>
        <source>No power-law fit: %1</source>
        <translation>Keine Potenzgesetz-Anpassung: %1</translation>
    </message>
    <message numerus="yes">
        <source> · %n zero singular value(s) not drawn</source>
        <translation>
            <numerusform> · %n Singulärwert von null nicht gezeichnet</numerusform>
            <numerusform> · %n Singulärwerte von null nicht gezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <source>too few tail eigenvalues for a verdict: %1, at least %2 are needed</source>
        <translation>zu wenige Eigenwerte im Ausläufer für ein Urteil: %1, mindestens %2 sind nötig</translation>
    </message>
</context>
<context>
    <name>ws::ui::StartPage</name>
    <message>
        <source>&lt;h1&gt;Weightscope&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Weightscope&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>A workbench for neural-network weights. Nothing from a file is ever executed.</source>
        <translation>Eine Werkbank für die Gewichte neuronaler Netze. Aus einer Datei wird nie etwas ausgeführt.</translation>
    </message>
    <message>
        <source>Open a Model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <source>Look inside a weight file: safetensors (also sharded folders), GGUF, ONNX, PyTorch, Keras, NumPy or a Weightscope model</source>
        <translation>In eine Gewichtsdatei schauen: safetensors (auch geteilte Ordner), GGUF, ONNX, PyTorch, Keras, NumPy oder ein Weightscope-Modell</translation>
    </message>
    <message>
        <source>Train a Network</source>
        <translation>Ein Netz trainieren</translation>
    </message>
    <message>
        <source>Train on Fashion-MNIST or your own data and watch it learn</source>
        <translation>Auf Fashion-MNIST oder eigenen Daten trainieren und beim Lernen zusehen</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <source>Every training is recorded: compare their curves, seeds and settings</source>
        <translation>Jedes Training wird aufgezeichnet: Kurven, Seeds und Einstellungen vergleichen</translation>
    </message>
    <message>
        <source>Watch the Playground demo</source>
        <translation>Playground-Demo ansehen</translation>
    </message>
    <message>
        <source>A small network learns to separate a spiral, live</source>
        <translation>Ein kleines Netz lernt live, eine Spirale zu trennen</translation>
    </message>
    <message>
        <source>Its architecture as a graph, every tensor as heatmap, histogram and statistics, and the difference between two files. Or drop a file here.</source>
        <translation>Seine Architektur als Graph, jeder Tensor als Heatmap, Histogramm und Statistik, und der Unterschied zweier Dateien. Oder eine Datei hierher ziehen.</translation>
    </message>
    <message>
        <source>Build a model, train it on a worker thread with live curves, then look at its activations and switch units off.</source>
        <translation>Ein Modell bauen, es mit Live-Kurven in einem Hintergrund-Thread trainieren, dann seine Aktivierungen ansehen und Einheiten abschalten.</translation>
    </message>
    <message>
        <source>Curves side by side, seeds as bands, which hyper-parameter mattered.</source>
        <translation>Kurven nebeneinander, Seeds als Bänder, welcher Hyperparameter zählte.</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>Doppelklick zum Öffnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent files&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zuletzt geöffnet&lt;/b&gt;</translation>
    </message>
    <message>
        <source>None yet: open a file, and it is listed here.</source>
        <translation>Noch keine: eine geöffnete Datei erscheint hier.</translation>
    </message>
</context>
<context>
    <name>ws::ui::StatsPanel</name>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>bins </source>
        <translation>Klassen </translation>
    </message>
    <message>
        <source>Log counts</source>
        <translation>Logarithmische Anzahl</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Standard deviation</source>
        <translation>Standardabweichung</translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation>L2-Norm</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Nullen</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>NaN</source>
        <translation>NaN</translation>
    </message>
    <message>
        <source>±Inf</source>
        <translation>±Inf</translation>
    </message>
    <message>
        <source>Percentile %1 %</source>
        <translation>Perzentil %1 %</translation>
    </message>
    <message>
        <source>Statistics in float64 over the float32 values; percentiles exact (NumPy&apos;s linear method).</source>
        <translation>Statistik in float64 über die float32-Werte; Perzentile exakt (lineare Methode von NumPy).</translation>
    </message>
    <message>
        <source>Percentiles from a %1-bin histogram, within %2 of the exact values.</source>
        <translation>Perzentile aus einem Histogramm mit %1 Klassen, höchstens %2 von den exakten Werten entfernt.</translation>
    </message>
    <message>
        <source>Bins of the histogram</source>
        <translation>Klassen des Histogramms</translation>
    </message>
    <message>
        <source>Show the counts on a logarithmic scale</source>
        <translation>Die Häufigkeiten logarithmisch darstellen</translation>
    </message>
    <message>
        <source>Stored as</source>
        <translation>Gespeichert als</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
</context>
<context>
    <name>ws::ui::TensorViewPanel</name>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>How the elements pooled into one pixel of a large tensor are combined</source>
        <translation>Wie die Elemente, die bei einem großen Tensor auf ein Pixel fallen, zusammengefasst werden</translation>
    </message>
    <message>
        <source>Data range</source>
        <translation>Datenbereich</translation>
    </message>
    <message>
        <source>Symmetric ±max</source>
        <translation>Symmetrisch ±max</translation>
    </message>
    <message>
        <source>Percentiles 1–99 %</source>
        <translation>Perzentile 1–99 %</translation>
    </message>
    <message>
        <source>Reduction:</source>
        <translation>Reduktion:</translation>
    </message>
    <message>
        <source>Colour range:</source>
        <translation>Farbbereich:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Tensor as NumPy .npy…</source>
        <translation>Tensor als NumPy-.npy…</translation>
    </message>
    <message>
        <source>Shown slice as CSV…</source>
        <translation>Gezeigten Schnitt als CSV…</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree</source>
        <translation>Einen Tensor im Modellbaum wählen</translation>
    </message>
    <message>
        <source>rows: dim %1 × columns: dim %2</source>
        <translation>Zeilen: Dim. %1 × Spalten: Dim. %2</translation>
    </message>
    <message>
        <source>The two dimensions shown as rows and columns</source>
        <translation>Die beiden Dimensionen, die als Zeilen und Spalten gezeigt werden</translation>
    </message>
    <message>
        <source>[%1]=</source>
        <translation>[%1]=</translation>
    </message>
    <message>
        <source>Index in dimension %1 (size %2)</source>
        <translation>Index in Dimension %1 (Größe %2)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show the kernel as a grid of filters, one per output channel</source>
        <translation>Den Kern als Raster von Filtern zeigen, einer je Ausgabekanal</translation>
    </message>
    <message>
        <source>input channel </source>
        <translation>Eingabekanal </translation>
    </message>
    <message>
        <source>Export Slice</source>
        <translation>Schnitt exportieren</translation>
    </message>
    <message>
        <source>Export Tensor</source>
        <translation>Tensor exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>NumPy array (*.npy)</source>
        <translation>NumPy-Array (*.npy)</translation>
    </message>
    <message>
        <source>This tensor has no elements: %1</source>
        <translation>Dieser Tensor hat keine Elemente: %1</translation>
    </message>
    <message>
        <source>%1 × %2 shown as %3 × %4 cells: %5 of up to %6 × %7 elements per cell</source>
        <translation>%1 × %2 als %3 × %4 Zellen gezeigt: %5 von bis zu %6 × %7 Elementen je Zelle</translation>
    </message>
    <message>
        <source>%1 × %2, one cell per element</source>
        <translation>%1 × %2, eine Zelle je Element</translation>
    </message>
    <message numerus="yes">
        <source>; %n NaN/Inf element(s) left out</source>
        <translation>
            <numerusform>; %n NaN/Inf-Element ausgelassen</numerusform>
            <numerusform>; %n NaN/Inf-Elemente ausgelassen</numerusform>
        </translation>
    </message>
    <message>
        <source> · colours: %1 over [%2, %3]</source>
        <translation> · Farben: %1 über [%2, %3]</translation>
    </message>
    <message>
        <source>diverging, white at 0</source>
        <translation>divergierend, weiß bei 0</translation>
    </message>
    <message>
        <source>viridis</source>
        <translation>viridis</translation>
    </message>
    <message>
        <source>filter column · kernel x</source>
        <translation>Filterspalte · Kern x</translation>
    </message>
    <message>
        <source>filter row · kernel y</source>
        <translation>Filterzeile · Kern y</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>filter %1, input channel %2, kernel (%3, %4) = %5</source>
        <translation>Filter %1, Eingabekanal %2, Kern (%3, %4) = %5</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>rows %1–%2, columns %3–%4: mean %5, min %6, max %7</source>
        <translation>Zeilen %1–%2, Spalten %3–%4: Mittel %5, Min. %6, Max. %7</translation>
    </message>
    <message>
        <source>Save the plot as an image, or the tensor&apos;s values as a file</source>
        <translation>Das Diagramm als Bild oder die Werte des Tensors als Datei speichern</translation>
    </message>
    <message>
        <source>The input channel whose filters are shown</source>
        <translation>Der Eingabekanal, dessen Filter gezeigt werden</translation>
    </message>
    <message>
        <source>Plot as PNG, SVG or PDF…</source>
        <translation>Diagramm als PNG, SVG oder PDF…</translation>
    </message>
    <message>
        <source>Largest |x| (sign kept)</source>
        <translation>Größtes |x| (mit Vorzeichen)</translation>
    </message>
    <message>
        <source>The values the colour scale spans. Symmetric keeps white at zero and the same strength for +x and −x (for data of one sign it is the data range)</source>
        <translation>Die Werte, die die Farbskala abdeckt. Symmetrisch hält Weiß bei null und gleiche Stärke für +x und −x (bei Daten eines Vorzeichens ist es der Datenbereich)</translation>
    </message>
    <message>
        <source>%1 cannot be dequantised by Weightscope; its blocks as stored:</source>
        <translation>%1 kann Weightscope nicht dequantisieren; seine Blöcke, wie gespeichert:</translation>
    </message>
    <message>
        <source>block: %1 elements in %2 bytes (%3 bits per weight)</source>
        <translation>Block: %1 Elemente in %2 Bytes (%3 Bit pro Gewicht)</translation>
    </message>
    <message>
        <source>fields, in file order:</source>
        <translation>Felder, in der Reihenfolge der Datei:</translation>
    </message>
    <message numerus="yes">
        <source>the first %n block(s), in hex:</source>
        <translation>
            <numerusform>der erste Block, hexadezimal:</numerusform>
            <numerusform>die ersten %n Blöcke, hexadezimal:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s) of %1 × %2, input channel %3 of %4 (layout %5); one pixel per weight</source>
        <translation>
            <numerusform>%n Filter zu %1 × %2, Eingabekanal %3 von %4 (Anordnung %5); ein Pixel je Gewicht</numerusform>
            <numerusform>%n Filter zu %1 × %2, Eingabekanal %3 von %4 (Anordnung %5); ein Pixel je Gewicht</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::TokenTableModel</name>
    <message numerus="yes">
        <source>%1 (%n byte(s): %2)</source>
        <translation>
            <numerusform>%1 (%n Byte: %2)</numerusform>
            <numerusform>%1 (%n Bytes: %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>ws::ui::TokenizerPanel</name>
    <message>
        <source>Text → ids: a token, or part of one</source>
        <translation>Text → Ids: ein Token oder ein Teil davon</translation>
    </message>
    <message>
        <source>Exact matches first (spaces also as ▁ or Ġ), then every token containing the text; the merges below are filtered alike</source>
        <translation>Zuerst exakte Treffer (Leerzeichen auch als ▁ oder Ġ), dann jedes Token, das den Text enthält; die Zusammenführungen unten werden ebenso gefiltert</translation>
    </message>
    <message>
        <source>id </source>
        <translation>Id </translation>
    </message>
    <message>
        <source>Id → token: shows the whole vocabulary with this token selected</source>
        <translation>Id → Token: zeigt das ganze Vokabular mit diesem Token ausgewählt</translation>
    </message>
    <message>
        <source>Go to Id</source>
        <translation>Zur Id</translation>
    </message>
    <message>
        <source>This file has no tokenizer.</source>
        <translation>Diese Datei hat keinen Tokenizer.</translation>
    </message>
    <message>
        <source>The tokenizer cannot be read: %1</source>
        <translation>Der Tokenizer kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 tokenizer: %2 tokens, %3 merges%4%5.</source>
        <translation>Tokenizer %1: %2 Tokens, %3 Zusammenführungen%4%5.</translation>
    </message>
    <message>
        <source>GGUF</source>
        <translation>GGUF</translation>
    </message>
    <message>
        <source>, no scores</source>
        <translation>, keine Scores</translation>
    </message>
    <message>
        <source>, no token types</source>
        <translation>, keine Token-Typen</translation>
    </message>
    <message>
        <source>No merges (not a BPE tokenizer).</source>
        <translation>Keine Zusammenführungen (kein BPE-Tokenizer).</translation>
    </message>
    <message>
        <source>Merges in rank order (first applied first):</source>
        <translation>Zusammenführungen nach Rang (die erste wird zuerst angewandt):</translation>
    </message>
    <message numerus="yes">
        <source>&apos;%1&apos; is token %2; %n other token(s) contain it (listed after it).</source>
        <translation>
            <numerusform>&apos;%1&apos; ist Token %2; %n weiteres Token enthält es (danach aufgeführt).</numerusform>
            <numerusform>&apos;%1&apos; ist Token %2; %n weitere Tokens enthalten es (danach aufgeführt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No token is exactly &apos;%1&apos;; %n token(s) contain it.</source>
        <translation>
            <numerusform>Kein Token ist genau &apos;%1&apos;; %n Token enthält es.</numerusform>
            <numerusform>Kein Token ist genau &apos;%1&apos;; %n Tokens enthalten es.</numerusform>
        </translation>
    </message>
    <message>
        <source>Token %1 is &apos;%2&apos;%3.</source>
        <translation>Token %1 ist &apos;%2&apos;%3.</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Show the whole vocabulary with the token of this id selected</source>
        <translation>Das ganze Vokabular zeigen, mit dem Token dieser Id ausgewählt</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingCurves</name>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation>Training (Batch)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source> lr %1</source>
        <translation> lr %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingInsights</name>
    <message>
        <source>Confusion by epoch</source>
        <translation>Konfusion je Epoche</translation>
    </message>
    <message>
        <source>Activations &amp;&amp; ablation</source>
        <translation>Aktivierungen &amp;&amp; Ablation</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingPanel</name>
    <message>
        <source>Choose data and a model, then Start.</source>
        <translation>Daten und ein Modell wählen, dann Start.</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training läuft…</translation>
    </message>
    <message>
        <source>Epoch %1 of %2 · step %3 · loss %4 · learning rate %5</source>
        <translation>Epoche %1 von %2 · Schritt %3 · Verlust %4 · Lernrate %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test set&lt;/b&gt;: %1 samples, accuracy &lt;b&gt;%2 %&lt;/b&gt;, loss %3 &amp;nbsp; (confusion matrix: rows are the true classes, columns the predictions)</source>
        <translation>&lt;b&gt;Testdaten&lt;/b&gt;: %1 Beispiele, Genauigkeit &lt;b&gt;%2 %&lt;/b&gt;, Verlust %3 &amp;nbsp; (Konfusionsmatrix: Zeilen sind die wahren Klassen, Spalten die Vorhersagen)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test set&lt;/b&gt;: %1 samples, loss %2</source>
        <translation>&lt;b&gt;Testdaten&lt;/b&gt;: %1 Beispiele, Verlust %2</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>Testdatensatz</translation>
    </message>
    <message>
        <source>Training paused: %1</source>
        <translation>Training angehalten: %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingWorker</name>
    <message>
        <source>training points</source>
        <translation>Trainingspunkte</translation>
    </message>
    <message>
        <source>Training stopped before it began.</source>
        <translation>Training vor dem Beginn angehalten.</translation>
    </message>
    <message numerus="yes">
        <source>Training finished: %n epoch(s), %1 steps.</source>
        <translation>
            <numerusform>Training beendet: %n Epoche, %1 Schritte.</numerusform>
            <numerusform>Training beendet: %n Epochen, %1 Schritte.</numerusform>
        </translation>
    </message>
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
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::TransportBar</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start training, or resume it after a pause</source>
        <translation>Das Training starten oder nach einer Pause fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the training</source>
        <translation>Das Training anhalten</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>Ein Batch</translation>
    </message>
    <message>
        <source>Train on one batch, then pause</source>
        <translation>Auf einem Batch trainieren, dann anhalten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>End the run and evaluate the model on the test set</source>
        <translation>Den Lauf beenden und das Modell auf den Testdaten auswerten</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>Eine Epoche</translation>
    </message>
    <message>
        <source>Train for one epoch, then pause</source>
        <translation>Eine Epoche trainieren, dann anhalten</translation>
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
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Start or pause training</source>
        <translation>Training starten oder anhalten</translation>
    </message>
    <message>
        <source>Train one batch</source>
        <translation>Einen Batch trainieren</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>Lauf beenden</translation>
    </message>
    <message>
        <source>Reset the weights</source>
        <translation>Gewichte zurücksetzen</translation>
    </message>
</context>
</TS>
