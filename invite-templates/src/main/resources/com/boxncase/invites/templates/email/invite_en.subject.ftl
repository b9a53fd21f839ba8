<#if hasInviterName>${inviterName} invited you to manage ${storeName}<#else>You're invited to manage ${storeName}</#if>
