New invitation to manage ${storeName} as ${role}; the earlier link no longer works. Open the link and accept by ${expiryDate}, ${expiryTime}: ${acceptUrl}
