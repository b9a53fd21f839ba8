Reminder: your invitation to manage ${storeName} expires ${expiresIn}
