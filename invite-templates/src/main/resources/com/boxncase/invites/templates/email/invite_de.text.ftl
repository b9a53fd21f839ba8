Hallo,

<#if hasInviterName>${inviterName} hat Sie eingeladen<#else>Sie sind eingeladen</#if>, ${storeName} als ${role} mitzuverwalten.<#if roleDescription?has_content> ${roleDescription}</#if>
<#if hasPersonalNote>

<#if hasInviterName>Nachricht von ${inviterName}<#else>Nachricht zur Einladung</#if>:
„${personalNote}“
</#if>

Einladung annehmen:
${acceptUrl}

So geht es weiter: Der Link öffnet eine Seite mit dieser Einladung. Geben Sie Ihren Namen ein und wählen Sie „Annehmen“. Melden Sie sich danach <#if hasSignInUrl>unter ${signInUrl} </#if>mit Ihrem Plattform-Konto an, um in ${storeName} zu arbeiten.

Die Einladung läuft ${expiresIn} ab, am ${expiryDateTime}. Danach funktioniert der Link nicht mehr; bitten Sie <#if hasInviterName>${inviterName}<#else>den Shop</#if> um eine neue Einladung.

Diese Einladung wurde an ${inviteeEmail} gesendet. Falls Sie sie nicht erwartet haben, können Sie diese E-Mail ignorieren: Ohne Ihre Zustimmung passiert nichts.
