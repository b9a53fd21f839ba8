Neue Einladung für ${storeName} als ${role}; der frühere Link gilt nicht mehr. Link öffnen und bis ${expiryDate}, ${expiryTime} annehmen: ${acceptUrl}
