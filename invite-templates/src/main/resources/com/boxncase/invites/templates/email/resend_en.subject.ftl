<#if hasInviterName>${inviterName} sent you a new invitation to manage ${storeName}<#else>New invitation to manage ${storeName}</#if>
