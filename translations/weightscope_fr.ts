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
        <source>With --training-demo: show test[:true:predicted] (the final test confusion, the samples of a cell), confusion[:true:predicted] (by epoch) or activations[:layer:unit,...] (units switched off once trained).</source>
        <translation>Avec --training-demo : afficher test[:vrai:prédit] (la confusion finale sur le test, les exemples d’une case), confusion[:vrai:prédit] (par époque) ou activations[:couche:unité,...] (unités désactivées une fois entraîné).</translation>
    </message>
    <message>
        <source>Show the Metadata view of the opened file.</source>
        <translation>Afficher la vue Métadonnées du fichier ouvert.</translation>
    </message>
    <message>
        <source>Compare the opened file with &lt;file&gt; in the Compare dock and show the worst pair.</source>
        <translation>Comparer le fichier ouvert avec &lt;file&gt; dans le dock Comparaison et montrer la pire paire.</translation>
    </message>
    <message>
        <source>With --runs: show &lt;view&gt; below the table (curves, table, parallel, importance, diff, distributions, histograms).</source>
        <translation>Avec --runs : afficher &lt;vue&gt; sous le tableau (curves, table, parallel, importance, diff, distributions, histograms).</translation>
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
    <message>
        <source>Four blobs</source>
        <translation>Quatre amas</translation>
    </message>
    <message>
        <source>Your own data</source>
        <translation>Vos propres données</translation>
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
        <translation>L’algorithme qui met à jour les poids</translation>
    </message>
    <message>
        <source>SGD only: the share of the last update kept in the next (0: plain SGD; 0.9 is common)</source>
        <translation>SGD seulement : la part de la dernière mise à jour conservée dans la suivante (0 : SGD simple ; 0,9 est courant)</translation>
    </message>
    <message>
        <source>SGD with momentum: take the gradient where the momentum is about to carry the weights</source>
        <translation>SGD avec momentum : prendre le gradient là où le momentum va porter les poids</translation>
    </message>
    <message>
        <source>Adam and AdamW: how much of the last steps&apos; gradients the next step keeps (β1)</source>
        <translation>Adam et AdamW : la part des gradients des derniers pas que garde le pas suivant (β1)</translation>
    </message>
    <message>
        <source>Adam and AdamW: how much of the last squared gradients scales the next step (β2)</source>
        <translation>Adam et AdamW : la part des derniers gradients au carré qui met le pas suivant à l’échelle (β2)</translation>
    </message>
    <message>
        <source>RMSprop: how much of the last squared gradients scales the next step (ρ)</source>
        <translation>RMSprop : la part des derniers gradients au carré qui met le pas suivant à l’échelle (ρ)</translation>
    </message>
    <message>
        <source>Adam, AdamW and RMSprop: added to the divisor so that steps stay finite (ε)</source>
        <translation>Adam, AdamW et RMSprop : ajouté au diviseur pour que les pas restent finis (ε)</translation>
    </message>
    <message>
        <source>Decoupled weight decay; &quot;default&quot; is the optimizer&apos;s own (0.01 for AdamW, else 0)</source>
        <translation>Décroissance des poids découplée ; « par défaut » est celle de l’optimiseur (0,01 pour AdamW, sinon 0)</translation>
    </message>
    <message>
        <source>The learning rate rises from 0 to its value over this many steps</source>
        <translation>Le taux d’apprentissage monte de 0 à sa valeur en ce nombre de pas</translation>
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
        <source>Updating the layout…</source>
        <translation>Mise à jour de la disposition…</translation>
    </message>
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
    <message>
        <source>double-click to expand</source>
        <translation>double-cliquez pour déplier</translation>
    </message>
    <message numerus="yes">
        <source>%1 (config.json): %n layer(s) of blocks; click a block to select its tensors</source>
        <translation>
            <numerusform>%1 (config.json) : %n couche de blocs ; cliquez sur un bloc pour sélectionner ses tenseurs</numerusform>
            <numerusform>%1 (config.json) : %n couches de blocs ; cliquez sur un bloc pour sélectionner ses tenseurs</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click to collapse its group</source>
        <translation>Double-cliquez pour replier son groupe</translation>
    </message>
    <message>
        <source>%1: no value</source>
        <translation>%1 : aucune valeur</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1 : %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2, the highest of %n tensor(s) with a value (%3)</source>
        <translation>
            <numerusform>%1 : %2, la plus haute de %n tenseur ayant une valeur (%3)</numerusform>
            <numerusform>%1 : %2, la plus haute de %n tenseurs ayant une valeur (%3)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 from %2 (left) to %3 (right), log scale; a box shows the highest of its tensors</source>
        <translation>%1 de %2 (à gauche) à %3 (à droite), échelle logarithmique ; une boîte montre la valeur la plus haute de ses tenseurs</translation>
    </message>
    <message>
        <source>%1 from %2 (left) to %3 (right); a box shows the highest of its tensors</source>
        <translation>%1 de %2 (à gauche) à %3 (à droite) ; une boîte montre la valeur la plus haute de ses tenseurs</translation>
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
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>Train, class %1</source>
        <translation>Entraînement, classe %1</translation>
    </message>
    <message>
        <source>Test, class %1</source>
        <translation>Test, classe %1</translation>
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
        <source>same name, other spelling</source>
        <translation>même nom, autre graphie</translation>
    </message>
    <message>
        <source>name map</source>
        <translation>correspondance de noms</translation>
    </message>
    <message>
        <source>matched by position</source>
        <translation>appariés par position</translation>
    </message>
    <message>
        <source>ambiguous: not paired</source>
        <translation>ambigu : non apparié</translation>
    </message>
    <message>
        <source>, transposed</source>
        <translation>, transposé</translation>
    </message>
    <message>
        <source>, Q/K permutation undone</source>
        <translation>, permutation Q/K annulée</translation>
    </message>
    <message numerus="yes">
        <source>, %n NaN/Inf left out</source>
        <translation>
            <numerusform>, %n NaN/Inf ignoré</numerusform>
            <numerusform>, %n NaN/Inf ignorés</numerusform>
        </translation>
    </message>
    <message>
        <source>Tensor in B</source>
        <translation>Tenseur dans B</translation>
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
        <translation>RSB (dB)</translation>
    </message>
    <message>
        <source>Sign flips</source>
        <translation>Changements de signe</translation>
    </message>
    <message>
        <source>Bits per weight in A, block scales included (Q4_K: 4.5)</source>
        <translation>Bits par poids dans A, échelles de bloc comprises (Q4_K : 4,5)</translation>
    </message>
    <message>
        <source>Bits per weight in B, block scales included (Q4_K: 4.5)</source>
        <translation>Bits par poids dans B, échelles de bloc comprises (Q4_K : 4,5)</translation>
    </message>
    <message>
        <source>Signal-to-noise ratio 10·log10(ΣA² / Σ(A−B)²)</source>
        <translation>Rapport signal sur bruit 10·log10(ΣA² / Σ(A−B)²)</translation>
    </message>
    <message>
        <source>Share of elements whose sign differs in A and B</source>
        <translation>Part des éléments dont le signe diffère entre A et B</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tenseurs</translation>
    </message>
    <message>
        <source>Comparing with %1… %2 of %3 pairs</source>
        <translation>Comparaison avec %1… %2 paires sur %3</translation>
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
        <translation>modèle entier</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>bloc %1</translation>
    </message>
    <message>
        <source>outside the blocks</source>
        <translation>hors des blocs</translation>
    </message>
    <message>
        <source>A − B with B = %1: %2 compared (%3 by position), %4 added, %5 removed, %6 ambiguous. Worst first; select a row for the heatmap of A − B.</source>
        <translation>A − B avec B = %1 : %2 comparés (%3 par position), %4 ajoutés, %5 supprimés, %6 ambigus. Pire erreur d&apos;abord ; choisir une ligne pour la carte de chaleur de A − B.</translation>
    </message>
    <message>
        <source>Nothing in common with %1: no pair of tensors could be compared.</source>
        <translation>Rien en commun avec %1 : aucune paire de tenseurs n&apos;a pu être comparée.</translation>
    </message>
    <message>
        <source>Select a compared row to look at its quantization error.</source>
        <translation>Sélectionnez une ligne comparée pour examiner son erreur de quantification.</translation>
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
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (the legend&apos;s filter narrows the list)</source>
        <translation>
            <numerusform>… et %n de plus (le filtre de la légende réduit la liste)</numerusform>
            <numerusform>… et %n de plus (le filtre de la légende réduit la liste)</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <source>Preparing curves…</source>
        <translation>Préparation des courbes…</translation>
    </message>
    <message>
        <source>The curves of the runs and settings chosen are being worked out; the previous ones stay until then</source>
        <translation>Les courbes des exécutions et réglages choisis sont en cours de calcul ; les précédentes restent affichées d&apos;ici là</translation>
    </message>
</context>
<context>
    <name>ws::ui::ConfigDiff</name>
    <message>
        <source>Select two or more runs to see the settings in which they differ.</source>
        <translation>Sélectionner deux exécutions ou plus pour voir les réglages qui les distinguent.</translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) differ; the settings the runs share are left out.</source>
        <translation>
            <numerusform>%n réglage diffère ; les réglages communs sont omis.</numerusform>
            <numerusform>%n réglages diffèrent ; les réglages communs sont omis.</numerusform>
        </translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Réglage</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
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
    <name>ws::ui::HealthController</name>
    <message>
        <source>Open a file to see its health report.</source>
        <translation>Ouvrez un fichier pour voir son bilan de santé.</translation>
    </message>
    <message>
        <source>%1: press Compute for the health report.</source>
        <translation>%1 : appuyez sur Calculer pour le bilan de santé.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s), one a weight matrix or kernel</source>
        <translation>
            <numerusform>%1 : %n ligne, une par matrice de poids ou noyau</numerusform>
            <numerusform>%1 : %n lignes, une par matrice de poids ou noyau</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n randomized (top k)</source>
        <translation>
            <numerusform>; %n aléatoire (k plus grandes)</numerusform>
            <numerusform>; %n aléatoires (k plus grandes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n from the cache</source>
        <translation>
            <numerusform>; %n du cache</numerusform>
            <numerusform>; %n du cache</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n not analysed</source>
        <translation>
            <numerusform>; %n non analysé</numerusform>
            <numerusform>; %n non analysés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n tensor(s) of other ranks (biases, norms) without a spectrum</source>
        <translation>
            <numerusform>; %n tenseur d’un autre rang (biais, normes) sans spectre</numerusform>
            <numerusform>; %n tenseurs d’autres rangs (biais, normes) sans spectre</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the rows so far are shown and cached; Compute resumes.</source>
        <translation>Annulé : les lignes déjà faites sont affichées et en cache ; Calculer reprend.</translation>
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
        <translation>Ouvrez un fichier pour voir son bilan de santé.</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calculer</translation>
    </message>
    <message>
        <source>Compute the report of the open file (results are cached per file)</source>
        <translation>Calculer le bilan du fichier ouvert (résultats mis en cache par fichier)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop after the current block; what is done stays, and Compute resumes from it</source>
        <translation>Arrêter après le bloc en cours ; ce qui est fait reste, et Calculer reprend à partir de là</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tenseur</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrice</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
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
        <translation>Rang stable</translation>
    </message>
    <message>
        <source>MP edge</source>
        <translation>Bord MP</translation>
    </message>
    <message>
        <source>MP soft rank</source>
        <translation>Rang doux MP</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>Valeurs aberrantes</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Parcimonie</translation>
    </message>
    <message>
        <source>‖W‖F</source>
        <translation>‖W‖F</translation>
    </message>
    <message>
        <source>The matrix the spectrum is of: a kernel (out, in, kh, kw) is seen as out × in·kh·kw</source>
        <translation>La matrice dont c’est le spectre : un noyau (out, in, kh, kw) est vu comme out × in·kh·kw</translation>
    </message>
    <message>
        <source>exact: every eigenvalue; randomized: the top k by randomized subspace iteration (Halko, Martinsson &amp; Tropp 2011)</source>
        <translation>exacte : toutes les valeurs propres ; aléatoire : les k plus grandes par itération de sous-espace aléatoire (Halko, Martinsson &amp; Tropp 2011)</translation>
    </message>
    <message>
        <source>Power-law exponent of the eigenvalues λ = σ² (Clauset et al.); WeightWatcher reads 2–6 as well trained</source>
        <translation>Exposant de loi de puissance des valeurs propres λ = σ² (Clauset et al.) ; WeightWatcher lit 2–6 comme bien entraîné</translation>
    </message>
    <message>
        <source>The largest singular value</source>
        <translation>La plus grande valeur singulière</translation>
    </message>
    <message>
        <source>‖W‖F² / σ max²</source>
        <translation>‖W‖F² / σ max²</translation>
    </message>
    <message>
        <source>Marchenko–Pastur bulk edge λ+ = s²(√N + √M)², s² estimated from the matrix</source>
        <translation>Bord du bulk de Marchenko–Pastur λ+ = s²(√N + √M)², s² estimé à partir de la matrice</translation>
    </message>
    <message>
        <source>λ+ / λ max: near 1 for a random matrix, small when a few directions dominate</source>
        <translation>λ+ / λ max : proche de 1 pour une matrice aléatoire, petit quand quelques directions dominent</translation>
    </message>
    <message>
        <source>Eigenvalues above the MP edge plus four Tracy–Widom scales</source>
        <translation>Valeurs propres au-dessus du bord MP plus quatre échelles de Tracy–Widom</translation>
    </message>
    <message>
        <source>Share of elements exactly zero</source>
        <translation>Part des éléments exactement nuls</translation>
    </message>
    <message>
        <source>Frobenius norm</source>
        <translation>Norme de Frobenius</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message numerus="yes">
        <source>%1: computing the health report, %n row(s)…</source>
        <translation>
            <numerusform>%1 : calcul du bilan de santé, %n ligne…</numerusform>
            <numerusform>%1 : calcul du bilan de santé, %n lignes…</numerusform>
        </translation>
    </message>
    <message>
        <source>not analysed: %1</source>
        <translation>non analysé : %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source> (kernel)</source>
        <translation> (noyau)</translation>
    </message>
    <message>
        <source>randomized, top %1</source>
        <translation>aléatoire, %1 plus grandes</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exacte</translation>
    </message>
    <message>
        <source>Smaller side above %1: the top %2 eigenvalues by randomized subspace iteration; α is fitted to them</source>
        <translation>Petit côté au-dessus de %1 : les %2 plus grandes valeurs propres par itération de sous-espace aléatoire ; α est ajusté sur elles</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done; now %4</source>
        <translation>%1 : %2 sur %3 faits ; maintenant %4</translation>
    </message>
    <message numerus="yes">
        <source>Rows “randomized, top k” (%n here): a smaller side above %1, so the top k eigenvalues come from randomized subspace iteration (Halko, Martinsson &amp; Tropp 2011) and α is fitted to those.</source>
        <translation>
            <numerusform>Lignes « aléatoire, k plus grandes » (%n ici) : un petit côté au-dessus de %1, donc les k plus grandes valeurs propres viennent d’une itération de sous-espace aléatoire (Halko, Martinsson &amp; Tropp 2011) et α est ajusté sur elles.</numerusform>
            <numerusform>Lignes « aléatoire, k plus grandes » (%n ici) : un petit côté au-dessus de %1, donc les k plus grandes valeurs propres viennent d’une itération de sous-espace aléatoire (Halko, Martinsson &amp; Tropp 2011) et α est ajusté sur elles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (left) to %2 (right), %n tensor(s)</source>
        <translation>
            <numerusform>%1 (gauche) à %2 (droite), %n tenseur</numerusform>
            <numerusform>%1 (gauche) à %2 (droite), %n tenseurs</numerusform>
        </translation>
    </message>
    <message>
        <source>quantization error (rel. L2)</source>
        <translation>erreur de quantification (L2 rel.)</translation>
    </message>
    <message>
        <source>change since B (rel. L2)</source>
        <translation>changement depuis B (L2 rel.)</translation>
    </message>
    <message>
        <source>The health map: a swatch of this metric&apos;s colour before each tensor in the model tree, and the architecture view&apos;s boxes in it</source>
        <translation>La carte de santé : une pastille de la couleur de cette mesure devant chaque tenseur de l&apos;arbre du modèle, et les boîtes de la vue d&apos;architecture dans sa couleur</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Échelle logarithmique</translation>
    </message>
    <message>
        <source>Colours by the logarithm of the value, from the smallest positive one: for errors and norms that span decades</source>
        <translation>Colore selon le logarithme de la valeur, à partir de la plus petite valeur positive : pour les erreurs et les normes qui s&apos;étendent sur plusieurs ordres de grandeur</translation>
    </message>
    <message>
        <source>Colour the model by</source>
        <translation>Colorer le modèle selon</translation>
    </message>
    <message>
        <source>‖A − B‖ / ‖A‖ per tensor, B = %1 (the Compare dock)</source>
        <translation>‖A − B‖ / ‖A‖ par tenseur, B = %1 (le panneau Comparer)</translation>
    </message>
    <message>
        <source>, log scale</source>
        <translation>, échelle logarithmique</translation>
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
    <name>ws::ui::HistogramPlot</name>
    <message>
        <source>The histogram tag shown (a layer&apos;s weights, say)</source>
        <translation>La balise d&apos;histogramme affichée (les poids d&apos;une couche, par exemple)</translation>
    </message>
    <message>
        <source>The selected run shown (of those that hold the tag)</source>
        <translation>L&apos;exécution sélectionnée affichée (parmi celles qui contiennent la balise)</translation>
    </message>
    <message>
        <source>Every step offset, the newest in front, or the histogram of one step: each run shows its histogram at that step, or at its nearest step before it</source>
        <translation>Toutes les étapes décalées, la plus récente devant, ou l’histogramme d’une étape : chaque exécution montre son histogramme à cette étape, ou à sa dernière étape avant celle-ci</translation>
    </message>
    <message>
        <source>Histogram:</source>
        <translation>Histogramme :</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Exécution :</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Étape :</translation>
    </message>
    <message>
        <source>Bands: min–max, 7–93 %, 16–84 %, 31–69 %; line: median</source>
        <translation>Bandes : min–max, 7–93 %, 16–84 %, 31–69 % ; ligne : médiane</translation>
    </message>
    <message>
        <source>All steps (offset)</source>
        <translation>Toutes les étapes (décalées)</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Étape %1</translation>
    </message>
    <message>
        <source>Select runs in the table to see their histograms.</source>
        <translation>Sélectionnez des exécutions dans le tableau pour voir leurs histogrammes.</translation>
    </message>
    <message>
        <source>None of the selected runs holds histograms. TensorBoard logs have them when Keras&apos;s TensorBoard callback ran with histogram_freq &gt; 0, or PyTorch&apos;s SummaryWriter.add_histogram was called.</source>
        <translation>Aucune des exécutions sélectionnées ne contient d&apos;histogrammes. Les journaux TensorBoard en contiennent quand le callback TensorBoard de Keras a tourné avec histogram_freq &gt; 0, ou quand SummaryWriter.add_histogram de PyTorch a été appelé.</translation>
    </message>
    <message>
        <source>median</source>
        <translation>médiane</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>The run chosen beside; every selected run that holds the histogram in a panel of its own, all on the same axes; or all of them in one plot, each in its colour</source>
        <translation>L&apos;exécution choisie à côté ; chaque exécution sélectionnée qui contient l&apos;histogramme dans un panneau à part, tous sur les mêmes axes ; ou toutes dans un seul graphique, chacune dans sa couleur</translation>
    </message>
    <message>
        <source>One run</source>
        <translation>Une exécution</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Overlaid</source>
        <translation>Superposées</translation>
    </message>
    <message>
        <source>The first %1 of %2 runs that hold the histogram; choose One run for the others.</source>
        <translation>Les %1 premières des %2 exécutions qui contiennent l&apos;histogramme ; choisir « Une exécution » pour les autres.</translation>
    </message>
    <message>
        <source>No histogram at or before step %1: %2</source>
        <translation>Aucun histogramme à l’étape %1 ni avant : %2</translation>
    </message>
    <message>
        <source>%1 (no histogram at or before step %2)</source>
        <translation>%1 (aucun histogramme à l’étape %2 ni avant)</translation>
    </message>
    <message>
        <source>%1 (step %2)</source>
        <translation>%1 (étape %2)</translation>
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
    <name>ws::ui::ImportanceView</name>
    <message>
        <source>The outcome whose variance the settings are asked to explain</source>
        <translation>Le résultat dont les réglages doivent expliquer la variance</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Réglage</translation>
    </message>
    <message>
        <source>Variance explained</source>
        <translation>Variance expliquée</translation>
    </message>
    <message>
        <source>η² (ANOVA)</source>
        <translation>η² (ANOVA)</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>ρ de Spearman</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Valeurs</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>η²: the share of the outcome&apos;s variance explained by grouping the runs by the setting&apos;s value (one-way analysis of variance), shown when values repeat (at most half as many values as runs). Spearman ρ: the rank correlation of a numeric setting with the outcome. Ranked by η², or ρ² where η² is not defined. No model is fitted: with few runs, read these as hints.</source>
        <translation>η² : la part de la variance du résultat expliquée en groupant les exécutions par la valeur du réglage (analyse de variance à un facteur), affichée quand des valeurs se répètent (au plus moitié moins de valeurs que d&apos;exécutions). ρ de Spearman : la corrélation de rang d&apos;un réglage numérique avec le résultat. Classé par η², ou ρ² là où η² n&apos;est pas défini. Aucun modèle n&apos;est ajusté : avec peu d&apos;exécutions, ce sont des indices.</translation>
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
    <message>
        <source>Model Health</source>
        <translation>Santé du modèle</translation>
    </message>
    <message>
        <source>%1 was not compared: nothing to show.</source>
        <translation>%1 n’a pas été comparé : rien à montrer.</translation>
    </message>
    <message>
        <source>Computing the error per block of %1…</source>
        <translation>Calcul de l’erreur par bloc de %1…</translation>
    </message>
    <message>
        <source>Weight files and Playground sessions (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz *%1)</source>
        <translation>Fichiers de poids et sessions du Playground (*.safetensors *.gguf *.onnx *.pt *.pth *.bin *.h5 *.hdf5 *.keras *.npy *.npz *%1)</translation>
    </message>
    <message>
        <source>Playground session (*%1)</source>
        <translation>Session du Playground (*%1)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4 in the file</source>
        <translation>%1 · %2 · %3 · %4 dans le fichier</translation>
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
    <message numerus="yes">
        <source>Group of %n node(s)</source>
        <translation>
            <numerusform>Groupe de %n nœud</numerusform>
            <numerusform>Groupe de %n nœuds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model of %n layer(s)</source>
        <translation>
            <numerusform>Modèle de %n couche</numerusform>
            <numerusform>Modèle de %n couches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n × block</source>
        <translation>
            <numerusform>%n × bloc</numerusform>
            <numerusform>%n × bloc</numerusform>
        </translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Bloc</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>entrée %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 (and %n more)</source>
        <translation>
            <numerusform>%1 · %2 (et %n autre)</numerusform>
            <numerusform>%1 · %2 (et %n autres)</numerusform>
        </translation>
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
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>Perte (entropie croisée)</translation>
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
    <message>
        <source>Export Playground &amp;Network…</source>
        <translation>Exporter le &amp;réseau du Playground…</translation>
    </message>
    <message>
        <source>The Playground&apos;s trained network as ONNX, a Weightscope model (.h5), safetensors or .npz</source>
        <translation>Le réseau entraîné du Playground en ONNX, modèle Weightscope (.h5), safetensors ou .npz</translation>
    </message>
    <message>
        <source>Save &amp;Playground Session…</source>
        <translation>Enregistrer la session du &amp;Playground…</translation>
    </message>
    <message>
        <source>The Playground&apos;s data, network, optimizer settings and training state, to open again with File ▸ Open</source>
        <translation>Les données, le réseau, les réglages de l’optimiseur et l’état d’entraînement du Playground, à rouvrir avec Fichier ▸ Ouvrir</translation>
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
        <translation>Fusion (gauche droite)</translation>
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
    <message>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokeniseur</translation>
    </message>
    <message>
        <source>Tokenizer (%1)</source>
        <translation>Tokeniseur (%1)</translation>
    </message>
</context>
<context>
    <name>ws::ui::ModelExport</name>
    <message>
        <source>Export Trained Model</source>
        <translation>Exporter le modèle entraîné</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>Exporter les poids</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>safetensors (*.safetensors);;Archive NumPy (*.npz)</translation>
    </message>
    <message>
        <source>Weightscope model (*.h5);;ONNX (*.onnx);;safetensors (*.safetensors);;NumPy archive (*.npz)</source>
        <translation>Modèle Weightscope (*.h5);;ONNX (*.onnx);;safetensors (*.safetensors);;Archive NumPy (*.npz)</translation>
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
    <message>
        <source>Your own layers</source>
        <translation>Vos propres couches</translation>
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
    <message>
        <source>%1
Named in the file: %2</source>
        <translation>%1
Nommé dans le fichier : %2</translation>
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
    <message>
        <source>, gradient %1</source>
        <translation>, gradient %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::OptimizerSection</name>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
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
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
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
    <message>
        <source>Step decay: what the learning rate is multiplied by every third of the epochs</source>
        <translation>Par paliers : ce par quoi le taux d’apprentissage est multiplié à chaque tiers des époques</translation>
    </message>
    <message>
        <source>Cosine: the learning rate the cosine ends at</source>
        <translation>Cosinus : le taux d’apprentissage auquel le cosinus aboutit</translation>
    </message>
    <message>
        <source>β1:</source>
        <translation>β1 :</translation>
    </message>
    <message>
        <source>β2:</source>
        <translation>β2 :</translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation>ρ :</translation>
    </message>
    <message>
        <source>ε:</source>
        <translation>ε :</translation>
    </message>
    <message>
        <source>Decay factor:</source>
        <translation>Facteur de décroissance :</translation>
    </message>
    <message>
        <source>Floor:</source>
        <translation>Plancher :</translation>
    </message>
</context>
<context>
    <name>ws::ui::OutcomeChooser</name>
    <message>
        <source>Of the chosen tag&apos;s whole history: its last value, or the best it reached when lower is better (a loss) or higher is better (an accuracy)</source>
        <translation>Sur tout l&apos;historique du tag choisi : sa dernière valeur, ou la meilleure atteinte quand plus bas est meilleur (une perte) ou plus haut est meilleur (une précision)</translation>
    </message>
    <message>
        <source>final</source>
        <translation>valeur finale</translation>
    </message>
    <message>
        <source>best (minimised)</source>
        <translation>meilleure (minimisée)</translation>
    </message>
    <message>
        <source>best (maximised)</source>
        <translation>meilleure (maximisée)</translation>
    </message>
    <message>
        <source>Reading the runs&apos; histories…</source>
        <translation>Lecture des historiques des exécutions…</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Résultat :</translation>
    </message>
    <message>
        <source>%1 over the run&apos;s whole history</source>
        <translation>%1 sur tout l&apos;historique de l&apos;exécution</translation>
    </message>
</context>
<context>
    <name>ws::ui::OwnDataBox</name>
    <message>
        <source>The class of the points you draw</source>
        <translation>La classe des points que vous dessinez</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Classe %1</translation>
    </message>
    <message>
        <source>Points per dab of the brush, scattered wider as the size grows</source>
        <translation>Points par touche du pinceau, plus dispersés à mesure que la taille augmente</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Remove the points under the brush instead of drawing</source>
        <translation>Retirer les points sous le pinceau au lieu de dessiner</translation>
    </message>
    <message>
        <source>Load CSV…</source>
        <translation>Charger un CSV…</translation>
    </message>
    <message>
        <source>Two feature columns and a label column (numbers or text), up to %1 points and %2 classes</source>
        <translation>Deux colonnes de caractéristiques et une colonne d’étiquettes (nombres ou texte), jusqu’à %1 points et %2 classes</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <source>Remove all your points</source>
        <translation>Retirer tous vos points</translation>
    </message>
    <message>
        <source>Draw:</source>
        <translation>Dessiner :</translation>
    </message>
    <message>
        <source>Brush:</source>
        <translation>Pinceau :</translation>
    </message>
    <message>
        <source>Your points were not restored: %1</source>
        <translation>Vos points n’ont pas été restaurés : %1</translation>
    </message>
    <message>
        <source>Draw at least %1 points of two classes or more on the plot, or load a CSV file.</source>
        <translation>Dessinez au moins %1 points d’au moins deux classes sur le graphique, ou chargez un fichier CSV.</translation>
    </message>
    <message>
        <source>%1 points is the most the Playground takes.</source>
        <translation>Le Playground accepte au plus %1 points.</translation>
    </message>
    <message>
        <source>Load 2-D points</source>
        <translation>Charger des points 2-D</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Not loaded, your points are unchanged: %1</source>
        <translation>Non chargé, vos points sont inchangés : %1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n point(s) of %1 classes from %2, scaled into the plot.</source>
        <translation>
            <numerusform>%n point de %1 classes chargé depuis %2, mis à l’échelle du graphique.</numerusform>
            <numerusform>%n points de %1 classes chargés depuis %2, mis à l’échelle du graphique.</numerusform>
        </translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>Classe %1 : %2</translation>
    </message>
    <message>
        <source>Your points could not be kept for the next session: %1</source>
        <translation>Vos points n’ont pas pu être conservés pour la prochaine session : %1</translation>
    </message>
</context>
<context>
    <name>ws::ui::ParallelCoordinates</name>
    <message>
        <source>The outcome on the last axis; the lines are coloured by it</source>
        <translation>Le résultat sur le dernier axe ; les lignes sont colorées selon lui</translation>
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
        <source>Momentum:</source>
        <translation>Momentum :</translation>
    </message>
    <message>
        <source>Training paused: %1</source>
        <translation>Entraînement en pause : %1</translation>
    </message>
    <message>
        <source>Same initialisation</source>
        <translation>Même initialisation</translation>
    </message>
    <message>
        <source>Start again from exactly the weights this network started from (Reset draws new ones)</source>
        <translation>Recommencer avec exactement les poids de départ de ce réseau (Réinitialiser en tire de nouveaux)</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n pas</numerusform>
            <numerusform>%n pas</numerusform>
        </translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>Décroissance des poids :</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>Échauffement :</translation>
    </message>
    <message>
        <source>Point at a link or a neuron to read its weight and its gradient; click it to type a new value.</source>
        <translation>Pointez un lien ou un neurone pour lire son poids et son gradient ; cliquez pour saisir une nouvelle valeur.</translation>
    </message>
    <message>
        <source>The training so far: drag back to see the network at an earlier epoch (every epoch of the last %1 is kept, earlier ones thinned); the right end is live</source>
        <translation>L’entraînement jusqu’ici : glissez en arrière pour voir le réseau à une époque antérieure (chaque époque des %1 dernières est gardée, les plus anciennes éclaircies) ; l’extrémité droite est en direct</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>Époque %1</translation>
    </message>
    <message>
        <source>Restart from here</source>
        <translation>Reprendre d’ici</translation>
    </message>
    <message>
        <source>Go on training from the epoch shown; the history after it is dropped</source>
        <translation>Continuer l’entraînement à partir de l’époque affichée ; l’historique qui suit est abandonné</translation>
    </message>
    <message>
        <source>Training goes on from epoch %1, paused; the history after it is dropped. This continuation is not recorded as a run.</source>
        <translation>L’entraînement reprend à l’époque %1, en pause ; l’historique qui suit est abandonné. Cette suite n’est pas enregistrée comme exécution.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <source>Weights are edited on the live network: drag the timeline to its right end first.</source>
        <translation>Les poids se modifient sur le réseau en direct : ramenez d’abord la frise à son extrémité droite.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Looking back&lt;/b&gt; (the live run is at epoch %1)&lt;br&gt;</source>
        <translation>&lt;b&gt;Retour en arrière&lt;/b&gt; (l’exécution en direct est à l’époque %1)&lt;br&gt;</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Calendrier :</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n époque</numerusform>
            <numerusform>%n époques</numerusform>
        </translation>
    </message>
    <message>
        <source>Race optimizers…</source>
        <translation>Course d’optimiseurs…</translation>
    </message>
    <message>
        <source>Train this network with two to four optimizers side by side, from the same initial weights on the same batches</source>
        <translation>Entraîner ce réseau avec deux à quatre optimiseurs côte à côte, à partir des mêmes poids initiaux sur les mêmes lots</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>Course d’optimiseurs</translation>
    </message>
    <message>
        <source>Save Playground Session</source>
        <translation>Enregistrer la session du Playground</translation>
    </message>
    <message>
        <source>Playground sessions (*%1)</source>
        <translation>Sessions du Playground (*%1)</translation>
    </message>
    <message>
        <source>There is no training to save yet.</source>
        <translation>Il n’y a pas encore d’entraînement à enregistrer.</translation>
    </message>
    <message>
        <source>Saved the Playground session to %1</source>
        <translation>Session du Playground enregistrée dans %1</translation>
    </message>
    <message>
        <source>The Playground session was not saved: %1</source>
        <translation>La session du Playground n’a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>The Playground session was not opened: %1</source>
        <translation>La session du Playground n’a pas été ouverte : %1</translation>
    </message>
    <message>
        <source>β1 / β2:</source>
        <translation>β1 / β2 :</translation>
    </message>
    <message>
        <source>ρ:</source>
        <translation>ρ :</translation>
    </message>
    <message>
        <source>ε:</source>
        <translation>ε :</translation>
    </message>
    <message>
        <source>Decay factor:</source>
        <translation>Facteur de décroissance :</translation>
    </message>
    <message>
        <source>Floor:</source>
        <translation>Plancher :</translation>
    </message>
    <message>
        <source>Step decay: what the learning rate is multiplied by every so many epochs</source>
        <translation>Par paliers : ce par quoi le taux d’apprentissage est multiplié toutes les tant d’époques</translation>
    </message>
    <message>
        <source>Cosine: the learning rate the cosine ends at and stays at</source>
        <translation>Cosinus : le taux d’apprentissage auquel le cosinus aboutit et reste</translation>
    </message>
    <message>
        <source>After the warm-up the learning rate stays, falls by a factor every so many epochs (step decay), or falls along a cosine to its floor over so many epochs</source>
        <translation>Après l’échauffement, le taux d’apprentissage reste, diminue d’un facteur toutes les tant d’époques (par paliers) ou descend jusqu’à son plancher le long d’un cosinus en tant d’époques</translation>
    </message>
    <message>
        <source>Step decay: epochs between two decays; cosine: epochs to reach the floor</source>
        <translation>Par paliers : époques entre deux diminutions ; cosinus : époques pour atteindre le plancher</translation>
    </message>
    <message>
        <source>It was saved from the run %1.</source>
        <translation>Elle a été enregistrée à partir de l’exécution %1.</translation>
    </message>
    <message>
        <source>It was saved from the run %1, whose record is gone.</source>
        <translation>Elle a été enregistrée à partir de l’exécution %1, dont l’enregistrement n’existe plus.</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <source>Opened the Playground session %1 at epoch %2, paused. Training on from it is recorded as a new run.</source>
        <translation>Session du Playground %1 ouverte à l’époque %2, en pause. L’entraînement qui en repart est enregistré comme une nouvelle exécution.</translation>
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
    <message>
        <source>no training state is kept at or before epoch %1</source>
        <translation>aucun état d’entraînement n’est gardé à l’époque %1 ou avant</translation>
    </message>
    <message>
        <source>There is no training to save; press Reset and try again.</source>
        <translation>Il n’y a pas d’entraînement à enregistrer ; appuyez sur Réinitialiser et réessayez.</translation>
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
    <name>ws::ui::ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop this job; what was read so far is kept, a file being written is not</source>
        <translation>Arrêter ce travail ; ce qui a été lu est gardé, un fichier en cours d&apos;écriture ne l&apos;est pas</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::QuantLensView</name>
    <message>
        <source>Relative error ‖o−q‖/‖o‖ per block</source>
        <translation>Erreur relative ‖o−q‖/‖o‖ par bloc</translation>
    </message>
    <message>
        <source>RMS error per block</source>
        <translation>Erreur RMS par bloc</translation>
    </message>
    <message>
        <source>o: the original&apos;s values, q: the dequantised ones, over the block&apos;s elements</source>
        <translation>o : les valeurs de l’original, q : les valeurs déquantifiées, sur les éléments du bloc</translation>
    </message>
    <message>
        <source>values per bin</source>
        <translation>valeurs par case</translation>
    </message>
    <message>
        <source>y = x</source>
        <translation>y = x</translation>
    </message>
    <message>
        <source>Error per block</source>
        <translation>Erreur par bloc</translation>
    </message>
    <message>
        <source>Original vs dequantised</source>
        <translation>Original contre déquantifié</translation>
    </message>
    <message>
        <source>Select a compared row to look at its quantization error.</source>
        <translation>Sélectionnez une ligne comparée pour examiner son erreur de quantification.</translation>
    </message>
    <message>
        <source>%1 has no elements.</source>
        <translation>%1 n’a aucun élément.</translation>
    </message>
    <message>
        <source>%1: neither side is a block-quantised GGUF tensor, so there are no blocks to show.</source>
        <translation>%1 : aucun des deux côtés n’est un tenseur GGUF quantifié par blocs, il n’y a donc pas de blocs à montrer.</translation>
    </message>
    <message>
        <source>RMS error</source>
        <translation>erreur RMS</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>erreur relative</translation>
    </message>
    <message>
        <source>block (%1 elements of a row)</source>
        <translation>bloc (%1 éléments d’une ligne)</translation>
    </message>
    <message>
        <source>row</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>%1 · %2 in %3: %4 rows × %5 blocks of %6. Worst block: row %7, block %8 (relative error %9, RMS %10).</source>
        <translation>%1 · %2 dans %3 : %4 lignes × %5 blocs de %6. Pire bloc : ligne %7, bloc %8 (erreur relative %9, RMS %10).</translation>
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
        <translation>Chaque cellule montre le pire de %1 × %2 blocs.</translation>
    </message>
    <message numerus="yes">
        <source>%n NaN/Inf left out.</source>
        <translation>
            <numerusform>%n NaN/Inf laissé de côté.</numerusform>
            <numerusform>%n NaN/Inf laissés de côté.</numerusform>
        </translation>
    </message>
    <message>
        <source>row %1, block %2: RMS error %3</source>
        <translation>ligne %1, bloc %2 : erreur RMS %3</translation>
    </message>
    <message>
        <source>row %1, block %2: relative error %3</source>
        <translation>ligne %1, bloc %2 : erreur relative %3</translation>
    </message>
    <message>
        <source>rows %1–%2, block %3: worst %4</source>
        <translation>lignes %1–%2, bloc %3 : pire %4</translation>
    </message>
    <message>
        <source>rows %1–%2, blocks %3–%4: worst %5</source>
        <translation>lignes %1–%2, blocs %3–%4 : pire %5</translation>
    </message>
    <message>
        <source>No values to show.</source>
        <translation>Aucune valeur à montrer.</translation>
    </message>
    <message>
        <source>original (%1)</source>
        <translation>original (%1)</translation>
    </message>
    <message>
        <source>dequantised (%1)</source>
        <translation>déquantifié (%1)</translation>
    </message>
    <message>
        <source>value in %1</source>
        <translation>valeur dans %1</translation>
    </message>
    <message>
        <source>%1: %2 values in %3 × %3 bins, log colour scale; on the dashed line y = x nothing was lost.</source>
        <translation>%1 : %2 valeurs dans %3 × %3 cases, échelle de couleurs logarithmique ; sur la ligne pointillée y = x rien n’a été perdu.</translation>
    </message>
    <message numerus="yes">
        <source>The range is the central 99.9 %; %n value(s) beyond it not drawn.</source>
        <translation>
            <numerusform>La plage couvre les 99,9 % centraux ; %n valeur au-delà non dessinée.</numerusform>
            <numerusform>La plage couvre les 99,9 % centraux ; %n valeurs au-delà non dessinées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::RaceLossPlot</name>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
    <message>
        <source>Training loss (cross-entropy)</source>
        <translation>Perte d’entraînement (entropie croisée)</translation>
    </message>
    <message>
        <source>Training loss (MSE)</source>
        <translation>Perte d’entraînement (MSE)</translation>
    </message>
</context>
<context>
    <name>ws::ui::RacePanel</name>
    <message>
        <source>Contestants</source>
        <translation>Concurrents</translation>
    </message>
    <message>
        <source>How many epochs each contestant trains per second</source>
        <translation>Combien d’époques chaque concurrent entraîne par seconde</translation>
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
        <source>Speed:</source>
        <translation>Vitesse :</translation>
    </message>
    <message>
        <source>Contestant %1</source>
        <translation>Concurrent %1</translation>
    </message>
    <message>
        <source>A race has at least two contestants</source>
        <translation>Une course a au moins deux concurrents</translation>
    </message>
    <message>
        <source>Whether this contestant races</source>
        <translation>Si ce concurrent participe à la course</translation>
    </message>
    <message>
        <source>The algorithm that updates this contestant&apos;s weights</source>
        <translation>L’algorithme qui met à jour les poids de ce concurrent</translation>
    </message>
    <message>
        <source>This contestant&apos;s learning rate</source>
        <translation>Le taux d’apprentissage de ce concurrent</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>This contestant&apos;s colour in the loss plot</source>
        <translation>La couleur de ce concurrent dans le graphique de perte</translation>
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
        <source>Momentum:</source>
        <translation>Momentum :</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, momentum %2, Nesterov</source>
        <translation>%1, momentum %2, Nesterov</translation>
    </message>
    <message>
        <source>%1, momentum %2</source>
        <translation>%1, momentum %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: loss %2</source>
        <translation>%1 : perte %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Epoch %1 &amp;nbsp; training loss %2 &amp;nbsp; test loss %3</source>
        <translation>&lt;br&gt;Époque %1 &amp;nbsp; perte d’entraînement %2 &amp;nbsp; perte de test %3</translation>
    </message>
    <message>
        <source> &amp;nbsp; test accuracy %1 %</source>
        <translation> &amp;nbsp; exactitude de test %1 %</translation>
    </message>
    <message>
        <source>Every contestant trains the Playground&apos;s network from the same initial weights on the same batches; only the optimizer, its learning rate and its momentum differ. Data, network, Adam&apos;s β1 and β2, RMSprop&apos;s ρ, ε, schedule, warm-up, weight decay, regularisation and batch size are the Playground&apos;s.</source>
        <translation>Chaque concurrent entraîne le réseau du Playground à partir des mêmes poids initiaux sur les mêmes lots ; seuls l’optimiseur, son taux d’apprentissage et son momentum diffèrent. Données, réseau, β1 et β2 d’Adam, ρ de RMSprop, ε, calendrier, échauffement, décroissance des poids, régularisation et taille de lot sont ceux du Playground.</translation>
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
    <name>ws::ui::RunLegend</name>
    <message>
        <source>Filter runs (regular expression)</source>
        <translation>Filtrer les exécutions (expression régulière)</translation>
    </message>
    <message>
        <source>Draw only the curves whose names match this regular expression</source>
        <translation>Ne tracer que les courbes dont le nom correspond à cette expression régulière</translation>
    </message>
    <message>
        <source>Uncheck a curve to hide it</source>
        <translation>Décocher une courbe pour la masquer</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 sur %2 affichées</translation>
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
    <message>
        <source>Saved as a Playground session: %1 (the file is gone)</source>
        <translation>Enregistré comme session du Playground : %1 (le fichier n’existe plus)</translation>
    </message>
    <message>
        <source>Saved as a Playground session: %1</source>
        <translation>Enregistré comme session du Playground : %1</translation>
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
    <message>
        <source>Importance</source>
        <translation>Importance</translation>
    </message>
    <message>
        <source>Config diff</source>
        <translation>Différences de configuration</translation>
    </message>
    <message numerus="yes">
        <source>Scan cancelled: %n run(s) read</source>
        <translation>
            <numerusform>Analyse annulée : %n exécution lue</numerusform>
            <numerusform>Analyse annulée : %n exécutions lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading cancelled: %n run(s) shown</source>
        <translation>
            <numerusform>Lecture annulée : %n exécution affichée</numerusform>
            <numerusform>Lecture annulée : %n exécutions affichées</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning the runs folder…</source>
        <translation>Analyse du dossier des exécutions…</translation>
    </message>
    <message>
        <source>Reading the selected runs…</source>
        <translation>Lecture des exécutions sélectionnées…</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>Distributions</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>Histogrammes</translation>
    </message>
    <message>
        <source>Stop highlighting this run</source>
        <translation>Ne plus mettre cette exécution en évidence</translation>
    </message>
    <message>
        <source>Highlight this run</source>
        <translation>Mettre cette exécution en évidence</translation>
    </message>
    <message>
        <source>Open Playground session</source>
        <translation>Ouvrir la session du Playground</translation>
    </message>
    <message>
        <source>Select one run to open the Playground session saved from it.</source>
        <translation>Sélectionnez une exécution pour ouvrir la session du Playground enregistrée à partir d’elle.</translation>
    </message>
    <message>
        <source>No Playground session was saved from the run %1.</source>
        <translation>Aucune session du Playground n’a été enregistrée à partir de l’exécution %1.</translation>
    </message>
    <message>
        <source>The Playground sessions saved from the run %1 are gone: %2</source>
        <translation>Les sessions du Playground enregistrées à partir de l’exécution %1 n’existent plus : %2</translation>
    </message>
</context>
<context>
    <name>ws::ui::ScatterMatrix</name>
    <message>
        <source>Select runs that differ in a setting and have the outcome to see each setting against it.</source>
        <translation>Sélectionnez des exécutions qui diffèrent par un réglage et ont le résultat pour voir chaque réglage face à celui-ci.</translation>
    </message>
    <message>
        <source>%1 (explains %2 %)</source>
        <translation>%1 (explique %2 %)</translation>
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
    <message>
        <source>Stored as</source>
        <translation>Stocké en</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits par poids</translation>
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
    <message>
        <source>%1 cannot be dequantised by Weightscope; its blocks as stored:</source>
        <translation>Weightscope ne sait pas déquantifier %1 ; ses blocs tels que stockés :</translation>
    </message>
    <message>
        <source>block: %1 elements in %2 bytes (%3 bits per weight)</source>
        <translation>bloc : %1 éléments en %2 octets (%3 bits par poids)</translation>
    </message>
    <message>
        <source>fields, in file order:</source>
        <translation>champs, dans l&apos;ordre du fichier :</translation>
    </message>
    <message numerus="yes">
        <source>the first %n block(s), in hex:</source>
        <translation>
            <numerusform>le premier bloc, en hexadécimal :</numerusform>
            <numerusform>les %n premiers blocs, en hexadécimal :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s) of %1 × %2, input channel %3 of %4 (layout %5); one pixel per weight</source>
        <translation>
            <numerusform>%n filtre de %1 × %2, canal d’entrée %3 sur %4 (disposition %5) ; un pixel par poids</numerusform>
            <numerusform>%n filtres de %1 × %2, canal d’entrée %3 sur %4 (disposition %5) ; un pixel par poids</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ws::ui::TokenTableModel</name>
    <message numerus="yes">
        <source>%1 (%n byte(s): %2)</source>
        <translation>
            <numerusform>%1 (%n octet : %2)</numerusform>
            <numerusform>%1 (%n octets : %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>ws::ui::TokenizerPanel</name>
    <message>
        <source>Text → ids: a token, or part of one</source>
        <translation>Texte → ids : un jeton, ou une partie</translation>
    </message>
    <message>
        <source>Exact matches first (spaces also as ▁ or Ġ), then every token containing the text; the merges below are filtered alike</source>
        <translation>D’abord les correspondances exactes (espaces aussi en ▁ ou Ġ), puis chaque jeton contenant le texte ; les fusions ci-dessous sont filtrées de même</translation>
    </message>
    <message>
        <source>id </source>
        <translation>id </translation>
    </message>
    <message>
        <source>Id → token: shows the whole vocabulary with this token selected</source>
        <translation>Id → jeton : montre tout le vocabulaire avec ce jeton sélectionné</translation>
    </message>
    <message>
        <source>Go to Id</source>
        <translation>Aller à l’id</translation>
    </message>
    <message>
        <source>This file has no tokenizer.</source>
        <translation>Ce fichier n’a pas de tokeniseur.</translation>
    </message>
    <message>
        <source>The tokenizer cannot be read: %1</source>
        <translation>Le tokeniseur ne peut pas être lu : %1</translation>
    </message>
    <message>
        <source>%1 tokenizer: %2 tokens, %3 merges%4%5.</source>
        <translation>Tokeniseur %1 : %2 jetons, %3 fusions%4%5.</translation>
    </message>
    <message>
        <source>GGUF</source>
        <translation>GGUF</translation>
    </message>
    <message>
        <source>, no scores</source>
        <translation>, sans scores</translation>
    </message>
    <message>
        <source>, no token types</source>
        <translation>, sans types de jetons</translation>
    </message>
    <message>
        <source>No merges (not a BPE tokenizer).</source>
        <translation>Pas de fusions (pas un tokeniseur BPE).</translation>
    </message>
    <message>
        <source>Merges in rank order (first applied first):</source>
        <translation>Fusions par rang (la première appliquée d’abord) :</translation>
    </message>
    <message numerus="yes">
        <source>&apos;%1&apos; is token %2; %n other token(s) contain it (listed after it).</source>
        <translation>
            <numerusform>&apos;%1&apos; est le jeton %2 ; %n autre jeton le contient (listé après).</numerusform>
            <numerusform>&apos;%1&apos; est le jeton %2 ; %n autres jetons le contiennent (listés après).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No token is exactly &apos;%1&apos;; %n token(s) contain it.</source>
        <translation>
            <numerusform>Aucun jeton n’est exactement &apos;%1&apos; ; %n jeton le contient.</numerusform>
            <numerusform>Aucun jeton n’est exactement &apos;%1&apos; ; %n jetons le contiennent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Token %1 is &apos;%2&apos;%3.</source>
        <translation>Le jeton %1 est &apos;%2&apos;%3.</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Show the whole vocabulary with the token of this id selected</source>
        <translation>Afficher tout le vocabulaire avec le jeton de cet id sélectionné</translation>
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
