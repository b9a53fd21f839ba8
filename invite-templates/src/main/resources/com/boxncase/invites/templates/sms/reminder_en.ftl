Reminder: your invitation to manage ${storeName} as ${role} expires ${expiresIn} (${expiryDate}, ${expiryTime}). Accept: ${acceptUrl}
