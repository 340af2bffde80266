<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CooldownsCommand</name>
    <message numerus="yes">
        <source>Cleared %n cooldown(s): every step may be tried again.</source>
        <translation>
            <numerusform>Cleared %n cooldown: every step may be tried again.</numerusform>
            <numerusform>Cleared %n cooldowns: every step may be tried again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::ComparePickerDialog</name>
    <message numerus="yes">
        <source>%n route(s) ticked: tick at least %1.</source>
        <translation>
            <numerusform>%n route ticked: tick at least %1.</numerusform>
            <numerusform>%n routes ticked: tick at least %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n route(s) ticked: at most %1 can be compared.</source>
        <translation>
            <numerusform>%n route ticked: at most %1 can be compared.</numerusform>
            <numerusform>%n routes ticked: at most %1 can be compared.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n route(s) ticked.</source>
        <translation>
            <numerusform>%n route ticked.</numerusform>
            <numerusform>%n routes ticked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::CompareView</name>
    <message numerus="yes">
        <source>Comparing %n route(s): %1</source>
        <translation>
            <numerusform>Comparing %n route: %1</numerusform>
            <numerusform>Comparing %n routes: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::HealthChart</name>
    <message numerus="yes">
        <source>%1: %2 % of %n tries served, %3 answered 429</source>
        <translation>
            <numerusform>%1: %2 % of %n try served, %3 answered 429</numerusform>
            <numerusform>%1: %2 % of %n tries served, %3 answered 429</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::MainWindow</name>
    <message numerus="yes">
        <source>%n reply(s) left unfinished by an earlier crash were kept and marked interrupted.</source>
        <translation>
            <numerusform>%n reply left unfinished by an earlier crash was kept and marked interrupted.</numerusform>
            <numerusform>%n replies left unfinished by an earlier crash were kept and marked interrupted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::ProviderEligibility</name>
    <message numerus="yes">
        <source>The provider preferences leave none of the %n provider(s) that serve %1, so this step cannot be served: loosen only, ignore, the price limit or the quantizations.</source>
        <translation>
            <numerusform>The provider preferences leave out the %n provider that serves %1, so this step cannot be served: loosen only, ignore, the price limit or the quantizations.</numerusform>
            <numerusform>The provider preferences leave none of the %n providers that serve %1, so this step cannot be served: loosen only, ignore, the price limit or the quantizations.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::ProviderHealthModel</name>
    <message numerus="yes">
        <source>%1 of %n tries served; %2 answered 429.</source>
        <translation>
            <numerusform>%1 of %n try served; %2 answered 429.</numerusform>
            <numerusform>%1 of %n tries served; %2 answered 429.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::QuickSwitchModel</name>
    <message numerus="yes">
        <source>%n provider(s)</source>
        <translation>
            <numerusform>%n provider</numerusform>
            <numerusform>%n providers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::RehearsalDock</name>
    <message numerus="yes">
        <source>Rehearsing %n turn(s)…</source>
        <translation>
            <numerusform>Rehearsing %n turn…</numerusform>
            <numerusform>Rehearsing %n turns…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>detour::RouteStepsModel</name>
    <message numerus="yes">
        <source> (+%n server-side fallback(s))</source>
        <translation>
            <numerusform> (+%n server-side fallback)</numerusform>
            <numerusform> (+%n server-side fallbacks)</numerusform>
        </translation>
    </message>
</context>
</TS>
