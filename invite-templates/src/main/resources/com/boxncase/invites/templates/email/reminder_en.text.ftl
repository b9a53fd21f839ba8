Hello,

A reminder: <#if hasInviterName>${inviterName} has invited you<#else>you have been invited</#if> to help manage ${storeName} as ${role}.<#if roleDescription?has_content> ${roleDescription}</#if>
<#if hasPersonalNote>

<#if hasInviterName>${inviterName} wrote<#else>The invitation says</#if>:
"${personalNote}"
</#if>

To accept, open this link:
${acceptUrl}

What happens next: the link opens a page that shows this invitation. Enter your name and choose Accept, then sign in <#if hasSignInUrl>at ${signInUrl} </#if>with your platform account to start working in ${storeName}.

This invitation expires ${expiresIn}, on ${expiryDateTime}. After that the link no longer works; ask <#if hasInviterName>${inviterName}<#else>the store</#if> for a new invitation.

This invitation was sent to ${inviteeEmail}. If you did not expect it, you can ignore this email: nothing happens unless you accept.
