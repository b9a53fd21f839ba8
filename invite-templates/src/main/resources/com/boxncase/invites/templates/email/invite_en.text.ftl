Hello,

${inviterName} has invited you (${inviteeEmail}) to join ${storeName} as ${role}.
<#if hasPersonalNote>

"${personalNote}"
</#if>

Accept the invitation: ${acceptUrl}

This invitation expires on ${expiryDate}.

If you did not expect this invitation, you can ignore this email.
