Reminder: your invitation to ${storeName} expires on ${expiryDate}. Accept: ${acceptUrl}
