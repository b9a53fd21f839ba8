<#if hasInviterName>${inviterName} hat Ihnen eine neue Einladung für ${storeName} gesendet<#else>Neue Einladung für ${storeName}</#if>
