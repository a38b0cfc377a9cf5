<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>main</name>
    <message>
        <source>Workbench for neural-network weights</source>
        <translation>Atelier pour les poids de réseaux de neurones</translation>
    </message>
    <message>
        <source>Start training the built-in playground demo.</source>
        <translation>Lancer l’entraînement de la démo Playground intégrée.</translation>
    </message>
    <message>
        <source>Save a picture of the main window to &lt;file&gt; and quit.</source>
        <translation>Enregistrer une image de la fenêtre principale dans &lt;file&gt; et quitter.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>Wait &lt;ms&gt; milliseconds before the screenshot (default 4000).</source>
        <translation>Attendre &lt;ms&gt; millisecondes avant la capture d’écran (par défaut 4000).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A model or weights file to open.</source>
        <translation>Un fichier de modèle ou de poids à ouvrir.</translation>
    </message>
    <message>
        <source>Opening files is not available yet: %1</source>
        <translation>L’ouverture de fichiers n’est pas encore disponible : %1</translation>
    </message>
    <message>
        <source>Show the Runs dock for &lt;folder&gt;, every run selected.</source>
        <translation>Afficher le dock Exécutions pour &lt;folder&gt;, toutes les exécutions sélectionnées.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>With --runs: group the compared runs by &lt;key&gt; (tag, lr, seed, ...).</source>
        <translation>Avec --runs : grouper les exécutions comparées par &lt;key&gt; (tag, lr, seed, ...).</translation>
    </message>
    <message>
        <source>key</source>
        <translation>clé</translation>
    </message>
</context>
<context>
    <name>ws::ui::BoundaryPlot</name>
    <message>
        <source>Train −1</source>
        <translation>Entraînement −1</translation>
    </message>
    <message>
        <source>Train +1</source>
        <translation>Entraînement +1</translation>
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
        <translation>(sans étiquette)</translation>
    </message>
    <message>
        <source>Loss (batches)</source>
        <translation>Perte (lots)</translation>
    </message>
    <message>
        <source>Accuracy (batches)</source>
        <translation>Exactitude (lots)</translation>
    </message>
    <message>
        <source>Loss (epochs)</source>
        <translation>Perte (époques)</translation>
    </message>
    <message>
        <source>Accuracy (epochs)</source>
        <translation>Exactitude (époques)</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Perte de validation</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Exactitude de validation</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d'apprentissage</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Temps relatif</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y logarithmique</translation>
    </message>
    <message>
        <source>TensorBoard's debiased exponential moving average</source>
        <translation>La moyenne mobile exponentielle débiaisée de TensorBoard</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Sans regroupement</translation>
    </message>
    <message>
        <source>Group by tag</source>
        <translation>Grouper par étiquette</translation>
    </message>
    <message>
        <source>Group by %1</source>
        <translation>Grouper par %1</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the full histories of the shown runs</source>
        <translation>Exporter les historiques complets des exécutions affichées</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Image…</translation>
    </message>
    <message>
        <source>Save the plot as PNG or PDF</source>
        <translation>Enregistrer le graphique en PNG ou PDF</translation>
    </message>
    <message>
        <source>x:</source>
        <translation>x :</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Lissage :</translation>
    </message>
    <message>
        <source> (s)</source>
        <translation> (s)</translation>
    </message>
    <message>
        <source>%1: mean ± std of %2 runs</source>
        <translation>%1 : moyenne ± écart type de %2 exécutions</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1 : impossible d'écrire le fichier</translation>
    </message>
    <message>
        <source>%1: cannot write the file (disk full?)</source>
        <translation>%1 : impossible d'écrire le fichier (disque plein ?)</translation>
    </message>
    <message>
        <source>Export histories</source>
        <translation>Exporter les historiques</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save plot</source>
        <translation>Enregistrer le graphique</translation>
    </message>
    <message>
        <source>PNG images (*.png);;PDF documents (*.pdf)</source>
        <translation>Images PNG (*.png);;Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ws::ui::Help</name>
    <message>
        <source>User Guide</source>
        <translation>Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>The user guide was not found. Looked in:
%1</source>
        <translation>Le guide de l’utilisateur est introuvable. Emplacements consultés :
%1</translation>
    </message>
    <message>
        <source>Weightscope User Guide</source>
        <translation>Guide de l’utilisateur de Weightscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Weightscope %1&lt;/h3&gt;&lt;p&gt;A workbench for neural-network weights: look inside model files, train small models and watch them learn, compare runs.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;zlib&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libzip&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Compiler&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Build type&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Weightscope %1&lt;/h3&gt;&lt;p&gt;Un atelier pour les poids de réseaux de neurones : explorer des fichiers de modèles, entraîner de petits modèles et les regarder apprendre, comparer des entraînements.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (compilé avec %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;zlib&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libzip&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Compilateur&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Type de compilation&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>ws::ui::LossPlot</name>
    <message>
        <source>Training loss</source>
        <translation>Perte d’entraînement</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Perte de test</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
    <message>
        <source>Loss (MSE)</source>
        <translation>Perte (MSE)</translation>
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
        <translation>&lt;h2&gt;Weightscope&lt;/h2&gt;&lt;p&gt;Ouvrez &lt;b&gt;Affichage ▸ Playground&lt;/b&gt; pour regarder un petit réseau apprendre.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About Weightscope</source>
        <translation>À &amp;propos de Weightscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>About Weightscope</source>
        <translation>À propos de Weightscope</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
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
        <translation>Cercle</translation>
    </message>
    <message>
        <source>Exclusive or</source>
        <translation>Ou exclusif</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>Gaussienne</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>Spirale</translation>
    </message>
    <message>
        <source>Noise as in TensorFlow Playground (0 to 50)</source>
        <translation>Bruit comme dans TensorFlow Playground (0 à 50)</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>Afficher les données de test</translation>
    </message>
    <message>
        <source>Neurons per hidden layer, separated by commas (at most %1 layers of %2)</source>
        <translation>Neurones par couche cachée, séparés par des virgules (au plus %1 couches de %2)</translation>
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
        <translation>Sigmoïde</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linéaire</translation>
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
        <translation>Lent (10 époques/s)</translation>
    </message>
    <message>
        <source>Playground (60 epochs/s)</source>
        <translation>Playground (60 époques/s)</translation>
    </message>
    <message>
        <source>Fast (300 epochs/s)</source>
        <translation>Rapide (300 époques/s)</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Illimitée</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Train on one batch, then pause</source>
        <translation>Entraîner sur un lot, puis faire une pause</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Start again from new random weights</source>
        <translation>Recommencer avec de nouveaux poids aléatoires</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Jeu de données :</translation>
    </message>
    <message>
        <source>Noise:</source>
        <translation>Bruit :</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Entrées :</translation>
    </message>
    <message>
        <source>x₁, x₂</source>
        <translation>x₁, x₂</translation>
    </message>
    <message>
        <source>Hidden layers:</source>
        <translation>Couches cachées :</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>Activation :</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Sortie :</translation>
    </message>
    <message>
        <source>1 neuron, tanh</source>
        <translation>1 neurone, tanh</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>Optimiseur :</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Taux d’apprentissage :</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Taille de lot :</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>Perte :</translation>
    </message>
    <message>
        <source>MSE on ±1</source>
        <translation>MSE sur ±1</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Vitesse :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Step&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Training loss&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Test loss&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Test accuracy&lt;/b&gt; %5 %</source>
        <translation>&lt;b&gt;Époque&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pas&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Perte d’entraînement&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Perte de test&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Précision de test&lt;/b&gt; %5&amp;nbsp;%</translation>
    </message>
</context>
<context>
    <name>ws::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Folder where every training run is recorded; empty for the default</source>
        <translation>Dossier où chaque entraînement est enregistré ; vide pour l’emplacement par défaut</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the runs folder</source>
        <translation>Choisir le dossier des entraînements</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Tous les cœurs (%1)</translation>
    </message>
    <message>
        <source>Threads for training and analysis; used by what starts after the change</source>
        <translation>Threads pour l’entraînement et l’analyse ; utilisés par ce qui démarre après la modification</translation>
    </message>
    <message>
        <source>Colour map for signed values, centred on zero</source>
        <translation>Palette pour les valeurs signées, centrée sur zéro</translation>
    </message>
    <message>
        <source>Colour map for magnitudes</source>
        <translation>Palette pour les magnitudes</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Light or dark colours, or those of the desktop</source>
        <translation>Couleurs claires ou sombres, ou celles du bureau</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>Language of the user interface</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>The language changes when Weightscope is started again.</source>
        <translation>La langue change au prochain démarrage de Weightscope.</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> img/s</translation>
    </message>
    <message>
        <source>How often live plots are redrawn while training</source>
        <translation>Fréquence de rafraîchissement des graphiques pendant l’entraînement</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>Dossier des entraînements :</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads :</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Thème :</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Diverging colour map:</source>
        <translation>Palette divergente :</translation>
    </message>
    <message>
        <source>Sequential colour map:</source>
        <translation>Palette séquentielle :</translation>
    </message>
    <message>
        <source>Plot refresh rate:</source>
        <translation>Rafraîchissement des graphiques :</translation>
    </message>
    <message>
        <source>Put every control back to its default (saved with OK)</source>
        <translation>Remettre chaque réglage à sa valeur par défaut (enregistré avec OK)</translation>
    </message>
    <message>
        <source>Runs Folder</source>
        <translation>Dossier des entraînements</translation>
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
        <translation>en cours</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>divergée</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>%1 lr %2, batch %3, seed %4</source>
        <translation>%1 lr %2, lot %3, graine %4</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Hyper-parameters</source>
        <translation>Hyperparamètres</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Perte de test</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Exactitude de test</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
</context>
<context>
    <name>ws::ui::RunsPanel</name>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Filter (regular expression)</source>
        <translation>Filtre (expression régulière)</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>Étiquettes…</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>Notes…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Runs in</source>
        <translation>Exécutions dans</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read</source>
        <translation>
            <numerusform>%n fichier illisible</numerusform><numerusform>%n fichiers illisibles</numerusform></translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Dossier des exécutions</translation>
    </message>
    <message>
        <source>Select one run to rename.</source>
        <translation>Sélectionnez une exécution à renommer.</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>Renommer l'exécution</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message numerus="yes">
        <source>Tags of the %n selected run(s), separated by commas:</source>
        <translation>
            <numerusform>Étiquettes de l'exécution sélectionnée (%n), séparées par des virgules :</numerusform><numerusform>Étiquettes des %n exécutions sélectionnées, séparées par des virgules :</numerusform></translation>
    </message>
    <message>
        <source>Select one run to write its notes.</source>
        <translation>Sélectionnez une exécution pour écrire ses notes.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes :</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Supprimer des exécutions</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s)? Their files are removed from the disk.</source>
        <translation>
            <numerusform>Supprimer %n exécution ? Son fichier est effacé du disque.</numerusform><numerusform>Supprimer %n exécutions ? Leurs fichiers sont effacés du disque.</numerusform></translation>
    </message>
    <message>
        <source>%1: the run is still being written</source>
        <translation>%1 : l'exécution est encore en cours d'écriture</translation>
    </message>
    <message>
        <source>%1: cannot delete the file</source>
        <translation>%1 : impossible de supprimer le fichier</translation>
    </message>
</context>
<context>
    <name>ws::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingWorker</name>
    <message numerus="yes">
        <source>Training stopped after %n step(s).</source>
        <translation>
            <numerusform>Entraînement arrêté après %n pas.</numerusform>
            <numerusform>Entraînement arrêté après %n pas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training diverged: %1</source>
        <translation>L’entraînement a divergé : %1</translation>
    </message>
    <message numerus="yes">
        <source>Training finished after %n step(s).</source>
        <translation>
            <numerusform>Entraînement terminé après %n pas.</numerusform>
            <numerusform>Entraînement terminé après %n pas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Échec de l’entraînement : %1</translation>
    </message>
    <message>
        <source>The run is not recorded: %1</source>
        <translation>L'exécution n'est pas enregistrée : %1</translation>
    </message>
</context>
</TS>
