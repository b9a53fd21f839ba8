${inviterName} invited you to manage ${storeName}
