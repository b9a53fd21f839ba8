Erinnerung: Ihre Einladung zu ${storeName} läuft am ${expiryDate} ab. Annehmen: ${acceptUrl}
