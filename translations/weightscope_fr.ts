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
        <source>Open &lt;file&gt; (or folder) in the inspector.</source>
        <translation>Ouvrir &lt;file&gt; (ou un dossier) dans l’inspecteur.</translation>
    </message>
    <message>
        <source>Show the tensor named &lt;name&gt; of the opened file.</source>
        <translation>Afficher le tenseur nommé &lt;name&gt; du fichier ouvert.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>Train an MLP on the first 6000 Fashion-MNIST images in the Training panel.</source>
        <translation>Entraîner un MLP sur les 6000 premières images de Fashion-MNIST dans le panneau Entraînement.</translation>
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
    <message>
        <source>With --training-demo: train &lt;model&gt; (a preset such as cnn, or layers) instead.</source>
        <translation>Avec --training-demo : entraîner &lt;model&gt; à la place (un modèle prédéfini comme cnn, ou des couches).</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>view</source>
        <translation>vue</translation>
    </message>
    <message>
        <source>Show the Spectrum dock for the opened file&apos;s tensor.</source>
        <translation>Afficher le dock Spectre pour le tenseur du fichier ouvert.</translation>
    </message>
    <message>
        <source>With --runs: show &lt;view&gt; below the table (curves, table, parallel).</source>
        <translation>Avec --runs : afficher &lt;view&gt; sous le tableau (curves, table, parallel).</translation>
    </message>
    <message>
        <source>With --training-demo: show test[:true:predicted] (the final test confusion, the samples of a cell), confusion[:true:predicted] (by epoch) or activations[:layer:unit,...] (units switched off once trained).</source>
        <translation>Avec --training-demo : afficher test[:vrai:prédit] (la confusion finale sur le test, les exemples d’une case), confusion[:vrai:prédit] (par époque) ou activations[:couche:unité,...] (unités désactivées une fois entraîné).</translation>
    </message>
    <message>
        <source>Show the Metadata view of the opened file.</source>
        <translation>Afficher la vue Métadonnées du fichier ouvert.</translation>
    </message>
</context>
<context>
    <name>ws::EnumLabels</name>
    <message>
        <source>Linear</source>
        <translation>Linéaire</translation>
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
        <translation>Sigmoïde</translation>
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
        <translation>Constant</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>Décroissance par paliers</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Cosinus</translation>
    </message>
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
        <source>Plane</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Multi-Gaussian</source>
        <translation>Multi-gaussienne</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
</context>
<context>
    <name>ws::ui::AblationPanel</name>
    <message>
        <source>Units switched off; double-click one to switch it back on</source>
        <translation>Unités désactivées ; double-cliquez sur l’une pour la réactiver</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Switch all on</source>
        <translation>Tout réactiver</translation>
    </message>
    <message>
        <source>Switch the unit selected in the list back on</source>
        <translation>Réactiver l’unité choisie dans la liste</translation>
    </message>
    <message>
        <source>Switch every unit back on: the model as trained</source>
        <translation>Réactiver toutes les unités : le modèle tel qu’entraîné</translation>
    </message>
    <message>
        <source>Test confusion with the units switched off; a dot marks a cell that changed</source>
        <translation>Confusion de test avec les unités désactivées ; un point marque une case modifiée</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ablation&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ablation&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Click a feature map or a bar in the activations to switch that unit off; the test accuracy and confusion matrix follow.</source>
        <translation>Cliquez sur une carte de caractéristiques ou une barre dans les activations pour désactiver cette unité ; l’exactitude de test et la matrice de confusion suivent.</translation>
    </message>
    <message>
        <source>%1 · unit %2</source>
        <translation>%1 · unité %2</translation>
    </message>
    <message>
        <source>(computing…)</source>
        <translation>(calcul en cours…)</translation>
    </message>
    <message>
        <source>Test accuracy &lt;b&gt;%1 %&lt;/b&gt; (%2 samples), no unit switched off.</source>
        <translation>Exactitude de test &lt;b&gt;%1 %&lt;/b&gt; (%2 exemples), aucune unité désactivée.</translation>
    </message>
    <message numerus="yes">
        <source>Test accuracy &lt;b&gt;%1 %&lt;/b&gt; with %n unit(s) switched off; %2 % with all on (%3 points).</source>
        <translation>
            <numerusform>Exactitude de test &lt;b&gt;%1 %&lt;/b&gt; avec %n unité désactivée ; %2 % avec toutes actives (%3 points).</numerusform>
            <numerusform>Exactitude de test &lt;b&gt;%1 %&lt;/b&gt; avec %n unités désactivées ; %2 % avec toutes actives (%3 points).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::ActivationsView</name>
    <message>
        <source>Index of the test sample</source>
        <translation>Indice de l’exemple de test</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Dessiner</translation>
    </message>
    <message>
        <source>Draw your own sample instead of taking one from the test set</source>
        <translation>Dessiner son propre exemple au lieu d’en prendre un du jeu de test</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Erase the drawing</source>
        <translation>Effacer le dessin</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Take the model as it is now (also while paused) and compute again</source>
        <translation>Prendre le modèle tel qu’il est maintenant (aussi en pause) et recalculer</translation>
    </message>
    <message>
        <source>Train for an epoch (or pause and press Refresh) to see the activations.</source>
        <translation>Entraînez une époque (ou mettez en pause et cliquez sur Actualiser) pour voir les activations.</translation>
    </message>
    <message>
        <source>Test sample:</source>
        <translation>Exemple de test :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Class probabilities&lt;/b&gt;</source>
        <translation>&lt;b&gt;Probabilités des classes&lt;/b&gt;</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>votre dessin</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>exemple %1</translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation>n°%1 : %2</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>n°%1</translation>
    </message>
    <message numerus="yes">
        <source>%n feature map(s)</source>
        <translation>
            <numerusform>%n carte de caractéristiques</numerusform>
            <numerusform>%n cartes de caractéristiques</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n unité</numerusform>
            <numerusform>%n unités</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 %3 · %4</translation>
    </message>
    <message>
        <source>Predicted: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Prédiction : &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) switched off.</source>
        <translation>
            <numerusform>%n unité désactivée.</numerusform>
            <numerusform>%n unités désactivées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Click a feature map or a bar to switch that unit off or on.</source>
        <translation>Cliquez sur une carte de caractéristiques ou une barre pour désactiver ou réactiver cette unité.</translation>
    </message>
</context>
<context>
    <name>ws::ui::AnalysisWorker</name>
    <message>
        <source>No model yet: train for an epoch, or pause and refresh.</source>
        <translation>Pas encore de modèle : entraînez une époque, ou mettez en pause et actualisez.</translation>
    </message>
    <message>
        <source>There is no test set to take samples from.</source>
        <translation>Il n’y a pas de jeu de test dont tirer des exemples.</translation>
    </message>
    <message>
        <source>The drawing does not fit the model&apos;s input.</source>
        <translation>Le dessin ne correspond pas à l’entrée du modèle.</translation>
    </message>
    <message>
        <source>Ablation needs a trained classifier and its test set.</source>
        <translation>L’ablation nécessite un classifieur entraîné et son jeu de test.</translation>
    </message>
</context>
<context>
    <name>ws::ui::ArchitecturePanel</name>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>Zoom avant (Ctrl+molette)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>Zoom arrière (Ctrl+molette)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s); click a layer to select its tensors</source>
        <translation>
            <numerusform>%n couche ; cliquer sur une couche sélectionne ses tenseurs</numerusform>
            <numerusform>%n couches ; cliquer sur une couche sélectionne ses tenseurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No architecture in this file: %n group(s) of tensors by name</source>
        <translation>
            <numerusform>Pas d’architecture dans ce fichier : %n groupe de tenseurs par nom</numerusform>
            <numerusform>Pas d’architecture dans ce fichier : %n groupes de tenseurs par nom</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 paramètres</translation>
    </message>
    <message>
        <source>Zoom to show the whole architecture</source>
        <translation>Zoomer pour voir toute l’architecture</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n tenseur</numerusform>
            <numerusform>%n tenseurs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::ArrayPairDialog</name>
    <message>
        <source>Features and labels in %1</source>
        <translation>Caractéristiques et étiquettes dans %1</translation>
    </message>
    <message>
        <source>The samples: an array (N, …) of numbers; uint8 is read as pixels 0…255</source>
        <translation>Les échantillons : un tableau (N, …) de nombres ; uint8 est lu comme des pixels 0…255</translation>
    </message>
    <message>
        <source>One class index per sample (N), or one-hot rows (N, K)</source>
        <translation>Un indice de classe par échantillon (N), ou des lignes one-hot (N, K)</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Caractéristiques :</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Étiquettes :</translation>
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
    <name>ws::ui::ComparePanel</name>
    <message>
        <source>Compare with…</source>
        <translation>Comparer avec…</translation>
    </message>
    <message>
        <source>Open a second checkpoint of the same model and compare it tensor by tensor</source>
        <translation>Ouvrir un second checkpoint du même modèle et le comparer tenseur par tenseur</translation>
    </message>
    <message>
        <source>Open a file, then compare it with another checkpoint.</source>
        <translation>Ouvrez un fichier, puis comparez-le avec un autre checkpoint.</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tenseur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Shape A</source>
        <translation>Forme A</translation>
    </message>
    <message>
        <source>Shape B</source>
        <translation>Forme B</translation>
    </message>
    <message>
        <source>‖A−B‖/‖A‖</source>
        <translation>‖A−B‖/‖A‖</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Cosinus</translation>
    </message>
    <message>
        <source>max |A−B|</source>
        <translation>max |A−B|</translation>
    </message>
    <message>
        <source>Comparing with %1…</source>
        <translation>Comparaison avec %1…</translation>
    </message>
    <message>
        <source>in both</source>
        <translation>dans les deux</translation>
    </message>
    <message>
        <source>reshaped</source>
        <translation>remodelé</translation>
    </message>
    <message>
        <source>removed in B</source>
        <translation>supprimé dans B</translation>
    </message>
    <message>
        <source>added in B</source>
        <translation>ajouté dans B</translation>
    </message>
    <message>
        <source>A − B with B = %1: %2 compared, %3 added, %4 removed, %5 reshaped. Sort by a column; select a row for the heatmap of A − B.</source>
        <translation>A − B avec B = %1 : %2 comparés, %3 ajoutés, %4 supprimés, %5 remodelés. Triez par colonne ; sélectionnez une ligne pour la carte de A − B.</translation>
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
        <translation>Taux d&apos;apprentissage</translation>
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
        <source>TensorBoard&apos;s debiased exponential moving average</source>
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
        <source>Export histories</source>
        <translation>Exporter les historiques</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The quantity plotted for each run</source>
        <translation>La grandeur tracée pour chaque exécution</translation>
    </message>
    <message>
        <source>What the horizontal axis shows</source>
        <translation>Ce que montre l’axe horizontal</translation>
    </message>
    <message>
        <source>Show the vertical axis on a logarithmic scale</source>
        <translation>Afficher l’axe vertical sur une échelle logarithmique</translation>
    </message>
    <message>
        <source>Draw runs that share a tag or a hyperparameter as one mean curve</source>
        <translation>Tracer les exécutions qui partagent une étiquette ou un hyperparamètre comme une seule courbe moyenne</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Enregistrer le graphique en PNG, SVG ou PDF</translation>
    </message>
    <message>
        <source>EMA</source>
        <translation>MME</translation>
    </message>
    <message>
        <source>Time-weighted EMA</source>
        <translation>MME pondérée dans le temps</translation>
    </message>
    <message>
        <source>Moving average</source>
        <translation>Moyenne mobile</translation>
    </message>
    <message>
        <source>TensorBoard&apos;s debiased EMA; an EMA along x that does not depend on how often a run logged; or a centred moving average</source>
        <translation>La MME débiaisée de TensorBoard ; une MME le long de x qui ne dépend pas de la fréquence d&apos;enregistrement d&apos;une exécution ; ou une moyenne mobile centrée</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfusionBrowser</name>
    <message>
        <source>Click a cell to see its test samples.</source>
        <translation>Cliquez sur une case pour voir ses exemples de test.</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 samples (the first %4 shown).</source>
        <translation>Vrai %1, prédit %2 : %3 exemples (les %4 premiers affichés).</translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n sample(s).</source>
        <translation>
            <numerusform>Vrai %1, prédit %2 : %n exemple.</numerusform>
            <numerusform>Vrai %1, prédit %2 : %n exemples.</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1
%2 → %3</source>
        <translation>n°%1
%2 → %3</translation>
    </message>
    <message>
        <source>test sample %1: true %2, predicted %3</source>
        <translation>exemple de test %1 : vrai %2, prédit %3</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfusionHeatmap</name>
    <message>
        <source>No confusion matrix yet.</source>
        <translation>Pas encore de matrice de confusion.</translation>
    </message>
    <message>
        <source>true ↓
predicted →</source>
        <translation>vrai ↓
prédit →</translation>
    </message>
    <message>
        <source>true %1, predicted %2: %3 samples</source>
        <translation>vrai %1, prédit %2 : %3 exemples</translation>
    </message>
    <message>
        <source> (before: %1)</source>
        <translation> (avant : %1)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfusionView</name>
    <message>
        <source>Look back at the confusion matrix of earlier epochs</source>
        <translation>Revoir la matrice de confusion des époques précédentes</translation>
    </message>
    <message>
        <source>No epoch finished yet.</source>
        <translation>Aucune époque terminée pour l’instant.</translation>
    </message>
    <message>
        <source>Epoch:</source>
        <translation>Époque :</translation>
    </message>
    <message>
        <source>epoch %1 of %2 · test accuracy %3 %</source>
        <translation>époque %1 sur %2 · exactitude de test %3 %</translation>
    </message>
    <message>
        <source>%1 · loss %2</source>
        <translation>%1 · perte %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::DatasetSection</name>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>The data the model is trained on</source>
        <translation>Les données sur lesquelles le modèle est entraîné</translation>
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
        <translation>Cercle (2D)</translation>
    </message>
    <message>
        <source>Exclusive or (2-D)</source>
        <translation>Ou exclusif (2D)</translation>
    </message>
    <message>
        <source>Gaussian (2-D)</source>
        <translation>Gaussienne (2D)</translation>
    </message>
    <message>
        <source>Plane (2-D regression)</source>
        <translation>Plan (régression 2D)</translation>
    </message>
    <message>
        <source>Multi-Gaussian (2-D regression)</source>
        <translation>Multi-gaussienne (régression 2D)</translation>
    </message>
    <message>
        <source>File (CSV, IDX, HDF5, NumPy)…</source>
        <translation>Fichier (CSV, IDX, HDF5, NumPy)…</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>Train on the first N samples only (quick runs)</source>
        <translation>Entraîner uniquement sur les N premiers échantillons (exécutions rapides)</translation>
    </message>
    <message>
        <source>Share of the training data held out for validation</source>
        <translation>Part des données d’entraînement réservée à la validation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop waiting for the dataset; choose another one or load it again later</source>
        <translation>Ne plus attendre les données ; en choisir d’autres ou les recharger plus tard</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Jeu de données :</translation>
    </message>
    <message>
        <source>Training samples:</source>
        <translation>Échantillons d’entraînement :</translation>
    </message>
    <message>
        <source>Validation split:</source>
        <translation>Part de validation :</translation>
    </message>
    <message>
        <source>Open a dataset</source>
        <translation>Ouvrir un jeu de données</translation>
    </message>
    <message>
        <source>Datasets (*.csv *.tsv *.txt *.idx *.gz *-ubyte *.h5 *.hdf5 *.npz *.npy);;All files (*)</source>
        <translation>Jeux de données (*.csv *.tsv *.txt *.idx *.gz *-ubyte *.h5 *.hdf5 *.npz *.npy);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open the .npy labels file for %1</source>
        <translation>Ouvrir le fichier d’étiquettes .npy de %1</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>Tableaux NumPy (*.npy)</translation>
    </message>
    <message>
        <source>Open the IDX labels file for %1</source>
        <translation>Ouvrir le fichier d’étiquettes IDX de %1</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Fichier : %1</translation>
    </message>
    <message>
        <source>&lt;i&gt;Loading…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Chargement…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Loading cancelled.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Chargement annulé.&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Regression: %n target(s) per sample</source>
        <translation>
            <numerusform>Régression : %n cible par échantillon</numerusform>
            <numerusform>Régression : %n cibles par échantillon</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::DivergenceDialog</name>
    <message>
        <source>Training diverged</source>
        <translation>L’entraînement a divergé</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Start again from fresh initial weights</source>
        <translation>Recommencer avec de nouveaux poids initiaux</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>End the run here (the Playground stays paused)</source>
        <translation>Terminer l’exécution ici (le Playground reste en pause)</translation>
    </message>
    <message>
        <source>Continue at a tenth of the learning rate</source>
        <translation>Continuer avec un dixième du taux d’apprentissage</translation>
    </message>
    <message>
        <source>%1

Training is paused.</source>
        <translation>%1

L’entraînement est en pause.</translation>
    </message>
    <message>
        <source>Lower the learning rate to %1 and continue</source>
        <translation>Abaisser le taux d’apprentissage à %1 et continuer</translation>
    </message>
</context>
<context>
    <name>ws::ui::DrawCanvas</name>
    <message>
        <source>Paint with the left mouse button, erase with the right one</source>
        <translation>Peindre avec le bouton gauche de la souris, effacer avec le droit</translation>
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
    <name>ws::ui::HyperParameterModel</name>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>The selected runs differ here</source>
        <translation>Les exécutions sélectionnées diffèrent ici</translation>
    </message>
    <message>
        <source>The same in every selected run</source>
        <translation>Identique dans toutes les exécutions sélectionnées</translation>
    </message>
</context>
<context>
    <name>ws::ui::HyperParameterTable</name>
    <message>
        <source>Only differing</source>
        <translation>Seulement les différences</translation>
    </message>
    <message>
        <source>Show only the values that differ between the selected runs</source>
        <translation>N’afficher que les valeurs qui diffèrent entre les exécutions sélectionnées</translation>
    </message>
    <message>
        <source>Highlighted columns differ between the selected runs.</source>
        <translation>Les colonnes surlignées diffèrent entre les exécutions sélectionnées.</translation>
    </message>
</context>
<context>
    <name>ws::ui::Inspector</name>
    <message>
        <source>All weight files (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz)</source>
        <translation>Tous les fichiers de poids (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz)</translation>
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
        <translation>Modèle Weightscope (*.h5)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparaison</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop waiting for the file being opened; the open model stays</source>
        <translation>Ne plus attendre le fichier en cours d’ouverture ; le modèle ouvert reste</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
        <source>A sharded Hugging Face checkpoint</source>
        <translation>Un checkpoint Hugging Face en plusieurs fichiers</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Compare With…</source>
        <translation>&amp;Comparer avec…</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Effacer la liste</translation>
    </message>
    <message>
        <source>Open Weights</source>
        <translation>Ouvrir des poids</translation>
    </message>
    <message>
        <source>Open Sharded Checkpoint Folder</source>
        <translation>Ouvrir le dossier d’un checkpoint en plusieurs fichiers</translation>
    </message>
    <message>
        <source>Open a file first; then compare it with another.</source>
        <translation>Ouvrez d’abord un fichier, puis comparez-le avec un autre.</translation>
    </message>
    <message>
        <source>Compare With</source>
        <translation>Comparer avec</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>Opening cancelled; the reader stops in the background</source>
        <translation>Ouverture annulée ; le lecteur s’arrête en arrière-plan</translation>
    </message>
    <message>
        <source>%1 — Weightscope</source>
        <translation>%1 — Weightscope</translation>
    </message>
    <message>
        <source>Opened %1: %2 tensors (%3)</source>
        <translation>%1 ouvert : %2 tenseurs (%3)</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>Comparaison impossible</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Impossible d’ouvrir le fichier</translation>
    </message>
    <message>
        <source>The open model stays as it was.</source>
        <translation>Le modèle ouvert reste tel quel.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>A − B: %1 · %2 (B: %3)</source>
        <translation>A − B : %1 · %2 (B : %3)</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>Spectre</translation>
    </message>
</context>
<context>
    <name>ws::ui::InspectorWorker</name>
    <message>
        <source>(top level)</source>
        <translation>(niveau supérieur)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrée</translation>
    </message>
</context>
<context>
    <name>ws::ui::LayerPlot</name>
    <message>
        <source>channel %1: mean %2</source>
        <translation>canal %1 : moyenne %2</translation>
    </message>
    <message>
        <source>unit %1: %2</source>
        <translation>unité %1 : %2</translation>
    </message>
    <message>
        <source> (switched off)</source>
        <translation> (désactivé)</translation>
    </message>
    <message>
        <source>
click to switch it back on</source>
        <translation>
cliquer pour la réactiver</translation>
    </message>
    <message>
        <source>
click to switch it off</source>
        <translation>
cliquer pour la désactiver</translation>
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
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
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
        <translation>L&apos;inspecteur &amp;suit l&apos;entraînement</translation>
    </message>
    <message>
        <source>Show the Training panel&apos;s model in the inspector after every epoch (at most once a second); opening a file stops it</source>
        <translation>Afficher le modèle du panneau d&apos;entraînement dans l&apos;inspecteur après chaque époque (au plus une fois par seconde) ; ouvrir un fichier l&apos;arrête</translation>
    </message>
    <message numerus="yes">
        <source>Training, %n epoch(s)</source>
        <translation>
            <numerusform>Entraînement, %n époque</numerusform>
            <numerusform>Entraînement, %n époques</numerusform>
        </translation>
    </message>
    <message>
        <source>Training, step %1</source>
        <translation>Entraînement, étape %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Export &amp;Trained Model…</source>
        <translation>Exporter le modèle &amp;entraîné…</translation>
    </message>
    <message>
        <source>The Training panel&apos;s model as a Weightscope model (.h5), safetensors or .npz</source>
        <translation>Le modèle du panneau Entraînement en modèle Weightscope (.h5), safetensors ou .npz</translation>
    </message>
    <message>
        <source>Export &amp;Weights…</source>
        <translation>Exporter les &amp;poids…</translation>
    </message>
    <message>
        <source>Every tensor of the open file as safetensors or .npz (float32)</source>
        <translation>Tous les tenseurs du fichier ouvert en safetensors ou .npz (float32)</translation>
    </message>
</context>
<context>
    <name>ws::ui::MetadataPanel</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n clé}</numerusform>
            <numerusform>{%n clés}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n élément]</numerusform>
            <numerusform>[%n éléments]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n de plus</numerusform>
            <numerusform>%n de plus</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tenseurs</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelExport</name>
    <message>
        <source>Export Trained Model</source>
        <translation>Exporter le modèle entraîné</translation>
    </message>
    <message>
        <source>Weightscope model (*.h5);;safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>Modèle Weightscope (*.h5);;safetensors (*.safetensors);;Archive NumPy (*.npz)</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>Exporter les poids</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>safetensors (*.safetensors);;Archive NumPy (*.npz)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelSection</name>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Build a new model from the layers below, or fine-tune the model open in the inspector</source>
        <translation>Construire un nouveau modèle à partir des couches ci-dessous, ou affiner le modèle ouvert dans l’inspecteur</translation>
    </message>
    <message>
        <source>New model (layers below)</source>
        <translation>Nouveau modèle (couches ci-dessous)</translation>
    </message>
    <message>
        <source>The model open in the inspector</source>
        <translation>Le modèle ouvert dans l’inspecteur</translation>
    </message>
    <message>
        <source>Replace the layers with a ready-made model</source>
        <translation>Remplacer les couches par un modèle tout prêt</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Small CNN</source>
        <translation>Petit CNN</translation>
    </message>
    <message>
        <source>TensorFlow tutorial CNN</source>
        <translation>CNN du tutoriel TensorFlow</translation>
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
        <translation>Une couche par ligne, par ex.
conv2d(32, 3, padding=same)
relu
maxpool2d(2)
flatten
dense(10)</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Partir de :</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Gabarit :</translation>
    </message>
    <message>
        <source>&lt;i&gt;Waiting for the data…&lt;/i&gt;</source>
        <translation>&lt;i&gt;En attente des données…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;input&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;entrée&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 parameters&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 paramètres&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The model open in the inspector (none open)</source>
        <translation>Le modèle ouvert dans l’inspecteur (aucun ouvert)</translation>
    </message>
    <message>
        <source>The model open in the inspector: %1</source>
        <translation>Le modèle ouvert dans l’inspecteur : %1</translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading the model…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Lecture du modèle…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 takes inputs of shape %2 but the data&apos;s samples have shape %3: choose data the model was made for, or build a new model</source>
        <translation>%1 prend des entrées de forme %2 mais les échantillons des données ont la forme %3 : choisissez des données pour lesquelles le modèle a été conçu, ou construisez un nouveau modèle</translation>
    </message>
    <message>
        <source>%1 ends with %2 outputs but the data has %3 classes</source>
        <translation>%1 se termine par %2 sorties mais les données ont %3 classes</translation>
    </message>
    <message>
        <source>Fine-tuning &lt;b&gt;%1&lt;/b&gt;: its layers and weights</source>
        <translation>Affinage de &lt;b&gt;%1&lt;/b&gt; : ses couches et ses poids</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelTreePanel</name>
    <message>
        <source>Filter tensors by name</source>
        <translation>Filtrer les tenseurs par nom</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Treat the filter as a regular expression</source>
        <translation>Traiter le filtre comme une expression régulière</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n tenseur</numerusform>
            <numerusform>%n tenseurs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tensors · %2 parameters · %3</source>
        <translation>%1 tenseurs · %2 paramètres · %3</translation>
    </message>
    <message>
        <source>Show only the tensors whose name contains this text</source>
        <translation>N’afficher que les tenseurs dont le nom contient ce texte</translation>
    </message>
    <message>
        <source>Stored as %1 (%2 bits per weight, block scales included); read as %3</source>
        <translation>Stocké en %1 (%2 bits par poids, échelles de bloc comprises) ; lu en %3</translation>
    </message>
    <message>
        <source>%1 · %2 b/w</source>
        <translation>%1 · %2 b/p</translation>
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
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Feed this feature to the network as an input</source>
        <translation>Donner cette entrée au réseau</translation>
    </message>
    <message>
        <source>The activation function of the hidden neurons</source>
        <translation>La fonction d’activation des neurones cachés</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Entrées :</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>Activation :</translation>
    </message>
    <message>
        <source>Hidden layers: %1</source>
        <translation>Couches cachées : %1</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>Supprimer la dernière couche cachée</translation>
    </message>
    <message>
        <source>Add a hidden layer (at most %1)</source>
        <translation>Ajouter une couche cachée (%1 au plus)</translation>
    </message>
    <message numerus="yes">
        <source>  Layer %1: %n neuron(s)</source>
        <translation>
            <numerusform>  Couche %1 : %n neurone</numerusform>
            <numerusform>  Couche %1 : %n neurones</numerusform>
        </translation>
    </message>
    <message>
        <source>One neuron fewer</source>
        <translation>Un neurone de moins</translation>
    </message>
    <message>
        <source>One neuron more (at most %1)</source>
        <translation>Un neurone de plus (%1 au plus)</translation>
    </message>
</context>
<context>
    <name>ws::ui::NetworkView</name>
    <message>
        <source>input %1</source>
        <translation>entrée %1</translation>
    </message>
    <message>
        <source>the output</source>
        <translation>sortie</translation>
    </message>
    <message>
        <source>neuron %1 of layer %2</source>
        <translation>neurone %1 de la couche %2</translation>
    </message>
    <message>
        <source>Input %1</source>
        <translation>Entrée %1</translation>
    </message>
    <message>
        <source>Bias of %1: %2</source>
        <translation>Biais (%1) : %2</translation>
    </message>
    <message>
        <source>Weight from %1 to %2: %3</source>
        <translation>Poids %1 → %2 : %3</translation>
    </message>
    <message>
        <source>Edit bias</source>
        <translation>Modifier le biais</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>Modifier le poids</translation>
    </message>
    <message>
        <source>New value (taken at the next step):</source>
        <translation>Nouvelle valeur (prise en compte au prochain pas) :</translation>
    </message>
</context>
<context>
    <name>ws::ui::OptimizerSection</name>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>The algorithm that updates the weights</source>
        <translation>L’algorithme qui met à jour les poids</translation>
    </message>
    <message>
        <source>Changes while training take effect at the next batch</source>
        <translation>Les modifications pendant l’entraînement s’appliquent au lot suivant</translation>
    </message>
    <message>
        <source>How the learning rate changes over the epochs</source>
        <translation>L’évolution du taux d’apprentissage au fil des époques</translation>
    </message>
    <message>
        <source>Number of samples in each training batch</source>
        <translation>Nombre d’échantillons dans chaque lot d’entraînement</translation>
    </message>
    <message>
        <source>How many times the training goes through the data</source>
        <translation>Nombre de passages de l’entraînement sur les données</translation>
    </message>
    <message>
        <source>Seed of the random numbers; the same seed repeats a run</source>
        <translation>Graine des nombres aléatoires ; la même graine reproduit une exécution</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>tous les cœurs</translation>
    </message>
    <message>
        <source>Number of threads used for training</source>
        <translation>Nombre de threads utilisés pour l’entraînement</translation>
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
        <source>Schedule:</source>
        <translation>Planification :</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Taille de lot :</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Époques :</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Graine :</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads :</translation>
    </message>
    <message>
        <source>SGD only: the share of the last update kept in the next (0: plain SGD; 0.9 is common)</source>
        <translation>SGD seulement : la part de la dernière mise à jour conservée dans la suivante (0 : SGD simple ; 0,9 est courant)</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>SGD with momentum only: look ahead along the momentum before taking the gradient</source>
        <translation>SGD avec momentum seulement : anticiper le long du momentum avant de prendre le gradient</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>Decoupled weight decay; &quot;default&quot; is the optimizer&apos;s own (0.01 for AdamW, else 0)</source>
        <translation>Décroissance des poids découplée ; « par défaut » est celle de l’optimiseur (0,01 pour AdamW, sinon 0)</translation>
    </message>
    <message>
        <source>L1 penalty on the weights, added to the loss (pushes weights to exactly zero)</source>
        <translation>Pénalité L1 sur les poids, ajoutée à la perte (pousse des poids à exactement zéro)</translation>
    </message>
    <message>
        <source>L2 penalty on the weights, added to the loss</source>
        <translation>Pénalité L2 sur les poids, ajoutée à la perte</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> pas</translation>
    </message>
    <message>
        <source>The learning rate rises linearly from 0 over this many batches, then follows the schedule</source>
        <translation>Le taux d’apprentissage croît linéairement depuis 0 sur ce nombre de lots, puis suit le calendrier</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>Momentum :</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>Décroissance des poids :</translation>
    </message>
    <message>
        <source>L1 / L2:</source>
        <translation>L1 / L2 :</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>Échauffement :</translation>
    </message>
</context>
<context>
    <name>ws::ui::ParallelCoordinates</name>
    <message>
        <source>The outcome on the last axis; the lines are coloured by it</source>
        <translation>Le résultat sur le dernier axe ; les lignes sont colorées selon lui</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Métrique :</translation>
    </message>
    <message>
        <source>Select two or more runs to see how their hyper-parameters relate to a metric.</source>
        <translation>Sélectionnez deux exécutions ou plus pour voir le lien entre leurs hyperparamètres et une métrique.</translation>
    </message>
    <message>
        <source>The selected runs have the same hyper-parameters.</source>
        <translation>Les exécutions sélectionnées ont les mêmes hyperparamètres.</translation>
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
        <translation>Bruit comme dans TensorFlow Playground (0 à 50)</translation>
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
        <source>Speed:</source>
        <translation>Vitesse :</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>Régression</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of the points used for training; the rest are test points</source>
        <translation>Part des points utilisés pour l’entraînement ; les autres sont des points de test</translation>
    </message>
    <message>
        <source>Test data</source>
        <translation>Données de test</translation>
    </message>
    <message>
        <source>Show the test points (outlined in black)</source>
        <translation>Afficher les points de test (cerclés de noir)</translation>
    </message>
    <message>
        <source>Discretise</source>
        <translation>Discrétiser</translation>
    </message>
    <message>
        <source>Colour the plane by the predicted sign rather than the output&apos;s value</source>
        <translation>Colorer le plan selon le signe prédit plutôt que selon la valeur de la sortie</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>New random points, and new weights</source>
        <translation>Nouveaux points aléatoires et nouveaux poids</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>Problème :</translation>
    </message>
    <message>
        <source>Training share:</source>
        <translation>Part d’entraînement :</translation>
    </message>
    <message>
        <source>Regularisation:</source>
        <translation>Régularisation :</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>Taux :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Step&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Training loss&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Test loss&lt;/b&gt; %4</source>
        <translation>&lt;b&gt;Époque&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pas&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Perte d’entraînement&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Perte de test&lt;/b&gt; %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Test accuracy&lt;/b&gt; %1 %</source>
        <translation>&lt;br&gt;&lt;b&gt;Exactitude de test&lt;/b&gt; %1 %</translation>
    </message>
    <message>
        <source>Whether the network predicts a class or a value</source>
        <translation>Si le réseau prédit une classe ou une valeur</translation>
    </message>
    <message>
        <source>The pattern of the points to learn</source>
        <translation>La disposition des points à apprendre</translation>
    </message>
    <message>
        <source>The algorithm that updates the weights</source>
        <translation>L’algorithme qui met à jour les poids</translation>
    </message>
    <message>
        <source>How big a step each update of the weights takes</source>
        <translation>La taille du pas de chaque mise à jour des poids</translation>
    </message>
    <message>
        <source>The penalty on large weights added to the loss</source>
        <translation>La pénalité sur les grands poids ajoutée à la perte</translation>
    </message>
    <message>
        <source>How strongly large weights are penalised</source>
        <translation>La force de la pénalité sur les grands poids</translation>
    </message>
    <message>
        <source>Number of points in each training batch</source>
        <translation>Nombre de points dans chaque lot d’entraînement</translation>
    </message>
    <message>
        <source>How many epochs are trained per second</source>
        <translation>Nombre d’époques entraînées par seconde</translation>
    </message>
    <message>
        <source>SGD only: the share of the last update kept in the next</source>
        <translation>SGD seulement : la part de la dernière mise à jour conservée dans la suivante</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>Momentum :</translation>
    </message>
</context>
<context>
    <name>ws::ui::PlaygroundWorker</name>
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
        <translation>L&apos;exécution n&apos;est pas enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::PlotExport</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>Image SVG (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Plot exported by Weightscope</source>
        <translation>Graphique exporté par Weightscope</translation>
    </message>
    <message>
        <source>%1: unknown image type; use .png, .svg or .pdf</source>
        <translation>%1 : type d’image inconnu ; utilisez .png, .svg ou .pdf</translation>
    </message>
    <message>
        <source>Export Plot</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <source>Export Plot…</source>
        <translation>Exporter le graphique…</translation>
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
    <name>ws::ui::RecoveryNotice</name>
    <message numerus="yes">
        <source>%1 (%n epoch(s) recorded)</source>
        <translation>
            <numerusform>%1 (%n époque enregistrée)</numerusform>
            <numerusform>%1 (%n époques enregistrées)</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted training</source>
        <translation>Entraînement interrompu</translation>
    </message>
    <message numerus="yes">
        <source>%n training(s) ended without finishing, probably because Weightscope was closed or killed. Each is kept up to its last completed epoch:</source>
        <translation>
            <numerusform>%n entraînement s&apos;est arrêté avant la fin, probablement parce que Weightscope a été fermé ou tué. Il est conservé jusqu&apos;à sa dernière époque terminée :</numerusform>
            <numerusform>%n entraînements se sont arrêtés avant la fin, probablement parce que Weightscope a été fermé ou tué. Chacun est conservé jusqu&apos;à sa dernière époque terminée :</numerusform>
        </translation>
    </message>
    <message>
        <source>Show in Runs</source>
        <translation>Afficher dans Exécutions</translation>
    </message>
    <message>
        <source>Select these runs in the Runs dock and show their curves</source>
        <translation>Sélectionner ces exécutions dans le panneau Exécutions et afficher leurs courbes</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Close this notice; it is not shown again</source>
        <translation>Fermer cet avis ; il ne sera plus affiché</translation>
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
            <numerusform>%n fichier illisible</numerusform>
            <numerusform>%n fichiers illisibles</numerusform>
        </translation>
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
        <translation>Renommer l&apos;exécution</translation>
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
            <numerusform>Étiquettes de l&apos;exécution sélectionnée (%n), séparées par des virgules :</numerusform>
            <numerusform>Étiquettes des %n exécutions sélectionnées, séparées par des virgules :</numerusform>
        </translation>
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
            <numerusform>Supprimer %n exécution ? Son fichier est effacé du disque.</numerusform>
            <numerusform>Supprimer %n exécutions ? Leurs fichiers sont effacés du disque.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the run is still being written</source>
        <translation>%1 : l&apos;exécution est encore en cours d&apos;écriture</translation>
    </message>
    <message>
        <source>%1: cannot delete the file</source>
        <translation>%1 : impossible de supprimer le fichier</translation>
    </message>
    <message>
        <source>Choose the folder the runs are read from</source>
        <translation>Choisir le dossier d’où les exécutions sont lues</translation>
    </message>
    <message>
        <source>Read the runs in the folder again</source>
        <translation>Relire les exécutions du dossier</translation>
    </message>
    <message>
        <source>Show only the runs that match this regular expression</source>
        <translation>N’afficher que les exécutions qui correspondent à cette expression régulière</translation>
    </message>
    <message>
        <source>Show only the runs with this tag</source>
        <translation>N’afficher que les exécutions portant cette étiquette</translation>
    </message>
    <message>
        <source>Give the selected run a new name</source>
        <translation>Donner un nouveau nom à l’exécution sélectionnée</translation>
    </message>
    <message>
        <source>Edit the tags of the selected runs</source>
        <translation>Modifier les étiquettes des exécutions sélectionnées</translation>
    </message>
    <message>
        <source>Write notes on the selected run</source>
        <translation>Écrire des notes sur l’exécution sélectionnée</translation>
    </message>
    <message>
        <source>Delete the selected runs and their files</source>
        <translation>Supprimer les exécutions sélectionnées et leurs fichiers</translation>
    </message>
    <message>
        <source>Open the runs folder in the file manager</source>
        <translation>Ouvrir le dossier des exécutions dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Courbes</translation>
    </message>
    <message>
        <source>Hyper-parameters</source>
        <translation>Hyperparamètres</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>Coordonnées parallèles</translation>
    </message>
    <message>
        <source>Open weights in inspector</source>
        <translation>Ouvrir les poids dans l’inspecteur</translation>
    </message>
    <message>
        <source>Compare weights with…</source>
        <translation>Comparer les poids avec…</translation>
    </message>
    <message>
        <source>Select one run to open its weights.</source>
        <translation>Sélectionnez une exécution pour ouvrir ses poids.</translation>
    </message>
    <message>
        <source>Select one run (to compare two of its checkpoints) or two runs.</source>
        <translation>Sélectionnez une exécution (pour comparer deux de ses points de contrôle) ou deux exécutions.</translation>
    </message>
    <message>
        <source>Compare weights</source>
        <translation>Comparer les poids</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The selected runs hold no weights yet.</source>
        <translation>Les exécutions sélectionnées ne contiennent pas encore de poids.</translation>
    </message>
    <message>
        <source>Open (A):</source>
        <translation>Ouvrir (A) :</translation>
    </message>
    <message>
        <source>Compare with (B):</source>
        <translation>Comparer avec (B) :</translation>
    </message>
    <message>
        <source>%1: a TensorBoard log; Weightscope does not delete it</source>
        <translation>%1 : un journal TensorBoard ; Weightscope ne le supprime pas</translation>
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
    <message>
        <source>Playground and Training panels</source>
        <translation>Panneaux Playground et Entraînement</translation>
    </message>
</context>
<context>
    <name>ws::ui::SpectrumController</name>
    <message>
        <source>The 4-D kernel %1 is seen as the %2 × %3 matrix (out, in·kh·kw).</source>
        <translation>Le noyau 4-D %1 est vu comme la matrice %2 × %3 (out, in·kh·kw).</translation>
    </message>
    <message>
        <source>Cancelled. Press Compute to start again.</source>
        <translation>Annulé. Appuyez sur Calculer pour recommencer.</translation>
    </message>
</context>
<context>
    <name>ws::ui::SpectrumPanel</name>
    <message>
        <source>Eigenvalue density</source>
        <translation>Densité des valeurs propres</translation>
    </message>
    <message>
        <source>Singular values by rank</source>
        <translation>Valeurs singulières par rang</translation>
    </message>
    <message>
        <source>The empirical spectral density of λ = σ² (what the fit describes), or the singular values σ in decreasing order</source>
        <translation>La densité spectrale empirique de λ = σ² (ce que décrit l’ajustement), ou les valeurs singulières σ par ordre décroissant</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Enregistrer le graphique en PNG, SVG ou PDF</translation>
    </message>
    <message>
        <source>data</source>
        <translation>données</translation>
    </message>
    <message>
        <source>power-law fit</source>
        <translation>ajustement en loi de puissance</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop computing this spectrum</source>
        <translation>Arrêter le calcul de ce spectre</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calculer</translation>
    </message>
    <message>
        <source>Compute the singular values of the selected matrix</source>
        <translation>Calculer les valeurs singulières de la matrice choisie</translation>
    </message>
    <message>
        <source>α is the exponent of a power law p(λ) ∝ λ^−α fitted to the tail of the density of the eigenvalues λ = σ² of WᵀW (maximum likelihood, xmin by the smallest Kolmogorov–Smirnov distance; Clauset, Shalizi &amp; Newman 2009). WeightWatcher (Martin &amp; Mahoney) reads it without any data: roughly 2–6 for a well-trained layer, below 2 over-fitted (a few directions dominate), above 6 under-trained (close to random). A rule of thumb, not a test: small matrices give noisy fits.</source>
        <translation>α est l’exposant d’une loi de puissance p(λ) ∝ λ^−α ajustée à la queue de la densité des valeurs propres λ = σ² de WᵀW (maximum de vraisemblance, xmin par la plus petite distance de Kolmogorov-Smirnov ; Clauset, Shalizi et Newman 2009). WeightWatcher (Martin et Mahoney) le lit sans aucune donnée : environ 2–6 pour une couche bien entraînée, en dessous de 2 surajustée (quelques directions dominent), au-dessus de 6 sous-entraînée (proche de l’aléatoire). Une règle empirique, pas un test : les petites matrices donnent des ajustements bruités.</translation>
    </message>
    <message>
        <source>below 2: possibly over-fitted</source>
        <translation>en dessous de 2 : peut-être surajustée</translation>
    </message>
    <message>
        <source>above 6: possibly under-trained</source>
        <translation>au-dessus de 6 : peut-être sous-entraînée</translation>
    </message>
    <message>
        <source>2–6: typical of a well-trained layer</source>
        <translation>2–6 : typique d’une couche bien entraînée</translation>
    </message>
    <message>
        <source>Select a weight matrix in the model tree</source>
        <translation>Choisissez une matrice de poids dans l’arbre du modèle</translation>
    </message>
    <message>
        <source>Computing the singular values…</source>
        <translation>Calcul des valeurs singulières…</translation>
    </message>
    <message numerus="yes">
        <source>%n singular value(s) of the %1 × %2 matrix</source>
        <translation>
            <numerusform>%n valeur singulière de la matrice %1 × %2</numerusform>
            <numerusform>%n valeurs singulières de la matrice %1 × %2</numerusform>
        </translation>
    </message>
    <message>
        <source>; largest %1, smallest %2</source>
        <translation>; la plus grande %1, la plus petite %2</translation>
    </message>
    <message>
        <source>eigenvalue λ = σ²</source>
        <translation>valeur propre λ = σ²</translation>
    </message>
    <message>
        <source>density</source>
        <translation>densité</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>rang</translation>
    </message>
    <message>
        <source>singular value σ</source>
        <translation>valeur singulière σ</translation>
    </message>
    <message>
        <source>α = %1 (%2) · xmin = %3 · KS distance %4 · %5 tail eigenvalues of %6</source>
        <translation>α = %1 (%2) · xmin = %3 · distance KS %4 · %5 valeurs propres dans la queue sur %6</translation>
    </message>
    <message>
        <source>No power-law fit: %1</source>
        <translation>Pas d’ajustement en loi de puissance : %1</translation>
    </message>
    <message numerus="yes">
        <source> · %n zero singular value(s) not drawn</source>
        <translation>
            <numerusform> · %n valeur singulière nulle non tracée</numerusform>
            <numerusform> · %n valeurs singulières nulles non tracées</numerusform>
        </translation>
    </message>
    <message>
        <source>too few tail eigenvalues for a verdict: %1, at least %2 are needed</source>
        <translation>trop peu de valeurs propres dans la queue pour un verdict : %1, il en faut au moins %2</translation>
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
        <translation>Un établi pour les poids des réseaux de neurones. Rien d’un fichier n’est jamais exécuté.</translation>
    </message>
    <message>
        <source>Open a Model…</source>
        <translation>Ouvrir un modèle…</translation>
    </message>
    <message>
        <source>Look inside a weight file: safetensors (also sharded folders), GGUF, ONNX, PyTorch, Keras, NumPy or a Weightscope model</source>
        <translation>Regarder dans un fichier de poids : safetensors (aussi en dossiers fragmentés), GGUF, ONNX, PyTorch, Keras, NumPy ou un modèle Weightscope</translation>
    </message>
    <message>
        <source>Train a Network</source>
        <translation>Entraîner un réseau</translation>
    </message>
    <message>
        <source>Train on Fashion-MNIST or your own data and watch it learn</source>
        <translation>Entraîner sur Fashion-MNIST ou vos propres données et le regarder apprendre</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>Comparer les exécutions</translation>
    </message>
    <message>
        <source>Every training is recorded: compare their curves, seeds and settings</source>
        <translation>Chaque entraînement est enregistré : comparez leurs courbes, graines et réglages</translation>
    </message>
    <message>
        <source>Watch the Playground demo</source>
        <translation>Voir la démo du Playground</translation>
    </message>
    <message>
        <source>A small network learns to separate a spiral, live</source>
        <translation>Un petit réseau apprend à séparer une spirale, en direct</translation>
    </message>
    <message>
        <source>Its architecture as a graph, every tensor as heatmap, histogram and statistics, and the difference between two files. Or drop a file here.</source>
        <translation>Son architecture en graphe, chaque tenseur en carte de chaleur, histogramme et statistiques, et la différence entre deux fichiers. Ou déposez un fichier ici.</translation>
    </message>
    <message>
        <source>Build a model, train it on a worker thread with live curves, then look at its activations and switch units off.</source>
        <translation>Construire un modèle, l’entraîner dans un fil de travail avec des courbes en direct, puis regarder ses activations et éteindre des unités.</translation>
    </message>
    <message>
        <source>Curves side by side, seeds as bands, which hyper-parameter mattered.</source>
        <translation>Courbes côte à côte, graines en bandes, quel hyperparamètre a compté.</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>Double-cliquer pour ouvrir</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent files&lt;/b&gt;</source>
        <translation>&lt;b&gt;Fichiers récents&lt;/b&gt;</translation>
    </message>
    <message>
        <source>None yet: open a file, and it is listed here.</source>
        <translation>Aucun pour l’instant : un fichier ouvert apparaît ici.</translation>
    </message>
</context>
<context>
    <name>ws::ui::StatsPanel</name>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>count</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>bins </source>
        <translation>classes </translation>
    </message>
    <message>
        <source>Log counts</source>
        <translation>Effectifs logarithmiques</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>Statistique</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>Éléments</translation>
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
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>Standard deviation</source>
        <translation>Écart type</translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation>Norme L2</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Zéros</translation>
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
        <translation>Centile %1 %</translation>
    </message>
    <message>
        <source>Statistics in float64 over the float32 values; percentiles exact (NumPy&apos;s linear method).</source>
        <translation>Statistiques en float64 sur les valeurs float32 ; centiles exacts (méthode linéaire de NumPy).</translation>
    </message>
    <message>
        <source>Percentiles from a %1-bin histogram, within %2 of the exact values.</source>
        <translation>Centiles tirés d’un histogramme de %1 classes, à %2 près des valeurs exactes.</translation>
    </message>
    <message>
        <source>Bins of the histogram</source>
        <translation>Classes de l’histogramme</translation>
    </message>
    <message>
        <source>Show the counts on a logarithmic scale</source>
        <translation>Afficher les effectifs sur une échelle logarithmique</translation>
    </message>
</context>
<context>
    <name>ws::ui::TensorViewPanel</name>
    <message>
        <source>Mean</source>
        <translation>Moyenne</translation>
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
        <translation>Comment sont combinés les éléments regroupés dans un pixel d’un grand tenseur</translation>
    </message>
    <message>
        <source>Data range</source>
        <translation>Plage des données</translation>
    </message>
    <message>
        <source>Symmetric ±max</source>
        <translation>Symétrique ±max</translation>
    </message>
    <message>
        <source>Percentiles 1–99 %</source>
        <translation>Centiles 1–99 %</translation>
    </message>
    <message>
        <source>Reduction:</source>
        <translation>Réduction :</translation>
    </message>
    <message>
        <source>Colour range:</source>
        <translation>Plage de couleurs :</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Tensor as NumPy .npy…</source>
        <translation>Tenseur en .npy NumPy…</translation>
    </message>
    <message>
        <source>Shown slice as CSV…</source>
        <translation>Coupe affichée en CSV…</translation>
    </message>
    <message>
        <source>column</source>
        <translation>colonne</translation>
    </message>
    <message>
        <source>row</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree</source>
        <translation>Sélectionnez un tenseur dans l’arbre du modèle</translation>
    </message>
    <message>
        <source>rows: dim %1 × columns: dim %2</source>
        <translation>lignes : dim. %1 × colonnes : dim. %2</translation>
    </message>
    <message>
        <source>The two dimensions shown as rows and columns</source>
        <translation>Les deux dimensions affichées en lignes et colonnes</translation>
    </message>
    <message>
        <source>[%1]=</source>
        <translation>[%1]=</translation>
    </message>
    <message>
        <source>Index in dimension %1 (size %2)</source>
        <translation>Indice dans la dimension %1 (taille %2)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Show the kernel as a grid of filters, one per output channel</source>
        <translation>Afficher le noyau comme une grille de filtres, un par canal de sortie</translation>
    </message>
    <message>
        <source>input channel </source>
        <translation>canal d’entrée </translation>
    </message>
    <message>
        <source>Export Slice</source>
        <translation>Exporter la coupe</translation>
    </message>
    <message>
        <source>Export Tensor</source>
        <translation>Exporter le tenseur</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>NumPy array (*.npy)</source>
        <translation>Tableau NumPy (*.npy)</translation>
    </message>
    <message>
        <source>This tensor has no elements: %1</source>
        <translation>Ce tenseur n’a aucun élément : %1</translation>
    </message>
    <message>
        <source>%1 filters of %2 × %3, input channel %4 of %5 (layout %6); one pixel per weight</source>
        <translation>%1 filtres de %2 × %3, canal d’entrée %4 sur %5 (disposition %6) ; un pixel par poids</translation>
    </message>
    <message>
        <source>%1 × %2 shown as %3 × %4 cells: %5 of up to %6 × %7 elements per cell</source>
        <translation>%1 × %2 affiché en %3 × %4 cellules : %5 d’au plus %6 × %7 éléments par cellule</translation>
    </message>
    <message>
        <source>%1 × %2, one cell per element</source>
        <translation>%1 × %2, une cellule par élément</translation>
    </message>
    <message numerus="yes">
        <source>; %n NaN/Inf element(s) left out</source>
        <translation>
            <numerusform>; %n élément NaN/Inf ignoré</numerusform>
            <numerusform>; %n éléments NaN/Inf ignorés</numerusform>
        </translation>
    </message>
    <message>
        <source> · colours: %1 over [%2, %3]</source>
        <translation> · couleurs : %1 sur [%2, %3]</translation>
    </message>
    <message>
        <source>diverging, white at 0</source>
        <translation>divergentes, blanc en 0</translation>
    </message>
    <message>
        <source>viridis</source>
        <translation>viridis</translation>
    </message>
    <message>
        <source>filter column · kernel x</source>
        <translation>colonne de filtre · noyau x</translation>
    </message>
    <message>
        <source>filter row · kernel y</source>
        <translation>ligne de filtre · noyau y</translation>
    </message>
    <message>
        <source>index</source>
        <translation>indice</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>filter %1, input channel %2, kernel (%3, %4) = %5</source>
        <translation>filtre %1, canal d’entrée %2, noyau (%3, %4) = %5</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>rows %1–%2, columns %3–%4: mean %5, min %6, max %7</source>
        <translation>lignes %1–%2, colonnes %3–%4 : moyenne %5, min %6, max %7</translation>
    </message>
    <message>
        <source>Save the plot as an image, or the tensor&apos;s values as a file</source>
        <translation>Enregistrer le graphique comme image, ou les valeurs du tenseur dans un fichier</translation>
    </message>
    <message>
        <source>The input channel whose filters are shown</source>
        <translation>Le canal d’entrée dont les filtres sont affichés</translation>
    </message>
    <message>
        <source>Plot as PNG, SVG or PDF…</source>
        <translation>Graphique en PNG, SVG ou PDF…</translation>
    </message>
    <message>
        <source>Largest |x| (sign kept)</source>
        <translation>Plus grand |x| (signe conservé)</translation>
    </message>
    <message>
        <source>The values the colour scale spans. Symmetric keeps white at zero and the same strength for +x and −x (for data of one sign it is the data range)</source>
        <translation>Les valeurs que couvre l’échelle de couleurs. Symétrique garde le blanc à zéro et la même intensité pour +x et −x (pour des données d’un seul signe, c’est la plage des données)</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingCurves</name>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation>entraînement (lot)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>entraînement (époque)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
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
        <translation>Confusion par époque</translation>
    </message>
    <message>
        <source>Activations &amp;&amp; ablation</source>
        <translation>Activations &amp;&amp; ablation</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingPanel</name>
    <message>
        <source>Choose data and a model, then Start.</source>
        <translation>Choisissez des données et un modèle, puis Démarrer.</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entraînement en cours…</translation>
    </message>
    <message>
        <source>Epoch %1 of %2 · step %3 · loss %4 · learning rate %5</source>
        <translation>Époque %1 sur %2 · pas %3 · perte %4 · taux d’apprentissage %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test set&lt;/b&gt;: %1 samples, accuracy &lt;b&gt;%2 %&lt;/b&gt;, loss %3 &amp;nbsp; (confusion matrix: rows are the true classes, columns the predictions)</source>
        <translation>&lt;b&gt;Jeu de test&lt;/b&gt; : %1 échantillons, exactitude &lt;b&gt;%2 %&lt;/b&gt;, perte %3 &amp;nbsp; (matrice de confusion : les lignes sont les classes réelles, les colonnes les prédictions)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test set&lt;/b&gt;: %1 samples, loss %2</source>
        <translation>&lt;b&gt;Jeu de test&lt;/b&gt; : %1 échantillons, perte %2</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>Jeu de test</translation>
    </message>
    <message>
        <source>Training paused: %1</source>
        <translation>Entraînement en pause : %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::TrainingWorker</name>
    <message>
        <source>training points</source>
        <translation>points d’entraînement</translation>
    </message>
    <message>
        <source>Training stopped before it began.</source>
        <translation>Entraînement arrêté avant d’avoir commencé.</translation>
    </message>
    <message numerus="yes">
        <source>Training finished: %n epoch(s), %1 steps.</source>
        <translation>
            <numerusform>Entraînement terminé : %n époque, %1 pas.</numerusform>
            <numerusform>Entraînement terminé : %n époques, %1 pas.</numerusform>
        </translation>
    </message>
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
    <message>
        <source>Training failed: %1</source>
        <translation>Échec de l’entraînement : %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::TransportBar</name>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Start training, or resume it after a pause</source>
        <translation>Démarrer l’entraînement, ou le reprendre après une pause</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the training</source>
        <translation>Mettre l’entraînement en pause</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas à pas</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>Un lot</translation>
    </message>
    <message>
        <source>Train on one batch, then pause</source>
        <translation>Entraîner sur un lot, puis faire une pause</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>End the run and evaluate the model on the test set</source>
        <translation>Terminer l’exécution et évaluer le modèle sur le jeu de test</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>Une époque</translation>
    </message>
    <message>
        <source>Train for one epoch, then pause</source>
        <translation>Entraîner pendant une époque, puis faire une pause</translation>
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
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Start or pause training</source>
        <translation>Démarrer ou mettre en pause l’entraînement</translation>
    </message>
    <message>
        <source>Train one batch</source>
        <translation>Entraîner un lot</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>Arrêter l’exécution</translation>
    </message>
    <message>
        <source>Reset the weights</source>
        <translation>Réinitialiser les poids</translation>
    </message>
</context>
</TS>
