Hello,

A reminder: ${inviterName} invited you (${inviteeEmail}) to join ${storeName} as ${role}, and the invitation expires on ${expiryDate}.
<#if hasPersonalNote>

"${personalNote}"
</#if>

Accept the invitation: ${acceptUrl}
