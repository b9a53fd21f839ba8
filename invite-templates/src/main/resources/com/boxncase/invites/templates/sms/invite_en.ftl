<#if hasInviterName>${inviterName} invited you<#else>You're invited</#if> to manage ${storeName} as ${role}. Open the link, enter your name and accept by ${expiryDate}, ${expiryTime}: ${acceptUrl}
