${inviterName} invited you to manage ${storeName} as ${role}. Accept by ${expiryDate}: ${acceptUrl}
