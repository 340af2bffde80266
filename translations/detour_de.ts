<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttachmentFit</name>
    <message>
        <source>Skipped: %1 does not take images, and this message has one.</source>
        <translation>Übersprungen: %1 nimmt keine Bilder an, und diese Nachricht enthält eines.</translation>
    </message>
    <message>
        <source>Skipped: %1 does not read PDF files itself, and this message has one.</source>
        <translation>Übersprungen: %1 liest PDF-Dateien nicht selbst, und diese Nachricht enthält eine.</translation>
    </message>
    <message>
        <source>No step of this route takes images: nothing was sent. Remove the image or add a step with a model that reads images.</source>
        <translation>Kein Schritt dieser Route nimmt Bilder an: Es wurde nichts gesendet. Entfernen Sie das Bild oder fügen Sie einen Schritt mit einem Modell hinzu, das Bilder liest.</translation>
    </message>
    <message>
        <source>No step of this route reads PDF files: nothing was sent. Remove the PDF, add a step with a model that reads files, or choose the pdf-text engine.</source>
        <translation>Kein Schritt dieser Route liest PDF-Dateien: Es wurde nichts gesendet. Entfernen Sie das PDF, fügen Sie einen Schritt mit einem Modell hinzu, das Dateien liest, oder wählen Sie die Engine pdf-text.</translation>
    </message>
</context>
<context>
    <name>AttachmentLoader</name>
    <message>
        <source>%1 cannot be attached: there is no such file.</source>
        <translation>%1 kann nicht angehängt werden: Diese Datei gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 cannot be attached: it is not a file.</source>
        <translation>%1 kann nicht angehängt werden: Es ist keine Datei.</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2; at most %3).</source>
        <translation>%1 ist zu groß zum Anhängen (%2; höchstens %3).</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>These attachments are too large for one message together (%1; at most %2): send some of them in another message.</source>
        <translation>Diese Anhänge sind zusammen zu groß für eine Nachricht (%1; höchstens %2): Senden Sie einige davon in einer anderen Nachricht.</translation>
    </message>
    <message>
        <source>%1 is empty: there is nothing to attach.</source>
        <translation>%1 ist leer: Es gibt nichts anzuhängen.</translation>
    </message>
    <message>
        <source>%1 cannot be attached: it is named or marked as an image (%2), but its contents are not an image Detour can read.</source>
        <translation>%1 kann nicht angehängt werden: Name oder Kennzeichnung weisen auf ein Bild hin (%2), aber der Inhalt ist kein Bild, das Detour lesen kann.</translation>
    </message>
    <message>
        <source>%1 cannot be attached: Detour sends images, PDFs and text files, and this is %2.</source>
        <translation>%1 kann nicht angehängt werden: Detour sendet Bilder, PDFs und Textdateien, und dies ist %2.</translation>
    </message>
    <message>
        <source>%1 cannot be attached: it is named as a PDF, but its contents are not a PDF.</source>
        <translation>%1 kann nicht angehängt werden: Der Name weist auf ein PDF hin, aber der Inhalt ist kein PDF.</translation>
    </message>
</context>
<context>
    <name>AttemptReport</name>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Model requested</source>
        <translation>Angefragtes Modell</translation>
    </message>
    <message>
        <source>Model served</source>
        <translation>Geliefertes Modell</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Who must act</source>
        <translation>Wer handeln muss</translation>
    </message>
    <message>
        <source>Retry after</source>
        <translation>Erneut versuchen nach</translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>Lösungen</translation>
    </message>
    <message>
        <source>Timings</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>waited %1, sent %2, headers %3, first token %4, last token %5, finished %6</source>
        <translation>gewartet %1, gesendet %2, Header %3, erstes Token %4, letztes Token %5, fertig %6</translation>
    </message>
    <message>
        <source>Tried by OpenRouter inside this request</source>
        <translation>Von OpenRouter innerhalb dieser Anfrage versucht</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Attempt %1 · step %2 · %3</source>
        <translation>Versuch %1 · Schritt %2 · %3</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Relayed</source>
        <translation>Weitergeleitet</translation>
    </message>
</context>
<context>
    <name>AuthorityFile</name>
    <message>
        <source>Cannot read the certificate authority file %1: %2</source>
        <translation>Die Datei der Zertifizierungsstelle %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The certificate authority file %1 is too large to be one.</source>
        <translation>Die Datei %1 ist zu groß für eine Datei einer Zertifizierungsstelle.</translation>
    </message>
    <message>
        <source>The certificate authority file %1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>Die Datei der Zertifizierungsstelle %1 enthält kein PEM-Zertifikat („-----BEGIN CERTIFICATE-----“).</translation>
    </message>
    <message>
        <source>Subject: %1
SHA-256 fingerprint: %2
Expires: %3</source>
        <translation>Inhaber: %1
SHA-256-Fingerabdruck: %2
Läuft ab: %3</translation>
    </message>
    <message>
        <source>This certificate has expired.</source>
        <translation>Dieses Zertifikat ist abgelaufen.</translation>
    </message>
</context>
<context>
    <name>ComparisonSummary</name>
    <message>
        <source>No route served this question.</source>
        <translation>Keine Route hat diese Frage beantwortet.</translation>
    </message>
    <message>
        <source>first token: %1 (%2)</source>
        <translation>erstes Token: %1 (%2)</translation>
    </message>
    <message>
        <source>fastest overall: %1 (%2)</source>
        <translation>insgesamt am schnellsten: %1 (%2)</translation>
    </message>
    <message>
        <source>cheapest: %1 (%2)</source>
        <translation>am günstigsten: %1 (%2)</translation>
    </message>
    <message>
        <source>cost not known</source>
        <translation>Kosten unbekannt</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ConversationSettings</name>
    <message>
        <source>%1 takes a number from %2 to %3, not “%4”.</source>
        <translation>%1 nimmt eine Zahl von %2 bis %3, nicht „%4“.</translation>
    </message>
    <message>
        <source>%1 takes a whole number of at least %2, not “%3”.</source>
        <translation>%1 nimmt eine ganze Zahl von mindestens %2, nicht „%3“.</translation>
    </message>
    <message>
        <source>%1 takes true or false, not “%2”.</source>
        <translation>%1 nimmt true oder false, nicht „%2“.</translation>
    </message>
    <message>
        <source>%1 takes %2, not “%3”.</source>
        <translation>%1 nimmt %2, nicht „%3“.</translation>
    </message>
    <message>
        <source>There is no parameter “%1”; known are: %2.</source>
        <translation>Es gibt keinen Parameter „%1“; bekannt sind: %2.</translation>
    </message>
</context>
<context>
    <name>ConversationTree</name>
    <message>
        <source>Message %1 cannot follow message %2: they are not in the same conversation.</source>
        <translation>Nachricht %1 kann nicht auf Nachricht %2 folgen: Die beiden gehören nicht zur selben Unterhaltung.</translation>
    </message>
</context>
<context>
    <name>Cooldown</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>%1 at %2 on %3</source>
        <translation>%1 bei %2 auf %3</translation>
    </message>
    <message>
        <source>every model on %1</source>
        <translation>jedes Modell auf %1</translation>
    </message>
    <message>
        <source>all :free models on %1</source>
        <translation>alle :free-Modelle auf %1</translation>
    </message>
    <message>
        <source>all paid models on %1</source>
        <translation>alle kostenpflichtigen Modelle auf %1</translation>
    </message>
    <message>
        <source>the key of %1</source>
        <translation>der Schlüssel für %1</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>%1 until its key changes</source>
        <translation>%1 bis zum Schlüsselwechsel</translation>
    </message>
    <message>
        <source>%1 until you clear it</source>
        <translation>%1 bis zu Ihrer Freigabe</translation>
    </message>
    <message>
        <source>a rate limit upstream</source>
        <translation>einem Ratenlimit beim vorgelagerten Anbieter</translation>
    </message>
    <message>
        <source>the endpoint&apos;s limit for this model</source>
        <translation>dem Limit des Endpunkts für dieses Modell</translation>
    </message>
    <message>
        <source>a rate limit on the endpoint or your key</source>
        <translation>einem Ratenlimit des Endpunkts oder Ihres Schlüssels</translation>
    </message>
    <message>
        <source>OpenRouter&apos;s free-model limit</source>
        <translation>dem Limit von OpenRouter für kostenlose Modelle</translation>
    </message>
    <message>
        <source>no credits</source>
        <translation>fehlendem Guthaben</translation>
    </message>
    <message>
        <source>a refused key</source>
        <translation>einem abgelehnten Schlüssel</translation>
    </message>
</context>
<context>
    <name>CooldownsCommand</name>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Cannot clear the cooldowns: %1</source>
        <translation>Die Abkühlungen können nicht aufgehoben werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n cooldown(s): every step may be tried again.</source>
        <translation>
            <numerusform>%n Abkühlung aufgehoben: Jeder Schritt darf wieder versucht werden.</numerusform>
            <numerusform>%n Abkühlungen aufgehoben: Jeder Schritt darf wieder versucht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the cooldowns: %1</source>
        <translation>Die Abkühlungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing is cooling down: every step may be tried.</source>
        <translation>Nichts kühlt ab: Jeder Schritt darf versucht werden.</translation>
    </message>
    <message>
        <source>%1 (after %2)</source>
        <translation>%1 (nach %2)</translation>
    </message>
</context>
<context>
    <name>Diagnosis</name>
    <message>
        <source>an empty body</source>
        <translation>ein leerer Body</translation>
    </message>
    <message>
        <source>an HTML page</source>
        <translation>eine HTML-Seite</translation>
    </message>
    <message>
        <source>a JSON body without a message</source>
        <translation>ein JSON-Body ohne Meldung</translation>
    </message>
    <message>
        <source>an unreadable body</source>
        <translation>ein unlesbarer Body</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>wait %1 and retry</source>
        <translation>warten Sie %1 und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>retry shortly</source>
        <translation>versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <source>retry</source>
        <translation>versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Der Endpunkt</translation>
    </message>
    <message>
        <source>error code %1</source>
        <translation>Fehlercode %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>a mid-stream error</source>
        <translation>ein Fehler mitten im Stream</translation>
    </message>
    <message>
        <source>no HTTP status</source>
        <translation>kein HTTP-Status</translation>
    </message>
    <message>
        <source>The endpoint says your account&apos;s quota or credits are used up (%1); add credits or raise the quota with that service, or move this step down.</source>
        <translation>Der Endpunkt meldet, dass das Kontingent oder Guthaben Ihres Kontos aufgebraucht ist (%1); laden Sie bei diesem Dienst Guthaben auf, erhöhen Sie das Kontingent oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>The endpoint is rate-limiting your key or account (%1); %2, or move this step down so another endpoint answers first.</source>
        <translation>Der Endpunkt begrenzt die Anfragerate Ihres Schlüssels oder Kontos (%1); %2 oder verschieben Sie diesen Schritt nach unten, damit zuerst ein anderer Endpunkt antwortet.</translation>
    </message>
    <message>
        <source>The upstream provider</source>
        <translation>Der vorgelagerte Anbieter</translation>
    </message>
    <message>
        <source>this model</source>
        <translation>dieses Modell</translation>
    </message>
    <message>
        <source>your own %1 key</source>
        <translation>Ihren eigenen %1-Schlüssel</translation>
    </message>
    <message>
        <source>your own key for that provider</source>
        <translation>Ihren eigenen Schlüssel für diesen Anbieter</translation>
    </message>
    <message>
        <source>that provider</source>
        <translation>diesem Anbieter</translation>
    </message>
    <message>
        <source>let OpenRouter fall back to another provider, pick a paid variant of the model, move this step down</source>
        <translation>lassen Sie OpenRouter auf einen anderen Anbieter ausweichen, wählen Sie eine kostenpflichtige Variante des Modells, verschieben Sie diesen Schritt nach unten</translation>
    </message>
    <message>
        <source>let OpenRouter fall back to another provider, move this step down</source>
        <translation>lassen Sie OpenRouter auf einen anderen Anbieter ausweichen, verschieben Sie diesen Schritt nach unten</translation>
    </message>
    <message>
        <source>%1 is rate-limiting OpenRouter&apos;s shared capacity for %2 (not your key or credits, so adding credits will not help); %3, %4, or add %5 in OpenRouter&apos;s integrations settings (BYOK) so OpenRouter uses your own rate limit at %6.</source>
        <translation>%1 drosselt die gemeinsam genutzte Kapazität von OpenRouter für %2 (nicht Ihren Schlüssel oder Ihr Guthaben, mehr Guthaben hilft also nicht); %3, %4 oder hinterlegen Sie %5 in den Integrations-Einstellungen von OpenRouter (BYOK), damit OpenRouter Ihr eigenes Ratenlimit bei %6 nutzt.</translation>
    </message>
    <message>
        <source>wait %1 until it resets</source>
        <translation>warten Sie %1, bis es zurückgesetzt wird</translation>
    </message>
    <message>
        <source>wait until it resets</source>
        <translation>warten Sie, bis es zurückgesetzt wird</translation>
    </message>
    <message>
        <source>Your OpenRouter account has used up its daily allowance of free-model requests (%1), a limit on your account rather than on a provider; %2, add credits to raise the allowance as the message says, or use a paid model.</source>
        <translation>Ihr OpenRouter-Konto hat sein Tageskontingent an Anfragen für kostenlose Modelle aufgebraucht (%1), ein Limit Ihres Kontos, nicht eines Anbieters; %2, laden Sie Guthaben auf, um das Kontingent zu erhöhen, wie die Meldung sagt, oder nutzen Sie ein kostenpflichtiges Modell.</translation>
    </message>
    <message>
        <source>OpenRouter is rate-limiting your key or account (%1), not a provider; %2, or add credits as the message suggests.</source>
        <translation>OpenRouter begrenzt die Anfragerate Ihres Schlüssels oder Kontos (%1), nicht ein Anbieter; %2 oder laden Sie Guthaben auf, wie die Meldung vorschlägt.</translation>
    </message>
    <message>
        <source>OpenRouter is rate-limiting your key or account (%1), not a provider; %2 and send requests less often.</source>
        <translation>OpenRouter begrenzt die Anfragerate Ihres Schlüssels oder Kontos (%1), nicht ein Anbieter; %2 und senden Sie seltener Anfragen.</translation>
    </message>
    <message>
        <source>a provider</source>
        <translation>ein Anbieter</translation>
    </message>
    <message>
        <source>No provider could serve %1 right now (%2), so OpenRouter gave up; %3, let OpenRouter fall back to other providers, or move this step down.</source>
        <translation>Kein Anbieter konnte %1 gerade bedienen (%2), daher hat OpenRouter aufgegeben; %3, lassen Sie OpenRouter auf andere Anbieter ausweichen oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 is temporarily unavailable (%2: %3); %4, or move this step down.</source>
        <translation>%1 ist vorübergehend nicht verfügbar (%2: %3); %4 oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 or a proxy in front of it answered with an error page (%2: %3) instead of a reply; %4, or move this step down.</source>
        <translation>%1 oder ein vorgeschalteter Proxy hat statt einer Antwort eine Fehlerseite geliefert (%2: %3); %4 oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 failed behind OpenRouter (%2: %3); %4, let OpenRouter fall back to another provider, or move this step down.</source>
        <translation>%1 ist hinter OpenRouter fehlgeschlagen (%2: %3); %4, lassen Sie OpenRouter auf einen anderen Anbieter ausweichen oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 failed with a server error (%2: %3); %4, or move this step down.</source>
        <translation>%1 ist mit einem Serverfehler gescheitert (%2: %3); %4 oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 failed with %2 (%3), a server-side error Detour has no specific explanation for; %4, or move this step down.</source>
        <translation>%1 ist mit %2 (%3) gescheitert, einem serverseitigen Fehler, für den Detour keine genauere Erklärung hat; %4 oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 timed out before the model answered (%2: %3); %4, or move this step down.</source>
        <translation>%1 hat eine Zeitüberschreitung gemeldet, bevor das Modell antwortete (%2: %3); %4 oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>The endpoint says your account is out of credits or quota (%1); add credits with that service or move this step down.</source>
        <translation>Der Endpunkt meldet, dass Ihr Konto kein Guthaben oder Kontingent mehr hat (%1); laden Sie bei diesem Dienst Guthaben auf oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>Your OpenRouter credits do not cover this request (%1); add credits in OpenRouter&apos;s settings or lower max_tokens.</source>
        <translation>Ihr OpenRouter-Guthaben reicht für diese Anfrage nicht (%1); laden Sie in den Einstellungen von OpenRouter Guthaben auf oder senken Sie max_tokens.</translation>
    </message>
    <message>
        <source>Your OpenRouter account does not have enough credits for this request (%1); add credits in OpenRouter&apos;s settings.</source>
        <translation>Ihr OpenRouter-Konto hat nicht genug Guthaben für diese Anfrage (%1); laden Sie in den Einstellungen von OpenRouter Guthaben auf.</translation>
    </message>
    <message>
        <source>%1 rejected your API key (%2); check that the key is set, correct and not revoked.</source>
        <translation>%1 hat Ihren API-Schlüssel abgelehnt (%2); prüfen Sie, ob der Schlüssel gesetzt, korrekt und nicht widerrufen ist.</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>dem Anbieter</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
    <message>
        <source>%1&apos;s moderation flagged your input (%2), so the request to %3 was refused; rephrase the message or choose another model.</source>
        <translation>Die Moderation bei %1 hat Ihre Eingabe beanstandet (%2), daher wurde die Anfrage an %3 abgelehnt; formulieren Sie die Nachricht um oder wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>%1 refused the request as forbidden (%2); check your key&apos;s permissions and limits.</source>
        <translation>%1 hat die Anfrage als unzulässig abgelehnt (%2); prüfen Sie die Berechtigungen und Limits Ihres Schlüssels.</translation>
    </message>
    <message>
        <source>%1 could not find the model or no provider serves it (%2); check the model ID and the endpoint URL, or choose another model.</source>
        <translation>%1 hat das Modell nicht gefunden, oder kein Anbieter bedient es (%2); prüfen Sie die Modell-ID und die Endpunkt-URL oder wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>The request does not fit in the model&apos;s context window (%1); shorten the conversation, lower max_tokens, or choose a model with a larger context.</source>
        <translation>Die Anfrage passt nicht in das Kontextfenster des Modells (%1); kürzen Sie die Unterhaltung, senken Sie max_tokens oder wählen Sie ein Modell mit größerem Kontext.</translation>
    </message>
    <message>
        <source>%1 rejected the request as invalid (%2: %3); check the request&apos;s parameters or choose a model that supports them.</source>
        <translation>%1 hat die Anfrage als ungültig abgelehnt (%2: %3); prüfen Sie die Parameter der Anfrage oder wählen Sie ein Modell, das sie unterstützt.</translation>
    </message>
    <message>
        <source>%1 refused the request with %2 (%3), a status Detour has no specific explanation for; check the request and the endpoint settings, or move this step down.</source>
        <translation>%1 hat die Anfrage mit %2 (%3) abgelehnt, einem Status, für den Detour keine genauere Erklärung hat; prüfen Sie die Anfrage und die Einstellungen des Endpunkts oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>%1 answered with a redirect (%2) instead of a reply; check the endpoint&apos;s base URL.</source>
        <translation>%1 hat statt einer Antwort eine Weiterleitung geschickt (%2); prüfen Sie die Basis-URL des Endpunkts.</translation>
    </message>
    <message>
        <source>%1 answered the request (%2) without an error.</source>
        <translation>%1 hat die Anfrage ohne Fehler beantwortet (%2).</translation>
    </message>
    <message>
        <source>%1 answered with %2 and %3, which is not a reply Detour can read; retry, or move this step down.</source>
        <translation>%1 hat mit %2 und %3 geantwortet, was keine Antwort ist, die Detour lesen kann; versuchen Sie es erneut oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>this happened mid-stream, after the reply had started</source>
        <translation>das geschah mitten im Stream, nachdem die Antwort begonnen hatte</translation>
    </message>
    <message>
        <source>reported inside an HTTP %1 response</source>
        <translation>gemeldet innerhalb einer HTTP-%1-Antwort</translation>
    </message>
    <message>
        <source>Could not connect to %1 within %2; check your network connection and the endpoint URL, then retry.</source>
        <translation>Keine Verbindung zu %1 innerhalb von %2; prüfen Sie Ihre Netzwerkverbindung und die Endpunkt-URL und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>the endpoint</source>
        <translation>dem Endpunkt</translation>
    </message>
    <message>
        <source>No first token from the server after %1; the model or its provider may be overloaded, so retry, move this step down, or raise the first-token timeout.</source>
        <translation>Nach %1 kam noch kein erstes Token vom Server; das Modell oder sein Anbieter ist vielleicht überlastet, also versuchen Sie es erneut, verschieben Sie diesen Schritt nach unten oder erhöhen Sie das Zeitlimit für das erste Token.</translation>
    </message>
    <message>
        <source>The server stopped sending in the middle of the reply (nothing for %1); retry, or move this step down.</source>
        <translation>Der Server hat mitten in der Antwort aufgehört zu senden (nichts seit %1); versuchen Sie es erneut oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>The reply took longer than the total time limit of %1; retry, raise the limit, or move this step down.</source>
        <translation>Die Antwort hat länger gedauert als das Gesamtzeitlimit von %1; versuchen Sie es erneut, erhöhen Sie das Limit oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>Could not reach %1; check your internet connection, proxy and the endpoint URL, then retry.</source>
        <translation>Keine Verbindung zu %1 möglich; prüfen Sie Ihre Internetverbindung, den Proxy und die Endpunkt-URL und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Could not reach %1 (%2); check your internet connection, proxy and the endpoint URL, then retry.</source>
        <translation>Keine Verbindung zu %1 möglich (%2); prüfen Sie Ihre Internetverbindung, den Proxy und die Endpunkt-URL und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>%1 sent a reply Detour could not read (%2); retry, or move this step down.</source>
        <translation>%1 hat eine Antwort geschickt, die Detour nicht lesen konnte (%2); versuchen Sie es erneut oder verschieben Sie diesen Schritt nach unten.</translation>
    </message>
    <message>
        <source>no details</source>
        <translation>keine Details</translation>
    </message>
    <message>
        <source>You stopped this request, so nothing failed; send it again to retry.</source>
        <translation>Sie haben diese Anfrage abgebrochen, es ist also nichts fehlgeschlagen; senden Sie sie erneut, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <source>The first line is not an HTTP status line (expected something like &quot;HTTP/1.1 429 Too Many Requests&quot;).</source>
        <translation>Die erste Zeile ist keine HTTP-Statuszeile (erwartet wird etwa „HTTP/1.1 429 Too Many Requests“).</translation>
    </message>
    <message>
        <source>The status line has no three-digit status code.</source>
        <translation>Die Statuszeile enthält keinen dreistelligen Statuscode.</translation>
    </message>
    <message>
        <source>The status code %1 is outside 100-599.</source>
        <translation>Der Statuscode %1 liegt außerhalb von 100–599.</translation>
    </message>
    <message>
        <source>Line %1 continues a header that does not exist.</source>
        <translation>Zeile %1 setzt einen Header fort, den es nicht gibt.</translation>
    </message>
    <message>
        <source>Line %1 is not a header (expected &quot;Name: value&quot; or a blank line before the body).</source>
        <translation>Zeile %1 ist kein Header (erwartet wird „Name: Wert“ oder eine Leerzeile vor dem Body).</translation>
    </message>
    <message>
        <source>The response is empty: no status line.</source>
        <translation>Die Antwort ist leer: keine Statuszeile.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to %1%2, so Detour sent nothing; check the endpoint URL, and whether something on your network intercepts secure connections.</source>
        <translation>Es konnte keine sichere Verbindung zu %1%2 aufgebaut werden, daher hat Detour nichts gesendet; prüfen Sie die Endpunkt-URL und ob etwas in Ihrem Netzwerk sichere Verbindungen abfängt.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted%1, so Detour sent nothing to %2; check the endpoint URL, and whether something on your network intercepts secure connections. To trust a company or private certificate authority on purpose, name its PEM file as &quot;ca_file&quot; of this endpoint in the route, or under Certificate authority in the route editor.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut%1, daher hat Detour nichts an %2 gesendet; prüfen Sie die URL des Endpunkts und ob etwas in Ihrem Netzwerk sichere Verbindungen abfängt. Um einer Firmen- oder privaten Zertifizierungsstelle bewusst zu vertrauen, nennen Sie ihre PEM-Datei als „ca_file“ dieses Endpunkts in der Route oder unter Zertifizierungsstelle im Routeneditor.</translation>
    </message>
    <message>
        <source>Detour sent nothing: %1; fix or remove &quot;ca_file&quot; of this endpoint in the route.</source>
        <translation>Detour hat nichts gesendet: %1; korrigieren oder entfernen Sie „ca_file“ dieses Endpunkts in der Route.</translation>
    </message>
    <message>
        <source>You are offline: this computer has no network connection, so Detour sent nothing to %1; retry once you are connected again.</source>
        <translation>Sie sind offline: Dieser Computer hat keine Netzwerkverbindung, daher hat Detour nichts an %1 gesendet; versuchen Sie es erneut, sobald Sie wieder verbunden sind.</translation>
    </message>
    <message>
        <source>the proxy</source>
        <translation>den Proxy</translation>
    </message>
    <message>
        <source>the proxy %1</source>
        <translation>den Proxy %1</translation>
    </message>
    <message>
        <source>Detour could not get through %1: it asks for a user name and password (407), so the request never reached %2; put them in the proxy setting (http://user:password@host:port in https_proxy / http_proxy), or use a proxy that needs none.</source>
        <translation>Detour kam nicht durch %1: Er verlangt Benutzername und Passwort (407), daher hat die Anfrage %2 nie erreicht; tragen Sie beides in die Proxy-Einstellung ein (http://benutzer:passwort@host:port in https_proxy / http_proxy) oder verwenden Sie einen Proxy, der keine braucht.</translation>
    </message>
    <message>
        <source>Detour could not get through %1 (%2), so the request never reached %3; check that the proxy is running and the proxy setting (https_proxy / http_proxy) is right, then retry.</source>
        <translation>Detour kam nicht durch %1 (%2), daher hat die Anfrage %3 nie erreicht; prüfen Sie, ob der Proxy läuft und die Proxy-Einstellung (https_proxy / http_proxy) stimmt, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>%1 is rate-limiting the requests this endpoint relays to it (%2); %3, or move this step down so another endpoint answers first.</source>
        <translation>%1 begrenzt die Rate der Anfragen, die dieser Endpunkt an ihn weiterleitet (%2); %3 oder verschieben Sie diesen Schritt nach unten, damit zuerst ein anderer Endpunkt antwortet.</translation>
    </message>
</context>
<context>
    <name>EndpointParam</name>
    <message>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>query parameter</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot;, %2 &quot;%3&quot;</source>
        <translation>Endpunkt „%1“, %2 „%3“</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; has a %2 without a name.</source>
        <translation>Endpunkt „%1“ hat einen %2 ohne Namen.</translation>
    </message>
    <message>
        <source>%1: a header name is letters, digits and !#$%&amp;&apos;*+-.^_`|~ only.</source>
        <translation>%1: Ein Header-Name besteht nur aus Buchstaben, Ziffern und !#$%&amp;&apos;*+-.^_`|~.</translation>
    </message>
    <message>
        <source>%1: Detour sets this header itself.</source>
        <translation>%1: Diesen Header setzt Detour selbst.</translation>
    </message>
    <message>
        <source>%1: the endpoint&apos;s key already goes in this header; leave key_env empty to set it here.</source>
        <translation>%1: Der Schlüssel des Endpunkts steht bereits in diesem Header; lassen Sie key_env leer, um ihn hier festzulegen.</translation>
    </message>
    <message>
        <source>%1: the name has a character a URL cannot carry.</source>
        <translation>%1: Der Name enthält ein Zeichen, das eine URL nicht übertragen kann.</translation>
    </message>
    <message>
        <source>%1: the value has a line break.</source>
        <translation>%1: Der Wert enthält einen Zeilenumbruch.</translation>
    </message>
    <message>
        <source>%1 looks like a credential: take its value from an environment variable or the keyring, not from the route file.</source>
        <translation>%1 sieht nach Zugangsdaten aus: Nehmen Sie den Wert aus einer Umgebungsvariable oder dem Schlüsselbund, nicht aus der Routendatei.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an environment variable&apos;s name.</source>
        <translation>%1: „%2“ ist kein Name einer Umgebungsvariable.</translation>
    </message>
    <message>
        <source>%1: a keyring entry is named with letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>%1: Der Name eines Eintrags im Schlüsselbund besteht nur aus Buchstaben, Ziffern, „.“, „_“ und „-“.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; names the %2 &quot;%3&quot; twice.</source>
        <translation>Endpunkt „%1“ nennt den %2 „%3“ zweimal.</translation>
    </message>
</context>
<context>
    <name>EndpointRequest</name>
    <message>
        <source>Endpoint &quot;%1&quot; takes &quot;%2&quot; from the environment variable %3, which is not set, so Detour sent nothing; set it and start Detour again.</source>
        <translation>Endpunkt „%1“ nimmt „%2“ aus der Umgebungsvariable %3, die nicht gesetzt ist, daher hat Detour nichts gesendet; setzen Sie sie und starten Sie Detour neu.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; takes &quot;%2&quot; from the keyring entry &quot;%3&quot;, which Detour could not read, so it sent nothing; save the value in the route editor (Headers and query…).</source>
        <translation>Endpunkt „%1“ nimmt „%2“ aus dem Eintrag „%3“ im Schlüsselbund, den Detour nicht lesen konnte, daher hat es nichts gesendet; speichern Sie den Wert im Routeneditor (Header und Query…).</translation>
    </message>
    <message>
        <source>Detour does not send the secret header &quot;%1&quot; over plain http:// to %2; use https://.</source>
        <translation>Detour sendet den geheimen Header „%1“ nicht über unverschlüsseltes http:// an %2; verwenden Sie https://.</translation>
    </message>
    <message>
        <source>Detour does not send the secret query parameter &quot;%1&quot; over plain http:// to %2; use https://.</source>
        <translation>Detour sendet den geheimen Query-Parameter „%1“ nicht über unverschlüsseltes http:// an %2; verwenden Sie https://.</translation>
    </message>
</context>
<context>
    <name>EnvironmentSecretStore</name>
    <message>
        <source>Keys from environment variables cannot be changed from Detour; change the variable in your environment instead.</source>
        <translation>Schlüssel aus Umgebungsvariablen lassen sich in Detour nicht ändern; ändern Sie stattdessen die Variable in Ihrer Umgebung.</translation>
    </message>
    <message>
        <source>Keys from environment variables cannot be removed from Detour; unset the variable in your environment instead.</source>
        <translation>Schlüssel aus Umgebungsvariablen lassen sich in Detour nicht entfernen; entfernen Sie stattdessen die Variable aus Ihrer Umgebung.</translation>
    </message>
</context>
<context>
    <name>ExplainCommand</name>
    <message>
        <source>--kind must be &quot;openrouter&quot; or &quot;openai&quot;.</source>
        <translation>--kind muss „openrouter“ oder „openai“ sein.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a saved HTTP response (status line, headers, blank line, body): %2</source>
        <translation>%1 ist keine gespeicherte HTTP-Antwort (Statuszeile, Header, Leerzeile, Body): %2</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>--export takes one of %1, not &quot;%2&quot;.</source>
        <translation>--export nimmt einen der Werte %1, nicht „%2“.</translation>
    </message>
    <message>
        <source>--export needs the route: --route FILE.</source>
        <translation>--export braucht die Route: --route DATEI.</translation>
    </message>
    <message>
        <source>Cannot read route file %1: %2</source>
        <translation>Routendatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Route file %1: %2</source>
        <translation>Routendatei %1: %2</translation>
    </message>
</context>
<context>
    <name>GatewayPreset</name>
    <message>
        <source>Portkey AI gateway</source>
        <translation>Portkey AI Gateway</translation>
    </message>
    <message>
        <source>Set PORTKEY_API_KEY to your Portkey key and OPENROUTER_API_KEY to the key of the provider Portkey calls (here OpenRouter; change x-portkey-provider for another, or use x-portkey-config instead).</source>
        <translation>Setzen Sie PORTKEY_API_KEY auf Ihren Portkey-Schlüssel und OPENROUTER_API_KEY auf den Schlüssel des Anbieters, den Portkey aufruft (hier OpenRouter; ändern Sie x-portkey-provider für einen anderen oder verwenden Sie stattdessen x-portkey-config).</translation>
    </message>
    <message>
        <source>Helicone</source>
        <translation>Helicone</translation>
    </message>
    <message>
        <source>Set OPENAI_API_KEY to your OpenAI key and HELICONE_AUTH to &quot;Bearer &quot; followed by your Helicone key.</source>
        <translation>Setzen Sie OPENAI_API_KEY auf Ihren OpenAI-Schlüssel und HELICONE_AUTH auf „Bearer “ gefolgt von Ihrem Helicone-Schlüssel.</translation>
    </message>
    <message>
        <source>Cloudflare AI Gateway</source>
        <translation>Cloudflare AI Gateway</translation>
    </message>
    <message>
        <source>Replace ACCOUNT_ID and GATEWAY_ID in the base URL; name models &quot;openai/gpt-4o-mini&quot;; set CF_AIG_AUTHORIZATION to &quot;Bearer &quot; followed by a Cloudflare API token when the gateway is authenticated.</source>
        <translation>Ersetzen Sie ACCOUNT_ID und GATEWAY_ID in der Basis-URL; geben Sie Modelle in der Form „openai/gpt-4o-mini“ an; setzen Sie CF_AIG_AUTHORIZATION auf „Bearer “ gefolgt von einem Cloudflare-API-Token, wenn das Gateway eine Authentifizierung verlangt.</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Replace RESOURCE and DEPLOYMENT in the base URL and set AZURE_OPENAI_API_KEY.</source>
        <translation>Ersetzen Sie RESOURCE und DEPLOYMENT in der Basis-URL und setzen Sie AZURE_OPENAI_API_KEY.</translation>
    </message>
    <message>
        <source>LiteLLM proxy</source>
        <translation>LiteLLM-Proxy</translation>
    </message>
    <message>
        <source>Change the host if the proxy runs elsewhere (https:// for another computer) and set LITELLM_MASTER_KEY to its master key or a virtual key.</source>
        <translation>Ändern Sie den Host, wenn der Proxy woanders läuft (https:// für einen anderen Computer), und setzen Sie LITELLM_MASTER_KEY auf seinen Master-Schlüssel oder einen virtuellen Schlüssel.</translation>
    </message>
</context>
<context>
    <name>HedgeDelay</name>
    <message>
        <source>%1 for step %2 (from history)</source>
        <translation>%1 für Schritt %2 (aus dem Verlauf)</translation>
    </message>
    <message>
        <source>%1 for step %2 (no history)</source>
        <translation>%1 für Schritt %2 (ohne Verlauf)</translation>
    </message>
    <message>
        <source>auto: %1 (no history)</source>
        <translation>automatisch: %1 (ohne Verlauf)</translation>
    </message>
    <message>
        <source>auto: %1</source>
        <translation>automatisch: %1</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 could not be written: %2</source>
        <translation>Es wurde nichts importiert: %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Imported from %1: %2.</source>
        <translation>Importiert aus %1: %2.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
</context>
<context>
    <name>NumberText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Served</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Rate-limited upstream</source>
        <translation>Ratenlimit beim Anbieter</translation>
    </message>
    <message>
        <source>Rate-limited (your key)</source>
        <translation>Ratenlimit (Ihr Schlüssel)</translation>
    </message>
    <message>
        <source>Out of credits</source>
        <translation>Kein Guthaben</translation>
    </message>
    <message>
        <source>Key refused</source>
        <translation>Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>Blocked by moderation</source>
        <translation>Von der Moderation blockiert</translation>
    </message>
    <message>
        <source>Model not found</source>
        <translation>Modell nicht gefunden</translation>
    </message>
    <message>
        <source>Context too long</source>
        <translation>Kontext zu lang</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Skipped (cooling down)</source>
        <translation>Übersprungen (Abkühlphase)</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>OpenRouter</source>
        <translation>OpenRouter</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>Der Anbieter</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Der Endpunkt</translation>
    </message>
    <message>
        <source>The network</source>
        <translation>Das Netzwerk</translation>
    </message>
    <message>
        <source>Wait and retry</source>
        <translation>Warten und erneut versuchen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Allow OpenRouter fallbacks</source>
        <translation>OpenRouter-Fallbacks erlauben</translation>
    </message>
    <message>
        <source>Move the step down</source>
        <translation>Schritt nach unten verschieben</translation>
    </message>
    <message>
        <source>Add your own provider key</source>
        <translation>Eigenen Anbieterschlüssel hinterlegen</translation>
    </message>
    <message>
        <source>Try the paid variant</source>
        <translation>Kostenpflichtige Variante versuchen</translation>
    </message>
    <message>
        <source>Add credits</source>
        <translation>Guthaben aufladen</translation>
    </message>
    <message>
        <source>Check the key</source>
        <translation>Schlüssel prüfen</translation>
    </message>
    <message>
        <source>Shorten the conversation</source>
        <translation>Unterhaltung kürzen</translation>
    </message>
    <message>
        <source>Choose another model</source>
        <translation>Anderes Modell wählen</translation>
    </message>
</context>
<context>
    <name>RecordImporter</name>
    <message>
        <source>The conversation from %1 is already there.</source>
        <translation>Die Unterhaltung aus %1 ist bereits vorhanden.</translation>
    </message>
</context>
<context>
    <name>RelayReport</name>
    <message>
        <source>%1 relayed %2&apos;s error (provider %3)</source>
        <translation>%1 hat den Fehler von %2 weitergeleitet (Anbieter %3)</translation>
    </message>
    <message>
        <source>%1 relayed %2&apos;s error</source>
        <translation>%1 hat den Fehler von %2 weitergeleitet</translation>
    </message>
</context>
<context>
    <name>RouteEditorWidget</name>
    <message>
        <source>Hello!</source>
        <translation>Hallo!</translation>
    </message>
</context>
<context>
    <name>RouteFile</name>
    <message>
        <source>%1 must be a JSON object.</source>
        <translation>%1 muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>%1.%2 must be a string.</source>
        <translation>%1.%2 muss ein String sein.</translation>
    </message>
    <message>
        <source>%1.%2 must be a list of strings.</source>
        <translation>%1.%2 muss eine Liste von Strings sein.</translation>
    </message>
    <message>
        <source>%1.%2 must be a non-negative number.</source>
        <translation>%1.%2 muss eine nicht negative Zahl sein.</translation>
    </message>
    <message>
        <source>%1.%2 must be at most %3.</source>
        <translation>%1.%2 darf höchstens %3 sein.</translation>
    </message>
    <message>
        <source>%1.%2 must be true or false.</source>
        <translation>%1.%2 muss true oder false sein.</translation>
    </message>
    <message>
        <source>policy.fall_through: &quot;%1&quot; is not an outcome.</source>
        <translation>policy.fall_through: „%1“ ist kein Ergebnis.</translation>
    </message>
    <message>
        <source>The route file nests lists and objects deeper than %1 levels.</source>
        <translation>Die Routendatei schachtelt Listen und Objekte tiefer als %1 Ebenen.</translation>
    </message>
    <message>
        <source>The route file is not valid JSON.</source>
        <translation>Die Routendatei ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>The route file</source>
        <translation>Die Routendatei</translation>
    </message>
    <message>
        <source>endpoints must be a list.</source>
        <translation>endpoints muss eine Liste sein.</translation>
    </message>
    <message>
        <source>%1.kind must be &quot;openrouter&quot; or &quot;openai&quot;.</source>
        <translation>%1.kind muss „openrouter“ oder „openai“ sein.</translation>
    </message>
    <message>
        <source>steps must be a non-empty list.</source>
        <translation>steps muss eine nicht leere Liste sein.</translation>
    </message>
    <message>
        <source>policy.sort: &quot;%1&quot; is not one of none, throughput, latency, success_rate.</source>
        <translation>policy.sort: „%1“ ist keiner der Werte none, throughput, latency, success_rate.</translation>
    </message>
    <message>
        <source>%1.proxy must be &quot;direct&quot; or absent.</source>
        <translation>%1.proxy muss „direct“ sein oder fehlen.</translation>
    </message>
    <message>
        <source>%1.pdf_engine must be &quot;pdf-text&quot;, &quot;mistral-ocr&quot; or &quot;native&quot;.</source>
        <translation>%1.pdf_engine muss „pdf-text“, „mistral-ocr“ oder „native“ sein.</translation>
    </message>
    <message>
        <source>%1 must be a number or an object of percentile cut-offs (p50, p75, p90, p99).</source>
        <translation>%1 muss eine Zahl oder ein Objekt mit Perzentil-Schwellenwerten (p50, p75, p90, p99) sein.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a percentile; use p50, p75, p90 or p99.</source>
        <translation>%1: „%2“ ist kein Perzentil; verwenden Sie p50, p75, p90 oder p99.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a field of sort; use by and partition.</source>
        <translation>%1: „%2“ ist kein Feld von sort; verwenden Sie by und partition.</translation>
    </message>
    <message>
        <source>%1.partition must be &quot;model&quot; or &quot;none&quot;.</source>
        <translation>%1.partition muss „model“ oder „none“ sein.</translation>
    </message>
    <message>
        <source>%1 must be a string or an object with by and partition.</source>
        <translation>%1 muss ein String oder ein Objekt mit by und partition sein.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not one of price, throughput, latency.</source>
        <translation>%1: „%2“ ist keiner der Werte price, throughput, latency.</translation>
    </message>
    <message>
        <source>%1.%2 must be a string, {&quot;env&quot;: &quot;VARIABLE&quot;} or {&quot;keyring&quot;: &quot;entry&quot;}.</source>
        <translation>%1.%2 muss ein String, {&quot;env&quot;: &quot;VARIABLE&quot;} oder {&quot;keyring&quot;: &quot;entry&quot;} sein.</translation>
    </message>
    <message>
        <source>policy.hedge_after_ms must be 0 (off), a number of milliseconds or &quot;auto&quot;, not %1.</source>
        <translation>policy.hedge_after_ms muss 0 (aus), eine Anzahl Millisekunden oder „auto“ sein, nicht %1.</translation>
    </message>
    <message>
        <source>%1.allowed_models applies only to the model %2.</source>
        <translation>%1.allowed_models gilt nur für das Modell %2.</translation>
    </message>
</context>
<context>
    <name>RoutePlan</name>
    <message>
        <source>An endpoint has no id.</source>
        <translation>Ein Endpunkt hat keine ID.</translation>
    </message>
    <message>
        <source>Endpoint id &quot;%1&quot; is used twice.</source>
        <translation>Die Endpunkt-ID „%1“ wird zweimal verwendet.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; needs an http:// or https:// base URL.</source>
        <translation>Endpunkt „%1“ braucht eine Basis-URL mit http:// oder https://.</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot;: a base URL has no #fragment.</source>
        <translation>Endpunkt „%1“: Eine Basis-URL hat kein #Fragment.</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 uses endpoint &quot;%2&quot;, which the route does not define.</source>
        <translation>%1 verwendet den Endpunkt „%2“, den die Route nicht definiert.</translation>
    </message>
    <message>
        <source>%1 has no model.</source>
        <translation>%1 hat kein Modell.</translation>
    </message>
    <message>
        <source>%1: provider sort must be price, throughput or latency.</source>
        <translation>%1: Die Anbieter-Sortierung muss price, throughput oder latency sein.</translation>
    </message>
    <message>
        <source>%1: data collection must be allow or deny.</source>
        <translation>%1: Die Datenerhebung muss allow oder deny sein.</translation>
    </message>
    <message>
        <source>%1 ignores every provider it allows.</source>
        <translation>%1 ignoriert jeden Anbieter, den er zulässt.</translation>
    </message>
    <message>
        <source>The route has no enabled step.</source>
        <translation>Die Route hat keinen aktiven Schritt.</translation>
    </message>
</context>
<context>
    <name>RouteTransfer</name>
    <message>
        <source>The route is larger than 1 MiB, which no route file needs to be.</source>
        <translation>Die Route ist größer als 1 MiB, was keine Routendatei je braucht.</translation>
    </message>
    <message>
        <source>The route file %1 could not be opened.</source>
        <translation>Die Routendatei %1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The route file %1 is larger than 1 MiB, which no route file needs to be.</source>
        <translation>Die Routendatei %1 ist größer als 1 MiB, was keine Routendatei je braucht.</translation>
    </message>
    <message>
        <source>The route in %1 cannot be imported: %2</source>
        <translation>Die Route in %1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>The first enabled step uses endpoint &quot;%1&quot;, which the route does not define.</source>
        <translation>Der erste aktive Schritt verwendet den Endpunkt „%1“, den die Route nicht definiert.</translation>
    </message>
    <message>
        <source>The route has no enabled step, so there is no request to export.</source>
        <translation>Die Route hat keinen aktiven Schritt, es gibt also keine Anfrage zu exportieren.</translation>
    </message>
    <message>
        <source>Detour could not write %1 (%2).</source>
        <translation>Detour konnte %1 nicht schreiben (%2).</translation>
    </message>
</context>
<context>
    <name>StepCursor</name>
    <message>
        <source>Skipped: endpoint &quot;%1&quot; refused its key earlier in this turn.</source>
        <translation>Übersprungen: Endpunkt „%1“ hat seinen Schlüssel in dieser Runde bereits abgelehnt.</translation>
    </message>
    <message>
        <source>Skipped: %1 is cooling down after a rate limit until %2.</source>
        <translation>Übersprungen: %1 pausiert nach einem Ratenlimit bis %2.</translation>
    </message>
    <message>
        <source>Skipped: cooling down after %1: %2.</source>
        <translation>Übersprungen: Abkühlphase nach %1: %2.</translation>
    </message>
    <message>
        <source>Skipped: endpoint &quot;%1&quot; said earlier in this turn that there are no credits for paid models.</source>
        <translation>Übersprungen: Endpunkt „%1“ hat in dieser Runde bereits gemeldet, dass es für kostenpflichtige Modelle kein Guthaben gibt.</translation>
    </message>
</context>
<context>
    <name>TurnBadge</name>
    <message>
        <source>Not served: %1</source>
        <translation>Nicht beantwortet: %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Interrupted: %1</source>
        <translation>Unterbrochen: %1</translation>
    </message>
    <message>
        <source>first token %1</source>
        <translation>erstes Token %1</translation>
    </message>
    <message>
        <source>%1 tok</source>
        <translation>%1 Tok.</translation>
    </message>
    <message>
        <source>after 1 fallback</source>
        <translation>nach 1 Fallback</translation>
    </message>
    <message>
        <source>after %1 fallbacks</source>
        <translation>nach %1 Fallbacks</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>attempts line: who, HTTP status</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>attempts line: who, outcome</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 ×%2</source>
        <comment>attempts line: a hop repeated</comment>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>hedged: %1 was first by %2</source>
        <translation>parallel angefragt: %1 war um %2 schneller</translation>
    </message>
</context>
<context>
    <name>detour::AskCommand</name>
    <message>
        <source>Unknown scenario &quot;%1&quot;: not built in (%2) and not a readable file.</source>
        <translation>Unbekanntes Szenario „%1“: nicht eingebaut (%2) und keine lesbare Datei.</translation>
    </message>
    <message>
        <source>Scenario &quot;%1&quot; is not valid: %2</source>
        <translation>Szenario „%1“ ist ungültig: %2</translation>
    </message>
    <message>
        <source>The simulator could not listen on 127.0.0.1.</source>
        <translation>Der Simulator konnte nicht auf 127.0.0.1 lauschen.</translation>
    </message>
    <message>
        <source>Cannot keep the history: %1 Use --no-history to ask without it.</source>
        <translation>Der Verlauf kann nicht geführt werden: %1 Mit --no-history fragen Sie ohne Verlauf.</translation>
    </message>
    <message>
        <source>Cannot save the message in %1: %2. Use --no-history to ask without it.</source>
        <translation>Die Nachricht kann nicht in %1 gespeichert werden: %2. Mit --no-history fragen Sie ohne Verlauf.</translation>
    </message>
    <message>
        <source>--ask needs a message.</source>
        <translation>--ask braucht eine Nachricht.</translation>
    </message>
    <message>
        <source>Cannot read route file %1: %2</source>
        <translation>Routendatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Route file %1: %2</source>
        <translation>Routendatei %1: %2</translation>
    </message>
    <message>
        <source>… waiting %1 s: %2</source>
        <translation>… warte %1 s: %2</translation>
    </message>
    <message>
        <source>This turn could not be saved in the history: %1</source>
        <translation>Diese Runde konnte nicht im Verlauf gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Not served: %1</source>
        <translation>Nicht beantwortet: %1</translation>
    </message>
    <message>
        <source>--set takes NAME=VALUE, not &quot;%1&quot;. Names: %2.</source>
        <translation>--set nimmt NAME=WERT, nicht „%1“. Namen: %2.</translation>
    </message>
    <message>
        <source>--set %1: %2</source>
        <translation>--set %1: %2</translation>
    </message>
    <message>
        <source>Cannot write the trace to %1.</source>
        <translation>Die Ablaufspur kann nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>The model list could not be fetched (%1): every step will be tried.</source>
        <translation>Die Modellliste konnte nicht abgerufen werden (%1): Jeder Schritt wird versucht.</translation>
    </message>
</context>
<context>
    <name>detour::AttachmentChip</name>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Attachment %1, %2</source>
        <translation>Anhang %1, %2</translation>
    </message>
    <message>
        <source>Delete removes it</source>
        <translation>Entf entfernt ihn</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
</context>
<context>
    <name>detour::AttachmentStrip</name>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
</context>
<context>
    <name>detour::AttemptRows</name>
    <message>
        <source>Turn %1 has no attempt %2.</source>
        <translation>Runde %1 hat keinen Versuch %2.</translation>
    </message>
</context>
<context>
    <name>detour::AttemptTableModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Model (requested → served)</source>
        <translation>Modell (angefragt → geliefert)</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Who must act</source>
        <translation>Wer handeln muss</translation>
    </message>
    <message>
        <source>Retry after</source>
        <translation>Erneut nach</translation>
    </message>
    <message>
        <source>First byte</source>
        <translation>Erstes Byte</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>↳ server-side</source>
        <translation>↳ serverseitig</translation>
    </message>
    <message>
        <source>refused (%1)</source>
        <translation>abgelehnt (%1)</translation>
    </message>
    <message>
        <source>OpenRouter tried it</source>
        <translation>Von OpenRouter versucht</translation>
    </message>
    <message>
        <source>in flight…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>%1 (interrupted)</source>
        <translation>%1 (unterbrochen)</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
</context>
<context>
    <name>detour::AuthorityFileField</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation>Datei der Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>system authorities only</source>
        <translation>nur die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <source>Choose a certificate authority file</source>
        <translation>Datei einer Zertifizierungsstelle wählen</translation>
    </message>
    <message>
        <source>Trust the system authorities only</source>
        <translation>Nur den Zertifizierungsstellen des Systems vertrauen</translation>
    </message>
    <message>
        <source>A company or private certificate authority (PEM file) that this endpoint trusts in addition to the system&apos;s, for networks that inspect secure connections.</source>
        <translation>Eine Firmen- oder private Zertifizierungsstelle (PEM-Datei), der dieser Endpunkt zusätzlich zu denen des Systems vertraut, für Netzwerke, die sichere Verbindungen prüfen.</translation>
    </message>
    <message>
        <source>Trust this certificate authority?</source>
        <translation>Dieser Zertifizierungsstelle vertrauen?</translation>
    </message>
    <message>
        <source>Requests to this endpoint will trust servers whose certificates these authorities signed:

%1</source>
        <translation>Anfragen an diesen Endpunkt vertrauen Servern, deren Zertifikate diese Zertifizierungsstellen signiert haben:

%1</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>detour::Catalog</name>
    <message>
        <source>the model list</source>
        <translation>die Modellliste</translation>
    </message>
    <message>
        <source>the providers of %1</source>
        <translation>die Anbieter von %1</translation>
    </message>
    <message>
        <source>the key information</source>
        <translation>die Schlüsselinformationen</translation>
    </message>
    <message>
        <source>the credits</source>
        <translation>das Guthaben</translation>
    </message>
    <message>
        <source>its name is not a valid model id</source>
        <translation>sein Name ist keine gültige Modell-ID</translation>
    </message>
    <message>
        <source>Did not ask for the providers of &quot;%1&quot;: %2.</source>
        <translation>Die Anbieter von „%1“ wurden nicht abgefragt: %2.</translation>
    </message>
    <message>
        <source>Could not update %1: &quot;%2&quot; is not an http or https base URL.</source>
        <translation>%1 konnte nicht aktualisiert werden: „%2“ ist keine http- oder https-Basis-URL.</translation>
    </message>
    <message>
        <source>Could not update %1: there is no network access.</source>
        <translation>%1 konnte nicht aktualisiert werden: Es gibt keinen Netzwerkzugang.</translation>
    </message>
    <message>
        <source>The answer</source>
        <translation>Die Antwort</translation>
    </message>
    <message>
        <source>Could not update %1 from %2: %3.</source>
        <translation>%1 konnte nicht von %2 aktualisiert werden: %3.</translation>
    </message>
    <message>
        <source>Could not update %1 from %2: the answer is larger than %3 MiB.</source>
        <translation>%1 konnte nicht von %2 aktualisiert werden: Die Antwort ist größer als %3 MiB.</translation>
    </message>
    <message>
        <source>Could not update %1 from %2: the request was cancelled.</source>
        <translation>%1 konnte nicht von %2 aktualisiert werden: Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Could not update %1 from %2: no answer within %3 s.</source>
        <translation>%1 konnte nicht von %2 aktualisiert werden: keine Antwort innerhalb von %3 s.</translation>
    </message>
    <message>
        <source>Could not reach %1 to update %2: %3.</source>
        <translation>%1 ist nicht erreichbar, um %2 zu aktualisieren: %3.</translation>
    </message>
    <message>
        <source>Could not update %1 from %2: the answer was cut off (%3).</source>
        <translation>%1 konnte nicht von %2 aktualisiert werden: Die Antwort wurde abgeschnitten (%3).</translation>
    </message>
    <message>
        <source>Could not update %1: %2 answered with a redirect (HTTP %3) to &quot;%4&quot;, which catalog requests do not follow.</source>
        <translation>%1 konnte nicht aktualisiert werden: %2 hat mit einer Weiterleitung (HTTP %3) nach „%4“ geantwortet, der Katalog-Anfragen nicht folgen.</translation>
    </message>
    <message>
        <source>Reading %1 from %2 needs an API key, and none is set (%3).</source>
        <translation>Um %1 von %2 zu lesen, ist ein API-Schlüssel nötig, und es ist keiner gesetzt (%3).</translation>
    </message>
    <message>
        <source>This key cannot read %1 at %2 (%3).</source>
        <translation>Dieser Schlüssel darf %1 bei %2 nicht lesen (%3).</translation>
    </message>
    <message>
        <source>%1 lists no providers for %2 (%3).</source>
        <translation>%1 führt keine Anbieter für %2 (%3).</translation>
    </message>
    <message>
        <source>Could not update %1: %2 is limiting requests, try again shortly (%3).</source>
        <translation>%1 konnte nicht aktualisiert werden: %2 begrenzt die Anfragen, versuchen Sie es gleich noch einmal (%3).</translation>
    </message>
    <message>
        <source>Could not update %1 from %2 (%3).</source>
        <translation>%1 konnte nicht von %2 aktualisiert werden (%3).</translation>
    </message>
</context>
<context>
    <name>detour::CatalogCache</name>
    <message>
        <source>Could not write the catalog cache file %1: %2.</source>
        <translation>Die Katalog-Cache-Datei %1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>ihr Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Could not read the catalog cache file %1: %2.</source>
        <translation>Die Katalog-Cache-Datei %1 konnte nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation>sie ist größer als %1 MiB</translation>
    </message>
    <message>
        <source>it</source>
        <translation>sie</translation>
    </message>
    <message>
        <source>it names no base URL</source>
        <translation>sie nennt keine Basis-URL</translation>
    </message>
    <message>
        <source>it has no valid &quot;fetched_at&quot; time</source>
        <translation>sie hat keine gültige Zeit in „fetched_at“</translation>
    </message>
    <message>
        <source>it has no &quot;body&quot; object</source>
        <translation>sie hat kein „body“-Objekt</translation>
    </message>
    <message>
        <source>Ignored the unreadable catalog cache file %1 (%2); it was moved to %3 and will be fetched again.</source>
        <translation>Die unlesbare Katalog-Cache-Datei %1 wurde ignoriert (%2); sie wurde nach %3 verschoben und wird neu abgerufen.</translation>
    </message>
    <message>
        <source>Ignored the unreadable catalog cache file %1 (%2); it was removed and will be fetched again.</source>
        <translation>Die unlesbare Katalog-Cache-Datei %1 wurde ignoriert (%2); sie wurde entfernt und wird neu abgerufen.</translation>
    </message>
</context>
<context>
    <name>detour::CatalogJson</name>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 ist größer als %2 MiB</translation>
    </message>
    <message>
        <source>%1 nests more than %2 levels deep</source>
        <translation>%1 ist tiefer als %2 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>%1 is not a JSON object</source>
        <translation>%1 ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>%1 is an error instead of data: %2</source>
        <translation>%1 ist ein Fehler statt Daten: %2</translation>
    </message>
    <message>
        <source>%1 has no &quot;data&quot; member</source>
        <translation>%1 hat kein „data“-Element</translation>
    </message>
    <message>
        <source>%1 has a &quot;data&quot; member that is not an array</source>
        <translation>%1 hat ein „data“-Element, das kein Array ist</translation>
    </message>
    <message>
        <source>%1 has a &quot;data&quot; member that is not an object</source>
        <translation>%1 hat ein „data“-Element, das kein Objekt ist</translation>
    </message>
</context>
<context>
    <name>detour::ChatGptExport</name>
    <message>
        <source>%1: message must be a JSON object or null.</source>
        <translation>%1: message muss ein JSON-Objekt oder null sein.</translation>
    </message>
    <message>
        <source>%1: message.author.role must be text.</source>
        <translation>%1: message.author.role muss Text sein.</translation>
    </message>
    <message>
        <source>%1: message.content.content_type must be text.</source>
        <translation>%1: message.content.content_type muss Text sein.</translation>
    </message>
    <message>
        <source>a message ChatGPT kept hidden (its own instructions and context, never shown in the conversation)</source>
        <translation>eine Nachricht, die ChatGPT verborgen hielt (eigene Anweisungen und Kontext, nie in der Unterhaltung angezeigt)</translation>
    </message>
    <message>
        <source>your custom instructions (a setting of your ChatGPT account, not part of the conversation)</source>
        <translation>Ihre individuellen Hinweise (eine Einstellung Ihres ChatGPT-Kontos, nicht Teil der Unterhaltung)</translation>
    </message>
    <message>
        <source>a tool&apos;s output (web browsing, code ChatGPT ran, image generation; Detour keeps no tool messages)</source>
        <translation>die Ausgabe eines Tools (Web-Browsing, von ChatGPT ausgeführter Code, Bilderzeugung; Detour behält keine Tool-Nachrichten)</translation>
    </message>
    <message>
        <source>a message from an author Detour does not know (%1)</source>
        <translation>eine Nachricht von einem Autor, den Detour nicht kennt (%1)</translation>
    </message>
    <message>
        <source>%1: content.parts must be a list.</source>
        <translation>%1: content.parts muss eine Liste sein.</translation>
    </message>
    <message>
        <source>a part of a kind Detour does not import (%1)</source>
        <translation>ein Teil eines Typs, den Detour nicht importiert (%1)</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>unbenannt</translation>
    </message>
    <message>
        <source>the model&apos;s thinking summary</source>
        <translation>die Denkzusammenfassung des Modells</translation>
    </message>
    <message>
        <source>a web page ChatGPT&apos;s browser read</source>
        <translation>eine Webseite, die der Browser von ChatGPT gelesen hat</translation>
    </message>
    <message>
        <source>content of a kind Detour does not import (%1)</source>
        <translation>Inhalt eines Typs, den Detour nicht importiert (%1)</translation>
    </message>
    <message>
        <source>an empty message</source>
        <translation>eine leere Nachricht</translation>
    </message>
    <message>
        <source>a picture whose file is not beside conversations.json (unzip the whole export to import pictures)</source>
        <translation>ein Bild, dessen Datei nicht neben conversations.json liegt (entpacken Sie den ganzen Export, um Bilder zu importieren)</translation>
    </message>
    <message>
        <source>a picture whose file cannot be read or is too large</source>
        <translation>ein Bild, dessen Datei nicht lesbar oder zu groß ist</translation>
    </message>
    <message>
        <source>a picture Detour cannot read (%1)</source>
        <translation>ein Bild, das Detour nicht lesen kann (%1)</translation>
    </message>
    <message>
        <source>Conversation %1 is not a JSON object.</source>
        <translation>Unterhaltung %1 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation>Unterhaltung %1</translation>
    </message>
    <message>
        <source>conversation %1 (&quot;%2&quot;)</source>
        <translation>Unterhaltung %1 („%2“)</translation>
    </message>
    <message>
        <source>%1 has no id.</source>
        <translation>%1 hat keine ID.</translation>
    </message>
    <message>
        <source>%1: mapping must be a JSON object.</source>
        <translation>%1: mapping muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>%1, node %2</source>
        <translation>%1, Knoten %2</translation>
    </message>
    <message>
        <source>%1: a node has an empty id.</source>
        <translation>%1: Ein Knoten hat eine leere ID.</translation>
    </message>
    <message>
        <source>%1 is not a JSON object.</source>
        <translation>%1 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>%1: parent must be text or null.</source>
        <translation>%1: parent muss Text oder null sein.</translation>
    </message>
    <message>
        <source>%1: children must be a list.</source>
        <translation>%1: children muss eine Liste sein.</translation>
    </message>
    <message>
        <source>%1: children must be a list of node ids.</source>
        <translation>%1: children muss eine Liste von Knoten-IDs sein.</translation>
    </message>
    <message>
        <source>%1: its parent %2 is not in the mapping.</source>
        <translation>%1: Der Elternknoten %2 steht nicht in mapping.</translation>
    </message>
    <message>
        <source>%1 is its own ancestor: the mapping has a cycle.</source>
        <translation>%1 ist sein eigener Vorfahre: mapping enthält einen Zyklus.</translation>
    </message>
    <message>
        <source>%1: current_node must be text or null.</source>
        <translation>%1: current_node muss Text oder null sein.</translation>
    </message>
    <message>
        <source>%1: current_node %2 is not in the mapping.</source>
        <translation>%1: current_node %2 steht nicht in mapping.</translation>
    </message>
    <message>
        <source>a conversation with no message to import</source>
        <translation>eine Unterhaltung ohne Nachricht zum Importieren</translation>
    </message>
    <message>
        <source>This is not ChatGPT&apos;s conversations.json: it is not a list of conversations.</source>
        <translation>Das ist nicht die conversations.json von ChatGPT: Es ist keine Liste von Unterhaltungen.</translation>
    </message>
</context>
<context>
    <name>detour::ChatSession</name>
    <message>
        <source>Waiting for the network… (Stop to cancel)</source>
        <translation>Warte auf das Netzwerk… (Stopp bricht ab)</translation>
    </message>
</context>
<context>
    <name>detour::ChatView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Jump to Newest Message</source>
        <translation>Zur neuesten Nachricht springen</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Neueste</translation>
    </message>
    <message>
        <source>Jump to the newest message (%1)</source>
        <translation>Zur neuesten Nachricht springen (%1)</translation>
    </message>
</context>
<context>
    <name>detour::ColorSchemeMenu</name>
    <message>
        <source>&amp;Colour scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Dem &amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>detour::CompareActions</name>
    <message>
        <source>Co&amp;mpare routes…</source>
        <translation>Routen &amp;vergleichen…</translation>
    </message>
    <message>
        <source>Send the next question to several routes at once</source>
        <translation>Die nächste Frage gleichzeitig an mehrere Routen senden</translation>
    </message>
</context>
<context>
    <name>detour::CompareCommand</name>
    <message>
        <source>A comparison takes %1 to %2 --route files, not %3.</source>
        <translation>Ein Vergleich braucht %1 bis %2 Routendateien (--route), nicht %3.</translation>
    </message>
    <message>
        <source>Cannot read route file %1: %2</source>
        <translation>Routendatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Route file %1: %2</source>
        <translation>Routendatei %1: %2</translation>
    </message>
    <message>
        <source>--ask needs a message.</source>
        <translation>--ask braucht eine Nachricht.</translation>
    </message>
    <message>
        <source>Cannot write the trace to %1.</source>
        <translation>Die Ablaufspur kann nicht nach %1 geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>detour::ComparePickerDialog</name>
    <message>
        <source>Compare routes</source>
        <translation>Routen vergleichen</translation>
    </message>
    <message>
        <source>Your next question goes to every route you tick, at once, and the answers are shown side by side. Tick %1 to %2 routes:</source>
        <translation>Ihre nächste Frage geht gleichzeitig an jede Route, die Sie ankreuzen, und die Antworten werden nebeneinander gezeigt. Kreuzen Sie %1 bis %2 Routen an:</translation>
    </message>
    <message>
        <source>Routes to compare</source>
        <translation>Zu vergleichende Routen</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message numerus="yes">
        <source>%n route(s) ticked: tick at least %1.</source>
        <translation>
            <numerusform>%n Route angekreuzt: Kreuzen Sie mindestens %1 an.</numerusform>
            <numerusform>%n Routen angekreuzt: Kreuzen Sie mindestens %1 an.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n route(s) ticked: at most %1 can be compared.</source>
        <translation>
            <numerusform>%n Route angekreuzt: Höchstens %1 lassen sich vergleichen.</numerusform>
            <numerusform>%n Routen angekreuzt: Höchstens %1 lassen sich vergleichen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n route(s) ticked.</source>
        <translation>
            <numerusform>%n Route angekreuzt.</numerusform>
            <numerusform>%n Routen angekreuzt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::CompareView</name>
    <message>
        <source>Leave compare mode</source>
        <translation>Vergleichsmodus verlassen</translation>
    </message>
    <message>
        <source>Comparison of routes</source>
        <translation>Routenvergleich</translation>
    </message>
    <message>
        <source>Summary of the comparison</source>
        <translation>Zusammenfassung des Vergleichs</translation>
    </message>
    <message>
        <source>Back to chatting on one route (Esc)</source>
        <translation>Zurück zum Chat mit einer Route (Esc)</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Pick the answer to continue with, or ask again.</source>
        <translation>Wählen Sie die Antwort, mit der es weitergehen soll, oder fragen Sie erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n route(s): %1</source>
        <translation>
            <numerusform>Vergleiche %n Route: %1</numerusform>
            <numerusform>Vergleiche %n Routen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Your next message goes to every route at once; the answers appear here side by side. Esc leaves compare mode.</source>
        <translation>Ihre nächste Nachricht geht gleichzeitig an jede Route; die Antworten erscheinen hier nebeneinander. Esc verlässt den Vergleichsmodus.</translation>
    </message>
    <message>
        <source>Asked: %1</source>
        <translation>Gefragt: %1</translation>
    </message>
</context>
<context>
    <name>detour::ComparisonColumn</name>
    <message>
        <source>Use this answer</source>
        <translation>Diese Antwort verwenden</translation>
    </message>
    <message>
        <source>Answer of %1</source>
        <translation>Antwort von %1</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Show this route&apos;s attempts in the error inspector</source>
        <translation>Die Versuche dieser Route im Fehler-Inspektor zeigen</translation>
    </message>
    <message>
        <source>Attempts of %1</source>
        <translation>Versuche von %1</translation>
    </message>
    <message>
        <source>Use the answer of %1</source>
        <translation>Die Antwort von %1 verwenden</translation>
    </message>
    <message>
        <source>Continue the conversation with this answer</source>
        <translation>Die Unterhaltung mit dieser Antwort fortsetzen</translation>
    </message>
    <message>
        <source>Waiting for the route…</source>
        <translation>Warte auf die Route…</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 Tok./s</translation>
    </message>
</context>
<context>
    <name>detour::ComparisonController</name>
    <message>
        <source>Pick %1 to %2 routes to compare.</source>
        <translation>Wählen Sie %1 bis %2 Routen zum Vergleichen.</translation>
    </message>
    <message>
        <source>Pick the routes to compare first.</source>
        <translation>Wählen Sie zuerst die zu vergleichenden Routen.</translation>
    </message>
    <message>
        <source>Wait for the answers (or stop them) before asking again.</source>
        <translation>Warten Sie auf die Antworten (oder stoppen Sie sie), bevor Sie erneut fragen.</translation>
    </message>
    <message>
        <source>There is nothing to send.</source>
        <translation>Es gibt nichts zu senden.</translation>
    </message>
    <message>
        <source>This route has no answer to continue with.</source>
        <translation>Diese Route hat keine Antwort zum Fortsetzen.</translation>
    </message>
    <message>
        <source>Wait for the reply in the chat to finish first.</source>
        <translation>Warten Sie zuerst, bis die Antwort im Chat fertig ist.</translation>
    </message>
</context>
<context>
    <name>detour::Composer</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Ask anything. Ctrl+Enter sends.</source>
        <translation>Fragen Sie irgendetwas. Strg+Eingabe sendet.</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>Antwort stoppen (Esc)</translation>
    </message>
    <message>
        <source>&amp;Route:</source>
        <translation>&amp;Route:</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending replaces it and everything after it. &lt;a href=&quot;#cancel&quot;&gt;Cancel&lt;/a&gt;</source>
        <translation>Sie bearbeiten eine frühere Nachricht: Beim Senden ersetzt sie diese und alles danach. &lt;a href=&quot;#cancel&quot;&gt;Abbrechen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>The route this conversation uses (Ctrl+K switches routes and models)</source>
        <translation>Die Route, die diese Unterhaltung verwendet (Strg+K wechselt Routen und Modelle)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anhängen…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Attach images, PDFs or text files (%1); you can also drop or paste them here</source>
        <translation>Bilder, PDFs oder Textdateien anhängen (%1); Sie können sie auch hier ablegen oder einfügen</translation>
    </message>
    <message>
        <source>Images, PDFs and text (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.csv *.json);;All files (*)</source>
        <translation>Bilder, PDFs und Text (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.csv *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The pasted picture could not be read.</source>
        <translation>Das eingefügte Bild konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>detour::ConnectCard</name>
    <message>
        <source>&lt;b&gt;Chat with real models&lt;/b&gt;</source>
        <translation>&lt;b&gt;Mit echten Modellen chatten&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Add your OpenRouter key and Detour sends your messages along your route. Until then it answers from its built-in simulator, which shows a rate limit and the way around it.</source>
        <translation>Hinterlegen Sie Ihren OpenRouter-Schlüssel, und Detour sendet Ihre Nachrichten entlang Ihrer Route. Bis dahin antwortet der eingebaute Simulator, der ein Ratenlimit und den Weg darum herum zeigt.</translation>
    </message>
    <message>
        <source>Add your key…</source>
        <translation>Schlüssel hinzufügen…</translation>
    </message>
    <message>
        <source>Keep the simulator</source>
        <translation>Beim Simulator bleiben</translation>
    </message>
    <message>
        <source>Stay on the simulator; Connection ▸ Connection… adds a key later.</source>
        <translation>Beim Simulator bleiben; Verbindung ▸ Verbindung… fügt später einen Schlüssel hinzu.</translation>
    </message>
</context>
<context>
    <name>detour::ConnectionController</name>
    <message>
        <source>Now on the simulated OpenRouter.</source>
        <translation>Jetzt mit dem simulierten OpenRouter verbunden.</translation>
    </message>
    <message>
        <source>Now on the real OpenRouter and your servers.</source>
        <translation>Jetzt mit dem echten OpenRouter und Ihren Servern verbunden.</translation>
    </message>
    <message>
        <source>Looking for %1 at %2…</source>
        <translation>Suche %1 unter %2…</translation>
    </message>
    <message>
        <source>%1 answers; added as the last step with model &quot;%2&quot;.</source>
        <translation>%1 antwortet; als letzter Schritt mit dem Modell „%2“ hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>detour::ConnectionDialog</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>The key is saved. Use OpenRouter (Connection menu) to chat with real models.</source>
        <translation>Der Schlüssel ist gespeichert. Wählen Sie „OpenRouter verwenden“ (Menü Verbindung), um mit echten Modellen zu chatten.</translation>
    </message>
    <message>
        <source>Add a local server step</source>
        <translation>Lokalen Server als Schritt hinzufügen</translation>
    </message>
    <message>
        <source>Send the key unencrypted?</source>
        <translation>Schlüssel unverschlüsselt senden?</translation>
    </message>
    <message>
        <source>Endpoint &quot;%1&quot; uses plain http:// to another machine, so its key was not sent. Send it unencrypted from now on? Anyone on the network path could read it.</source>
        <translation>Endpunkt „%1“ verwendet unverschlüsseltes http:// zu einem anderen Rechner, daher wurde sein Schlüssel nicht gesendet. Ab jetzt unverschlüsselt senden? Jeder auf dem Netzwerkweg könnte ihn mitlesen.</translation>
    </message>
    <message>
        <source>The key for %1 will be sent; retry the message.</source>
        <translation>Der Schlüssel für %1 wird gesendet; senden Sie die Nachricht erneut.</translation>
    </message>
    <message>
        <source>&amp;Key and servers</source>
        <translation>&amp;Schlüssel und Server</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>&amp;Proxy</translation>
    </message>
    <message>
        <source>Requests now use the system&apos;s proxy settings.</source>
        <translation>Anfragen verwenden jetzt die Proxy-Einstellungen des Systems.</translation>
    </message>
    <message>
        <source>Requests now go directly, without a proxy.</source>
        <translation>Anfragen gehen jetzt direkt, ohne Proxy.</translation>
    </message>
    <message>
        <source>Requests now go through the proxy %1:%2.</source>
        <translation>Anfragen gehen jetzt über den Proxy %1:%2.</translation>
    </message>
</context>
<context>
    <name>detour::ConnectionPanel</name>
    <message>
        <source>Use the simulator</source>
        <translation>Simulator verwenden</translation>
    </message>
    <message>
        <source>Use OpenRouter</source>
        <translation>OpenRouter verwenden</translation>
    </message>
    <message>
        <source>OpenRouter key</source>
        <translation>OpenRouter-Schlüssel</translation>
    </message>
    <message>
        <source>sk-or-v1-…</source>
        <translation>sk-or-v1-…</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Schlüssel speichern</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Get a key at openrouter.ai/settings/keys. Detour keeps it in the system keyring, never in a file; or start Detour with OPENROUTER_API_KEY set.</source>
        <translation>Einen Schlüssel erhalten Sie unter openrouter.ai/settings/keys. Detour bewahrt ihn im Schlüsselbund des Systems auf, nie in einer Datei; oder starten Sie Detour mit gesetzter OPENROUTER_API_KEY.</translation>
    </message>
    <message>
        <source>Local server</source>
        <translation>Lokaler Server</translation>
    </message>
    <message>
        <source>Add as a route step</source>
        <translation>Als Routenschritt hinzufügen</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>The key is saved in the system keyring.</source>
        <translation>Der Schlüssel ist im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Detour is on its &lt;b&gt;simulated OpenRouter&lt;/b&gt;: nothing leaves this computer.</source>
        <translation>Detour ist mit dem &lt;b&gt;simulierten OpenRouter&lt;/b&gt; verbunden: Nichts verlässt diesen Computer.</translation>
    </message>
    <message>
        <source>Detour is talking to the &lt;b&gt;real OpenRouter&lt;/b&gt; and the servers of your route.</source>
        <translation>Detour spricht mit dem &lt;b&gt;echten OpenRouter&lt;/b&gt; und den Servern Ihrer Route.</translation>
    </message>
    <message>
        <source>Paste a key first.</source>
        <translation>Fügen Sie zuerst einen Schlüssel ein.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Paste a key first, or save one.</source>
        <translation>Fügen Sie zuerst einen Schlüssel ein oder speichern Sie einen.</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>Frage %1…</translation>
    </message>
    <message>
        <source>A key is saved in the system keyring.</source>
        <translation>Ein Schlüssel ist im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>The key comes from the environment variable %1.</source>
        <translation>Der Schlüssel kommt aus der Umgebungsvariable %1.</translation>
    </message>
    <message>
        <source>No key is saved yet.</source>
        <translation>Noch ist kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>No system keyring is running, so a key cannot be saved.</source>
        <translation>Es läuft kein Schlüsselbund des Systems, daher kann kein Schlüssel gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>detour::ConversationController</name>
    <message>
        <source>The conversation history is off.</source>
        <translation>Der Verlauf der Unterhaltungen ist ausgeschaltet.</translation>
    </message>
    <message>
        <source>Another version can be shown once the reply has finished.</source>
        <translation>Eine andere Version kann angezeigt werden, sobald die Antwort fertig ist.</translation>
    </message>
    <message>
        <source>This message is not in the history.</source>
        <translation>Diese Nachricht ist nicht im Verlauf.</translation>
    </message>
    <message>
        <source>There is no other version that way.</source>
        <translation>In dieser Richtung gibt es keine weitere Version.</translation>
    </message>
</context>
<context>
    <name>detour::ConversationExporter</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Served by %1</source>
        <translation>Beantwortet von %1</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>%1 tok</source>
        <translation>%1 Tok.</translation>
    </message>
    <message>
        <source>Interrupted at %1 · %2 after %3: %4</source>
        <translation>Unterbrochen um %1 · %2 nach %3: %4</translation>
    </message>
    <message>
        <source>Interrupted: %1</source>
        <translation>Unterbrochen: %1</translation>
    </message>
    <message>
        <source>Not served: %1</source>
        <translation>Nicht beantwortet: %1</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Still arriving when this was exported.</source>
        <translation>Kam beim Export noch an.</translation>
    </message>
    <message>
        <source>Interrupted: Detour stopped before this reply was complete.</source>
        <translation>Unterbrochen: Detour wurde beendet, bevor diese Antwort vollständig war.</translation>
    </message>
    <message>
        <source>Not served.</source>
        <translation>Nicht beantwortet.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>Unbenannte Unterhaltung</translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation>Route: %1</translation>
    </message>
    <message>
        <source>started %1 UTC</source>
        <translation>begonnen %1 UTC</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Gedankengang</translation>
    </message>
    <message>
        <source>This is not a JSON object.</source>
        <translation>Das ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>This is not a Detour conversation (&quot;format&quot; is not &quot;%1&quot;).</source>
        <translation>Das ist keine Detour-Unterhaltung („format“ ist nicht „%1“).</translation>
    </message>
    <message>
        <source>The conversation has no valid &quot;version&quot;.</source>
        <translation>Die Unterhaltung hat keine gültige „version“.</translation>
    </message>
    <message>
        <source>The conversation was exported by a newer Detour (format version %1; this version reads up to %2).</source>
        <translation>Die Unterhaltung wurde von einem neueren Detour exportiert (Formatversion %1; diese Version liest bis %2).</translation>
    </message>
    <message>
        <source>&quot;conversation&quot; is missing.</source>
        <translation>„conversation“ fehlt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 8601 time.</source>
        <translation>„%1“ ist keine Zeit nach ISO 8601.</translation>
    </message>
    <message>
        <source>&quot;messages&quot; and &quot;turns&quot; must be lists.</source>
        <translation>„messages“ und „turns“ müssen Listen sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; refers to a missing entry.</source>
        <translation>„%1“ verweist auf einen fehlenden Eintrag.</translation>
    </message>
    <message>
        <source>A message has no role.</source>
        <translation>Eine Nachricht hat keine Rolle.</translation>
    </message>
    <message>
        <source>Unknown message state &quot;%1&quot;.</source>
        <translation>Unbekannter Nachrichtenzustand „%1“.</translation>
    </message>
    <message>
        <source>Unknown turn status &quot;%1&quot;.</source>
        <translation>Unbekannter Rundenstatus „%1“.</translation>
    </message>
    <message>
        <source>&quot;attempts&quot; must be a list.</source>
        <translation>„attempts“ muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Turn %1, attempt %2: %3.</source>
        <translation>Runde %1, Versuch %2: %3.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <source>A message&apos;s &quot;attachments&quot; must be a list.</source>
        <translation>„attachments“ einer Nachricht muss eine Liste sein.</translation>
    </message>
    <message>
        <source>An attachment has no name, an unknown kind or bytes that are not base64.</source>
        <translation>Ein Anhang hat keinen Namen, eine unbekannte Art oder Bytes, die nicht base64 sind.</translation>
    </message>
    <message>
        <source>Attachment &quot;%1&quot; does not match its size or SHA-256.</source>
        <translation>Anhang „%1“ passt nicht zu seiner Größe oder seinem SHA-256.</translation>
    </message>
    <message>
        <source>Attached: %1 (%2, %3)</source>
        <translation>Angehängt: %1 (%2, %3)</translation>
    </message>
</context>
<context>
    <name>detour::ConversationListModel</name>
    <message>
        <source>Untitled conversation</source>
        <translation>Unbenannte Unterhaltung</translation>
    </message>
    <message>
        <source>Last active %1</source>
        <translation>Zuletzt aktiv %1</translation>
    </message>
    <message>
        <source>There is no conversation in row %1.</source>
        <translation>In Zeile %1 gibt es keine Unterhaltung.</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>Eine Unterhaltung braucht einen Titel.</translation>
    </message>
    <message>
        <source>No deleted conversation is left to restore.</source>
        <translation>Es gibt keine gelöschte Unterhaltung mehr, die wiederhergestellt werden kann.</translation>
    </message>
</context>
<context>
    <name>detour::ConversationListWidget</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Search titles and messages (Ctrl+F)</source>
        <translation>Titel und Nachrichten durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Conversations list status</source>
        <translation>Status der Unterhaltungsliste</translation>
    </message>
    <message>
        <source>Deleted conversation</source>
        <translation>Gelöschte Unterhaltung</translation>
    </message>
    <message>
        <source>Bring the conversation back (Ctrl+Z)</source>
        <translation>Unterhaltung zurückholen (Strg+Z)</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>Eine neue Unterhaltung beginnen</translation>
    </message>
    <message>
        <source>Rename the selected conversation (F2)</source>
        <translation>Die ausgewählte Unterhaltung umbenennen (F2)</translation>
    </message>
    <message>
        <source>Delete the selected conversation (Delete)</source>
        <translation>Die ausgewählte Unterhaltung löschen (Entf)</translation>
    </message>
    <message>
        <source>Bring back the last deleted conversation</source>
        <translation>Die zuletzt gelöschte Unterhaltung zurückholen</translation>
    </message>
    <message>
        <source>The conversation could not be deleted: %1</source>
        <translation>Die Unterhaltung konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>The conversation could not be restored: %1</source>
        <translation>Die Unterhaltung konnte nicht wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>Unbenannte Unterhaltung</translation>
    </message>
    <message>
        <source>“%1” deleted.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>Nichts passt zu „%1“.</translation>
    </message>
    <message>
        <source>No conversations yet. Your first message starts one.</source>
        <translation>Noch keine Unterhaltungen. Ihre erste Nachricht beginnt eine.</translation>
    </message>
    <message>
        <source>The conversation could not be renamed: %1</source>
        <translation>Die Unterhaltung konnte nicht umbenannt werden: %1</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Die Suche ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>detour::ConversationSettingsActions</name>
    <message>
        <source>Conversation &amp;settings…</source>
        <translation>&amp;Einstellungen der Unterhaltung…</translation>
    </message>
    <message>
        <source>The system prompt and parameters of this conversation</source>
        <translation>Die Systemanweisung und die Parameter dieser Unterhaltung</translation>
    </message>
    <message>
        <source>The conversation settings were not saved: %1</source>
        <translation>Die Einstellungen der Unterhaltung wurden nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>detour::ConversationSettingsDialog</name>
    <message>
        <source>Leave the thinking out of the reply</source>
        <translation>Das Nachdenken aus der Antwort weglassen</translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation>Einstellungen der Unterhaltung</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <source>Sent first in every request of this conversation, e.g. “Answer briefly, in German.”</source>
        <translation>Wird in jeder Anfrage dieser Unterhaltung zuerst gesendet, z. B. „Antworte kurz und auf Deutsch.“</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>&amp;Temperatur:</translation>
    </message>
    <message>
        <source>Top &amp;p:</source>
        <translation>Top-&amp;p:</translation>
    </message>
    <message>
        <source>&amp;Max tokens:</source>
        <translation>&amp;Höchstens Token:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>Reasoning (OpenRouter only)</source>
        <translation>Nachdenken (nur OpenRouter)</translation>
    </message>
    <message>
        <source>E&amp;ffort:</source>
        <translation>&amp;Aufwand:</translation>
    </message>
    <message>
        <source>Token &amp;budget:</source>
        <translation>Token-&amp;Budget:</translation>
    </message>
    <message>
        <source>Anything “not set” is left to the model. Plain OpenAI-compatible endpoints get the system prompt, temperature, top p, max tokens and seed only.</source>
        <translation>Alles „nicht gesetzt“ bleibt dem Modell überlassen. Einfache OpenAI-kompatible Endpunkte erhalten nur Systemanweisung, Temperatur, Top-p, höchstens Token und Seed.</translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation>&amp;Systemanweisung:</translation>
    </message>
    <message>
        <source>route default: %1</source>
        <translation>Standard der Route: %1</translation>
    </message>
    <message>
        <source>Leave the thinking out of the reply (the route does)</source>
        <translation>Das Nachdenken aus der Antwort weglassen (wie die Route)</translation>
    </message>
    <message>
        <source>Route default: %1</source>
        <translation>Standard der Route: %1</translation>
    </message>
</context>
<context>
    <name>detour::ConversationStore</name>
    <message>
        <source>There is no conversation %1.</source>
        <translation>Es gibt keine Unterhaltung %1.</translation>
    </message>
    <message>
        <source>There is no conversation %1 to delete.</source>
        <translation>Es gibt keine Unterhaltung %1 zum Löschen.</translation>
    </message>
    <message>
        <source>There is no deleted conversation %1 to restore.</source>
        <translation>Es gibt keine gelöschte Unterhaltung %1 zum Wiederherstellen.</translation>
    </message>
    <message>
        <source>There is no message %1.</source>
        <translation>Es gibt keine Nachricht %1.</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>Nachricht %1 gehört nicht zur Unterhaltung %2.</translation>
    </message>
    <message>
        <source>There is no turn %1.</source>
        <translation>Es gibt keine Runde %1.</translation>
    </message>
</context>
<context>
    <name>detour::CooldownModel</name>
    <message>
        <source>Rate-limited upstream (429)</source>
        <translation>Upstream ratenbegrenzt (429)</translation>
    </message>
    <message>
        <source>Your key&apos;s rate limit (429)</source>
        <translation>Ratenlimit Ihres Schlüssels (429)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>(beliebig)</translation>
    </message>
    <message>
        <source>No credits (402)</source>
        <translation>Kein Guthaben (402)</translation>
    </message>
    <message>
        <source>Key refused (401)</source>
        <translation>Schlüssel abgelehnt (401)</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Turns skip %1 after %2; the last step standing is tried anyway.</source>
        <translation>Runden überspringen %1 nach %2; der letzte verbleibende Schritt wird trotzdem versucht.</translation>
    </message>
    <message>
        <source>(all it covers)</source>
        <translation>(alle betroffenen)</translation>
    </message>
    <message>
        <source>the key changes</source>
        <translation>Schlüsselwechsel</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>Freigabe</translation>
    </message>
</context>
<context>
    <name>detour::Credits</name>
    <message>
        <source>The credits</source>
        <translation>Das Guthaben</translation>
    </message>
</context>
<context>
    <name>detour::Database</name>
    <message>
        <source>Cannot create the folder %1 for the conversation database.</source>
        <translation>Der Ordner %1 für die Unterhaltungsdatenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Another Detour has been opening %1 for %2 s; try again when it is done.</source>
        <translation>Ein anderes Detour öffnet %1 seit %2 s; versuchen Sie es erneut, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>Cannot create the lock file %1 next to the conversation database (the folder is not writable).</source>
        <translation>Die Sperrdatei %1 neben der Unterhaltungsdatenbank kann nicht angelegt werden (der Ordner ist nicht beschreibbar).</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation>Die Schemaversion von %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Detour (schema %2; this version knows up to %3), so it was left untouched.</source>
        <translation>%1 wurde von einer neueren Detour-Version geschrieben (Schema %2; diese Version kennt bis %3) und bleibt daher unangetastet.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot use %1: %2</source>
        <translation>%1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>sie ist leer</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>it is not an SQLite database</source>
        <translation>sie ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>it is damaged: %1</source>
        <translation>sie ist beschädigt: %1</translation>
    </message>
    <message>
        <source>it belongs to another application</source>
        <translation>sie gehört einer anderen Anwendung</translation>
    </message>
    <message>
        <source>the integrity check failed</source>
        <translation>die Integritätsprüfung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 cannot be used (%2) and could not be moved aside to %3 (%4), so it was left as it is.</source>
        <translation>%1 kann nicht verwendet werden (%2) und konnte nicht nach %3 verschoben werden (%4); die Datei bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>%1 cannot be used (%2); it was moved to %3, but %4 could not be moved with it (%5), so no new database was created.</source>
        <translation>%1 kann nicht verwendet werden (%2); sie wurde nach %3 verschoben, aber %4 ließ sich nicht mitverschieben (%5), daher wurde keine neue Datenbank angelegt.</translation>
    </message>
    <message>
        <source>The conversation database %1 could not be used (%2), so it was moved to %3 and a new, empty one was created.</source>
        <translation>Die Unterhaltungsdatenbank %1 konnte nicht verwendet werden (%2), daher wurde sie nach %3 verschoben und eine neue, leere angelegt.</translation>
    </message>
    <message>
        <source>Cannot set up %1 (%2): %3</source>
        <translation>%1 kann nicht eingerichtet werden (%2): %3</translation>
    </message>
    <message>
        <source>Cannot use %1: SQLite refused write-ahead logging there (journal mode %2); it needs a local file system.</source>
        <translation>%1 kann nicht verwendet werden: SQLite lehnt dort Write-Ahead-Logging ab (Journalmodus %2); nötig ist ein lokales Dateisystem.</translation>
    </message>
    <message>
        <source>Internal error: schema step %1 is numbered %2.</source>
        <translation>Interner Fehler: Schemaschritt %1 hat die Nummer %2.</translation>
    </message>
    <message>
        <source>this SQLite library lacks full-text search (FTS5 with the trigram tokenizer, SQLite 3.34 or later): %1</source>
        <translation>dieser SQLite-Bibliothek fehlt die Volltextsuche (FTS5 mit dem Trigram-Tokenizer, SQLite 3.34 oder neuer): %1</translation>
    </message>
    <message>
        <source>Updating the conversation database %1 to schema version %2 (%3) failed, so it was left at version %4: %5</source>
        <translation>Die Aktualisierung der Unterhaltungsdatenbank %1 auf Schemaversion %2 (%3) ist fehlgeschlagen, sie bleibt daher auf Version %4: %5</translation>
    </message>
</context>
<context>
    <name>detour::EndpointGatewayRow</name>
    <message>
        <source>&amp;Headers and query…</source>
        <translation>&amp;Header und Query…</translation>
    </message>
    <message>
        <source>Headers and query parameters sent with every request to this endpoint (a gateway&apos;s own)</source>
        <translation>Header und Query-Parameter, die mit jeder Anfrage an diesen Endpunkt gesendet werden (die ein Gateway selbst verlangt)</translation>
    </message>
    <message>
        <source>Add &amp;gateway</source>
        <translation>&amp;Gateway hinzufügen</translation>
    </message>
    <message>
        <source>Add a gateway endpoint</source>
        <translation>Einen Gateway-Endpunkt hinzufügen</translation>
    </message>
</context>
<context>
    <name>detour::EndpointParamsDialog</name>
    <message>
        <source>Save &amp;secret…</source>
        <translation>Geheimen &amp;Wert speichern…</translation>
    </message>
    <message>
        <source>Headers and query of &quot;%1&quot;</source>
        <translation>Header und Query von „%1“</translation>
    </message>
    <message>
        <source>Headers and query parameters</source>
        <translation>Header und Query-Parameter</translation>
    </message>
    <message>
        <source>Sent as</source>
        <translation>Gesendet als</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value from</source>
        <translation>Wert aus</translation>
    </message>
    <message>
        <source>Value, variable or entry</source>
        <translation>Wert, Variable oder Eintrag</translation>
    </message>
    <message>
        <source>Sent with every request to this endpoint only. A value that is a credential comes from an environment variable or the keyring and is never written to the route.</source>
        <translation>Wird mit jeder Anfrage nur an diesen Endpunkt gesendet. Ein Wert, der als Zugangsdaten dient, kommt aus einer Umgebungsvariable oder dem Schlüsselbund und wird nie in die Route geschrieben.</translation>
    </message>
    <message>
        <source>Add &amp;header</source>
        <translation>&amp;Header hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;query parameter</source>
        <translation>&amp;Query-Parameter hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Puts the value of the selected keyring entry into the system keyring; it is not shown again.</source>
        <translation>Legt den Wert des ausgewählten Schlüsselbundeintrags im Schlüsselbund des Systems ab; er wird danach nicht mehr angezeigt.</translation>
    </message>
    <message>
        <source>Save secret</source>
        <translation>Geheimen Wert speichern</translation>
    </message>
    <message>
        <source>Value of keyring entry &quot;%1&quot;:</source>
        <translation>Wert des Schlüsselbundeintrags „%1“:</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Query parameter</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <source>the value itself</source>
        <translation>der Wert selbst</translation>
    </message>
    <message>
        <source>environment variable</source>
        <translation>Umgebungsvariable</translation>
    </message>
    <message>
        <source>keyring entry</source>
        <translation>Schlüsselbundeintrag</translation>
    </message>
</context>
<context>
    <name>detour::EndpointSecrets</name>
    <message>
        <source>Detour has no keyring to save this value in; take it from an environment variable instead.</source>
        <translation>Detour hat keinen Schlüsselbund zum Speichern dieses Werts; beziehen Sie ihn stattdessen aus einer Umgebungsvariable.</translation>
    </message>
</context>
<context>
    <name>detour::FixController</name>
    <message>
        <source>Step %1 moved down.</source>
        <translation>Schritt %1 nach unten verschoben.</translation>
    </message>
    <message>
        <source>Step %1 now lets OpenRouter fall back to other providers.</source>
        <translation>Schritt %1 lässt OpenRouter jetzt auf andere Anbieter ausweichen.</translation>
    </message>
    <message>
        <source>Step %1 now asks for %2.</source>
        <translation>Schritt %1 fragt jetzt nach %2.</translation>
    </message>
    <message>
        <source>Step %1 now ignores %2.</source>
        <translation>Schritt %1 ignoriert jetzt %2.</translation>
    </message>
    <message>
        <source>Start a new chat (Ctrl+N) or edit an earlier message to send less.</source>
        <translation>Beginnen Sie einen neuen Chat (Strg+N) oder bearbeiten Sie eine frühere Nachricht, um weniger zu senden.</translation>
    </message>
</context>
<context>
    <name>detour::HealthChart</name>
    <message>
        <source>Provider health chart</source>
        <translation>Diagramm der Anbietergesundheit</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 % of %n tries served, %3 answered 429</source>
        <translation>
            <numerusform>%1: %2 % von %n Versuch beantwortet, %3 mit 429 beantwortet</numerusform>
            <numerusform>%1: %2 % von %n Versuchen beantwortet, %3 mit 429 beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>; first token in %1 s (median), %2 s (90th percentile)</source>
        <translation>; erstes Token nach %1 s (Median), %2 s (90. Perzentil)</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Served ✓ / 429 ▨</source>
        <translation>Beantwortet ✓ / 429 ▨</translation>
    </message>
    <message>
        <source>First token ◆ p50 ┤ p90</source>
        <translation>Erstes Token ◆ p50 ┤ p90</translation>
    </message>
    <message>
        <source>Success over time</source>
        <translation>Erfolg im Zeitverlauf</translation>
    </message>
    <message>
        <source>✓ %1 % of %2 · ▨ %3×429</source>
        <translation>✓ %1 % von %2 · ▨ %3×429</translation>
    </message>
    <message>
        <source>◆ %1 s ┤ %2 s</source>
        <translation>◆ %1 s ┤ %2 s</translation>
    </message>
    <message>
        <source>no token yet</source>
        <translation>noch kein Token</translation>
    </message>
</context>
<context>
    <name>detour::HedgeKnob</name>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>After a delay</source>
        <translation>Nach einer Wartezeit</translation>
    </message>
    <message>
        <source>Auto (from history)</source>
        <translation>Automatisch (nach Verlauf)</translation>
    </message>
    <message>
        <source>Hedge requests</source>
        <translation>Parallelanfragen</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Hedge after</source>
        <translation>Parallelanfrage nach</translation>
    </message>
    <message>
        <source>When a step has sent no text this long after the request, send the next step beside it; the first to answer keeps the turn and the other request is cancelled. Auto waits for the step&apos;s 90th-percentile time to first token over the last 7 days, or three times its median when that is sooner (between %1 and %2; %3 without history). Detour&apos;s own: not part of exported code.</source>
        <translation>Hat ein Schritt so lange nach der Anfrage noch keinen Text gesendet, wird parallel dazu der nächste Schritt angefragt; wer zuerst antwortet, behält die Runde, und die andere Anfrage wird abgebrochen. „Automatisch“ wartet so lange wie das 90. Perzentil der Zeit bis zum ersten Token dieses Schritts in den letzten 7 Tagen oder das Dreifache seines Medians, wenn das kürzer ist (zwischen %1 und %2; %3 ohne Verlauf). Nur in Detour: nicht Teil des exportierten Codes.</translation>
    </message>
</context>
<context>
    <name>detour::HedgeRace</name>
    <message>
        <source>Lost the race to %1 by %2: cancelled, its connection closed.</source>
        <translation>Rennen gegen %1 um %2 verloren: abgebrochen, Verbindung geschlossen.</translation>
    </message>
</context>
<context>
    <name>detour::HistoryImport</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a zip archive: unzip it first, then import the conversations.json in it (the pictures beside it come too).</source>
        <translation>%1 ist ein ZIP-Archiv: Entpacken Sie es zuerst und importieren Sie dann die darin enthaltene conversations.json (die Bilder daneben werden mit übernommen).</translation>
    </message>
    <message>
        <source>%1 is not a history Detour can import: choose ChatGPT&apos;s conversations.json or a Jan thread (its folder or its messages.jsonl).</source>
        <translation>%1 ist kein Verlauf, den Detour importieren kann: Wählen Sie die conversations.json von ChatGPT oder einen Jan-Thread (seinen Ordner oder seine messages.jsonl).</translation>
    </message>
</context>
<context>
    <name>detour::HistoryImportActions</name>
    <message>
        <source>Import &amp;history…</source>
        <translation>&amp;Verlauf importieren…</translation>
    </message>
    <message>
        <source>Import conversations from ChatGPT&apos;s data export or from Jan.</source>
        <translation>Unterhaltungen aus dem Datenexport von ChatGPT oder aus Jan importieren.</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>Verlauf importieren</translation>
    </message>
    <message>
        <source>ChatGPT export or Jan thread (conversations.json messages.jsonl thread.json);;JSON (*.json *.jsonl)</source>
        <translation>ChatGPT-Export oder Jan-Thread (conversations.json messages.jsonl thread.json);;JSON (*.json *.jsonl)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 importiert.</translation>
    </message>
</context>
<context>
    <name>detour::HistoryImportDialog</name>
    <message>
        <source>Import history</source>
        <translation>Verlauf importieren</translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation>Aus %1: %2</translation>
    </message>
    <message>
        <source>Will import %1.</source>
        <translation>Importiert werden %1.</translation>
    </message>
    <message>
        <source>Nothing new to import: every conversation in it was imported before.</source>
        <translation>Nichts Neues zu importieren: Jede Unterhaltung darin wurde bereits früher importiert.</translation>
    </message>
    <message>
        <source>What will be left out</source>
        <translation>Was ausgelassen wird</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
</context>
<context>
    <name>detour::HistoryWriteBanner</name>
    <message>
        <source>Copy reply</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <source>Export reply…</source>
        <translation>Antwort exportieren…</translation>
    </message>
    <message>
        <source>History not saved</source>
        <translation>Verlauf nicht gespeichert</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Copies the reply that could not be saved to the clipboard</source>
        <translation>Kopiert die Antwort, die nicht gespeichert werden konnte, in die Zwischenablage</translation>
    </message>
    <message>
        <source>Export reply</source>
        <translation>Antwort exportieren</translation>
    </message>
    <message>
        <source>Saves the reply that could not be saved to a file</source>
        <translation>Speichert die Antwort, die nicht gespeichert werden konnte, in einer Datei</translation>
    </message>
    <message>
        <source>The conversation history is not being saved (%1). Detour keeps trying; the reply stays on screen, and you can copy or export it.</source>
        <translation>Der Unterhaltungsverlauf wird nicht gespeichert (%1). Detour versucht es weiter; die Antwort bleibt sichtbar, und Sie können sie kopieren oder exportieren.</translation>
    </message>
    <message>
        <source>reply.md</source>
        <translation>antwort.md</translation>
    </message>
    <message>
        <source>Markdown (*.md);;Text (*.txt)</source>
        <translation>Markdown (*.md);;Text (*.txt)</translation>
    </message>
    <message>
        <source>The reply could not be written: %1</source>
        <translation>Die Antwort konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>detour::HistoryWriter</name>
    <message>
        <source>Imported conversation</source>
        <translation>Importierte Unterhaltung</translation>
    </message>
</context>
<context>
    <name>detour::ImportJson</name>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 nests lists and objects deeper than %2 levels.</source>
        <translation>%1 schachtelt Listen und Objekte tiefer als %2 Ebenen.</translation>
    </message>
    <message>
        <source>%1 ends too early, at line %2, column %3: is it truncated?</source>
        <translation>%1 endet zu früh, in Zeile %2, Spalte %3: Ist die Datei abgeschnitten?</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at line %2, column %3 (%4).</source>
        <translation>%1 ist in Zeile %2, Spalte %3 kein gültiges JSON (%4).</translation>
    </message>
</context>
<context>
    <name>detour::ImportReport</name>
    <message>
        <source>1 conversation</source>
        <translation>1 Unterhaltung</translation>
    </message>
    <message>
        <source>%1 conversations</source>
        <translation>%1 Unterhaltungen</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 Nachricht</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 Nachrichten</translation>
    </message>
    <message>
        <source>1 branch</source>
        <translation>1 Zweig</translation>
    </message>
    <message>
        <source>%1 branches</source>
        <translation>%1 Zweige</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>1 conversation imported before, left as it is.</source>
        <translation>1 Unterhaltung wurde bereits früher importiert und bleibt unverändert.</translation>
    </message>
    <message>
        <source>%1 conversations imported before, left as they are.</source>
        <translation>%1 Unterhaltungen wurden bereits früher importiert und bleiben unverändert.</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
    <message>
        <source>Skipped %1 × %2: %3</source>
        <translation>%1 × %2 übersprungen: %3</translation>
    </message>
</context>
<context>
    <name>detour::ImportedHistory</name>
    <message>
        <source>%1, message %2</source>
        <translation>%1, Nachricht %2</translation>
    </message>
    <message>
        <source>a picture beyond what one message may carry (%1)</source>
        <translation>ein Bild, das nicht mehr in eine Nachricht passt (%1)</translation>
    </message>
</context>
<context>
    <name>detour::InspectorWidget</name>
    <message>
        <source>this provider</source>
        <translation>diesen Anbieter</translation>
    </message>
    <message>
        <source>Retry in %1 s</source>
        <translation>Erneut in %1 s</translation>
    </message>
    <message>
        <source>Retry shortly</source>
        <translation>Gleich erneut versuchen</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Allow OpenRouter fallbacks</source>
        <translation>OpenRouter-Fallbacks erlauben</translation>
    </message>
    <message>
        <source>Move step %1 down</source>
        <translation>Schritt %1 nach unten</translation>
    </message>
    <message>
        <source>Add your own %1 key…</source>
        <translation>Eigenen %1-Schlüssel hinzufügen…</translation>
    </message>
    <message>
        <source>Try the paid variant</source>
        <translation>Kostenpflichtige Variante versuchen</translation>
    </message>
    <message>
        <source>Add credits…</source>
        <translation>Guthaben aufladen…</translation>
    </message>
    <message>
        <source>Check the key…</source>
        <translation>Schlüssel prüfen…</translation>
    </message>
    <message>
        <source>Shorten the conversation</source>
        <translation>Unterhaltung kürzen</translation>
    </message>
    <message>
        <source>Choose another model</source>
        <translation>Anderes Modell wählen</translation>
    </message>
    <message>
        <source>Only the selected turn</source>
        <translation>Nur die ausgewählte Runde</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Attempt details</source>
        <translation>Details zum Versuch</translation>
    </message>
    <message>
        <source>Copy as report</source>
        <translation>Als Bericht kopieren</translation>
    </message>
    <message>
        <source>Select an attempt to see what happened.</source>
        <translation>Wählen Sie einen Versuch, um zu sehen, was geschah.</translation>
    </message>
    <message>
        <source>No attempts yet. Send a message: every request of the turn, and every provider OpenRouter tried, shows up here.</source>
        <translation>Noch keine Versuche. Senden Sie eine Nachricht: Jede Anfrage der Runde und jeder Anbieter, den OpenRouter versucht hat, erscheint hier.</translation>
    </message>
    <message>
        <source>OpenRouter tried %1 for %2 inside request %3 and got HTTP %4 (reported via %5).</source>
        <translation>OpenRouter hat %1 für %2 innerhalb von Anfrage %3 versucht und HTTP %4 erhalten (gemeldet über %5).</translation>
    </message>
    <message>
        <source>Served.</source>
        <translation>Beantwortet.</translation>
    </message>
    <message>
        <source>Ignore %1 for this model</source>
        <translation>%1 für dieses Modell ignorieren</translation>
    </message>
    <message>
        <source>Error inspector</source>
        <translation>Fehler-Inspektor</translation>
    </message>
    <message>
        <source>In flight: waiting for the reply.</source>
        <translation>Unterwegs: wartet auf die Antwort.</translation>
    </message>
    <message>
        <source>There is no route to change.</source>
        <translation>Es gibt keine Route, die geändert werden könnte.</translation>
    </message>
    <message>
        <source>Lists only the attempts of the turn chosen in the chat</source>
        <translation>Zeigt nur die Versuche der im Chat gewählten Runde</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>Lösungen</translation>
    </message>
    <message>
        <source>More fixes</source>
        <translation>Weitere Lösungen</translation>
    </message>
    <message>
        <source>Opens the fixes that do not fit beside the others</source>
        <translation>Öffnet die Lösungen, die neben den anderen keinen Platz haben</translation>
    </message>
    <message>
        <source>Copies the selected attempt as a Markdown report, keys and secrets left out</source>
        <translation>Kopiert den gewählten Versuch als Markdown-Bericht, ohne Schlüssel und Geheimnisse</translation>
    </message>
    <message>
        <source>A fix for: %1</source>
        <translation>Eine Lösung für: %1</translation>
    </message>
</context>
<context>
    <name>detour::JanThreads</name>
    <message>
        <source>a picture Jan kept only as a link, not its bytes</source>
        <translation>ein Bild, das Jan nur als Link gespeichert hat, nicht als Daten</translation>
    </message>
    <message>
        <source>a picture whose data: URL Detour cannot read</source>
        <translation>ein Bild, dessen data:-URL Detour nicht lesen kann</translation>
    </message>
    <message>
        <source>a picture Detour cannot read (%1)</source>
        <translation>ein Bild, das Detour nicht lesen kann (%1)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1/%2 is not a JSON object.</source>
        <translation>%1/%2 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>Thread %1</translation>
    </message>
    <message>
        <source>thread %1 (&quot;%2&quot;)</source>
        <translation>Thread %1 („%2“)</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <source>%1, line %2 is not a JSON object.</source>
        <translation>%1, Zeile %2 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>%1, line %2: role must be text.</source>
        <translation>%1, Zeile %2: role muss Text sein.</translation>
    </message>
    <message>
        <source>a tool&apos;s output (Jan&apos;s tools and MCP servers; Detour keeps no tool messages)</source>
        <translation>eine Tool-Ausgabe (Tools und MCP-Server von Jan; Detour übernimmt keine Tool-Nachrichten)</translation>
    </message>
    <message>
        <source>a message from an author Detour does not know (%1)</source>
        <translation>eine Nachricht von einem Autor, den Detour nicht kennt (%1)</translation>
    </message>
    <message>
        <source>a reply that failed in Jan</source>
        <translation>eine Antwort, die in Jan fehlgeschlagen ist</translation>
    </message>
    <message>
        <source>a part of a kind Detour does not import (%1)</source>
        <translation>ein Inhaltsteil eines Typs, den Detour nicht importiert (%1)</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>unbenannt</translation>
    </message>
    <message>
        <source>%1, line %2: content must be a list or text.</source>
        <translation>%1, Zeile %2: content muss eine Liste oder Text sein.</translation>
    </message>
    <message>
        <source>an empty message</source>
        <translation>eine leere Nachricht</translation>
    </message>
    <message>
        <source>%1, line %2: the id %3 is used twice.</source>
        <translation>%1, Zeile %2: Die ID %3 wird zweimal verwendet.</translation>
    </message>
    <message>
        <source>a conversation with no message to import</source>
        <translation>eine Unterhaltung ohne importierbare Nachricht</translation>
    </message>
    <message>
        <source>%1 holds no Jan threads (folders with thread.json and messages.jsonl).</source>
        <translation>%1 enthält keine Jan-Threads (Ordner mit thread.json und messages.jsonl).</translation>
    </message>
</context>
<context>
    <name>detour::KeyDescription</name>
    <message>
        <source>The key works.</source>
        <translation>Der Schlüssel funktioniert.</translation>
    </message>
    <message>
        <source>The key %1 works.</source>
        <translation>Der Schlüssel %1 funktioniert.</translation>
    </message>
    <message>
        <source>Free tier: %1 requests a day on :free models (%2 a minute); buy %3 credits to raise it to %4 a day.</source>
        <translation>Kostenlose Stufe: %1 Anfragen pro Tag an :free-Modelle (%2 pro Minute); kaufen Sie Guthaben für %3, um das auf %4 pro Tag zu erhöhen.</translation>
    </message>
    <message>
        <source>Credits bought: :free models allow %1 requests a day once %2 credits were bought in all (%3 below that), %4 a minute.</source>
        <translation>Guthaben gekauft: :free-Modelle erlauben %1 Anfragen pro Tag, sobald insgesamt Guthaben für %2 gekauft wurde (%3 darunter), %4 pro Minute.</translation>
    </message>
    <message>
        <source>Spent %1 of this key&apos;s %2 limit (%3 left).</source>
        <translation>%1 vom Limit dieses Schlüssels (%2) ausgegeben (%3 übrig).</translation>
    </message>
    <message>
        <source>Spent %1; this key has no spending limit.</source>
        <translation>%1 ausgegeben; dieser Schlüssel hat kein Ausgabenlimit.</translation>
    </message>
    <message>
        <source>Request rate: %1 per %2.</source>
        <translation>Anfragerate: %1 pro %2.</translation>
    </message>
</context>
<context>
    <name>detour::KeyInfo</name>
    <message>
        <source>The key information</source>
        <translation>Die Schlüsselinformationen</translation>
    </message>
</context>
<context>
    <name>detour::KeyRing</name>
    <message>
        <source>Detour has no keyring to save keys in; set OPENROUTER_API_KEY (or the variable the endpoint names) instead.</source>
        <translation>Detour hat keinen Schlüsselbund zum Speichern von Schlüsseln; setzen Sie stattdessen OPENROUTER_API_KEY (oder die Variable, die der Endpunkt nennt).</translation>
    </message>
    <message>
        <source>Detour does not know endpoint &quot;%1&quot;, so it sends it no key.</source>
        <translation>Detour kennt den Endpunkt „%1“ nicht und sendet ihm daher keinen Schlüssel.</translation>
    </message>
    <message>
        <source>Detour is still looking for the key of &quot;%1&quot;.</source>
        <translation>Detour sucht noch nach dem Schlüssel für „%1“.</translation>
    </message>
    <message>
        <source>No key is set for &quot;%1&quot;; that is fine for a local server.</source>
        <translation>Für „%1“ ist kein Schlüssel gesetzt; für einen lokalen Server ist das in Ordnung.</translation>
    </message>
    <message>
        <source>The key of &quot;%1&quot; comes from the environment variable %2.</source>
        <translation>Der Schlüssel für „%1“ kommt aus der Umgebungsvariable %2.</translation>
    </message>
    <message>
        <source>The key of &quot;%1&quot; is in the system keyring.</source>
        <translation>Der Schlüssel für „%1“ liegt im Schlüsselbund des Systems.</translation>
    </message>
</context>
<context>
    <name>detour::KeychainSecretStore</name>
    <message>
        <source>no details</source>
        <translation>keine Details</translation>
    </message>
    <message>
        <source>The system keyring could not read the key (%1).</source>
        <translation>Der Schlüsselbund des Systems konnte den Schlüssel nicht lesen (%1).</translation>
    </message>
    <message>
        <source>The system keyring could not save the key (%1).</source>
        <translation>Der Schlüsselbund des Systems konnte den Schlüssel nicht speichern (%1).</translation>
    </message>
    <message>
        <source>The system keyring could not remove the key (%1).</source>
        <translation>Der Schlüsselbund des Systems konnte den Schlüssel nicht entfernen (%1).</translation>
    </message>
    <message>
        <source>No system keyring is running, so Detour cannot store keys; set OPENROUTER_API_KEY (or the variable the endpoint names) instead.</source>
        <translation>Es läuft kein Schlüsselbund, daher kann Detour keine Schlüssel speichern; setzen Sie stattdessen OPENROUTER_API_KEY (oder die Variable, die der Endpunkt nennt).</translation>
    </message>
    <message>
        <source>The system keyring is locked or refused access, so Detour cannot use its keys; unlock it, or set OPENROUTER_API_KEY (or the variable the endpoint names) instead.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt oder verweigert den Zugriff, daher kann Detour seine Schlüssel nicht verwenden; entsperren Sie ihn oder setzen Sie stattdessen OPENROUTER_API_KEY (oder die Variable, die der Endpunkt nennt).</translation>
    </message>
    <message>
        <source>The system keyring did not answer within %1 seconds; unlock it, or set OPENROUTER_API_KEY (or the variable the endpoint names) instead.</source>
        <translation>Der Schlüsselbund des Systems hat nicht innerhalb von %1 Sekunden geantwortet; entsperren Sie ihn oder setzen Sie stattdessen OPENROUTER_API_KEY (oder die Variable, die der Endpunkt nennt).</translation>
    </message>
</context>
<context>
    <name>detour::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Applies when Detour restarts</source>
        <translation>Wirkt nach einem Neustart von Detour</translation>
    </message>
</context>
<context>
    <name>detour::LinkOpener</name>
    <message>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
</context>
<context>
    <name>detour::LinkPolicy</name>
    <message>
        <source>Open this address in your browser?

%1</source>
        <translation>Diese Adresse im Browser öffnen?

%1</translation>
    </message>
    <message>
        <source>Not opened: the link has no scheme (http, https or mailto).</source>
        <translation>Nicht geöffnet: Der Link hat kein Schema (http, https oder mailto).</translation>
    </message>
    <message>
        <source>Not opened: %1 links are not allowed.</source>
        <translation>Nicht geöffnet: %1-Links sind nicht erlaubt.</translation>
    </message>
</context>
<context>
    <name>detour::LocalServerProbe</name>
    <message>
        <source>Nothing answered at %1 within %2 ms.</source>
        <translation>Unter %1 hat innerhalb von %2 ms nichts geantwortet.</translation>
    </message>
    <message>
        <source>The server at %1 sent more than 4 MiB for its model list, so Detour ignores it.</source>
        <translation>Der Server unter %1 hat mehr als 4 MiB für seine Modellliste geschickt, daher ignoriert Detour ihn.</translation>
    </message>
    <message>
        <source>Nothing is listening at %1.</source>
        <translation>Unter %1 lauscht nichts.</translation>
    </message>
    <message>
        <source>%1 could not be reached (%2).</source>
        <translation>%1 ist nicht erreichbar (%2).</translation>
    </message>
    <message>
        <source>The server at %1 answered with HTTP %2 instead of a model list.</source>
        <translation>Der Server unter %1 hat mit HTTP %2 statt mit einer Modellliste geantwortet.</translation>
    </message>
    <message>
        <source>The server at %1 answered, but not with an OpenAI-compatible model list.</source>
        <translation>Der Server unter %1 hat geantwortet, aber nicht mit einer OpenAI-kompatiblen Modellliste.</translation>
    </message>
    <message>
        <source>The server at %1 answered with its model list (%2 models).</source>
        <translation>Der Server unter %1 hat mit seiner Modellliste geantwortet (%2 Modelle).</translation>
    </message>
</context>
<context>
    <name>detour::MainWindow</name>
    <message>
        <source>Detour — Simulated</source>
        <translation>Detour — Simuliert</translation>
    </message>
    <message>
        <source>Detour</source>
        <translation>Detour</translation>
    </message>
    <message>
        <source>The built-in simulator could not listen on 127.0.0.1.</source>
        <translation>Der eingebaute Simulator konnte nicht auf 127.0.0.1 lauschen.</translation>
    </message>
    <message>
        <source>The route was not saved: %1</source>
        <translation>Die Route wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Neuer Chat</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>Unterhaltung &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Find in conversations</source>
        <translation>In Unterhaltungen &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>Write a &amp;message</source>
        <translation>&amp;Nachricht schreiben</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>Neu &amp;generieren</translation>
    </message>
    <message>
        <source>&amp;Enter sends (Shift+Enter for a newline)</source>
        <translation>&amp;Eingabetaste sendet (Umschalt+Eingabe für eine neue Zeile)</translation>
    </message>
    <message>
        <source>&amp;Route</source>
        <translation>&amp;Route</translation>
    </message>
    <message>
        <source>&amp;Save route as…</source>
        <translation>Route &amp;speichern unter…</translation>
    </message>
    <message>
        <source>&amp;Import route file…</source>
        <translation>Routendatei &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export route file…</source>
        <translation>Routendatei &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export as OpenRouter &amp;request body…</source>
        <translation>Als OpenRouter-&amp;Anfrage-Body exportieren…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>History is off: %1</source>
        <translation>Verlauf ist aus: %1</translation>
    </message>
    <message>
        <source>Conversation history</source>
        <translation>Unterhaltungsverlauf</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) left unfinished by an earlier crash were kept and marked interrupted.</source>
        <translation>
            <numerusform>%n Antwort, die ein früherer Absturz unvollständig hinterlassen hat, wurde behalten und als unterbrochen markiert.</numerusform>
            <numerusform>%n Antworten, die ein früherer Absturz unvollständig hinterlassen hat, wurden behalten und als unterbrochen markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>This turn is not being saved: %1</source>
        <translation>Diese Runde wird nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>No key needed</source>
        <translation>Kein Schlüssel nötig</translation>
    </message>
    <message>
        <source>Rehearsal</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>Re&amp;hearse this route</source>
        <translation>Diese Route &amp;proben</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <source>&amp;Connection…</source>
        <translation>&amp;Verbindung…</translation>
    </message>
    <message>
        <source>Use the &amp;simulator</source>
        <translation>&amp;Simulator verwenden</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Error &amp;inspector</source>
        <translation>Fehler-&amp;Inspektor</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Route &amp;editor</source>
        <translation>Route&amp;neditor</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Gesundheit</translation>
    </message>
    <message>
        <source>Provider &amp;health</source>
        <translation>Anbieter&amp;gesundheit</translation>
    </message>
    <message>
        <source>Re&amp;hearsal</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>&amp;Anordnung zurücksetzen</translation>
    </message>
    <message>
        <source>The conversation could not be opened: %1</source>
        <translation>Die Unterhaltung konnte nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>detour::MarkdownView</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy code block</source>
        <translation>Codeblock kopieren</translation>
    </message>
    <message>
        <source>Copies the code that starts with: %1</source>
        <translation>Kopiert den Code, der so beginnt: %1</translation>
    </message>
</context>
<context>
    <name>detour::MessageBubble</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>Diese Nachricht kopieren</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit this message and send it again</source>
        <translation>Diese Nachricht bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the interrupted reply</source>
        <translation>Die unterbrochene Antwort fortsetzen</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu generieren</translation>
    </message>
    <message>
        <source>Ask again for a new reply</source>
        <translation>Erneut nach einer neuen Antwort fragen</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Show this turn in the error inspector</source>
        <translation>Diese Runde im Fehler-Inspektor zeigen</translation>
    </message>
    <message>
        <source>Waiting for the route…</source>
        <translation>Warte auf die Route…</translation>
    </message>
    <message>
        <source>Turn summary</source>
        <translation>Zusammenfassung der Runde</translation>
    </message>
    <message>
        <source>Attempts of this turn</source>
        <translation>Versuche dieser Runde</translation>
    </message>
    <message>
        <source>Your message: %1</source>
        <translation>Ihre Nachricht: %1</translation>
    </message>
    <message>
        <source>The reply: %1</source>
        <translation>Die Antwort: %1</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Previous version (Alt+Left)</source>
        <translation>Vorherige Version (Alt+Links)</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <source>Next version (Alt+Right)</source>
        <translation>Nächste Version (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
</context>
<context>
    <name>detour::ModelCatalogModel</name>
    <message>
        <source>%1 tokens of context</source>
        <translation>%1 Token Kontext</translation>
    </message>
    <message>
        <source>%1 prompt, %2 completion per million tokens</source>
        <translation>%1 Prompt, %2 Completion pro Million Token</translation>
    </message>
    <message>
        <source>Free variant: shared capacity, often rate-limited upstream</source>
        <translation>Kostenlose Variante: geteilte Kapazität, oft beim vorgelagerten Anbieter durch Ratenlimits gebremst</translation>
    </message>
    <message>
        <source>free</source>
        <translation>kostenlos</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Prompt $/M</source>
        <translation>Prompt $/M</translation>
    </message>
    <message>
        <source>Completion $/M</source>
        <translation>Completion $/M</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Kostenlos</translation>
    </message>
    <message>
        <source>US dollars per million prompt tokens</source>
        <translation>US-Dollar pro Million Prompt-Token</translation>
    </message>
    <message>
        <source>US dollars per million completion tokens</source>
        <translation>US-Dollar pro Million Completion-Token</translation>
    </message>
    <message>
        <source>Context window in tokens</source>
        <translation>Kontextfenster in Token</translation>
    </message>
</context>
<context>
    <name>detour::ModelInfo</name>
    <message>
        <source>A model entry is a JSON %1, not an object</source>
        <translation>Ein Modelleintrag ist ein JSON-%1, kein Objekt</translation>
    </message>
    <message>
        <source>A model entry has no &quot;id&quot; string</source>
        <translation>Ein Modelleintrag hat keinen „id“-String</translation>
    </message>
    <message>
        <source>The model list</source>
        <translation>Die Modellliste</translation>
    </message>
    <message>
        <source>the model id is empty</source>
        <translation>die Modell-ID ist leer</translation>
    </message>
    <message>
        <source>the model id is longer than %1 characters</source>
        <translation>die Modell-ID ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>a model id has the form author/slug with exactly one &quot;/&quot;</source>
        <translation>eine Modell-ID hat die Form Autor/Slug mit genau einem „/“</translation>
    </message>
    <message>
        <source>the author part may hold only letters, digits, &quot;.&quot;, &quot;-&quot; and &quot;_&quot;, starting with a letter or digit</source>
        <translation>der Autorenteil darf nur Buchstaben, Ziffern, „.“, „-“ und „_“ enthalten und muss mit einem Buchstaben oder einer Ziffer beginnen</translation>
    </message>
    <message>
        <source>the slug part may hold only letters, digits, &quot;:&quot;, &quot;.&quot;, &quot;-&quot; and &quot;_&quot;, starting with a letter or digit</source>
        <translation>der Slug-Teil darf nur Buchstaben, Ziffern, „:“, „.“, „-“ und „_“ enthalten und muss mit einem Buchstaben oder einer Ziffer beginnen</translation>
    </message>
</context>
<context>
    <name>detour::ModelVariant</name>
    <message>
        <source>The model as it is, routed by OpenRouter&apos;s defaults.</source>
        <translation>Das Modell unverändert, geroutet nach den Standards von OpenRouter.</translation>
    </message>
    <message>
        <source>The free variant: no cost, but its own lower rate limits, and only for models the catalog lists with one.</source>
        <translation>Die kostenlose Variante: keine Kosten, aber eigene, niedrigere Ratenlimits, und nur für Modelle, für die der Katalog eine führt.</translation>
    </message>
    <message>
        <source>Fastest providers first (the same as sorting providers by throughput).</source>
        <translation>Schnellste Anbieter zuerst (wie das Sortieren der Anbieter nach Durchsatz).</translation>
    </message>
    <message>
        <source>Cheapest providers first (the same as sorting providers by price).</source>
        <translation>Günstigste Anbieter zuerst (wie das Sortieren der Anbieter nach Preis).</translation>
    </message>
    <message>
        <source>Providers with the best tool-calling quality first.</source>
        <translation>Anbieter mit der besten Qualität bei Tool-Aufrufen zuerst.</translation>
    </message>
</context>
<context>
    <name>detour::ParameterSupport</name>
    <message>
        <source>%1 does not take %2</source>
        <translation>%1 unterstützt %2 nicht</translation>
    </message>
</context>
<context>
    <name>detour::PromptLibrary</name>
    <message>
        <source>Brief</source>
        <translation>Knapp</translation>
    </message>
    <message>
        <source>Answer briefly and directly. Leave out introductions, summaries and caveats unless they matter.</source>
        <translation>Antworten Sie kurz und direkt. Lassen Sie Einleitungen, Zusammenfassungen und Vorbehalte weg, sofern sie nicht wichtig sind.</translation>
    </message>
    <message>
        <source>Translator</source>
        <translation>Übersetzer</translation>
    </message>
    <message>
        <source>Translate what I write into English; if it is English already, into German. Keep the meaning, tone and formatting; reply with the translation only.</source>
        <translation>Übersetzen Sie, was ich schreibe, ins Englische; wenn es schon Englisch ist, ins Deutsche. Bewahren Sie Bedeutung, Ton und Formatierung; antworten Sie nur mit der Übersetzung.</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>Code-Reviewer</translation>
    </message>
    <message>
        <source>You review code. Point out bugs, unclear names and missing error handling first, then style; quote the lines you mean and suggest the change.</source>
        <translation>Sie prüfen Code. Weisen Sie zuerst auf Fehler, unklare Namen und fehlende Fehlerbehandlung hin, dann auf den Stil; zitieren Sie die gemeinten Zeilen und schlagen Sie die Änderung vor.</translation>
    </message>
    <message>
        <source>The saved prompts in %1 could not be read (%2). They are kept in the file; a copy is put aside before anything new is saved.</source>
        <translation>Die gespeicherten Anweisungen in %1 konnten nicht gelesen werden (%2). Sie bleiben in der Datei erhalten; bevor etwas Neues gespeichert wird, wird eine Kopie beiseitegelegt.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>not a prompt library</source>
        <translation>keine Anweisungsbibliothek</translation>
    </message>
    <message>
        <source>a version newer than this Detour reads</source>
        <translation>eine neuere Version, als dieses Detour lesen kann</translation>
    </message>
    <message>
        <source>no list of prompts</source>
        <translation>keine Liste von Anweisungen</translation>
    </message>
    <message>
        <source>a prompt without a name</source>
        <translation>eine Anweisung ohne Namen</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The unreadable prompt file could not be copied aside to %1, so nothing was saved.</source>
        <translation>Die unlesbare Anweisungsdatei konnte nicht als Kopie nach %1 beiseitegelegt werden, daher wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>A saved prompt needs a name.</source>
        <translation>Eine gespeicherte Anweisung braucht einen Namen.</translation>
    </message>
    <message>
        <source>There is already a saved prompt called “%1”.</source>
        <translation>Es gibt bereits eine gespeicherte Anweisung namens „%1“.</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (Kopie %2)</translation>
    </message>
    <message>
        <source>There is no such saved prompt.</source>
        <translation>Diese gespeicherte Anweisung gibt es nicht.</translation>
    </message>
    <message>
        <source>No saved prompt was deleted.</source>
        <translation>Es wurde keine gespeicherte Anweisung gelöscht.</translation>
    </message>
</context>
<context>
    <name>detour::ProviderChoiceModel</name>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>Bevorzugt</translation>
    </message>
    <message>
        <source>Preferred, only</source>
        <translation>Bevorzugt, nur</translation>
    </message>
    <message>
        <source>Only</source>
        <translation>Nur</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignoriert</translation>
    </message>
    <message>
        <source>OpenRouter decides whether and when to use the provider.</source>
        <translation>OpenRouter entscheidet, ob und wann der Anbieter verwendet wird.</translation>
    </message>
    <message>
        <source>provider.order: OpenRouter tries the preferred providers first, in the order of the list.</source>
        <translation>provider.order: OpenRouter versucht die bevorzugten Anbieter zuerst, in der Reihenfolge der Liste.</translation>
    </message>
    <message>
        <source>provider.order and provider.only: tried first, in the order of the list, and no provider but the ones marked only is used.</source>
        <translation>provider.order und provider.only: zuerst versucht, in der Reihenfolge der Liste, und kein Anbieter außer den mit „Nur“ markierten wird verwendet.</translation>
    </message>
    <message>
        <source>provider.only: OpenRouter uses no provider but the ones marked only.</source>
        <translation>provider.only: OpenRouter verwendet keinen Anbieter außer den mit „Nur“ markierten.</translation>
    </message>
    <message>
        <source>provider.ignore: OpenRouter never uses the provider.</source>
        <translation>provider.ignore: OpenRouter verwendet den Anbieter nie.</translation>
    </message>
    <message>
        <source>The catalog does not list %1 among this model&apos;s providers.</source>
        <translation>Der Katalog führt %1 nicht unter den Anbietern dieses Modells.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Where OpenRouter tries the preferred providers (provider.order)</source>
        <translation>An welcher Stelle OpenRouter die bevorzugten Anbieter versucht (provider.order)</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>Preferred, only, ignored or default: F2 or a double click changes it</source>
        <translation>Bevorzugt, nur, ignoriert oder Standard: F2 oder ein Doppelklick ändert es</translation>
    </message>
</context>
<context>
    <name>detour::ProviderEligibility</name>
    <message numerus="yes">
        <source>The provider preferences leave none of the %n provider(s) that serve %1, so this step cannot be served: loosen only, ignore, the price limit or the quantizations.</source>
        <translation>
            <numerusform>Die Anbietereinstellungen lassen den %n Anbieter, der %1 bedient, nicht zu, daher kann dieser Schritt nicht beantwortet werden: lockern Sie „only“, „ignore“, das Preislimit oder die Quantisierungen.</numerusform>
            <numerusform>Die Anbietereinstellungen lassen keinen der %n Anbieter zu, die %1 bedienen, daher kann dieser Schritt nicht beantwortet werden: lockern Sie „only“, „ignore“, das Preislimit oder die Quantisierungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::ProviderEndpointInfo</name>
    <message>
        <source>An endpoint entry is a JSON %1, not an object</source>
        <translation>Ein Endpunkteintrag ist ein JSON-%1, kein Objekt</translation>
    </message>
    <message>
        <source>An endpoint entry names no provider</source>
        <translation>Ein Endpunkteintrag nennt keinen Anbieter</translation>
    </message>
    <message>
        <source>The endpoint list</source>
        <translation>Die Endpunktliste</translation>
    </message>
    <message>
        <source>%1 has no &quot;endpoints&quot; array</source>
        <translation>%1 hat kein „endpoints“-Array</translation>
    </message>
</context>
<context>
    <name>detour::ProviderEndpointModel</name>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Prompt $/M</source>
        <translation>Prompt $/M</translation>
    </message>
    <message>
        <source>Completion $/M</source>
        <translation>Completion $/M</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Share of successful requests over the last 30 minutes</source>
        <translation>Anteil erfolgreicher Anfragen in den letzten 30 Minuten</translation>
    </message>
    <message>
        <source>Median time to the first token over the last 30 minutes</source>
        <translation>Median der Zeit bis zum ersten Token in den letzten 30 Minuten</translation>
    </message>
    <message>
        <source>Median tokens per second over the last 30 minutes</source>
        <translation>Median der Token pro Sekunde in den letzten 30 Minuten</translation>
    </message>
    <message>
        <source>US dollars per million prompt tokens</source>
        <translation>US-Dollar pro Million Prompt-Token</translation>
    </message>
    <message>
        <source>US dollars per million completion tokens</source>
        <translation>US-Dollar pro Million Completion-Token</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 Tok./s</translation>
    </message>
</context>
<context>
    <name>detour::ProviderHealthModel</name>
    <message>
        <source>History is off, so there are no attempts to show.</source>
        <translation>Der Verlauf ist ausgeschaltet, daher gibt es keine Versuche anzuzeigen.</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No attempts in the %1 — choose a longer window.</source>
        <translation>Keine Versuche im Zeitraum „%1“ – wählen Sie einen längeren Zeitraum.</translation>
    </message>
    <message>
        <source>No attempts recorded yet — send a message, or rehearse a route.</source>
        <translation>Noch keine Versuche aufgezeichnet – senden Sie eine Nachricht oder proben Sie eine Route.</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamte Zeit</translation>
    </message>
    <message>
        <source>Requests that reached a server, OpenRouter&apos;s own tries at other providers included; skipped and cancelled ones are not counted.</source>
        <translation>Anfragen, die einen Server erreicht haben, einschließlich der eigenen Versuche von OpenRouter bei anderen Anbietern; übersprungene und abgebrochene werden nicht gezählt.</translation>
    </message>
    <message>
        <source>Share of tries that served a complete reply.</source>
        <translation>Anteil der Versuche, die eine vollständige Antwort geliefert haben.</translation>
    </message>
    <message>
        <source>Tries answered with HTTP 429.</source>
        <translation>Versuche, die mit HTTP 429 beantwortet wurden.</translation>
    </message>
    <message>
        <source>Time from sending the request to the first token of the reply (median and 90th percentile).</source>
        <translation>Zeit vom Senden der Anfrage bis zum ersten Token der Antwort (Median und 90. Perzentil).</translation>
    </message>
    <message>
        <source>Completion tokens per second, from the first token to the last.</source>
        <translation>Completion-Token pro Sekunde, vom ersten bis zum letzten Token.</translation>
    </message>
    <message>
        <source>Credits (USD) per 1000 tokens, prompt and completion together, as OpenRouter reported them.</source>
        <translation>Guthaben (USD) pro 1000 Token, Prompt und Completion zusammen, wie von OpenRouter gemeldet.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>429s</source>
        <translation>429er</translation>
    </message>
    <message>
        <source>First token p50</source>
        <translation>Erstes Token p50</translation>
    </message>
    <message>
        <source>First token p90</source>
        <translation>Erstes Token p90</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Token/s</translation>
    </message>
    <message>
        <source>$ / 1k tokens</source>
        <translation>$ / 1k Token</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tries served; %2 answered 429.</source>
        <translation>
            <numerusform>%1 von %n Versuch beantwortet; %2 mit 429 beantwortet.</numerusform>
            <numerusform>%1 von %n Versuchen beantwortet; %2 mit 429 beantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Hedged requests cancelled because another request of the same turn delivered its first token sooner; not failures, and not counted as tries.</source>
        <translation>Parallel gesendete Anfragen, die abgebrochen wurden, weil eine andere Anfrage derselben Runde ihr erstes Token früher geliefert hat; keine Fehlschläge und nicht als Versuche gezählt.</translation>
    </message>
    <message>
        <source>Lost races</source>
        <translation>Verlorene Rennen</translation>
    </message>
</context>
<context>
    <name>detour::ProviderHealthWidget</name>
    <message>
        <source>Per &amp;model</source>
        <translation>Pro &amp;Modell</translation>
    </message>
    <message>
        <source>Nothing is cooling down: every step may be tried.</source>
        <translation>Nichts kühlt ab: Jeder Schritt darf versucht werden.</translation>
    </message>
    <message>
        <source>Clear &amp;all</source>
        <translation>&amp;Alle freigeben</translation>
    </message>
    <message>
        <source>Time window</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>One row per provider and model instead of one per provider.</source>
        <translation>Eine Zeile pro Anbieter und Modell statt einer pro Anbieter.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Provider health</source>
        <translation>Anbietergesundheit</translation>
    </message>
    <message>
        <source>Providers cooling down</source>
        <translation>Abkühlende Anbieter</translation>
    </message>
    <message>
        <source>Let every cooling step be tried again on the next turn.</source>
        <translation>Jeden abkühlenden Schritt in der nächsten Runde wieder versuchen lassen.</translation>
    </message>
    <message>
        <source>Cooldowns (steps the next turn skips)</source>
        <translation>Abkühlungen (Schritte, die die nächste Runde überspringt)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Let %1 be tried again on the next turn.</source>
        <translation>%1 in der nächsten Runde wieder versuchen lassen.</translation>
    </message>
</context>
<context>
    <name>detour::ProviderPreferencesPanel</name>
    <message>
        <source>Only</source>
        <translation>Nur</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Providers of the step&apos;s model</source>
        <translation>Anbieter des Modells dieses Schritts</translation>
    </message>
    <message>
        <source>Provider list status</source>
        <translation>Status der Anbieterliste</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Ask the model catalog for this model&apos;s providers again</source>
        <translation>Den Modellkatalog erneut nach den Anbietern dieses Modells fragen</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>How to choose providers</source>
        <translation>So wählen Sie Anbieter</translation>
    </message>
    <message>
        <source>Choose a model to see its providers.</source>
        <translation>Wählen Sie ein Modell, um seine Anbieter zu sehen.</translation>
    </message>
    <message>
        <source>Loading providers…</source>
        <translation>Lade Anbieter…</translation>
    </message>
    <message>
        <source>No providers known for %1.</source>
        <translation>Keine Anbieter für %1 bekannt.</translation>
    </message>
    <message>
        <source>Providers of %1; updating…</source>
        <translation>Anbieter von %1; wird aktualisiert…</translation>
    </message>
    <message>
        <source>Providers of %1, as of %2.</source>
        <translation>Anbieter von %1, Stand %2.</translation>
    </message>
    <message>
        <source>Providers of %1.</source>
        <translation>Anbieter von %1.</translation>
    </message>
    <message>
        <source>Preferred providers come first: OpenRouter tries them in this order. Drag them, or press Alt+Up and Alt+Down, to reorder; F2 changes a provider&apos;s use; Delete sets it back to default.</source>
        <translation>Bevorzugte Anbieter stehen oben: OpenRouter versucht sie in dieser Reihenfolge. Ziehen Sie sie oder drücken Sie Alt+Hoch und Alt+Runter, um umzuordnen; F2 ändert die Verwendung eines Anbieters; Entf setzt sie auf Standard zurück.</translation>
    </message>
    <message>
        <source>Prefer</source>
        <translation>Bevorzugen</translation>
    </message>
    <message>
        <source>Try the selected providers first, after those already preferred</source>
        <translation>Die ausgewählten Anbieter zuerst versuchen, nach den bereits bevorzugten</translation>
    </message>
    <message>
        <source>Use no provider but the selected ones and the others marked only</source>
        <translation>Keinen Anbieter außer den ausgewählten und den anderen mit „Nur“ markierten verwenden</translation>
    </message>
    <message>
        <source>Never send this step to the selected providers</source>
        <translation>Diesen Schritt nie an die ausgewählten Anbieter senden</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Let OpenRouter decide about the selected providers (Delete)</source>
        <translation>OpenRouter über die ausgewählten Anbieter entscheiden lassen (Entf)</translation>
    </message>
    <message>
        <source>Move the preferred provider up (Alt+Up)</source>
        <translation>Den bevorzugten Anbieter nach oben verschieben (Alt+Hoch)</translation>
    </message>
    <message>
        <source>Move the preferred provider down (Alt+Down)</source>
        <translation>Den bevorzugten Anbieter nach unten verschieben (Alt+Runter)</translation>
    </message>
    <message>
        <source>Provider to add</source>
        <translation>Hinzuzufügender Anbieter</translation>
    </message>
    <message>
        <source>e.g. DeepInfra</source>
        <translation>z. B. DeepInfra</translation>
    </message>
    <message>
        <source>A provider the list does not show; it is added as preferred</source>
        <translation>Ein Anbieter, den die Liste nicht zeigt; er wird als bevorzugt hinzugefügt</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add the named provider to the preferred providers</source>
        <translation>Den genannten Anbieter zu den bevorzugten Anbietern hinzufügen</translation>
    </message>
    <message>
        <source>&lt;i&gt;Preferred&lt;/i&gt;: tried first, in the order shown. &lt;i&gt;Only&lt;/i&gt;: no provider but these. &lt;i&gt;Ignored&lt;/i&gt;: never these. &lt;i&gt;Default&lt;/i&gt;: OpenRouter decides.</source>
        <translation>&lt;i&gt;Bevorzugt&lt;/i&gt;: zuerst versucht, in der gezeigten Reihenfolge. &lt;i&gt;Nur&lt;/i&gt;: kein Anbieter außer diesen. &lt;i&gt;Ignoriert&lt;/i&gt;: nie diese. &lt;i&gt;Standard&lt;/i&gt;: OpenRouter entscheidet.</translation>
    </message>
    <message>
        <source>No model catalog for this endpoint: add providers by name below.</source>
        <translation>Kein Modellkatalog für diesen Endpunkt: Fügen Sie Anbieter unten nach Namen hinzu.</translation>
    </message>
    <message>
        <source>Use of %1</source>
        <translation>Verwendung von %1</translation>
    </message>
    <message>
        <source>Add provider:</source>
        <translation>Anbieter hinzufügen:</translation>
    </message>
</context>
<context>
    <name>detour::ProxyKeeper</name>
    <message>
        <source>The proxy password is used until Detour quits: there is no keychain to keep it in.</source>
        <translation>Das Proxy-Passwort wird verwendet, bis Detour beendet wird: Es gibt keinen Schlüsselbund, in dem es aufbewahrt werden kann.</translation>
    </message>
    <message>
        <source>The proxy password could not be read from the keychain: %1</source>
        <translation>Das Proxy-Passwort konnte nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>The proxy password could not be saved in the keychain: %1</source>
        <translation>Das Proxy-Passwort konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>detour::ProxySettingsWidget</name>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>&amp;System proxy settings</source>
        <translation>&amp;System-Proxy-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;No proxy</source>
        <translation>&amp;Kein Proxy</translation>
    </message>
    <message>
        <source>&amp;Manual proxy:</source>
        <translation>&amp;Manueller Proxy:</translation>
    </message>
    <message>
        <source>&amp;Apply proxy</source>
        <translation>Proxy &amp;anwenden</translation>
    </message>
    <message>
        <source>As the environment says (http_proxy, https_proxy, no_proxy).</source>
        <translation>Wie in der Umgebung festgelegt (http_proxy, https_proxy, no_proxy).</translation>
    </message>
    <message>
        <source>Proxy type</source>
        <translation>Proxy-Typ</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>SOCKS5</source>
        <translation>SOCKS5</translation>
    </message>
    <message>
        <source>Proxy host</source>
        <translation>Proxy-Host</translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation>Proxy-Port</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>Proxy-Benutzername</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>Proxy-Passwort</translation>
    </message>
    <message>
        <source>optional; kept in the keychain</source>
        <translation>optional; wird im Schlüsselbund aufbewahrt</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
</context>
<context>
    <name>detour::QuickSwitchActions</name>
    <message>
        <source>S&amp;witch route or model…</source>
        <translation>Route oder Modell &amp;wechseln…</translation>
    </message>
    <message>
        <source>Choose the &amp;route</source>
        <translation>&amp;Route wählen</translation>
    </message>
    <message>
        <source>This conversation now uses the route “%1”.</source>
        <translation>Diese Unterhaltung verwendet jetzt die Route „%1“.</translation>
    </message>
</context>
<context>
    <name>detour::QuickSwitchModel</name>
    <message>
        <source>Route · recent</source>
        <translation>Route · zuletzt verwendet</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>recent</source>
        <translation>zuletzt verwendet</translation>
    </message>
    <message numerus="yes">
        <source>%n provider(s)</source>
        <translation>
            <numerusform>%n Anbieter</numerusform>
            <numerusform>%n Anbieter</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 context</source>
        <translation>%1 Kontext</translation>
    </message>
    <message>
        <source>%1 in / %2 out per M tokens</source>
        <translation>%1 Eingabe / %2 Ausgabe pro M Token</translation>
    </message>
    <message>
        <source>free</source>
        <translation>kostenlos</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>kostenpflichtig</translation>
    </message>
    <message>
        <source>accepts: unknown</source>
        <translation>akzeptiert: unbekannt</translation>
    </message>
    <message>
        <source>accepts: %1</source>
        <translation>akzeptiert: %1</translation>
    </message>
</context>
<context>
    <name>detour::QuickSwitcher</name>
    <message>
        <source>Switch route or model</source>
        <translation>Route oder Modell wechseln</translation>
    </message>
    <message>
        <source>Filter routes and models</source>
        <translation>Routen und Modelle filtern</translation>
    </message>
    <message>
        <source>Type to filter routes and models; Enter picks, Esc closes</source>
        <translation>Tippen, um Routen und Modelle zu filtern; Eingabe wählt, Esc schließt</translation>
    </message>
    <message>
        <source>Routes and models</source>
        <translation>Routen und Modelle</translation>
    </message>
    <message>
        <source>Use only this model in this conversation (Enter)</source>
        <translation>Nur dieses Modell in dieser Unterhaltung verwenden (Eingabe)</translation>
    </message>
    <message>
        <source>Switch to this route (Enter)</source>
        <translation>Zu dieser Route wechseln (Eingabe)</translation>
    </message>
    <message>
        <source>Put it in front of “%1” for this conversation (Shift+Enter)</source>
        <translation>Für diese Unterhaltung vor „%1“ setzen (Umschalt+Eingabe)</translation>
    </message>
</context>
<context>
    <name>detour::RehearsalDock</name>
    <message>
        <source>Rehearse this route</source>
        <translation>Diese Route proben</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Simulated provider faults</source>
        <translation>Simulierte Anbieterfehler</translation>
    </message>
    <message>
        <source>Rehearsal results</source>
        <translation>Ergebnisse des Probelaufs</translation>
    </message>
    <message>
        <source>Turns to rehearse</source>
        <translation>Zu probende Runden</translation>
    </message>
    <message>
        <source> turns</source>
        <translation> Runden</translation>
    </message>
    <message>
        <source>Choose how each simulated provider behaves (the chat on the simulator feels it too), then rehearse: every step of the route goes to the simulator, never to a real server.</source>
        <translation>Legen Sie fest, wie sich jeder simulierte Anbieter verhält (der Chat mit dem Simulator spürt es auch), und proben Sie dann: Jeder Schritt der Route geht an den Simulator, nie an einen echten Server.</translation>
    </message>
    <message>
        <source>%1 of %2 turns: %3</source>
        <translation>%1 von %2 Runden: %3</translation>
    </message>
    <message numerus="yes">
        <source>Rehearsing %n turn(s)…</source>
        <translation>
            <numerusform>Probe %n Runde…</numerusform>
            <numerusform>Probe %n Runden…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::RehearsalResultsModel</name>
    <message>
        <source>a %1 from %2</source>
        <translation>ein %1 von %2</translation>
    </message>
    <message>
        <source>served</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 %2 inside OpenRouter</source>
        <translation>%1 %2 innerhalb von OpenRouter</translation>
    </message>
    <message>
        <source>step %1 skipped</source>
        <translation>Schritt %1 übersprungen</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>step %1 · %2 · %3</source>
        <translation>Schritt %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <source>Fallbacks</source>
        <translation>Fallbacks</translation>
    </message>
    <message>
        <source>Failover</source>
        <translation>Failover</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>Erstes Token</translation>
    </message>
    <message>
        <source>Refused by</source>
        <translation>Abgelehnt von</translation>
    </message>
    <message>
        <source>0/%1 served; most often the last refusal was %2</source>
        <translation>0/%1 beantwortet; die letzte Ablehnung war meist %2</translation>
    </message>
    <message>
        <source>%1/%2 served by step %3</source>
        <translation>%1/%2 von Schritt %3 beantwortet</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>nach %1</translation>
    </message>
    <message>
        <source>, %1 by other steps</source>
        <translation>, %1 von anderen Schritten</translation>
    </message>
    <message>
        <source>, %1 not served</source>
        <translation>, %1 nicht beantwortet</translation>
    </message>
    <message>
        <source>; median failover %1</source>
        <translation>; Median des Failovers %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>a failure at %1 (%2)</source>
        <translation>ein Fehler bei %1 (%2)</translation>
    </message>
</context>
<context>
    <name>detour::RehearsalRunner</name>
    <message>
        <source>Rehearsal turn %1: answer in one sentence.</source>
        <translation>Proberunde %1: Antworte in einem Satz.</translation>
    </message>
    <message>
        <source>A rehearsal is already running.</source>
        <translation>Ein Probelauf läuft bereits.</translation>
    </message>
    <message>
        <source>Rehearsals only run against the simulator on this computer.</source>
        <translation>Probeläufe laufen nur gegen den Simulator auf diesem Computer.</translation>
    </message>
    <message>
        <source>Rehearse at least one turn.</source>
        <translation>Proben Sie mindestens eine Runde.</translation>
    </message>
</context>
<context>
    <name>detour::RouteChoices</name>
    <message>
        <source>Demo route (simulated)</source>
        <translation>Demo-Route (simuliert)</translation>
    </message>
</context>
<context>
    <name>detour::RouteComparison</name>
    <message>
        <source>A comparison is already running.</source>
        <translation>Ein Vergleich läuft bereits.</translation>
    </message>
    <message>
        <source>A comparison takes %1 to %2 routes, not %3.</source>
        <translation>Ein Vergleich umfasst %1 bis %2 Routen, nicht %3.</translation>
    </message>
</context>
<context>
    <name>detour::RouteDefaultsForm</name>
    <message>
        <source>&amp;Edit defaults…</source>
        <translation>Vorgaben &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Every conversation on this route starts from these; what a conversation sets itself (Chat ▸ Conversation settings…) wins, field by field.</source>
        <translation>Jede Unterhaltung auf dieser Route beginnt mit diesen Werten; was eine Unterhaltung selbst festlegt (Chat ▸ Einstellungen der Unterhaltung…), hat Vorrang, Feld für Feld.</translation>
    </message>
    <message>
        <source>System prompt: %1</source>
        <translation>Systemanweisung: %1</translation>
    </message>
    <message>
        <source>No defaults: conversations start from the model&apos;s own settings.</source>
        <translation>Keine Vorgaben: Unterhaltungen beginnen mit den eigenen Einstellungen des Modells.</translation>
    </message>
    <message>
        <source>Route defaults</source>
        <translation>Vorgaben der Route</translation>
    </message>
</context>
<context>
    <name>detour::RouteEditorWidget</name>
    <message>
        <source>Only providers that support every parameter</source>
        <translation>Nur Anbieter, die jeden Parameter unterstützen</translation>
    </message>
    <message>
        <source>Route steps</source>
        <translation>Routenschritte</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Move the step up (Alt+Up)</source>
        <translation>Schritt nach oben verschieben (Alt+Hoch)</translation>
    </message>
    <message>
        <source>Move the step down (Alt+Down)</source>
        <translation>Schritt nach unten verschieben (Alt+Runter)</translation>
    </message>
    <message>
        <source>OpenRouter default</source>
        <translation>OpenRouter-Standard</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>OpenRouter default (yes)</source>
        <translation>OpenRouter-Standard (ja)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No: only the providers listed</source>
        <translation>Nein: nur die genannten Anbieter</translation>
    </message>
    <message>
        <source>OpenRouter default (allow)</source>
        <translation>OpenRouter-Standard (erlauben)</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Deny: no providers that store or train on data</source>
        <translation>Ablehnen: keine Anbieter, die Daten speichern oder damit trainieren</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source> $/M tokens</source>
        <translation> $/M Token</translation>
    </message>
    <message>
        <source>comma-separated model ids OpenRouter may use instead</source>
        <translation>kommagetrennte Modell-IDs, die OpenRouter stattdessen verwenden darf</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Server-side fallbacks</source>
        <translation>Serverseitige Fallbacks</translation>
    </message>
    <message>
        <source>Sort providers by</source>
        <translation>Anbieter sortieren nach</translation>
    </message>
    <message>
        <source>Allow fallbacks</source>
        <translation>Fallbacks erlauben</translation>
    </message>
    <message>
        <source>Data collection</source>
        <translation>Datenerhebung</translation>
    </message>
    <message>
        <source>Quantizations</source>
        <translation>Quantisierungen</translation>
    </message>
    <message>
        <source>Max prompt price</source>
        <translation>Höchstpreis Prompt</translation>
    </message>
    <message>
        <source>Max completion price</source>
        <translation>Höchstpreis Completion</translation>
    </message>
    <message>
        <source>Problems with this step</source>
        <translation>Probleme mit diesem Schritt</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Server-side &amp;fallbacks:</source>
        <translation>Serverseitige &amp;Fallbacks:</translation>
    </message>
    <message>
        <source>&amp;Sort providers by:</source>
        <translation>Anbieter &amp;sortieren nach:</translation>
    </message>
    <message>
        <source>Allow fallbacks:</source>
        <translation>Fallbacks erlauben:</translation>
    </message>
    <message>
        <source>Data collection:</source>
        <translation>Datenerhebung:</translation>
    </message>
    <message>
        <source>Quantizations:</source>
        <translation>Quantisierungen:</translation>
    </message>
    <message>
        <source>Max prompt price:</source>
        <translation>Höchstpreis Prompt:</translation>
    </message>
    <message>
        <source>Max completion price:</source>
        <translation>Höchstpreis Completion:</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Copy as code</source>
        <translation>Als Code kopieren</translation>
    </message>
    <message>
        <source>Route editor</source>
        <translation>Routeneditor</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>The request the selected step sends</source>
        <translation>Die Anfrage, die der gewählte Schritt sendet</translation>
    </message>
    <message>
        <source>Certificate authority:</source>
        <translation>Zertifizierungsstelle:</translation>
    </message>
    <message>
        <source>Connect &amp;directly (no proxy)</source>
        <translation>&amp;Direkt verbinden (ohne Proxy)</translation>
    </message>
    <message>
        <source>pdf-text: the text only, free (default)</source>
        <translation>pdf-text: nur der Text, kostenlos (Standard)</translation>
    </message>
    <message>
        <source>mistral-ocr: scanned pages too, paid</source>
        <translation>mistral-ocr: auch gescannte Seiten, kostenpflichtig</translation>
    </message>
    <message>
        <source>native: the model reads the file itself</source>
        <translation>native: das Modell liest die Datei selbst</translation>
    </message>
    <message>
        <source>For a server on this computer or in your own network: requests to this endpoint never go through the proxy of Connection settings.</source>
        <translation>Für einen Server auf diesem Computer oder in Ihrem eigenen Netzwerk: Anfragen an diesen Endpunkt gehen nie über den Proxy aus den Verbindungseinstellungen.</translation>
    </message>
    <message>
        <source>PDF engine</source>
        <translation>PDF-Engine</translation>
    </message>
    <message>
        <source>&amp;PDF attachments:</source>
        <translation>&amp;PDF-Anhänge:</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Vorgaben</translation>
    </message>
    <message>
        <source>The system prompt and parameters conversations start from</source>
        <translation>Die Systemanweisung und die Parameter, mit denen Unterhaltungen beginnen</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
</context>
<context>
    <name>detour::RouteFixer</name>
    <message>
        <source>The route has changed since: step %1 no longer asks for %2.</source>
        <translation>Die Route hat sich inzwischen geändert: Schritt %1 fragt nicht mehr nach %2.</translation>
    </message>
    <message>
        <source>Step %1 is already the last step.</source>
        <translation>Schritt %1 ist bereits der letzte Schritt.</translation>
    </message>
    <message>
        <source>Only OpenRouter falls back between providers.</source>
        <translation>Nur OpenRouter weicht zwischen Anbietern aus.</translation>
    </message>
    <message>
        <source>OpenRouter may already fall back to other providers for this step.</source>
        <translation>OpenRouter darf für diesen Schritt bereits auf andere Anbieter ausweichen.</translation>
    </message>
    <message>
        <source>Step %1 already asks for the paid variant.</source>
        <translation>Schritt %1 fragt bereits nach der kostenpflichtigen Variante.</translation>
    </message>
    <message>
        <source>No provider behind OpenRouter is named for this attempt.</source>
        <translation>Für diesen Versuch ist kein Anbieter hinter OpenRouter genannt.</translation>
    </message>
    <message>
        <source>%1 is already ignored for this step.</source>
        <translation>%1 wird für diesen Schritt bereits ignoriert.</translation>
    </message>
    <message>
        <source>Ignoring %1 would leave no provider that serves %2, so the step could not be served at all; move the step down or pick another model instead.</source>
        <translation>Würde %1 ignoriert, bliebe kein Anbieter, der %2 bedient, und der Schritt könnte gar nicht mehr beantwortet werden; verschieben Sie den Schritt stattdessen nach unten oder wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>This fix does not change the route.</source>
        <translation>Diese Korrektur ändert die Route nicht.</translation>
    </message>
</context>
<context>
    <name>detour::RouteLibrary</name>
    <message>
        <source>A route needs a name before it can be saved.</source>
        <translation>Eine Route braucht einen Namen, bevor sie gespeichert werden kann.</translation>
    </message>
    <message>
        <source>There is no route named &quot;%1&quot;.</source>
        <translation>Es gibt keine Route namens „%1“.</translation>
    </message>
    <message>
        <source>A route named &quot;%1&quot; already exists.</source>
        <translation>Eine Route namens „%1“ gibt es bereits.</translation>
    </message>
</context>
<context>
    <name>detour::RoutePolicyForm</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Retries of the last step:</source>
        <translation>Wiederholungen des letzten Schritts:</translation>
    </message>
    <message>
        <source>Retry every step before falling through</source>
        <translation>Jeden Schritt erneut versuchen, bevor es weitergeht</translation>
    </message>
    <message>
        <source>Longest wait between retries:</source>
        <translation>Längste Wartezeit zwischen Wiederholungen:</translation>
    </message>
    <message>
        <source>Cool down after a rate limit:</source>
        <translation>Pause nach einem Ratenlimit:</translation>
    </message>
    <message>
        <source>First-token timeout:</source>
        <translation>Zeitlimit erstes Token:</translation>
    </message>
    <message>
        <source>Idle timeout between chunks:</source>
        <translation>Zeitlimit zwischen Chunks:</translation>
    </message>
    <message>
        <source>Connect timeout (until headers):</source>
        <translation>Zeitlimit Verbindung (bis Header):</translation>
    </message>
    <message>
        <source>Whole turn at most:</source>
        <translation>Ganze Runde höchstens:</translation>
    </message>
    <message>
        <source>None (the order as arranged)</source>
        <translation>Keine (die angeordnete Reihenfolge)</translation>
    </message>
    <message>
        <source>Throughput (most tokens/s first)</source>
        <translation>Durchsatz (meiste Token/s zuerst)</translation>
    </message>
    <message>
        <source>Latency (quickest first token first)</source>
        <translation>Latenz (schnellstes erstes Token zuerst)</translation>
    </message>
    <message>
        <source>Success rate (most often served first)</source>
        <translation>Erfolgsquote (am häufigsten beantwortet zuerst)</translation>
    </message>
    <message>
        <source>Sort steps by</source>
        <translation>Schritte sortieren nach</translation>
    </message>
    <message>
        <source>Before each turn, reorder the enabled steps by what Detour recorded over the last 7 days (see View ▸ Provider health). This is what OpenRouter&apos;s server-side provider.sort does among the providers of one model, done here on your side across endpoints and models. Steps without history keep their order after the others; cooling steps are still skipped. Not part of exported code.</source>
        <translation>Ordnet vor jeder Runde die aktiven Schritte nach dem, was Detour in den letzten 7 Tagen aufgezeichnet hat (siehe Ansicht ▸ Anbietergesundheit). Das ist, was provider.sort von OpenRouter serverseitig unter den Anbietern eines Modells tut, hier auf Ihrer Seite über Endpunkte und Modelle hinweg. Schritte ohne Verlauf behalten ihre Reihenfolge nach den anderen; abkühlende Schritte werden weiterhin übersprungen. Nicht Teil des exportierten Codes.</translation>
    </message>
    <message>
        <source>Sort steps by:</source>
        <translation>Schritte sortieren nach:</translation>
    </message>
    <message>
        <source>In route files: %1</source>
        <translation>In Routendateien: %1</translation>
    </message>
    <message>
        <source>Fall through on:</source>
        <translation>Weiter zum nächsten Schritt bei:</translation>
    </message>
    <message>
        <source>Hedge requests:</source>
        <translation>Parallelanfragen:</translation>
    </message>
</context>
<context>
    <name>detour::RoutePreviewPane</name>
    <message>
        <source>Request preview</source>
        <translation>Anfragevorschau</translation>
    </message>
    <message>
        <source>Route as code</source>
        <translation>Route als Code</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Add a step to see the request it sends.</source>
        <translation>Fügen Sie einen Schritt hinzu, um die Anfrage zu sehen, die er sendet.</translation>
    </message>
</context>
<context>
    <name>detour::RouteStepsModel</name>
    <message>
        <source>Endpoint &quot;%1&quot; is not defined.</source>
        <translation>Endpunkt „%1“ ist nicht definiert.</translation>
    </message>
    <message>
        <source>No model chosen.</source>
        <translation>Kein Modell gewählt.</translation>
    </message>
    <message>
        <source>The provider list excludes every provider: nothing could serve this step.</source>
        <translation>Die Anbieterliste schließt jeden Anbieter aus: Nichts könnte diesen Schritt bedienen.</translation>
    </message>
    <message numerus="yes">
        <source> (+%n server-side fallback(s))</source>
        <translation>
            <numerusform> (+%n serverseitiger Fallback)</numerusform>
            <numerusform> (+%n serverseitige Fallbacks)</numerusform>
        </translation>
    </message>
    <message>
        <source>→ built-in simulator (%1)</source>
        <translation>→ eingebauter Simulator (%1)</translation>
    </message>
    <message>
        <source>→ built-in simulator (%1), instead of %2</source>
        <translation>→ eingebauter Simulator (%1) statt %2</translation>
    </message>
    <message>
        <source>→ your server at %1, not the simulator</source>
        <translation>→ Ihr Server auf %1, nicht der Simulator</translation>
    </message>
    <message>
        <source>→ your server at %1</source>
        <translation>→ Ihr Server auf %1</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>detour::RoutingOptionsForm</name>
    <message>
        <source>Model variant</source>
        <translation>Modellvariante</translation>
    </message>
    <message>
        <source>:free</source>
        <translation>:free</translation>
    </message>
    <message>
        <source>:nitro</source>
        <translation>:nitro</translation>
    </message>
    <message>
        <source>:floor</source>
        <translation>:floor</translation>
    </message>
    <message>
        <source>:exacto</source>
        <translation>:exacto</translation>
    </message>
    <message>
        <source>Models the Auto Router may choose</source>
        <translation>Modelle, die der Auto Router wählen darf</translation>
    </message>
    <message>
        <source>e.g. anthropic/*, openai/gpt-4o</source>
        <translation>z. B. anthropic/*, openai/gpt-4o</translation>
    </message>
    <message>
        <source>For openrouter/auto only: the models OpenRouter&apos;s Auto Router may pick from, comma-separated; a * matches a whole family. Empty: OpenRouter&apos;s own list.</source>
        <translation>Nur für openrouter/auto: die Modelle, aus denen der Auto Router von OpenRouter wählen darf, durch Kommas getrennt; ein * passt auf eine ganze Familie. Leer: die eigene Liste von OpenRouter.</translation>
    </message>
    <message>
        <source>Sort within or across models</source>
        <translation>Innerhalb von Modellen oder über Modelle hinweg sortieren</translation>
    </message>
    <message>
        <source>OpenRouter default (within each model)</source>
        <translation>OpenRouter-Standard (innerhalb jedes Modells)</translation>
    </message>
    <message>
        <source>Within each model</source>
        <translation>Innerhalb jedes Modells</translation>
    </message>
    <message>
        <source>Across all models, fallbacks too</source>
        <translation>Über alle Modelle, auch Fallbacks</translation>
    </message>
    <message>
        <source>Within each model: the sort orders the providers of one model, and fallback models stay fallbacks. Across all models: the best provider of any model in the list is tried first.</source>
        <translation>Innerhalb jedes Modells: Die Sortierung ordnet die Anbieter eines Modells, und Fallback-Modelle bleiben Fallbacks. Über alle Modelle: Der beste Anbieter irgendeines Modells der Liste wird zuerst versucht.</translation>
    </message>
    <message>
        <source>Preferred minimum throughput</source>
        <translation>Bevorzugter Mindestdurchsatz</translation>
    </message>
    <message>
        <source> tokens/s</source>
        <translation> Token/s</translation>
    </message>
    <message>
        <source>no preference</source>
        <translation>keine Präferenz</translation>
    </message>
    <message>
        <source>Prefer providers that usually (median) write at least this many tokens a second. Slower ones are still used, but only after the faster ones.</source>
        <translation>Anbieter bevorzugen, die üblicherweise (Median) mindestens so viele Token pro Sekunde liefern. Langsamere werden weiterhin verwendet, aber erst nach den schnelleren.</translation>
    </message>
    <message>
        <source>Preferred maximum latency</source>
        <translation>Bevorzugte Höchstlatenz</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Prefer providers that usually (median) start answering within this many seconds. Slower ones are still used, but only after the quicker ones.</source>
        <translation>Anbieter bevorzugen, die üblicherweise (Median) innerhalb so vieler Sekunden zu antworten beginnen. Langsamere werden weiterhin verwendet, aber erst nach den schnelleren.</translation>
    </message>
    <message>
        <source>Only send this step to endpoints that keep nothing: no prompts or answers stored, not even for a moment (Zero Data Retention).</source>
        <translation>Diesen Schritt nur an Endpunkte senden, die nichts aufbewahren: Keine Prompts oder Antworten werden gespeichert, nicht einmal kurz (Zero Data Retention).</translation>
    </message>
    <message>
        <source>Only models whose makers allow their answers to be used to train other models.</source>
        <translation>Nur Modelle, deren Hersteller erlauben, dass ihre Antworten zum Trainieren anderer Modelle verwendet werden.</translation>
    </message>
    <message>
        <source>Auto Router&apos;s m&amp;odels:</source>
        <translation>Auto-Router-M&amp;odelle:</translation>
    </message>
    <message>
        <source>Sort &amp;across:</source>
        <translation>Sortier&amp;bereich:</translation>
    </message>
    <message>
        <source>Prefer &amp;throughput of at least:</source>
        <translation>Bevorzugter Mindestdurchsa&amp;tz:</translation>
    </message>
    <message>
        <source>Prefer &amp;latency of at most:</source>
        <translation>Bevorzugte Höchst&amp;latenz:</translation>
    </message>
    <message>
        <source>Only Zero Data Retention endpoints</source>
        <translation>Nur Endpunkte mit Zero Data Retention</translation>
    </message>
    <message>
        <source>Only models that allow distillation of their text</source>
        <translation>Nur Modelle, die die Destillation ihres Texts erlauben</translation>
    </message>
</context>
<context>
    <name>detour::RoutingProblems</name>
    <message>
        <source>%1 is a router, not a model: the %2 variant does not apply to it.</source>
        <translation>%1 ist ein Router, kein Modell: Die Variante %2 gilt dafür nicht.</translation>
    </message>
    <message>
        <source>%1 is not in the model catalog: it lists no free variant of %2.</source>
        <translation>%1 ist nicht im Modellkatalog: Er führt keine kostenlose Variante von %2.</translation>
    </message>
    <message>
        <source>%1 is not in the model catalog (renamed or removed?).</source>
        <translation>%1 ist nicht im Modellkatalog (umbenannt oder entfernt?).</translation>
    </message>
    <message>
        <source>%1 already sorts providers by %2; sorting by %3 contradicts it.</source>
        <translation>%1 sortiert die Anbieter bereits nach %2; eine Sortierung nach %3 widerspricht dem.</translation>
    </message>
    <message>
        <source>:exacto sorts providers by tool-calling quality; sorting by %1 contradicts it.</source>
        <translation>:exacto sortiert die Anbieter nach der Qualität bei Tool-Aufrufen; eine Sortierung nach %1 widerspricht dem.</translation>
    </message>
    <message>
        <source>The sort partition has no effect without a sort (price, throughput or latency).</source>
        <translation>Die Sortierpartition hat ohne Sortierung (price, throughput oder latency) keine Wirkung.</translation>
    </message>
    <message>
        <source>Sorting across models (partition &quot;none&quot;) needs server-side fallback models to mix.</source>
        <translation>Sortieren über Modelle hinweg (partition „none“) braucht serverseitige Fallback-Modelle zum Mischen.</translation>
    </message>
    <message>
        <source>An explicit provider order turns off OpenRouter&apos;s sticky routing for prompt caching: a conversation may land on a provider without its cache and pay full price for the prompt again.</source>
        <translation>Eine ausdrückliche Anbieter-Reihenfolge schaltet das Sticky Routing von OpenRouter für Prompt-Caching ab: Eine Unterhaltung kann bei einem Anbieter ohne ihren Cache landen und den vollen Preis für den Prompt erneut zahlen.</translation>
    </message>
</context>
<context>
    <name>detour::SavedPromptsButton</name>
    <message>
        <source>Prompts</source>
        <translation>Anweisungen</translation>
    </message>
    <message>
        <source>Use a saved system prompt in this conversation</source>
        <translation>Eine gespeicherte Systemanweisung in dieser Unterhaltung verwenden</translation>
    </message>
    <message>
        <source>Saved prompts</source>
        <translation>Gespeicherte Anweisungen</translation>
    </message>
    <message>
        <source>No saved prompts yet</source>
        <translation>Noch keine gespeicherten Anweisungen</translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation>Keine Systemanweisung</translation>
    </message>
    <message>
        <source>Manage saved prompts…</source>
        <translation>Gespeicherte Anweisungen verwalten…</translation>
    </message>
</context>
<context>
    <name>detour::SavedPromptsRow</name>
    <message>
        <source>Save &amp;as…</source>
        <translation>Speichern u&amp;nter…</translation>
    </message>
    <message>
        <source>Rena&amp;me…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Saved prompts</source>
        <translation>Gespeicherte Anweisungen</translation>
    </message>
    <message>
        <source>Pick a saved prompt…</source>
        <translation>Gespeicherte Anweisung wählen…</translation>
    </message>
    <message>
        <source>Keep the system prompt above under a name</source>
        <translation>Die Systemanweisung oben unter einem Namen aufbewahren</translation>
    </message>
    <message>
        <source>Save prompt as</source>
        <translation>Anweisung speichern unter</translation>
    </message>
    <message>
        <source>Rename prompt</source>
        <translation>Anweisung umbenennen</translation>
    </message>
    <message>
        <source>Duplicated as “%1”.</source>
        <translation>Dupliziert als „%1“.</translation>
    </message>
    <message>
        <source>Sa&amp;ved prompts:</source>
        <translation>&amp;Gespeicherte Anweisungen:</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Name (an existing one gets the new text):</source>
        <translation>Name (eine vorhandene Anweisung erhält den neuen Text):</translation>
    </message>
    <message>
        <source>Renamed to “%1”.</source>
        <translation>Umbenannt in „%1“.</translation>
    </message>
    <message>
        <source>Saved as “%1”.</source>
        <translation>Gespeichert als „%1“.</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>“%1” is back.</source>
        <translation>„%1“ ist wieder da.</translation>
    </message>
</context>
<context>
    <name>detour::SettingsFile</name>
    <message>
        <source>Detour could not read its settings file %1, so it started with default settings and will keep the old file as a copy before saving anything.</source>
        <translation>Detour konnte seine Einstellungsdatei %1 nicht lesen, ist daher mit Standardeinstellungen gestartet und behält die alte Datei als Kopie, bevor es etwas speichert.</translation>
    </message>
    <message>
        <source>The settings file %1 is not a text file, so Detour started with default settings and will keep the old file as a copy before saving anything.</source>
        <translation>Die Einstellungsdatei %1 ist keine Textdatei, daher ist Detour mit Standardeinstellungen gestartet und behält die alte Datei als Kopie, bevor es etwas speichert.</translation>
    </message>
    <message>
        <source>The settings file %1 is damaged (line %2), so Detour started with default settings and will keep the old file as a copy before saving anything.</source>
        <translation>Die Einstellungsdatei %1 ist beschädigt (Zeile %2), daher ist Detour mit Standardeinstellungen gestartet und behält die alte Datei als Kopie, bevor es etwas speichert.</translation>
    </message>
    <message>
        <source>The settings file %1 is damaged, so Detour started with default settings and will keep the old file as a copy before saving anything.</source>
        <translation>Die Einstellungsdatei %1 ist beschädigt, daher ist Detour mit Standardeinstellungen gestartet und behält die alte Datei als Kopie, bevor es etwas speichert.</translation>
    </message>
    <message>
        <source>Detour could not keep a copy of its unusable settings file %1, so it will not overwrite it and changes last only until Detour quits.</source>
        <translation>Detour konnte keine Kopie seiner unbrauchbaren Einstellungsdatei %1 anlegen, überschreibt sie daher nicht, und Änderungen gelten nur, bis Detour beendet wird.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be used, so Detour started with default settings; the old file was kept as %2.</source>
        <translation>Die Einstellungsdatei %1 war nicht verwendbar, daher ist Detour mit Standardeinstellungen gestartet; die alte Datei wurde als %2 behalten.</translation>
    </message>
    <message>
        <source>Detour could not save its settings to %1, so changes last only until Detour quits.</source>
        <translation>Detour konnte seine Einstellungen nicht in %1 speichern, daher gelten Änderungen nur, bis Detour beendet wird.</translation>
    </message>
</context>
<context>
    <name>detour::SidePanel</name>
    <message>
        <source>Side panel pages</source>
        <translation>Seiten der Seitenleiste</translation>
    </message>
    <message>
        <source>Close the side panel</source>
        <translation>Seitenleiste schließen</translation>
    </message>
</context>
<context>
    <name>detour::SimulatorBanner</name>
    <message>
        <source>&lt;b&gt;Simulated&lt;/b&gt; — you are on the simulated OpenRouter: nothing leaves this computer.</source>
        <translation>&lt;b&gt;Simuliert&lt;/b&gt; – Sie sind mit dem simulierten OpenRouter verbunden: Nichts verlässt diesen Computer.</translation>
    </message>
    <message>
        <source>Add a key…</source>
        <translation>Schlüssel hinzufügen…</translation>
    </message>
</context>
<context>
    <name>detour::StatusLine</name>
    <message>
        <source>Route &quot;%1&quot;: %2</source>
        <translation>Route „%1“: %2</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>Simuliert</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Requests go to the built-in simulated OpenRouter on 127.0.0.1; nothing leaves this machine.</source>
        <translation>Anfragen gehen an das eingebaute simulierte OpenRouter auf 127.0.0.1; nichts verlässt diesen Rechner.</translation>
    </message>
    <message>
        <source>free tier</source>
        <translation>kostenloses Kontingent</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>kostenpflichtig</translation>
    </message>
    <message>
        <source>$%1 of $%2 used</source>
        <translation>$%1 von $%2 verbraucht</translation>
    </message>
    <message>
        <source>$%1 used, no limit</source>
        <translation>$%1 verbraucht, kein Limit</translation>
    </message>
    <message>
        <source>Retrying in %1 s…</source>
        <translation>Neuer Versuch in %1 s…</translation>
    </message>
</context>
<context>
    <name>detour::SystemPromptBar</name>
    <message>
        <source>System prompt</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <source>Show the whole system prompt</source>
        <translation>Die ganze Systemanweisung zeigen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the system prompt and parameters of this conversation</source>
        <translation>Systemanweisung und Parameter dieser Unterhaltung ändern</translation>
    </message>
    <message>
        <source>Hide the whole system prompt</source>
        <translation>Die ganze Systemanweisung ausblenden</translation>
    </message>
</context>
<context>
    <name>detour::ThinkingSection</name>
    <message>
        <source>Thinking</source>
        <translation>Nachdenken</translation>
    </message>
    <message>
        <source>Thinking (%1 characters)</source>
        <translation>Nachdenken (%1 Zeichen)</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Hide the model&apos;s reasoning</source>
        <translation>Das Nachdenken des Modells ausblenden</translation>
    </message>
    <message>
        <source>Show the model&apos;s reasoning</source>
        <translation>Das Nachdenken des Modells zeigen</translation>
    </message>
    <message>
        <source>Thinking… %1 s</source>
        <translation>Denkt nach… %1 s</translation>
    </message>
    <message>
        <source>Thinking… (%1 characters, %2 s)</source>
        <translation>Denkt nach… (%1 Zeichen, %2 s)</translation>
    </message>
    <message>
        <source>Thinking (%1 characters, %2 s)</source>
        <translation>Nachdenken (%1 Zeichen, %2 s)</translation>
    </message>
</context>
<context>
    <name>detour::TransferActions</name>
    <message>
        <source>Nothing to export yet: send a message first.</source>
        <translation>Noch nichts zu exportieren: Senden Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Detour conversation, with every attempt (*.json)</source>
        <translation>Detour-Unterhaltung mit allen Versuchen (*.json)</translation>
    </message>
    <message>
        <source>Attempt log (*.csv)</source>
        <translation>Versuchsprotokoll (*.csv)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exportiert nach %1.</translation>
    </message>
    <message>
        <source>Import conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <source>Detour conversation (*.json)</source>
        <translation>Detour-Unterhaltung (*.json)</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <source>Save route as</source>
        <translation>Route speichern unter</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Import route</source>
        <translation>Route importieren</translation>
    </message>
    <message>
        <source>Route file (*.json)</source>
        <translation>Routendatei (*.json)</translation>
    </message>
    <message>
        <source>Export as OpenRouter request body</source>
        <translation>Als OpenRouter-Anfrage-Body exportieren</translation>
    </message>
    <message>
        <source>Export route file</source>
        <translation>Routendatei exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown, with the model&apos;s thinking (*.md)</source>
        <translation>Markdown, mit dem Nachdenken des Modells (*.md)</translation>
    </message>
    <message>
        <source>&amp;Import conversation…</source>
        <translation>Unterhaltung &amp;importieren…</translation>
    </message>
</context>
<context>
    <name>detour::Translations</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>detour::TurnRecorder</name>
    <message>
        <source>The reply has no place in the history yet.</source>
        <translation>Die Antwort hat noch keinen Platz im Verlauf.</translation>
    </message>
</context>
<context>
    <name>detour::TurnRunner</name>
    <message>
        <source>The connection closed before the reply was complete.</source>
        <translation>Die Verbindung wurde geschlossen, bevor die Antwort vollständig war.</translation>
    </message>
    <message>
        <source>The route has no enabled step to send this message to.</source>
        <translation>Die Route hat keinen aktiven Schritt, an den diese Nachricht gehen könnte.</translation>
    </message>
    <message>
        <source>The reply is larger than %1 MiB.</source>
        <translation>Die Antwort ist größer als %1 MiB.</translation>
    </message>
    <message>
        <source>The server ended the reply with finish_reason &quot;error&quot;.</source>
        <translation>Der Server hat die Antwort mit finish_reason „error“ beendet.</translation>
    </message>
    <message>
        <source>The stream was cut off in the middle of a chunk.</source>
        <translation>Der Stream wurde mitten in einem Chunk abgeschnitten.</translation>
    </message>
    <message>
        <source>The server asked to wait %1 s before retrying.</source>
        <translation>Der Server bittet, %1 s bis zum nächsten Versuch zu warten.</translation>
    </message>
    <message>
        <source>Backing off before retry %1 of %2.</source>
        <translation>Warte vor Wiederholung %1 von %2.</translation>
    </message>
</context>
<context>
    <name>detour::WelcomeText</name>
    <message>
        <source>Explain in three sentences why free models hit rate limits.</source>
        <translation>Erkläre in drei Sätzen, warum kostenlose Modelle an Ratenlimits stoßen.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Detour&lt;/h2&gt;&lt;p&gt;Chat with models through OpenRouter and around its rate limits: each turn falls through your route until a step serves it, and the error inspector shows who refused and why.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Active route:&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Try: &lt;a href=&quot;prompt:%3&quot;&gt;%4&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Detour&lt;/h2&gt;&lt;p&gt;Chatten Sie mit Modellen über OpenRouter und um seine Ratenlimits herum: Jede Runde läuft Ihre Route entlang, bis ein Schritt sie beantwortet, und der Fehler-Inspektor zeigt, wer abgelehnt hat und warum.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Aktive Route:&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Probieren Sie: &lt;a href=&quot;prompt:%3&quot;&gt;%4&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>You are on the &lt;b&gt;simulated&lt;/b&gt; OpenRouter: its first step answers with a real-shaped upstream 429, the next one serves.</source>
        <translation>Sie nutzen das &lt;b&gt;simulierte&lt;/b&gt; OpenRouter: Sein erster Schritt antwortet mit einem realistisch aufgebauten 429 vom vorgelagerten Anbieter, der nächste beantwortet die Anfrage.</translation>
    </message>
</context>
<context>
    <name>detour::WindowLayout</name>
    <message>
        <source>&amp;Conversations</source>
        <translation>&amp;Unterhaltungen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run one turn with TEXT and print the reply.</source>
        <translation>Eine Runde mit TEXT ausführen und die Antwort ausgeben.</translation>
    </message>
    <message>
        <source>Send to the built-in simulated OpenRouter (optionally with SCENARIO: a built-in name or a file).</source>
        <translation>An das eingebaute simulierte OpenRouter senden (optional mit SCENARIO: ein eingebauter Name oder eine Datei).</translation>
    </message>
    <message>
        <source>Scenario for --simulate.</source>
        <translation>Szenario für --simulate.</translation>
    </message>
    <message>
        <source>Diagnose a saved raw HTTP response (&quot;-&quot; for stdin).</source>
        <translation>Eine gespeicherte rohe HTTP-Antwort diagnostizieren („-“ für stdin).</translation>
    </message>
    <message>
        <source>With --explain: openrouter or openai (default: inferred).</source>
        <translation>Mit --explain: openrouter oder openai (Standard: wird erkannt).</translation>
    </message>
    <message>
        <source>The conversation database (default: %1).</source>
        <translation>Die Unterhaltungsdatenbank (Standard: %1).</translation>
    </message>
    <message>
        <source>With --ask: do not record the turn.</source>
        <translation>Mit --ask: die Runde nicht aufzeichnen.</translation>
    </message>
    <message>
        <source>Append each finished turn to FILE as one JSON line (the window and --ask).</source>
        <translation>Jede fertige Runde als eine JSON-Zeile an DATEI anhängen (das Fenster und --ask).</translation>
    </message>
    <message>
        <source>With --ask: the system prompt, sent first.</source>
        <translation>Mit --ask: die Systemanweisung, zuerst gesendet.</translation>
    </message>
    <message>
        <source>With --ask: a parameter, repeatable: %1.</source>
        <translation>Mit --ask: ein Parameter, wiederholbar: %1.</translation>
    </message>
    <message>
        <source>With --ask: attach a file (an image, a PDF or a text file); repeatable.</source>
        <translation>Mit --ask: eine Datei anhängen (ein Bild, ein PDF oder eine Textdatei); wiederholbar.</translation>
    </message>
    <message>
        <source>Detour: a chat client that routes around rate limits. Without --ask, --explain, --import or --export it opens the window.</source>
        <translation>Detour: ein Chat-Client, der Anfragen um Ratenlimits herumleitet. Ohne --ask, --explain, --import oder --export öffnet Detour das Fenster.</translation>
    </message>
    <message>
        <source>Route file (JSON) for --ask (default: the demo route) or --export. Given 2 to 4 times, --ask compares the routes on the one question, side by side: exit status 0 when every route served, 4 when some did, 2 when none did.</source>
        <translation>Routendatei (JSON) für --ask (Standard: die Demo-Route) oder --export. 2- bis 4-mal angegeben, vergleicht --ask die Routen an derselben Frage nebeneinander: Exit-Status 0, wenn jede Route beantwortet hat, 4, wenn einige, 2, wenn keine.</translation>
    </message>
    <message>
        <source>With --ask: print one JSON object per attempt and one for the turn (comparing routes: one object with a turn per route and the summary). With --import: print what was imported as one JSON object.</source>
        <translation>Mit --ask: ein JSON-Objekt pro Versuch und eines für die Runde ausgeben (beim Vergleich von Routen: ein Objekt mit einer Runde pro Route und der Zusammenfassung). Mit --import: das Importierte als ein JSON-Objekt ausgeben.</translation>
    </message>
    <message>
        <source>Import another client&apos;s history (ChatGPT&apos;s conversations.json, a Jan thread or threads folder) into the conversation database and print what was imported. Exit status: 0 imported (or imported before), 1 no such file, 2 not a history Detour can import (nothing written), 3 the database could not be written (nothing written).</source>
        <translation>Den Verlauf eines anderen Clients (conversations.json von ChatGPT, ein Jan-Thread oder Thread-Ordner) in die Unterhaltungsdatenbank importieren und ausgeben, was importiert wurde. Exit-Status: 0 importiert (oder bereits früher importiert), 1 Datei nicht vorhanden, 2 kein Verlauf, den Detour importieren kann (nichts geschrieben), 3 die Datenbank konnte nicht geschrieben werden (nichts geschrieben).</translation>
    </message>
    <message>
        <source>Print the route of --route as a program that asks --ask TEXT (default &quot;Hello!&quot;): curl, python, langchain, langchain-js or typescript.</source>
        <translation>Die Route aus --route als Programm ausgeben, das --ask TEXT fragt (Standard „Hello!“): curl, python, langchain, langchain-js oder typescript.</translation>
    </message>
    <message>
        <source>List the cooldowns in force in the database.</source>
        <translation>Die in der Datenbank geltenden Abkühlungen auflisten.</translation>
    </message>
    <message>
        <source>Clear every cooldown in the database: each step may be tried again.</source>
        <translation>Alle Abkühlungen in der Datenbank aufheben: Jeder Schritt darf wieder versucht werden.</translation>
    </message>
</context>
</TS>
