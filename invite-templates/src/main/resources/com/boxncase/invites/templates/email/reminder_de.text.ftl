Hallo,

Zur Erinnerung: ${inviterName} hat Sie (${inviteeEmail}) eingeladen, ${storeName} als ${role} beizutreten. Die Einladung läuft am ${expiryDate} ab.
<#if hasPersonalNote>

„${personalNote}“
</#if>

Einladung annehmen: ${acceptUrl}
