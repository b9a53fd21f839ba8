<#if hasInviterName>${inviterName} hat Sie eingeladen, ${storeName} mitzuverwalten<#else>Sie sind eingeladen, ${storeName} mitzuverwalten</#if>
