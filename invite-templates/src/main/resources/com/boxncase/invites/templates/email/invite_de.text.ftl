Hallo,

${inviterName} hat Sie (${inviteeEmail}) eingeladen, ${storeName} als ${role} beizutreten.
<#if hasPersonalNote>

„${personalNote}“
</#if>

Einladung annehmen: ${acceptUrl}

Diese Einladung läuft am ${expiryDate} ab.

Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.
